// Subqueries (13) and EXISTS / IN (subquery) in DP CTEs (14).
import type { Scope, Subquery } from '../../sql/model';
import { finding, type DpContext, type DpRule } from './context';

/** The CTE a scope sits in, looking through nested subqueries. */
function cteOf(scope: Scope): string | undefined {
  if (scope.kind === 'cte') return scope.cte;
  if (scope.kind === 'subquery') return cteOf(scope.outer);
  return undefined;
}

function inDpCte(ctx: DpContext, sub: Subquery): string | undefined {
  const name = cteOf(sub.outer);
  return name && ctx.model.ctes.some((c) => c.name === name && c.involvesDp) ? name : undefined;
}

const predicateInCte = (ctx: DpContext, sub: Subquery) => !!sub.predicate && !!inDpCte(ctx, sub);

export const subqueries: DpRule = {
  code: 'DP013',
  name: 'Subquery',
  summary: 'subqueries',
  rules: [13],
  check: (ctx) => {
    const out = [];
    const strict = ctx.options.subqueries === 'strict';
    for (const sub of ctx.model.subqueries) {
      if (predicateInCte(ctx, sub)) continue; // DP014 reports these
      const derived = sub.clause === 'from' || sub.clause === 'join';
      if (sub.involvesDp && !derived) {
        out.push(
          finding(
            'error',
            'Subqueries that read differential-privacy tables are only allowed in FROM/JOIN; rewrite this one as a CTE (WITH name AS (SELECT <user id>, ...)) and join it on the user identifier column.',
            sub.span,
          ),
        );
      } else if (strict) {
        out.push(
          finding(
            'error',
            'Subqueries are not supported in differential-privacy queries (strict setting: the query-structure note says "Sub-queries are not supported"); rewrite it as a CTE.',
            sub.span,
          ),
        );
      } else if (sub.involvesDp) {
        out.push(
          finding(
            'warning',
            'A derived table over differential-privacy data is allowed by the current SQL-capabilities page but not by the query-structure note; the service may reject it. A CTE is always accepted. The CTE rules are applied to it.',
            sub.span,
          ),
        );
      } else {
        out.push(
          finding(
            'warning',
            'Subqueries in a differential-privacy query are allowed by the current documentation only when they read no differential-privacy table, and older revisions reject them; the service may reject it. Consider a CTE.',
            sub.span,
          ),
        );
      }
    }
    return out;
  },
};

export const noExistsInCte: DpRule = {
  code: 'DP014',
  name: 'ExistsOrInSubqueryInCte',
  summary: 'EXISTS / IN (subquery) in a DP CTE',
  rules: [14, 13],
  check: (ctx) =>
    ctx.model.subqueries
      .filter((sub) => predicateInCte(ctx, sub))
      .map((sub) =>
        finding(
          'error',
          `${sub.predicate} with a subquery cannot be used in CTE '${inDpCte(ctx, sub)}' on differential-privacy data; join the other table on the user identifier column instead (an IN list of literals is fine).`,
          {
            start: sub.predicateSpan?.start ?? sub.span.start,
            end: sub.span.end,
          },
        ),
      ),
};

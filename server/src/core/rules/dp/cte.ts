// CTE rules: emit the user identifier (15, 18), aggregate per user (16), allowed aggregates (17),
// no ORDER BY (21) and no LIMIT/OFFSET (22) in CTEs over DP data.
import type { RelatedInfo, Span } from '../../types';
import type { Select } from '../../sql/model';
import { dpAllowance, functionEntry, FUNCTIONS } from '../../catalog';
import { isDpRef } from '../../sql/resolve';
import {
  finding,
  dpSourcesOf,
  groupedExpr,
  isUserIdColumn,
  ungroupedColumns,
  schemaRelated,
  userIdExpression,
  type CteLike,
  type DpContext,
  type DpRule,
} from './context';

/** For messages: the aggregates rule 17 allows in DP CTEs. */
const CTE_ALLOWED = FUNCTIONS.filter((f) => f.kind === 'aggregate' && f.cte === 'yes')
  .map((f) => f.name)
  .join(', ');

/** The DP user-identifier column name a select should emit (for messages). */
/** A label (`CTE 'x'`, `the derived table`) starting a sentence. */
const atStart = (label: string) => label[0].toUpperCase() + label.slice(1);

function expectedUserId(ctx: DpContext, sel: Select, q: CteLike): string {
  return (
    userIdExpression(sel)?.text ??
    dpSourcesOf(q.query, ctx.model)[0]?.userIdColumn ??
    'the user identifier column'
  );
}

/** Where the explanation lives: the schema declaration, or the upstream CTE that dropped the user id. */
function relatedFor(ctx: DpContext, sel: Select): RelatedInfo[] {
  for (const ref of sel.from) {
    if (!isDpRef(ref)) continue;
    if (ref.target.kind === 'schema') return schemaRelated(ref.target.table);
    if (ref.target.kind === 'cte' && !ref.target.outputs.some((o) => o.userIdOf?.length)) {
      const name = ref.target.cte;
      const cte = ctx.model.ctes.find((c) => c.name === name);
      if (cte)
        return [
          {
            message: `CTE '${cte.name}' does not output the user identifier column.`,
            target: 'template',
            span: cte.query.selects[0]?.itemsSpan ?? cte.nameSpan,
          },
        ];
    }
  }
  return [];
}

export const cteEmitsUserId: DpRule = {
  code: 'DP015',
  name: 'CteWithoutUserId',
  summary: 'DP CTE without the user identifier',
  rules: [15, 18],
  check: (ctx) => {
    const out = [];
    for (const q of ctx.cteLike) {
      for (const sel of q.query.selects) {
        if (!sel.from.some(isDpRef)) continue;
        const emits = sel.items.some(
          (i) =>
            isUserIdColumn(i.expr) ||
            (i.expr.kind === 'star' && q.query.outputs.some((o) => o.userIdOf?.length)),
        );
        if (emits) continue;
        const uid = userIdExpression(sel);
        const col = expectedUserId(ctx, sel, q);
        const branch =
          q.query.selects.length > 1 ? ' (every branch of a set operation must output it)' : '';
        out.push(
          finding(
            'error',
            `${atStart(q.label)} reads differential-privacy data but does not select its user identifier column '${col}'${branch}; start the select list with '${col}'.`,
            sel.itemsSpan,
            {
              related: relatedFor(ctx, sel),
              ...(uid
                ? {
                    fixes: [
                      {
                        title: `Add '${uid.text}' to the select list`,
                        edits: [
                          {
                            span: { start: sel.itemsSpan.start, end: sel.itemsSpan.start },
                            newText: `${uid.text}, `,
                          },
                        ],
                        preferred: true,
                      },
                    ],
                  }
                : {}),
            },
          ),
        );
      }
    }
    return out;
  },
};

export const cteAggregatesPerUser: DpRule = {
  code: 'DP016',
  name: 'CteNotGroupedPerUser',
  summary: 'DP CTE not grouped per user',
  rules: [16],
  check: (ctx) => {
    const out = [];
    for (const q of ctx.cteLike) {
      for (const sel of q.query.selects) {
        if (!sel.from.some(isDpRef)) continue;
        const col = expectedUserId(ctx, sel, q);
        if (sel.groupBy) {
          if (sel.groupBy.items.some((e) => isUserIdColumn(groupedExpr(sel, e)))) {
            for (const c of ungroupedColumns(sel, ctx.template.text)) {
              const name = ctx.template.text.slice(c.span.start, c.span.end);
              out.push(
                finding(
                  'error',
                  `Column '${name}' in ${q.label} is neither in GROUP BY nor inside an aggregate, so the CTE has no single value of it per group (Spark rejects it); add it to GROUP BY next to the user identifier, or aggregate it per user (MAX(${name}), ...).`,
                  c.span,
                ),
              );
            }
            continue;
          }
          const last = sel.groupBy.items[sel.groupBy.items.length - 1];
          const uid = userIdExpression(sel);
          out.push(
            finding(
              'error',
              `${atStart(q.label)} groups differential-privacy data without the user identifier column; add '${col}' to GROUP BY (and to the select list) so the CTE keeps one row per user.`,
              sel.groupBy.span,
              {
                related: relatedFor(ctx, sel),
                ...(uid && last && !sel.groupBy.extended.length
                  ? {
                      fixes: [
                        {
                          title: `Add '${uid.text}' to GROUP BY`,
                          edits: [
                            {
                              span: { start: last.span.end, end: last.span.end },
                              newText: `, ${uid.text}`,
                            },
                          ],
                          preferred: true,
                        },
                      ],
                    }
                  : {}),
              },
            ),
          );
        } else if (sel.aggregates.length) {
          const agg = sel.aggregates[0];
          out.push(
            finding(
              'error',
              `${atStart(q.label)} aggregates differential-privacy data across users; add 'GROUP BY ${col}' so the aggregate is computed per user.`,
              agg.span,
              { related: relatedFor(ctx, sel) },
            ),
          );
        }
      }
    }
    return out;
  },
};

export const cteAggregates: DpRule = {
  code: 'DP017',
  name: 'CteAggregateNotAllowed',
  summary: 'aggregate not allowed in a DP CTE',
  rules: [17],
  check: (ctx) => {
    const out = [];
    for (const q of ctx.cteLike) {
      for (const sel of q.query.selects) {
        for (const agg of sel.aggregates) {
          const entry = functionEntry(agg.name);
          const allowed = dpAllowance(entry, 'cte', {
            over: false,
            aggregateSyntax: !!agg.aggregateSyntax,
          });
          if (allowed === 'yes') continue;
          out.push(
            finding(
              allowed === 'maybe' ? 'warning' : 'error',
              allowed === 'maybe'
                ? `${agg.name} in ${q.label} is documented only for the legacy Clean Rooms SQL engine (or only in its APPROXIMATE form); the service may reject it.`
                : `${entry ? 'Aggregate' : 'Unknown aggregate'} ${agg.name} is not supported in CTEs on differential-privacy data; use one of ${CTE_ALLOWED}.`,
              agg.span,
            ),
          );
        }
      }
    }
    return out;
  },
};

export const cteNoOrderBy: DpRule = {
  code: 'DP021',
  name: 'CteOrderBy',
  summary: 'ORDER BY in a DP CTE',
  rules: [21],
  check: (ctx) =>
    ctx.cteLike.flatMap((q) =>
      q.query.orderBy
        ? [
            finding(
              'error',
              `ORDER BY is not allowed in ${q.label} on differential-privacy data (only inside a window function's OVER clause); remove it, or sort in the final SELECT.`,
              q.query.orderBy.span,
              {
                fixes: [
                  {
                    title: 'Remove the ORDER BY clause',
                    edits: [removal(ctx.template.text, q.query.orderBy.span)],
                    preferred: true,
                  },
                ],
              },
            ),
          ]
        : [],
    ),
};

/**
 * Removes a clause with the blanks before it, so `... GROUP BY a ORDER BY b)` becomes
 * `... GROUP BY a)` and a clause alone on its line takes the line with it.
 */
function removal(text: string, span: Span): { span: Span; newText: string } {
  let start = span.start;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  if (text[start - 1] === '\n') {
    const lineEnd = /^[ \t]*(\r?\n|$)/.exec(text.slice(span.end));
    if (lineEnd) {
      const crlf = text[start - 2] === '\r' ? 2 : 1;
      return {
        span: { start: start - crlf, end: span.end + lineEnd[0].length - lineEnd[1].length },
        newText: '',
      };
    }
  }
  return { span: { start, end: span.end }, newText: '' };
}

export const cteNoLimit: DpRule = {
  code: 'DP022',
  name: 'CteLimitOffset',
  summary: 'LIMIT / OFFSET in a DP CTE',
  rules: [22],
  check: (ctx) =>
    ctx.cteLike.flatMap((q) =>
      (
        [
          ['LIMIT', q.query.limit],
          ['OFFSET', q.query.offset],
        ] as const
      ).flatMap(([kw, clause]) =>
        clause
          ? [
              finding(
                'error',
                `${kw} is not allowed in ${q.label} on differential-privacy data; remove it (LIMIT and OFFSET are allowed in the final SELECT).`,
                clause.span,
                {
                  fixes: [
                    {
                      title: `Remove the ${kw} clause`,
                      edits: [removal(ctx.template.text, clause.span)],
                      preferred: true,
                    },
                  ],
                },
              ),
            ]
          : [],
      ),
    ),
};

// The final SELECT: allowed aggregates in SELECT / HAVING / ORDER BY (28, 30), it must aggregate
// DP data (29), no set operators (18, 32), no aggregate nested in another (34, everywhere).
import { walkExpr, type FunctionCall } from '../../sql/model';
import { dpAllowance, functionEntry } from '../../catalog';
import {
  allSelects,
  callsIn,
  finding,
  type Finding,
  groupedExpr,
  isUserIdColumn,
  type DpRule,
  ungroupedColumns,
} from './context';

const ALLOWED = 'COUNT, COUNT(DISTINCT ...), SUM, AVG or STDDEV';

export const finalAggregates: DpRule = {
  code: 'DP028',
  name: 'FinalAggregateNotAllowed',
  summary: 'aggregate not allowed in the final SELECT',
  rules: [28, 30],
  check: (ctx) => {
    const out: Finding[] = [];
    for (const sel of ctx.finalSelects) {
      const calls = callsIn(sel, ctx.model.final).filter((c) => c.aggregate);
      for (const c of calls) {
        const where =
          c.clause === 'having'
            ? 'HAVING of the final SELECT'
            : c.clause === 'orderBy'
              ? 'ORDER BY of the final SELECT'
              : 'final SELECT';
        const entry = functionEntry(c.name);
        const allowed = dpAllowance(entry, 'final', {
          over: false,
          aggregateSyntax: !!c.aggregateSyntax,
        });
        if (allowed === 'maybe') {
          out.push(
            finding(
              'warning',
              `${c.name} is not documented for the ${where} (documented: ${ALLOWED}); the service may reject it.${c.name === 'STDDEV_POP' ? ' Use STDDEV.' : ''}`,
              c.span,
            ),
          );
        } else if (allowed === 'no') {
          out.push(
            finding(
              'error',
              `${entry ? 'Aggregate' : 'Unknown aggregate'} ${c.name} is not supported in the ${where} of a differential-privacy query; use ${ALLOWED}. To use ${c.name}, compute it per user in a CTE grouped by the user identifier column and aggregate that value here.`,
              c.span,
            ),
          );
        } else if (c.distinct && c.name !== 'COUNT') {
          out.push(
            finding(
              'error',
              `${c.name}(DISTINCT ...) is not supported in the ${where} of a differential-privacy query (only COUNT takes DISTINCT); use ${c.name} without DISTINCT, or deduplicate per user in a CTE.`,
              c.span,
            ),
          );
        }
      }
    }
    return out;
  },
};

export const finalMustAggregate: DpRule = {
  code: 'DP029',
  name: 'FinalSelectNotAggregated',
  summary: 'final SELECT does not aggregate',
  rules: [29],
  check: (ctx) => {
    const out: Finding[] = [];
    for (const sel of ctx.finalSelects) {
      if (!sel.aggregates.length) {
        out.push(
          finding(
            'error',
            `The final SELECT of a differential-privacy query must aggregate the data (${ALLOWED}); it cannot return row-level records. For example: SELECT ..., COUNT(DISTINCT <user id>) ... GROUP BY ....`,
            sel.itemsSpan,
          ),
        );
        continue;
      }
      const final = ctx.model.final;
      const clauses = [
        ...(sel.having ? [sel.having] : []),
        ...(final.selects.length === 1 ? (final.orderBy?.items ?? []) : []),
      ];
      for (const c of ungroupedColumns(sel, ctx.template.text, clauses)) {
        const name = ctx.template.text.slice(c.span.start, c.span.end);
        out.push(
          finding(
            'error',
            `Column '${name}' is neither in GROUP BY nor inside an aggregate, so the final SELECT would use it row by row (Spark rejects it); add it to GROUP BY, or aggregate it (${ALLOWED}).`,
            c.span,
          ),
        );
      }
      const byUser = sel.groupBy?.items.find((e) => isUserIdColumn(groupedExpr(sel, e)));
      if (byUser) {
        out.push(
          finding(
            'warning',
            'Grouping the final SELECT by the user identifier column produces one row per user; the service may reject it, and the noise makes per-user results useless. Group per user in a CTE and aggregate across users here.',
            byUser.span,
          ),
        );
      }
    }
    return out;
  },
};

export const noFinalSetOps: DpRule = {
  code: 'DP032',
  name: 'FinalSetOperator',
  summary: 'set operator in the final SELECT',
  rules: [18, 32],
  check: (ctx) =>
    ctx.model.final.selects.length > 1 && ctx.finalSelects.length
      ? ctx.model.final.setOps.map((op) =>
          finding(
            'error',
            `${op.value} is not supported in the final SELECT of a differential-privacy query; move the set operation into a CTE (each branch selecting the user identifier) and aggregate the CTE in the final SELECT.`,
            op.span,
          ),
        )
      : [],
};

export const noNestedAggregates: DpRule = {
  code: 'DP034',
  name: 'NestedAggregate',
  summary: 'aggregate nested in an aggregate',
  rules: [34],
  check: (ctx) => {
    const out: Finding[] = [];
    for (const { sel, query } of allSelects(ctx.model)) {
      for (const outer of callsIn(sel, query).filter((c) => c.aggregate || c.over)) {
        let inner: FunctionCall | undefined;
        for (const a of outer.args)
          walkExpr(a, (e) => {
            if (!inner && e.kind === 'function' && e.call.aggregate) inner = e.call;
          });
        if (!inner || !outer.aggregate) continue;
        out.push(
          finding(
            'error',
            `Aggregate ${inner.name} is nested inside ${outer.name}; compute ${inner.name} per user in a CTE grouped by the user identifier column, then apply ${outer.name} to that column in the final SELECT.`,
            outer.span,
          ),
        );
      }
    }
    return out;
  },
};

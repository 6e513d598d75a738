// Window functions: user id in PARTITION BY inside DP CTEs (19), no window LISTAGG /
// PERCENTILE_* (20), none in the final SELECT (31).
import { dpAllowance, functionEntry } from '../../catalog';
import { isDpRef } from '../../sql/resolve';
import { callsIn, finding, isUserIdColumn, userIdExpression, type DpRule } from './context';

/** Rule 20: the functions that have no window form (the others are rule 19's or 31's). */
const noWindowForm = (name: string) => !!functionEntry(name)?.rules.includes(20);

export const windowPartitionByUser: DpRule = {
  code: 'DP019',
  name: 'CteWindowNotPartitionedByUserId',
  summary: 'window in a DP CTE not partitioned by the user id',
  rules: [19],
  check: (ctx) => {
    const out = [];
    for (const q of ctx.cteLike) {
      for (const sel of q.query.selects) {
        if (!sel.from.some(isDpRef)) continue;
        for (const w of sel.windows) {
          if (noWindowForm(w.name)) continue; // DP020
          const over = w.over!;
          const entry = functionEntry(w.name);
          const allowed = dpAllowance(entry, 'cte', {
            over: true,
            aggregateSyntax: !!w.aggregateSyntax,
          });
          if (allowed === 'maybe') {
            out.push(
              finding(
                'warning',
                `Window function ${w.name} is not in the documented list for differential-privacy CTEs; the service may reject it.`,
                w.nameSpan,
              ),
            );
          } else if (allowed === 'no') {
            const what =
              entry?.kind === 'aggregate'
                ? `${w.name} is not allowed in differential-privacy CTEs, as an aggregate or as a window`
                : entry
                  ? `${w.name} is not a window function`
                  : `${w.name} is not a known window function of the Clean Rooms Spark SQL engine`;
            out.push(
              finding(
                'error',
                `${what}; differential-privacy CTEs allow only the documented window functions (ROW_NUMBER, RANK, LAG, SUM, ...).`,
                w.nameSpan,
              ),
            );
          }
          if (over.partitionBy.some(isUserIdColumn)) continue;
          const uid = userIdExpression(sel);
          const col = uid?.text ?? 'the user identifier column';
          const last = over.partitionBy[over.partitionBy.length - 1];
          const openParen = ctx.template.text.indexOf('(', over.span.start);
          const edit = last
            ? { span: { start: last.span.end, end: last.span.end }, newText: `, ${col}` }
            : openParen >= 0 && openParen < over.span.end
              ? {
                  span: { start: openParen + 1, end: openParen + 1 },
                  newText: `PARTITION BY ${col}${over.orderBy.length ? ' ' : ''}`,
                }
              : undefined;
          out.push(
            finding(
              'error',
              `Window function ${w.name} in ${q.label} must include the user identifier column in PARTITION BY; write OVER (PARTITION BY ${last ? `${ctx.template.text.slice(over.partitionBy[0].span.start, last.span.end)}, ` : ''}${col}${over.orderBy.length ? ' ORDER BY ...' : ''}).`,
              w.span,
              {
                ...(uid && edit
                  ? { fixes: [{ title: `Partition by '${col}'`, edits: [edit], preferred: true }] }
                  : {}),
              },
            ),
          );
        }
      }
    }
    return out;
  },
};

export const noWindowPercentiles: DpRule = {
  code: 'DP020',
  name: 'WindowFunctionNotAllowed',
  summary: 'window LISTAGG / PERCENTILE_CONT / PERCENTILE_DISC',
  rules: [20],
  check: (ctx) =>
    ctx.model.functions
      .filter((f) => f.over && noWindowForm(f.name))
      .map((f) =>
        finding(
          'error',
          `${f.name} cannot be used as a window function in a differential-privacy query; use the aggregate ${f.name} with GROUP BY instead.`,
          f.span,
        ),
      ),
};

export const noFinalWindows: DpRule = {
  code: 'DP031',
  name: 'FinalWindowFunction',
  summary: 'window function in the final SELECT',
  rules: [31],
  check: (ctx) => {
    // The final query's ORDER BY is part of the final SELECT too (Spark allows windows there);
    // a set operation's branches share it, so each call is reported once.
    const windows = new Set(
      ctx.finalSelects.flatMap((sel) => [
        ...sel.windows,
        ...callsIn(sel, ctx.model.final).filter((c) => c.over),
      ]),
    );
    return [...windows]
      .filter((w) => !noWindowForm(w.name))
      .map((w) =>
        finding(
          'error',
          `Window functions are not supported in the final SELECT of a differential-privacy query; compute ${w.name} in a CTE (partitioned by the user identifier) and aggregate its result here.`,
          w.span,
        ),
      );
  },
};

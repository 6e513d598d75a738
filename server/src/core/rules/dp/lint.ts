// Lint only, never INVALID: functions outside the documented lists (38) and constructs prone to
// overflow or invalid casts at run time (44).
import { walkExpr } from '../../sql/model';
import { dpAllowance, functionEntry } from '../../catalog';
import { allSelects, finding, type Finding, type DpRule } from './context';
import { selectExprs } from '../../sql/resolve';

export const documentedFunctions: DpRule = {
  code: 'DP038',
  name: 'UndocumentedFunction',
  summary: 'function outside the documented lists',
  rules: [38],
  check: (ctx) =>
    ctx.model.functions
      // Aggregates and window functions have closed lists of their own (rules 17, 19, 28, 31).
      .filter(
        (f) =>
          !f.aggregate &&
          !f.over &&
          dpAllowance(functionEntry(f.name), 'cte', {
            over: false,
            aggregateSyntax: !!f.aggregateSyntax,
          }) === 'maybe',
      )
      .map((f) => {
        const known = functionEntry(f.name);
        const what = known
          ? `Function ${f.name} is not in the documented differential-privacy function lists`
          : `Function ${f.name} is not a documented function of the Clean Rooms Spark SQL engine`;
        return finding(
          'warning',
          `${what}; the service may reject it. Prefer a documented equivalent.`,
          f.nameSpan,
        );
      }),
};

export const runtimeErrors: DpRule = {
  code: 'DP044',
  name: 'RuntimeOverflowOrCast',
  summary: 'construct that can overflow or fail to cast at run time',
  rules: [44],
  check: (ctx) => {
    const out: Finding[] = [];
    // A hint by default: nearly every AVG/SUM is flagged, and a Problems entry for each is noise.
    const severity = ctx.options.overflowWarnings ? 'warning' : 'hint';
    for (const f of ctx.model.functions) {
      if (!functionEntry(f.name)?.overflow) continue;
      out.push(
        finding(
          severity,
          `${f.name} can fail at run time with an overflow or conversion error even in a valid differential-privacy query (CastError / OverflowError / ConversionError); keep its inputs in range.`,
          f.nameSpan,
        ),
      );
    }
    for (const { sel } of allSelects(ctx.model)) {
      for (const e of selectExprs(sel)) {
        walkExpr(e, (x) => {
          if (x.kind === 'cast' && x.form === 'CAST') {
            out.push(
              finding(
                severity,
                `CAST to ${x.type} can fail at run time with an invalid-cast error even in a valid differential-privacy query; make sure every value converts.`,
                { start: x.span.start, end: x.span.start + 4 },
              ),
            );
          }
        });
      }
    }
    return out;
  },
};

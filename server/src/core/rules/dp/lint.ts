// Lint only, never INVALID: functions outside the documented lists (38) and constructs prone to
// overflow or invalid casts at run time (44).
import type { Diagnostic } from '../../types';
import { walkExpr } from '../../sql/model';
import { ARRAY_FUNCTIONS } from './constructs';
import { allSelects, diag, type DpRule } from './context';
import { selectExprs } from '../../sql/resolve';

export const DOCUMENTED_FUNCTIONS = new Set([
  // conditional
  'COALESCE', 'GREATEST', 'LEAST', 'NVL', 'NVL2', 'NULLIF', 'DECODE',
  // date-time
  'ADD_MONTHS', 'CONVERT_TIMEZONE', 'CURRENT_DATE', 'DATEADD', 'DATEDIFF', 'DATE_PART', 'DATE_TRUNC', 'EXTRACT', 'TO_TIMESTAMP',
  // string
  'BTRIM', 'CHAR_LENGTH', 'CHARACTER_LENGTH', 'CONCAT', 'LEFT', 'RIGHT', 'LEN', 'LENGTH', 'LOWER', 'LPAD', 'RPAD', 'LTRIM',
  'POSITION', 'REGEXP_COUNT', 'REGEXP_INSTR', 'REGEXP_REPLACE', 'REGEXP_SUBSTR', 'REPEAT', 'REPLACE', 'REVERSE', 'RTRIM',
  'SPLIT_PART', 'SUBSTRING', 'TRANSLATE', 'TRIM', 'UPPER',
  // type formatting
  'CAST', 'TO_CHAR', 'TO_DATE', 'TO_NUMBER',
  // hash
  'AES_ENCRYPT', 'AES_DECRYPT', 'ENCODE', 'MD5', 'SHA1', 'SHA2', 'XX_HASH64',
  // math
  'ABS', 'ACOS', 'ASIN', 'ATAN', 'ATAN2', 'CBRT', 'CEILING', 'CEIL', 'COS', 'COT', 'DEGREES', 'EXP', 'FLOOR', 'LN', 'LOG',
  'MOD', 'PI', 'POWER', 'RADIANS', 'RANDOM', 'ROUND', 'SIGN', 'SIN', 'SQRT', 'TRUNC',
  // VARBYTE, JSON
  'UNHEX', 'UNBASE64', 'HEX', 'HLL_SKETCH_AGG', 'HLL_SKETCH_ESTIMATE', 'HLL_UNION', 'HLL_UNION_AGG', 'TO_JSON', 'GET_JSON_OBJECT',
  // aggregates and window functions (their placement is checked by DP017, DP019, DP028)
  'ANY_VALUE', 'APPROXIMATE PERCENTILE_DISC', 'AVG', 'COUNT', 'MAX', 'MEDIAN', 'MIN', 'PERCENTILE_CONT', 'PERCENTILE_DISC',
  'STDDEV', 'STDDEV_SAMP', 'STDDEV_POP', 'SUM', 'VAR_SAMP', 'VAR_POP', 'VARIANCE', 'LISTAGG', 'CUME_DIST', 'DENSE_RANK',
  'FIRST_VALUE', 'LAG', 'LAST_VALUE', 'LEAD', 'NTH_VALUE', 'NTILE', 'PERCENT_RANK', 'RANK', 'ROW_NUMBER',
]);

export const documentedFunctions: DpRule = {
  code: 'DP038',
  rules: [38],
  check: (ctx) =>
    ctx.model.functions
      .filter((f) => !DOCUMENTED_FUNCTIONS.has(f.name) && !ARRAY_FUNCTIONS.has(f.name))
      .map((f) => diag('DP038', [38], 'warning', `Function ${f.name} is not in the documented differential-privacy function lists; the service may reject it. Prefer a documented equivalent.`, f.nameSpan)),
};

const OVERFLOW_PRONE = new Set(['AVG', 'SUM', 'TO_TIMESTAMP', 'TO_DATE', 'ADD_MONTHS', 'DATEADD', 'DATEDIFF', 'POWER', 'CONCAT', 'REPEAT', 'REPLICATE', 'RATIO_TO_REPORT', 'PERCENTILE_DISC', 'LISTAGG', 'PERCENTILE_CONT']);

export const runtimeErrors: DpRule = {
  code: 'DP044',
  rules: [44],
  check: (ctx) => {
    const out: Diagnostic[] = [];
    // A hint by default: nearly every AVG/SUM is flagged, and a Problems entry for each is noise.
    const severity = ctx.options.overflowWarnings ? 'warning' : 'hint';
    for (const f of ctx.model.functions) {
      if (!OVERFLOW_PRONE.has(f.name)) continue;
      out.push(diag('DP044', [44], severity, `${f.name} can fail at run time with an overflow or conversion error even in a valid differential-privacy query (CastError / OverflowError / ConversionError); keep its inputs in range.`, f.nameSpan));
    }
    for (const { sel } of allSelects(ctx.model)) {
      for (const e of selectExprs(sel)) {
        walkExpr(e, (x) => {
          if (x.kind === 'cast' && x.form === 'CAST') {
            out.push(diag('DP044', [44], severity, `CAST to ${x.type} can fail at run time with an invalid-cast error even in a valid differential-privacy query; make sure every value converts.`, { start: x.span.start, end: x.span.start + 4 }));
          }
        });
      }
    }
    return out;
  },
};

// What differential privacy allows for each function, as editor text (completion and hover).
// Source: shared/reference/dp-rules.md rules 17, 19, 20, 28, 31, 36, 37 and 38.

export type FunctionKind = 'aggregate' | 'window' | 'scalar' | 'array' | 'unsupported';

export interface FunctionInfo {
  name: string;
  kind: FunctionKind;
  /** Allowed in the final SELECT of a DP query. */
  final: boolean;
  /** Allowed in a CTE over DP data (with the condition in `note`, if any). */
  cte: boolean;
  note?: string;
  /** Snippet body after the name, e.g. `(${1:expr})`. */
  args?: string;
}

const FINAL_AGGREGATES = ['COUNT', 'SUM', 'AVG', 'STDDEV'];
const CTE_AGGREGATES = ['ANY_VALUE', 'MAX', 'MIN', 'MEDIAN', 'PERCENTILE_CONT', 'STDDEV_SAMP', 'STDDEV_POP', 'VAR_SAMP', 'VAR_POP', 'VARIANCE', 'LISTAGG'];
const WINDOWS = ['ROW_NUMBER', 'RANK', 'DENSE_RANK', 'PERCENT_RANK', 'CUME_DIST', 'NTILE', 'LAG', 'LEAD', 'FIRST_VALUE', 'LAST_VALUE', 'NTH_VALUE'];
const ARRAYS = ['ARRAY_CONTAINS', 'ARRAY_DISTINCT', 'ARRAY_EXCEPT', 'ARRAY_INTERSECT', 'ARRAY_JOIN', 'ARRAY_REMOVE', 'ARRAY_SORT', 'ARRAY_UNION'];
const SCALARS = [
  // conditional
  'COALESCE', 'GREATEST', 'LEAST', 'NVL', 'NVL2', 'NULLIF',
  // date-time
  'ADD_MONTHS', 'CONVERT_TIMEZONE', 'CURRENT_DATE', 'DATEADD', 'DATEDIFF', 'DATE_PART', 'DATE_TRUNC', 'EXTRACT', 'TO_TIMESTAMP',
  // string
  'BTRIM', 'CHAR_LENGTH', 'CHARACTER_LENGTH', 'CONCAT', 'LEFT', 'RIGHT', 'LEN', 'LENGTH', 'LOWER', 'LPAD', 'RPAD', 'LTRIM',
  'POSITION', 'REGEXP_COUNT', 'REGEXP_INSTR', 'REGEXP_REPLACE', 'REGEXP_SUBSTR', 'REPEAT', 'REPLACE', 'REVERSE', 'RTRIM',
  'SPLIT_PART', 'SUBSTRING', 'TRANSLATE', 'TRIM', 'UPPER',
  // type formatting
  'CAST', 'TO_CHAR', 'TO_DATE', 'TO_NUMBER',
  // hash
  'AES_ENCRYPT', 'AES_DECRYPT', 'ENCODE', 'DECODE', 'MD5', 'SHA1', 'SHA2', 'XX_HASH64',
  // math
  'ABS', 'ACOS', 'ASIN', 'ATAN', 'ATAN2', 'CBRT', 'CEILING', 'CEIL', 'COS', 'COT', 'DEGREES', 'EXP', 'FLOOR', 'LN', 'LOG',
  'MOD', 'PI', 'POWER', 'RADIANS', 'RANDOM', 'ROUND', 'SIGN', 'SIN', 'SQRT', 'TRUNC',
  // VARBYTE and JSON
  'UNHEX', 'UNBASE64', 'HEX', 'HLL_SKETCH_AGG', 'HLL_SKETCH_ESTIMATE', 'HLL_UNION', 'HLL_UNION_AGG', 'TO_JSON', 'GET_JSON_OBJECT',
];

const ARGS: Record<string, string> = {
  COUNT: '(DISTINCT ${1:user_id})',
  CAST: '(${1:expr} AS ${2:type})',
  EXTRACT: '(${1:part} FROM ${2:expr})',
  CURRENT_DATE: '',
  PI: '()',
  RANDOM: '()',
  ROW_NUMBER: '() OVER (PARTITION BY ${1:user_id} ORDER BY ${2:expr})',
  RANK: '() OVER (PARTITION BY ${1:user_id} ORDER BY ${2:expr})',
  DENSE_RANK: '() OVER (PARTITION BY ${1:user_id} ORDER BY ${2:expr})',
};

const CATALOG = new Map<string, FunctionInfo>();
const add = (info: FunctionInfo) => CATALOG.set(info.name, info);
for (const name of FINAL_AGGREGATES) {
  add({ name, kind: 'aggregate', final: true, cte: true, note: 'In a CTE over DP data, group by the user identifier column.' });
}
for (const name of CTE_AGGREGATES) {
  add({
    name,
    kind: 'aggregate',
    final: false,
    cte: true,
    note: `Only in CTEs grouped by the user identifier column; the final SELECT allows only ${FINAL_AGGREGATES.join(', ')}.${name === 'LISTAGG' ? ' LISTAGG needs the Clean Rooms SQL engine.' : ''}`,
  });
}
for (const name of WINDOWS) {
  add({ name, kind: 'window', final: false, cte: true, note: 'Window functions: only in CTEs, with the user identifier column in PARTITION BY.' });
}
for (const name of ARRAYS) add({ name, kind: 'array', final: false, cte: false, note: 'Array functions are not supported in DP queries.' });
for (const name of SCALARS) add({ name, kind: 'scalar', final: true, cte: true });
add({ name: 'SYSDATE', kind: 'unsupported', final: false, cte: false, note: 'Not supported in DP queries: use CURRENT_DATE.' });
add({ name: 'CONVERT', kind: 'unsupported', final: false, cte: false, note: 'Not supported in DP queries: use CAST(expr AS type).' });
for (const [name, args] of Object.entries(ARGS)) CATALOG.get(name)!.args = args;

export function functionInfo(name: string): FunctionInfo | undefined {
  return CATALOG.get(name.toUpperCase());
}

export function allFunctions(): FunctionInfo[] {
  return [...CATALOG.values()];
}

/** Where the function is used: `final` (final SELECT), `cte` (CTE or derived table), or unknown. */
export type FunctionPlace = 'final' | 'cte' | undefined;

/** One line on what DP allows for `info` at `place` (both places when unknown). */
export function dpAllowance(info: FunctionInfo, place: FunctionPlace): string {
  const where = (ok: boolean) => (ok ? 'allowed' : 'not allowed');
  const base =
    place === 'final'
      ? `DP: ${where(info.final)} in the final SELECT.`
      : place === 'cte'
        ? `DP: ${where(info.cte)} in a CTE over DP data.`
        : `DP: final SELECT ${where(info.final)}; CTE ${where(info.cte)}.`;
  // The notes explain the CTE conditions; in the final SELECT an allowed function needs none.
  return info.note && !(place === 'final' && info.final) ? `${base} ${info.note}` : base;
}

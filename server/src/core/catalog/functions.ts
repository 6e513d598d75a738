// Every function a Clean Rooms template may write, with what differential privacy allows for it:
// the one place this knowledge lives (rules, hover and completion all read it).
// Sources: the AWS Clean Rooms SQL Reference for the Spark engine (function pages by category),
// the DP capability pages behind dp-rules.md rules 17, 19, 20, 28, 31, 36, 37, 38 and 44, the
// legacy (Redshift-based) Clean Rooms SQL engine's reference, and open-source Spark built-ins.

/** `aggregate` collapses rows; `window` needs OVER; `generator` yields rows; `array` works on ARRAY values. */
export type FunctionKind = 'aggregate' | 'window' | 'scalar' | 'generator' | 'array';

/** Where the name is documented. */
export type FunctionSource =
  | 'spark' // the Clean Rooms SQL Reference, Spark engine
  | 'dp-docs' // only in the DP capability pages (Redshift spellings)
  | 'legacy' // only the legacy Clean Rooms SQL engine
  | 'spark-oss'; // an open-source Spark built-in the Clean Rooms reference does not document

/** `yes`: allowed; `maybe`: not documented for DP, the service may reject it (warning); `no`: rejected (error). */
export type Allowance = 'yes' | 'maybe' | 'no';

export interface FunctionEntry {
  /** Upper case, as the model names calls (`APPROXIMATE PERCENTILE_DISC` with its space). */
  name: string;
  kind: FunctionKind;
  source: FunctionSource;
  /** In a CTE over DP data (for window-only functions: with OVER, partitioned by the user id). */
  cte: Allowance;
  /** In the final SELECT of a DP query (window-only functions never: rule 31). */
  final: Allowance;
  /** With an OVER clause in a CTE over DP data. */
  window: Allowance;
  /** Can overflow or fail to convert at run time (rule 44). */
  overflow: boolean;
  /** The dp-rules.md rules that decide about it. */
  rules: number[];
  /** What an author needs to know beyond the allowances. */
  note?: string;
}

type Row = [name: string, source: FunctionSource, note?: string];

const OVERFLOW = new Set([
  'AVG',
  'SUM',
  'TO_TIMESTAMP',
  'TO_DATE',
  'ADD_MONTHS',
  'DATEADD',
  'DATEDIFF',
  'DATE_ADD',
  'DATE_DIFF',
  'POWER',
  'POW',
  'CONCAT',
  'REPEAT',
  'REPLICATE',
  'RATIO_TO_REPORT',
  'PERCENTILE_DISC',
  'LISTAGG',
  'PERCENTILE_CONT',
]);

/** Rule 17 (aggregates in DP CTEs). LISTAGG (legacy engine) and plain PERCENTILE_DISC are `maybe`. */
const CTE_AGGREGATES: Record<string, Allowance> = {
  ANY_VALUE: 'yes',
  'APPROXIMATE PERCENTILE_DISC': 'yes',
  AVG: 'yes',
  COUNT: 'yes',
  MAX: 'yes',
  MEDIAN: 'yes',
  MIN: 'yes',
  PERCENTILE_CONT: 'yes',
  STDDEV_SAMP: 'yes',
  STDDEV_POP: 'yes',
  STDDEV: 'yes',
  SUM: 'yes',
  VAR_SAMP: 'yes',
  VAR_POP: 'yes',
  VARIANCE: 'yes',
  LISTAGG: 'maybe',
  PERCENTILE_DISC: 'maybe',
};
/** Rule 28 (the final SELECT): STDDEV_SAMP is STDDEV's synonym; STDDEV_POP is open question Q6. */
const FINAL_AGGREGATES: Record<string, Allowance> = {
  COUNT: 'yes',
  SUM: 'yes',
  AVG: 'yes',
  STDDEV: 'yes',
  STDDEV_SAMP: 'yes',
  STDDEV_POP: 'maybe',
};
/** Rule 19 (window functions in DP CTEs). */
const CTE_WINDOWS = new Set([
  'AVG',
  'COUNT',
  'CUME_DIST',
  'DENSE_RANK',
  'FIRST_VALUE',
  'LAG',
  'LAST_VALUE',
  'LEAD',
  'MAX',
  'MEDIAN',
  'MIN',
  'NTH_VALUE',
  'STDDEV_SAMP',
  'STDDEV_POP',
  'STDDEV',
  'SUM',
  'VAR_SAMP',
  'VAR_POP',
  'VARIANCE',
  'NTILE',
  'PERCENT_RANK',
  'RANK',
  'ROW_NUMBER',
]);
/** Aggregates the Spark reference documents only as window functions. */
const SPARK_WINDOW_AGGREGATES = new Set(['FIRST', 'LAST']);
/** Rule 20: no window form. */
const NO_WINDOW_FORM = new Set([
  'LISTAGG',
  'PERCENTILE_CONT',
  'PERCENTILE_DISC',
  'APPROXIMATE PERCENTILE_DISC',
]);
/** Rule 38: the scalar functions the DP capability page lists for CTEs and the final SELECT. */
const DP_SCALARS = new Set([
  'COALESCE',
  'GREATEST',
  'LEAST',
  'NVL',
  'NVL2',
  'NULLIF',
  'ADD_MONTHS',
  'CONVERT_TIMEZONE',
  'CURRENT_DATE',
  'DATEADD',
  'DATEDIFF',
  'DATE_PART',
  'DATE_TRUNC',
  'EXTRACT',
  'TO_TIMESTAMP',
  'BTRIM',
  'CHAR_LENGTH',
  'CHARACTER_LENGTH',
  'CONCAT',
  'LEFT',
  'RIGHT',
  'LEN',
  'LENGTH',
  'LOWER',
  'LPAD',
  'RPAD',
  'LTRIM',
  'POSITION',
  'REGEXP_COUNT',
  'REGEXP_INSTR',
  'REGEXP_REPLACE',
  'REGEXP_SUBSTR',
  'REPEAT',
  'REPLACE',
  'REVERSE',
  'RTRIM',
  'SPLIT_PART',
  'SUBSTRING',
  'TRANSLATE',
  'TRIM',
  'UPPER',
  'CAST',
  'TO_CHAR',
  'TO_DATE',
  'TO_NUMBER',
  'AES_ENCRYPT',
  'AES_DECRYPT',
  'ENCODE',
  'DECODE',
  'MD5',
  'SHA1',
  'SHA2',
  'XX_HASH64',
  'ABS',
  'ACOS',
  'ASIN',
  'ATAN',
  'ATAN2',
  'CBRT',
  'CEILING',
  'CEIL',
  'COS',
  'COT',
  'DEGREES',
  'EXP',
  'FLOOR',
  'LN',
  'LOG',
  'MOD',
  'PI',
  'POWER',
  'RADIANS',
  'RANDOM',
  'ROUND',
  'SIGN',
  'SIN',
  'SQRT',
  'TRUNC',
  'UNHEX',
  'UNBASE64',
  'HEX',
  'HLL_SKETCH_ESTIMATE',
  'HLL_UNION',
  'TO_JSON',
  'GET_JSON_OBJECT',
]);

const AGGREGATES: Row[] = [
  // Spark reference, aggregate and hyperloglog categories
  ['ANY_VALUE', 'spark'],
  ['APPROX_COUNT_DISTINCT', 'spark'],
  ['APPROX_PERCENTILE', 'spark'],
  ['AVG', 'spark'],
  ['BOOL_AND', 'spark'],
  ['BOOL_OR', 'spark'],
  ['COLLECT_LIST', 'spark'],
  ['COLLECT_SET', 'spark'],
  ['COUNT', 'spark'],
  ['MAX', 'spark'],
  ['MEDIAN', 'spark'],
  ['MIN', 'spark'],
  ['PERCENTILE', 'spark'],
  ['SKEWNESS', 'spark'],
  ['STDDEV_SAMP', 'spark'],
  ['STDDEV', 'spark', 'Synonym of STDDEV_SAMP.'],
  ['STDDEV_POP', 'spark'],
  ['SUM', 'spark'],
  ['VAR_SAMP', 'spark'],
  ['VARIANCE', 'spark', 'Synonym of VAR_SAMP.'],
  ['VAR_POP', 'spark'],
  ['HLL_SKETCH_AGG', 'spark'],
  ['HLL_UNION_AGG', 'spark'],
  ['FIRST', 'spark', 'The Spark reference documents FIRST as a window function.'],
  ['LAST', 'spark', 'The Spark reference documents LAST as a window function.'],
  // named by the DP capability pages in their Redshift spelling
  ['APPROXIMATE PERCENTILE_DISC', 'dp-docs'],
  ['PERCENTILE_CONT', 'dp-docs'],
  ['PERCENTILE_DISC', 'dp-docs'],
  ['LISTAGG', 'legacy', 'Documented for the legacy Clean Rooms SQL engine only.'],
  ['APPROXIMATE COUNT', 'legacy'],
  // open-source Spark aggregates
  ['PERCENTILE_APPROX', 'spark-oss', 'Spark alias of APPROX_PERCENTILE.'],
  ['ARRAY_AGG', 'spark-oss', 'Spark alias of COLLECT_LIST.'],
  ['STRING_AGG', 'spark-oss'],
  ['CORR', 'spark-oss'],
  ['COVAR_POP', 'spark-oss'],
  ['COVAR_SAMP', 'spark-oss'],
  ['COUNT_IF', 'spark-oss'],
  ['MAX_BY', 'spark-oss'],
  ['MIN_BY', 'spark-oss'],
  ['KURTOSIS', 'spark-oss'],
  ['EVERY', 'spark-oss'],
  ['SOME', 'spark-oss'],
  ['BIT_AND', 'spark-oss'],
  ['BIT_OR', 'spark-oss'],
  ['BIT_XOR', 'spark-oss'],
  ['MODE', 'spark-oss'],
  ['FIRST_VALUE_AGG', 'spark-oss'],
  ['REGR_COUNT', 'spark-oss'],
  ['REGR_AVGX', 'spark-oss'],
  ['REGR_AVGY', 'spark-oss'],
  ['REGR_SLOPE', 'spark-oss'],
  ['REGR_INTERCEPT', 'spark-oss'],
  ['REGR_R2', 'spark-oss'],
  ['COUNT_MIN_SKETCH', 'spark-oss'],
  ['HISTOGRAM_NUMERIC', 'spark-oss'],
  ['TRY_AVG', 'spark-oss'],
  ['TRY_SUM', 'spark-oss'],
  ['GROUPING', 'spark-oss', 'Only meaningful with ROLLUP, CUBE or GROUPING SETS (rule 35).'],
  ['GROUPING_ID', 'spark-oss', 'Only meaningful with ROLLUP, CUBE or GROUPING SETS (rule 35).'],
];

const WINDOWS: Row[] = [
  ['CUME_DIST', 'spark'],
  ['DENSE_RANK', 'spark'],
  ['FIRST_VALUE', 'spark'],
  ['LAG', 'spark'],
  ['LAST_VALUE', 'spark'],
  ['LEAD', 'spark'],
  ['PERCENT_RANK', 'spark'],
  ['RANK', 'spark'],
  ['ROW_NUMBER', 'spark'],
  ['NTH_VALUE', 'dp-docs'],
  ['NTILE', 'dp-docs'],
  ['RATIO_TO_REPORT', 'legacy'],
];

const ARRAYS: Row[] = [
  ['ARRAY', 'spark'],
  ['ARRAY_CONTAINS', 'spark'],
  ['ARRAY_DISTINCT', 'spark'],
  ['ARRAY_EXCEPT', 'spark'],
  ['ARRAY_INTERSECT', 'spark'],
  ['ARRAY_JOIN', 'spark'],
  ['ARRAY_REMOVE', 'spark'],
  ['ARRAY_UNION', 'spark'],
  ['FLATTEN', 'spark'],
  ['ARRAY_SORT', 'dp-docs'],
  ['ARRAY_POSITION', 'spark-oss'],
  ['ARRAY_SIZE', 'spark-oss'],
  ['ARRAYS_OVERLAP', 'spark-oss'],
  ['ARRAY_MAX', 'spark-oss'],
  ['ARRAY_MIN', 'spark-oss'],
  ['ARRAY_INSERT', 'spark-oss'],
  ['ARRAY_APPEND', 'spark-oss'],
  ['ARRAY_COMPACT', 'spark-oss'],
  ['ARRAY_REPEAT', 'spark-oss'],
  ['ARRAYS_ZIP', 'spark-oss'],
  ['SEQUENCE', 'spark-oss'],
  ['SLICE', 'spark-oss'],
  ['SORT_ARRAY', 'spark-oss'],
  ['ELEMENT_AT', 'spark-oss'],
  ['ARRAY_CONCAT', 'legacy'],
  ['ARRAY_FLATTEN', 'legacy'],
  ['GET_ARRAY_LENGTH', 'legacy'],
  ['SPLIT_TO_ARRAY', 'legacy'],
  ['SUBARRAY', 'legacy'],
];

const GENERATORS: Row[] = [
  ['EXPLODE', 'spark'],
  ['EXPLODE_OUTER', 'spark-oss'],
  ['POSEXPLODE', 'spark-oss'],
  ['INLINE', 'spark-oss'],
  ['STACK', 'spark-oss'],
];

const SCALARS: Row[] = [
  // conditional
  ['COALESCE', 'spark'],
  ['GREATEST', 'spark'],
  ['LEAST', 'spark'],
  ['IF', 'spark'],
  ['IS_NULL', 'spark'],
  ['IS_NOT_NULL', 'spark'],
  ['NVL', 'spark'],
  ['NVL2', 'spark'],
  ['NULLIF', 'spark'],
  // constructors
  ['MAP', 'spark'],
  ['NAMED_STRUCT', 'spark'],
  ['STRUCT', 'spark'],
  // data type formatting
  ['BASE64', 'spark'],
  ['CAST', 'spark'],
  ['TRY_CAST', 'spark-oss'],
  [
    'DECODE',
    'spark',
    'In Spark, DECODE(binary, charset) decodes a character set; it is not the Redshift search/result DECODE.',
  ],
  ['ENCODE', 'spark'],
  ['HEX', 'spark'],
  ['STR_TO_MAP', 'spark'],
  ['TO_CHAR', 'spark'],
  ['TO_DATE', 'spark'],
  ['TO_NUMBER', 'spark'],
  ['UNBASE64', 'spark'],
  ['UNHEX', 'spark'],
  // date and time
  ['ADD_MONTHS', 'spark'],
  ['CONVERT_TIMEZONE', 'spark'],
  ['CURRENT_DATE', 'spark'],
  ['CURRENT_TIMESTAMP', 'spark'],
  ['DATE_ADD', 'spark', 'Adds days; renamed from DATEADD in the Spark reference.'],
  ['DATE_DIFF', 'spark', 'Renamed from DATEDIFF in the Spark reference.'],
  ['DATE_PART', 'spark'],
  ['DATEPART', 'spark'],
  ['DATE_TRUNC', 'spark'],
  ['DAY', 'spark'],
  ['DAYOFMONTH', 'spark'],
  ['DAYOFWEEK', 'spark'],
  ['DAYOFYEAR', 'spark'],
  ['EXTRACT', 'spark'],
  ['FROM_UTC_TIMESTAMP', 'spark'],
  ['HOUR', 'spark'],
  ['MINUTE', 'spark'],
  ['MONTH', 'spark'],
  ['SECOND', 'spark'],
  ['TIMESTAMP', 'spark'],
  ['TO_TIMESTAMP', 'spark'],
  ['YEAR', 'spark'],
  ['DATEADD', 'dp-docs'],
  ['DATEDIFF', 'dp-docs'],
  ['WEEKOFYEAR', 'dp-docs'],
  // encryption, hash, hyperloglog, JSON
  ['AES_ENCRYPT', 'spark'],
  ['AES_DECRYPT', 'spark'],
  ['MD5', 'spark'],
  ['SHA', 'spark'],
  ['SHA1', 'spark'],
  ['SHA2', 'spark'],
  ['XXHASH64', 'spark'],
  ['XX_HASH64', 'dp-docs'],
  ['HLL_SKETCH_ESTIMATE', 'spark'],
  ['HLL_UNION', 'spark'],
  ['GET_JSON_OBJECT', 'spark'],
  ['TO_JSON', 'spark'],
  // math
  ['ABS', 'spark'],
  ['ACOS', 'spark'],
  ['ASIN', 'spark'],
  ['ATAN', 'spark'],
  ['ATAN2', 'spark'],
  ['CBRT', 'spark'],
  ['CEIL', 'spark'],
  ['CEILING', 'spark'],
  ['COS', 'spark'],
  ['COT', 'spark'],
  ['DEGREES', 'spark'],
  ['EXP', 'spark'],
  ['FLOOR', 'spark'],
  ['LN', 'spark'],
  ['LOG', 'spark'],
  ['MOD', 'spark'],
  ['PI', 'spark'],
  ['POWER', 'spark'],
  ['POW', 'dp-docs'],
  ['RADIANS', 'spark'],
  ['RAND', 'spark'],
  ['RANDOM', 'spark'],
  ['ROUND', 'spark'],
  ['SIGN', 'spark'],
  ['SIN', 'spark'],
  ['SQRT', 'spark'],
  ['TRUNC', 'spark'],
  ['LOG10', 'dp-docs'],
  // scalar, string, privacy
  ['SIZE', 'spark'],
  ['CARDINALITY', 'spark', 'Listed under aggregates in the reference but works row by row.'],
  ['BTRIM', 'spark'],
  ['CONCAT', 'spark'],
  ['FORMAT_STRING', 'spark'],
  ['LEFT', 'spark'],
  ['RIGHT', 'spark'],
  ['LENGTH', 'spark'],
  ['LOWER', 'spark'],
  ['LPAD', 'spark'],
  ['RPAD', 'spark'],
  ['LTRIM', 'spark'],
  ['POSITION', 'spark'],
  ['REGEXP_COUNT', 'spark'],
  ['REGEXP_INSTR', 'spark'],
  ['REGEXP_REPLACE', 'spark'],
  ['REGEXP_SUBSTR', 'spark'],
  ['REPEAT', 'spark'],
  ['REPLACE', 'spark'],
  ['REVERSE', 'spark'],
  ['RTRIM', 'spark'],
  ['SPLIT', 'spark'],
  ['SPLIT_PART', 'spark'],
  ['SUBSTRING', 'spark'],
  ['TRANSLATE', 'spark'],
  ['TRIM', 'spark'],
  ['UPPER', 'spark'],
  ['UUID', 'spark'],
  ['CONSENT_GPP_V1_DECODE', 'spark'],
  ['CONSENT_TCF_V2_DECODE', 'spark'],
  ['CHAR_LENGTH', 'dp-docs'],
  ['CHARACTER_LENGTH', 'dp-docs'],
  ['LEN', 'dp-docs'],
  ['SUBSTR', 'dp-docs'],
  // legacy engine only
  ['GETDATE', 'legacy'],
  ['TIMEOFDAY', 'legacy'],
  ['CHARINDEX', 'legacy'],
  ['REPLICATE', 'legacy'],
  ['SOUNDEX', 'legacy'],
  ['STRPOS', 'legacy'],
  ['TEXTLEN', 'legacy'],
  ['CAN_JSON_PARSE', 'legacy'],
  ['JSON_EXTRACT_ARRAY_ELEMENT_TEXT', 'legacy'],
  ['JSON_EXTRACT_PATH_TEXT', 'legacy'],
  ['JSON_PARSE', 'legacy'],
  ['JSON_SERIALIZE', 'legacy'],
  ['JSON_SERIALIZE_TO_VARBYTE', 'legacy'],
  ['MURMUR3_32_HASH', 'legacy'],
  ['DEXP', 'legacy'],
  ['DLOG1', 'legacy'],
  ['DLOG10', 'legacy'],
  ['FROM_HEX', 'legacy'],
  ['FROM_VARBYTE', 'legacy'],
  ['TO_HEX', 'legacy'],
  ['TO_VARBYTE', 'legacy'],
  ['JSON_TYPEOF', 'legacy'],
  ['TRUNCATE', 'legacy'],
];

/** Rule 37: written as a call but rejected, with what to write instead. */
const REJECTED: Row[] = [
  ['CONVERT', 'legacy', 'Not supported in DP queries: use CAST(expr AS type).'],
];

const rulesOf = (...r: (number | false)[]) =>
  r.filter((n): n is number => n !== false).sort((a, b) => a - b);

function aggregate([name, source, note]: Row): FunctionEntry {
  const cte = CTE_AGGREGATES[name] ?? 'no';
  const final = FINAL_AGGREGATES[name] ?? 'no';
  // Rule 19 lists the window functions DP CTEs allow. An aggregate outside that list is only
  // undocumented as a window when rule 17 allows it in DP CTEs or the Spark reference documents
  // it as a window function (FIRST, LAST); one that rule 17 rejects there (COLLECT_LIST,
  // SKEWNESS, ...) does not become allowed by adding OVER.
  const window: Allowance = NO_WINDOW_FORM.has(name)
    ? 'no'
    : CTE_WINDOWS.has(name)
      ? 'yes'
      : cte === 'no' && !SPARK_WINDOW_AGGREGATES.has(name)
        ? 'no'
        : 'maybe';
  const overflow = OVERFLOW.has(name);
  return {
    name,
    kind: 'aggregate',
    source,
    cte,
    final,
    window,
    overflow,
    rules: rulesOf(17, 28, 30, NO_WINDOW_FORM.has(name) ? 20 : 19, 31, overflow && 44),
    ...(note ? { note } : {}),
  };
}

function windowOnly([name, source, note]: Row): FunctionEntry {
  const window: Allowance = CTE_WINDOWS.has(name) ? 'yes' : 'maybe';
  const overflow = OVERFLOW.has(name);
  return {
    name,
    kind: 'window',
    source,
    cte: window,
    final: 'no',
    window,
    overflow,
    rules: rulesOf(19, 31, overflow && 44),
    ...(note ? { note } : {}),
  };
}

/** Rejected wherever it is written, by `rule`. */
function rejected(kind: FunctionKind, rule: number) {
  return ([name, source, note]: Row): FunctionEntry => ({
    name,
    kind,
    source,
    cte: 'no',
    final: 'no',
    window: 'no',
    overflow: false,
    rules: [rule],
    ...(note ? { note } : {}),
  });
}

function scalar([name, source, note]: Row): FunctionEntry {
  const dp: Allowance = DP_SCALARS.has(name) ? 'yes' : 'maybe';
  const overflow = OVERFLOW.has(name);
  return {
    name,
    kind: 'scalar',
    source,
    cte: dp,
    final: dp,
    window: 'no',
    overflow,
    rules: rulesOf(38, overflow && 44),
    ...(note ? { note } : {}),
  };
}

export const FUNCTIONS: readonly FunctionEntry[] = [
  ...AGGREGATES.map(aggregate),
  ...WINDOWS.map(windowOnly),
  ...ARRAYS.map(rejected('array', 36)),
  ...GENERATORS.map(rejected('generator', 36)),
  ...REJECTED.map(rejected('scalar', 37)),
  ...SCALARS.map(scalar),
];

// Hostile template shapes from issue 11, each a function of its size: the scaling tests, the fuzz
// generators and bench/hostile.ts build their inputs here. Sizes in the comments are the issue's.
const HEADER = '-- @name Hostile\n';
const DP_TABLE = 'socialco_impressions';

export interface Shape {
  /** Short name for test titles and the measurement table. */
  name: string;
  /** The size the issue reports as slow. */
  issueSize: number;
  build(n: number): string;
}

export const SHAPES = {
  /** A header-only file: one comment line of n characters (99 KB: 16 s). */
  headerComment: {
    name: 'header-only, one long comment line',
    issueSize: 99_000,
    build: (n: number) => `${HEADER}-- ${'a'.repeat(n)}\n--\n`,
  },
  /** n nested derived tables `FROM (SELECT user_id FROM …) t` (1,000: 46 s). */
  nestedFrom: {
    name: 'nested FROM (SELECT user_id FROM …)',
    issueSize: 1_000,
    build: (n: number) =>
      `${HEADER}SELECT COUNT(DISTINCT user_id) FROM ${'(SELECT user_id FROM '.repeat(n)}${DP_TABLE}${' t)'.repeat(n)} t`,
  },
  /** n select items naming columns the schema does not list (49,000: 8.6 s). */
  unknownColumns: {
    name: 'unknown column names',
    issueSize: 49_000,
    build: (n: number) =>
      `${HEADER}SELECT COUNT(DISTINCT user_id), ${Array.from({ length: n }, (_, i) => `c${i}`).join(', ')} FROM ${DP_TABLE}`,
  },
  /** n undeclared `:x` parameter references (33,000: 5 s). */
  paramRefs: {
    name: 'undeclared :x references',
    issueSize: 33_000,
    build: (n: number) =>
      `${HEADER}SELECT COUNT(DISTINCT user_id) FROM ${DP_TABLE} WHERE device_type IN (${Array(n).fill(':x').join(', ')})`,
  },
} satisfies Record<string, Shape>;

export type ShapeName = keyof typeof SHAPES;

/** Fuzz families: one construct nested `n` deep, listed `n` wide, or repeated `n` times. */
const Q = 'SELECT COUNT(DISTINCT user_id) FROM socialco_impressions';
export const NESTING: Record<string, (n: number) => string> = {
  derived: (n) =>
    `${HEADER}SELECT COUNT(DISTINCT user_id) FROM ${'(SELECT user_id FROM '.repeat(n)}${DP_TABLE}${' t)'.repeat(n)} t`,
  inSubquery: (n) =>
    `${HEADER}${Q} WHERE user_id IN ${'(SELECT user_id FROM socialco_users WHERE user_id IN '.repeat(n)}('a')${')'.repeat(n)}`,
  parens: (n) => `${HEADER}${Q} WHERE ${'('.repeat(n)}device_type = 'tv'${')'.repeat(n)}`,
  not: (n) => `${HEADER}${Q} WHERE ${'NOT '.repeat(n)}device_type = 'tv'`,
  unaryMinus: (n) => `${HEADER}${Q} WHERE campaign_id = ${'-'.repeat(n)}1`,
  calls: (n) => `${HEADER}${Q} WHERE device_type = ${'LOWER('.repeat(n)}'TV'${')'.repeat(n)}`,
  cast: (n) => `${HEADER}${Q} WHERE campaign_id = ${'CAST('.repeat(n)}1${' AS INT)'.repeat(n)}`,
  case: (n) =>
    `${HEADER}${Q} WHERE device_type = ${'CASE WHEN 1 = 1 THEN '.repeat(n)}'tv'${' END'.repeat(n)}`,
  ctes: (n) =>
    `${HEADER}WITH c0 AS (SELECT user_id FROM ${DP_TABLE})${Array.from({ length: n }, (_, i) => `, c${i + 1} AS (SELECT user_id FROM c${i})`).join('')}\nSELECT COUNT(DISTINCT user_id) FROM c${n}`,
};
export const WIDTH: Record<string, (n: number) => string> = {
  unknownColumns: SHAPES.unknownColumns.build,
  paramRefs: SHAPES.paramRefs.build,
  inList: (n) =>
    `${HEADER}${Q} WHERE device_type IN (${Array.from({ length: n }, (_, i) => `'v${i}'`).join(', ')})`,
  joins: (n) =>
    `${HEADER}SELECT COUNT(DISTINCT a0.user_id) FROM ${DP_TABLE} a0${Array.from({ length: n }, (_, i) => ` JOIN socialco_users a${i + 1} ON a${i}.user_id = a${i + 1}.user_id`).join('')}`,
  unions: (n) =>
    `${HEADER}SELECT COUNT(DISTINCT user_id) FROM (${Array.from({ length: n + 1 }, () => `SELECT user_id FROM ${DP_TABLE}`).join(' UNION ALL ')}) u`,
  qualifiedColumns: (n) =>
    `${HEADER}SELECT COUNT(DISTINCT t.user_id), ${Array.from({ length: n }, (_, i) => `t.c${i}`).join(', ')} FROM ${DP_TABLE} t`,
};
export const REPETITION: Record<string, (n: number) => string> = {
  headerComment: SHAPES.headerComment.build,
  params: (n) =>
    `${HEADER}${Array.from({ length: n }, (_, i) => `-- @param p${i} INTEGER = ${i}`).join('\n')}\n${Q}`,
  commentLines: (n) => `${HEADER}${'-- note\n'.repeat(n)}${Q}`,
  longIdentifier: (n) => `${HEADER}${Q} WHERE ${'x'.repeat(n)} = 1`,
  longString: (n) => `${HEADER}${Q} WHERE device_type = '${"''".repeat(n)}'`,
  blockComment: (n) => `${HEADER}${Q} /*${' /*'.repeat(n)}`,
  whitespace: (n) => `${HEADER}${Q}${' \t\r\n'.repeat(n)}`,
};

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
    build: (n: number) => `${HEADER}SELECT COUNT(DISTINCT user_id) FROM ${'(SELECT user_id FROM '.repeat(n)}${DP_TABLE}${' t)'.repeat(n)} t`,
  },
  /** n select items naming columns the schema does not list (49,000: 8.6 s). */
  unknownColumns: {
    name: 'unknown column names',
    issueSize: 49_000,
    build: (n: number) => `${HEADER}SELECT COUNT(DISTINCT user_id), ${Array.from({ length: n }, (_, i) => `c${i}`).join(', ')} FROM ${DP_TABLE}`,
  },
  /** n undeclared `:x` parameter references (33,000: 5 s). */
  paramRefs: {
    name: 'undeclared :x references',
    issueSize: 33_000,
    build: (n: number) => `${HEADER}SELECT COUNT(DISTINCT user_id) FROM ${DP_TABLE} WHERE device_type IN (${Array(n).fill(':x').join(', ')})`,
  },
} satisfies Record<string, Shape>;

export type ShapeName = keyof typeof SHAPES;

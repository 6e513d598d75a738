// The SQL keywords the analysis knows, each with the roles it plays: the one table every keyword
// set of the model builder, the syntax gate, the checks and the editor features is read from. A
// word's row shows all it does; a new keyword or role is one edit here. The roles differ on
// purpose where their users differ (NEXT_CLAUSE leaves out WINDOW, which the gate's messages do
// not name; RESERVED holds the join words CLAUSE_STARTS lets an alias be named after AS).

type Role =
  | 'sparkReserved'
  | 'endsItem'
  | 'startsClause'
  | 'nextClause'
  | 'afterSelectList'
  | 'endsFromList'
  | 'structure'
  | 'endsPattern'
  | 'setOperator'
  | 'leadsOperand'
  | 'beginsOperand'
  | 'followsOperand'
  | 'notCall'
  | 'callable'
  | 'literal'
  | 'frame'
  | 'otherStatement'
  | 'gateName'
  | 'gateKeyword'
  | 'niladic'
  | 'gateNiladic';

// One row per keyword, so a word's roles read on one line.
// prettier-ignore
const KEYWORDS: Record<string, readonly Role[]> = {
  ADD: ['gateName'],
  ALL: ['sparkReserved', 'endsItem', 'notCall'],
  ALTER: ['otherStatement', 'gateName'],
  ANALYZE: ['otherStatement'],
  AND: ['sparkReserved', 'endsItem', 'structure', 'endsPattern', 'leadsOperand', 'notCall', 'frame'],
  ANTI: ['endsItem'],
  ANY: ['sparkReserved', 'notCall'],
  AS: ['sparkReserved', 'endsItem', 'structure', 'endsPattern', 'notCall'],
  ASC: ['endsItem', 'followsOperand', 'gateKeyword'],
  AUTHORIZATION: ['sparkReserved'],
  BEGIN: ['otherStatement'],
  BETWEEN: ['endsItem', 'leadsOperand', 'frame', 'gateKeyword'],
  BOTH: ['sparkReserved'],
  BY: ['endsItem', 'structure', 'leadsOperand', 'notCall', 'gateKeyword'],
  CACHE: ['otherStatement'],
  CALL: ['otherStatement', 'gateName'],
  CASE: ['sparkReserved', 'endsItem', 'leadsOperand', 'beginsOperand', 'notCall'],
  CAST: ['sparkReserved', 'beginsOperand'],
  CHECK: ['sparkReserved'],
  COLLATE: ['sparkReserved'],
  COLLATION: ['sparkReserved'],
  COLUMN: ['sparkReserved'],
  COMMIT: ['otherStatement'],
  CONSTRAINT: ['sparkReserved'],
  CONTAINS: ['gateName'],
  COPY: ['otherStatement'],
  CREATE: ['sparkReserved', 'otherStatement'],
  CROSS: ['sparkReserved', 'endsItem', 'nextClause', 'structure'],
  CURRENT: ['frame'],
  CURRENT_DATE: ['sparkReserved', 'beginsOperand', 'literal'],
  CURRENT_TIME: ['sparkReserved', 'literal'],
  CURRENT_TIMESTAMP: ['sparkReserved', 'beginsOperand', 'literal'],
  CURRENT_USER: ['sparkReserved', 'niladic', 'gateNiladic'],
  DAY: ['frame'],
  DAYS: ['frame'],
  DECLARE: ['otherStatement'],
  DEFAULT: ['literal'],
  DELETE: ['otherStatement', 'gateName'],
  DESC: ['endsItem', 'followsOperand', 'otherStatement', 'gateKeyword'],
  DESCRIBE: ['otherStatement'],
  DISTINCT: ['sparkReserved', 'endsItem', 'leadsOperand', 'notCall'],
  DROP: ['otherStatement', 'gateName'],
  ELSE: ['sparkReserved', 'endsItem', 'endsPattern', 'leadsOperand', 'notCall'],
  END: ['sparkReserved', 'endsItem', 'endsPattern'],
  ESCAPE: ['sparkReserved', 'endsItem', 'endsPattern', 'leadsOperand'],
  EXCEPT: ['sparkReserved', 'endsItem', 'startsClause', 'nextClause', 'afterSelectList', 'structure', 'endsPattern', 'setOperator'],
  EXECUTE: ['sparkReserved', 'otherStatement'],
  EXISTS: ['notCall', 'gateKeyword'],
  EXPLAIN: ['otherStatement', 'gateName'],
  FALSE: ['sparkReserved', 'beginsOperand', 'literal'],
  FETCH: ['sparkReserved', 'endsItem'],
  FILTER: ['sparkReserved', 'endsItem'],
  FOLLOWING: ['frame'],
  FOR: ['sparkReserved', 'endsItem'],
  FOREIGN: ['sparkReserved'],
  FROM: ['sparkReserved', 'endsItem', 'startsClause', 'nextClause', 'structure', 'endsPattern', 'leadsOperand', 'notCall'],
  FULL: ['sparkReserved', 'endsItem', 'nextClause', 'structure'],
  GLOBAL: ['gateName'],
  GRANT: ['sparkReserved', 'otherStatement'],
  GROUP: ['sparkReserved', 'endsItem', 'startsClause', 'nextClause', 'afterSelectList', 'endsFromList', 'structure', 'endsPattern'],
  HAVING: ['sparkReserved', 'endsItem', 'startsClause', 'nextClause', 'afterSelectList', 'endsFromList', 'structure', 'endsPattern', 'leadsOperand', 'notCall'],
  HOUR: ['frame'],
  HOURS: ['frame'],
  ILIKE: ['endsItem', 'leadsOperand'],
  IN: ['sparkReserved', 'endsItem', 'notCall'],
  INNER: ['sparkReserved', 'endsItem', 'nextClause', 'structure'],
  INSERT: ['otherStatement', 'gateName'],
  INTERSECT: ['sparkReserved', 'endsItem', 'startsClause', 'nextClause', 'afterSelectList', 'structure', 'endsPattern', 'setOperator'],
  INTERVAL: ['frame'],
  INTO: ['sparkReserved'],
  IS: ['sparkReserved', 'endsItem', 'endsPattern', 'notCall'],
  JOIN: ['sparkReserved', 'endsItem', 'startsClause', 'nextClause', 'structure', 'endsPattern', 'leadsOperand', 'notCall'],
  JSON: ['gateName'],
  LATERAL: ['sparkReserved', 'endsItem', 'notCall'],
  LEADING: ['sparkReserved'],
  LEFT: ['sparkReserved', 'endsItem', 'nextClause', 'structure', 'callable'],
  LIKE: ['endsItem', 'leadsOperand', 'gateKeyword'],
  LIMIT: ['endsItem', 'startsClause', 'nextClause', 'afterSelectList', 'endsFromList', 'structure', 'endsPattern', 'followsOperand', 'notCall', 'gateKeyword'],
  LOAD: ['otherStatement'],
  LOCAL: ['gateName'],
  LOCALTIMESTAMP: ['literal'],
  MERGE: ['otherStatement'],
  MINUS: ['endsItem', 'startsClause', 'nextClause', 'afterSelectList', 'structure', 'endsPattern', 'setOperator'],
  MINUTE: ['frame'],
  MINUTES: ['frame'],
  MONTH: ['frame'],
  MONTHS: ['frame'],
  MSCK: ['otherStatement'],
  NATURAL: ['sparkReserved', 'endsItem'],
  NOT: ['sparkReserved', 'endsItem', 'endsPattern', 'leadsOperand', 'beginsOperand', 'notCall'],
  NULL: ['sparkReserved', 'beginsOperand', 'literal'],
  NULLS: ['endsItem', 'followsOperand', 'gateKeyword'],
  OFFSET: ['sparkReserved', 'endsItem', 'startsClause', 'nextClause', 'afterSelectList', 'structure', 'endsPattern', 'notCall'],
  ON: ['sparkReserved', 'endsItem', 'startsClause', 'nextClause', 'structure', 'endsPattern', 'leadsOperand', 'notCall'],
  ONLY: ['sparkReserved'],
  OR: ['sparkReserved', 'endsItem', 'structure', 'endsPattern', 'leadsOperand', 'notCall'],
  ORDER: ['sparkReserved', 'endsItem', 'startsClause', 'nextClause', 'afterSelectList', 'endsFromList', 'structure', 'endsPattern'],
  OUTER: ['sparkReserved', 'endsItem'],
  OVER: ['endsItem'],
  OVERLAPS: ['sparkReserved'],
  PARTITION: ['endsItem'],
  PERSIST: ['gateName'],
  PERSIST_ONLY: ['gateName'],
  PRECEDING: ['frame'],
  PREPARE: ['otherStatement'],
  PRIMARY: ['sparkReserved'],
  QUALIFY: ['endsItem', 'startsClause', 'afterSelectList'],
  RANGE: ['endsItem', 'frame'],
  RECURSIVE: ['gateName'],
  REFERENCES: ['sparkReserved'],
  REFRESH: ['otherStatement'],
  RENAME: ['gateName'],
  REPLACE: ['otherStatement'],
  REVOKE: ['otherStatement'],
  RIGHT: ['sparkReserved', 'endsItem', 'nextClause', 'structure', 'callable'],
  RLIKE: ['endsItem', 'leadsOperand'],
  ROLLBACK: ['otherStatement'],
  ROW: ['frame'],
  ROWS: ['endsItem', 'frame'],
  SECOND: ['frame'],
  SECONDS: ['frame'],
  SELECT: ['sparkReserved', 'endsItem', 'startsClause', 'nextClause', 'structure', 'leadsOperand', 'notCall'],
  SEMI: ['endsItem'],
  SESSION: ['gateName'],
  SESSION_USER: ['sparkReserved', 'niladic', 'gateNiladic'],
  SET: ['otherStatement', 'gateName'],
  SHOW: ['otherStatement', 'gateName'],
  SIMILAR: ['endsItem'],
  SOME: ['sparkReserved', 'notCall'],
  SYSDATE: ['literal'],
  SYSTEM_USER: ['gateName'],
  TABLE: ['sparkReserved'],
  THEN: ['sparkReserved', 'endsItem', 'endsPattern', 'leadsOperand', 'notCall'],
  TIME: ['sparkReserved'],
  TO: ['sparkReserved'],
  TOP: ['notCall'],
  TRAILING: ['sparkReserved'],
  TRUE: ['literal', 'gateKeyword'],
  TRUNCATE: ['otherStatement', 'gateName'],
  UNBOUNDED: ['frame'],
  UNION: ['sparkReserved', 'endsItem', 'startsClause', 'nextClause', 'afterSelectList', 'structure', 'endsPattern', 'setOperator'],
  UNIQUE: ['sparkReserved'],
  UNKNOWN: ['sparkReserved'],
  UNLOAD: ['otherStatement'],
  UPDATE: ['otherStatement', 'gateName'],
  UPSERT: ['otherStatement'],
  USE: ['otherStatement'],
  USER: ['sparkReserved', 'niladic'],
  USING: ['sparkReserved', 'endsItem', 'startsClause', 'notCall'],
  VACUUM: ['otherStatement'],
  VALUES: ['notCall', 'otherStatement'],
  WHEN: ['sparkReserved', 'endsItem', 'endsPattern', 'leadsOperand', 'notCall'],
  WHERE: ['sparkReserved', 'endsItem', 'startsClause', 'nextClause', 'afterSelectList', 'endsFromList', 'structure', 'endsPattern', 'leadsOperand', 'notCall'],
  WINDOW: ['endsItem', 'startsClause', 'followsOperand', 'gateKeyword'],
  WITH: ['sparkReserved', 'endsItem', 'startsClause', 'structure', 'leadsOperand', 'notCall'],
  WITHIN: ['sparkReserved', 'endsItem'],
  YEAR: ['frame'],
  YEARS: ['frame'],
};

const withRole = (role: Role): ReadonlySet<string> =>
  new Set(Object.keys(KEYWORDS).filter((word) => KEYWORDS[word].includes(role)));

/**
 * Reserved in Spark's ANSI mode (the stricter of its two modes): every keyword of Spark's grammar
 * (SqlBaseParser.g4) outside its `ansiNonReserved` list. Never an unquoted name.
 */
export const SPARK_RESERVED = withRole('sparkReserved');
/** Words that end an expression or select item: never read as an alias, nor as a call's name. */
export const RESERVED = withRole('endsItem');
/** Words that start the next clause: never an alias, even after AS. */
export const CLAUSE_STARTS = withRole('startsClause');
/** Words that start the next clause (or close a list): what follows a keyword that got nothing. */
export const NEXT_CLAUSE = withRole('nextClause');
/** Words that may follow a select list when FROM is left out. */
export const CLAUSES_AFTER_LIST = withRole('afterSelectList');
/** Words that end a FROM list read for completion (`FROM a, b x WHERE`). */
export const ENDS_FROM_LIST = withRole('endsFromList');
/** The keywords the syntax gate's messages treat as structure: the parser often takes a misplaced one for a name. */
export const CLAUSE_KEYWORDS = withRole('structure');
/** Words that end a LIKE pattern expression. */
export const PATTERN_END = withRole('endsPattern');
/** The set operators between selects. */
export const SET_OPERATORS = withRole('setOperator');
/** Words after which an operand or a table name starts. */
export const OPERAND_LEADS = withRole('leadsOperand');
/** Words reserved in Spark that can still begin an operand (`CASE`, `NOT x`, `NULL`). */
export const RESERVED_OPERAND_STARTS = withRole('beginsOperand');
/** Keywords that only ever follow a complete operand or clause (`LIMIT 5`, `x DESC`, `NULLS LAST`, `WINDOW w AS`). */
export const TRAILING_KEYWORDS = withRole('followsOperand');
/** Words after which `(` is not a function call. */
export const NOT_CALLS = withRole('notCall');
/** Words in RESERVED that are also function names: a call when followed by `(` in an expression. */
export const KEYWORD_FUNCTIONS = withRole('callable');
/** Keywords that are a value by themselves. */
export const KEYWORD_LITERALS = withRole('literal');
/** The words of a window frame (`ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW`). */
export const FRAME_WORDS = withRole('frame');
/** Statements a template may not hold; any other non-SELECT start is a syntax error (SQL001). */
export const OTHER_STATEMENTS = withRole('otherStatement');
/**
 * Words the syntax gate's parser reserves that Spark SQL lets a query use as names. The parser
 * knows them as keywords of other statements (DDL, DML, sessions), so in a query they are always names.
 */
export const NON_QUERY_KEYWORDS = withRole('gateName');
/** Words the gate's parser reserves that are query keywords in Spark too, but names where keywordIsName says so. */
export const QUERY_KEYWORDS = withRole('gateKeyword');
/** Functions Spark calls without parentheses (`CURRENT_USER`): a name no column has resolves to them. */
export const NILADIC_FUNCTIONS = withRole('niladic');
/** The niladic functions the gate's parser rejects bare: it gets a same-length stand-in. */
export const GATE_NILADIC = withRole('gateNiladic');

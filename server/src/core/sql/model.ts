// The normalized query model: what the DP rules and the editor features read. Plain data built
// from the body's tokens (never the parser's AST), every node carrying its span (UTF-16 offsets
// into the whole template text). Names are kept as written; `key`s are the case-folded form used
// for lookups (identifiers are case-insensitive, quoted or not, as in Spark).
import type { Located, SchemaTable, Span } from '../types';

/** Where a SELECT sits: in a CTE (by name), the final query, or a nested subquery. */
export type Scope =
  | { kind: 'cte'; cte: string }
  | { kind: 'final' }
  | { kind: 'subquery'; clause: Clause; outer: Scope };

/** The clause an expression or subquery sits in. */
export type Clause =
  | 'select'
  | 'from'
  | 'join'
  | 'on'
  | 'where'
  | 'groupBy'
  | 'having'
  | 'orderBy'
  | 'window'
  | 'limit';

export interface QueryModel {
  /** The statement's leading keyword, upper-cased (`SELECT`, `WITH`, `INSERT`, ...). */
  statement: Located<string>;
  /** CTEs in dependency order (a CTE comes after every CTE it reads). */
  ctes: Cte[];
  /** The final query (after the CTEs). */
  final: Query;
  /** Every table reference anywhere (CTE bodies, final query, subqueries), in source order. */
  tables: TableRef[];
  /** Every column reference anywhere, in source order. */
  columns: ColumnRef[];
  /** Every function call anywhere (aggregates and window functions included), in source order. */
  functions: FunctionCall[];
  /** Every subquery (derived tables, scalar, IN, EXISTS), in source order. */
  subqueries: Subquery[];
  /** Every `:name` parameter reference. */
  params: { name: string; span: Span }[];
  /** Lexer-level constructs the service rejects (rule 37), found on tokens. */
  unsupported: UnsupportedSyntax[];
  /** Spans of statements after the first (`;` separated), if any. */
  extraStatements: Span[];
  /** Where the nesting passed MAX_NESTING (parens.ts): the model stops there. */
  tooDeep?: Span;
  /** Tokens of the body the builder could not place in the model, with why: the model is then incomplete. */
  unplaced: Unplaced[];
}

export interface Unplaced {
  span: Span;
  /** Completes "This part of the query was not analysed: ..." */
  reason: string;
  /** Index of the last code token covered (to merge adjacent skips). */
  lastToken: number;
}

/** A construct the service rejects although it is SQL (rule 37), with what to write instead. */
export interface UnsupportedSyntax {
  kind:
    | 'double-colon-cast'
    | 'caret'
    | 'cube-root-op'
    | 'square-root-op'
    | 'sysdate'
    | 'top'
    | 'convert'
    | 'interval-literal';
  /** The construct as written (`x::int`, `a ^ b`, `TOP 5`, ...). */
  span: Span;
  /** Text to write instead over `span`, when it can be computed. */
  replacement?: string;
  /** For `TOP n`: the row count, to move into a LIMIT clause of `query`. */
  limit?: string;
  /** The query the construct sits in (for TOP: where LIMIT goes). */
  queryEnd?: number;
}

export interface Cte {
  name: string;
  key: string;
  nameSpan: Span;
  /** `name AS ( ... )` */
  span: Span;
  /** Explicit column list `name (a, b) AS (...)`, when written. */
  columnList?: Located<string>[];
  query: Query;
  /** Keys of the CTEs this one reads. */
  dependsOn: string[];
  /** Reads a DP table, directly or through another CTE (or a derived table). */
  involvesDp: boolean;
}

/** A query expression: one SELECT, or SELECTs joined by set operators. */
export interface Query {
  span: Span;
  selects: Select[];
  /** Set operators between consecutive selects (`UNION ALL`, `INTERSECT`, `EXCEPT`, `MINUS`). */
  setOps: Located<string>[];
  /** ORDER BY / LIMIT / OFFSET of the whole query expression. */
  orderBy?: OrderBy;
  /** `LIMIT n`: value is n as written, span covers keyword and value. */
  limit?: Located<string>;
  /** `OFFSET n`, like limit. */
  offset?: Located<string>;
  /** Output column names (from the first select, or the CTE's column list). */
  outputs: OutputColumn[];
}

export interface OutputColumn {
  name: string;
  key: string;
  span: Span;
  /** The user-identifier column of a DP table this output carries (through aliases and CTEs). */
  userIdOf?: string[];
}

export interface OrderBy {
  /** From `ORDER` to the end of the last item. */
  span: Span;
  items: Expr[];
}

export interface Select {
  span: Span;
  scope: Scope;
  selectKeyword: Span;
  distinct?: Span;
  top?: Span;
  items: SelectItem[];
  /** From the first item to the end of the last. */
  itemsSpan: Span;
  from: TableRef[];
  where?: Expr;
  groupBy?: GroupBy;
  having?: Expr;
  /** `QUALIFY condition` (a filter on window results). */
  qualify?: Expr;
  /** Aggregate calls directly in this select (not in nested subqueries). */
  aggregates: FunctionCall[];
  /** Window function calls directly in this select. */
  windows: FunctionCall[];
}

export interface SelectItem {
  expr: Expr;
  alias?: Located<string>;
  /** The output name: the alias, or the column name for a bare column; undefined otherwise. */
  outputName?: string;
  span: Span;
}

export interface GroupBy {
  /** From `GROUP` to the end of the last item. */
  span: Span;
  items: Expr[];
  /** Each `ROLLUP` / `CUBE` / `GROUPING SETS` item (keyword through closing paren) and `WITH ROLLUP` / `WITH CUBE`. */
  extended: Located<string>[];
}

export interface TableRef {
  kind: 'table' | 'derived';
  /** Table or CTE name as written (undefined for derived tables). */
  name?: string;
  key?: string;
  nameSpan?: Span;
  alias?: Located<string>;
  /** The whole reference, alias included. */
  span: Span;
  subquery?: Query;
  /** A derived table's column list `(SELECT ...) AS t (a, b)`: its output names. */
  columnList?: Located<string>[];
  scope: Scope;
  /** What the name resolves to. */
  target: TableTarget;
  /** How it was joined to the tables before it (absent for the first FROM item). */
  join?: Join;
}

export type TableTarget =
  | { kind: 'schema'; table: SchemaTable }
  | { kind: 'cte'; cte: string; involvesDp: boolean; outputs: OutputColumn[] }
  | { kind: 'derived' }
  | { kind: 'unresolved' };

export interface Join {
  /** `INNER`, `LEFT`, `RIGHT`, `FULL`, `CROSS`, `LEFT SEMI`, `LEFT ANTI`, or `,`. */
  type: string;
  /** The join keywords (`LEFT OUTER JOIN`, `,`). */
  keywordSpan: Span;
  natural?: Span;
  on?: Expr;
  using?: { columns: Located<string>[]; span: Span };
}

export interface ColumnRef {
  qualifier?: Located<string>;
  name: string;
  key: string;
  span: Span;
  scope: Scope;
  clause: Clause;
  /** Filled by resolution. */
  resolved?: ColumnTarget;
  /**
   * Filled by resolution when no table reference in scope offers the name as far as their known
   * columns tell (for `q.name`: the reference `q` names lacks it and no column is named `q`): the
   * FROM lists searched, innermost select first. Whether those lists are complete is the
   * reader's question (core/sql/unknownColumns.ts).
   */
  notFoundIn?: TableRef[][];
}

export interface ColumnTarget {
  /** The table reference it resolved through. */
  table: TableRef;
  /** The name in that table / CTE output. */
  column: string;
  /** DP user-identifier columns this column carries (table-qualified: `table.col`). */
  userIdOf: string[];
  /** The column comes from DP data (a DP table, or a CTE / derived table that involves one). */
  dp: boolean;
}

export interface FunctionCall {
  /** Upper-cased name (`COUNT`, `ROW_NUMBER`, `APPROXIMATE PERCENTILE_DISC`). */
  name: string;
  nameSpan: Span;
  /** From the name through the closing paren (and the OVER clause, if any). */
  span: Span;
  args: Expr[];
  distinct?: Span;
  /** The first syntax only aggregates take (DISTINCT, FILTER, WITHIN GROUP), when written. */
  aggregateSyntax?: Span;
  star: boolean;
  over?: WindowSpec;
  aggregate: boolean;
  scope: Scope;
  clause: Clause;
}

export interface WindowSpec {
  span: Span;
  /** `OVER w`: the window's name (key), its PARTITION BY / ORDER BY taken from the WINDOW clause. */
  name?: string;
  partitionBy: Expr[];
  orderBy: Expr[];
}

export interface Subquery {
  query: Query;
  /** Including the parentheses. */
  span: Span;
  /** Where it sits: `from`/`join` for derived tables; `where`, `select`, ... otherwise. */
  clause: Clause;
  /** The scope of the select that contains it. */
  outer: Scope;
  /** `EXISTS`, `IN` or undefined (scalar / derived table). */
  predicate?: 'EXISTS' | 'IN';
  /** Span of the EXISTS/IN keyword when predicate is set. */
  predicateSpan?: Span;
  /** The subquery reads DP data. */
  involvesDp: boolean;
}

export type Expr =
  | { kind: 'column'; span: Span; ref: ColumnRef }
  | { kind: 'star'; span: Span; qualifier?: string }
  | { kind: 'literal'; span: Span; text: string }
  | { kind: 'param'; span: Span; name: string }
  | { kind: 'function'; span: Span; call: FunctionCall }
  | { kind: 'subquery'; span: Span; subquery: Subquery }
  | { kind: 'operator'; span: Span; op: string; opSpan: Span; args: Expr[] }
  | { kind: 'case'; span: Span; args: Expr[] }
  | { kind: 'cast'; span: Span; expr: Expr; type: string; form: 'CAST' | '::' | 'CONVERT' }
  | { kind: 'list'; span: Span; items: Expr[] };

/** The direct sub-expressions of `e` (a subquery's contents are not expressions of the outer query). */
export function exprChildren(e: Expr): Expr[] {
  switch (e.kind) {
    case 'function':
      return [
        ...e.call.args,
        ...(e.call.over ? [...e.call.over.partitionBy, ...e.call.over.orderBy] : []),
      ];
    case 'operator':
    case 'case':
      return e.args;
    case 'cast':
      return [e.expr];
    case 'list':
      return e.items;
    default:
      return [];
  }
}

/** `e` and every sub-expression, depth first. */
export function walkExpr(e: Expr, visit: (e: Expr) => void): void {
  visit(e);
  for (const c of exprChildren(e)) walkExpr(c, visit);
}

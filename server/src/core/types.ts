// The analysis core's boundary types. Plain data only: the core imports neither vscode nor LSP.
// All spans are UTF-16 offsets into the text they came from (the whole template file, header
// included, or the schema file); conversion to line/character happens at the edges.

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type Verdict = 'VALID' | 'INVALID' | 'UNABLE_TO_VALIDATE';

export interface Span {
  start: number;
  end: number;
}

export interface Located<T> {
  value: T;
  span: Span;
}

/** Another place that explains a diagnostic: in the template itself or in the schema file. */
export interface RelatedInfo {
  message: string;
  target: 'template' | 'schema';
  span: Span;
}

export interface Diagnostic {
  /** Stable code, e.g. `SQL001`, `PAR001`, `DP015`. Documented in docs/diagnostics.md. */
  code: string;
  severity: Severity;
  message: string;
  span: Span;
  /** DP rule numbers from shared/reference/dp-rules.md this diagnostic implements. */
  rules?: number[];
  related?: RelatedInfo[];
  /** Mechanical fixes, computed where the knowledge lives; the server maps them to code actions. */
  fixes?: Fix[];
}

export interface TextEdit {
  span: Span;
  newText: string;
}

/** A quick fix: edits against the template text (or nothing, for fixes that only inform). */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The one fix an editor may apply with a single keystroke. */
  preferred?: boolean;
}

// ---- template file (*.cleanrooms.sql) ----

export interface Directive {
  /** Directive name without `@`, as written (`name`, `param`, ...). */
  name: Located<string>;
  /** Rest of the line after the directive name, trimmed. */
  argument: Located<string>;
  /** The whole comment line, from `--` to the end of line (no newline). */
  line: Span;
}

export interface ParamDecl {
  name: Located<string>;
  /** As written; the checks compare upper-cased against the 28 ParameterType values. */
  type?: Located<string>;
  /** Decoded default value (quotes removed, `''` unescaped) with the span of the raw token. */
  defaultValue?: Located<string>;
  /** The whole `-- @param ...` line. */
  line: Span;
}

export interface Template {
  text: string;
  name?: Located<string>;
  description?: Located<string>;
  membership?: Located<string>;
  arn?: Located<string>;
  params: ParamDecl[];
  directives: Directive[];
  /** Offset of the first body character: the body is `text.slice(bodyStart)`. */
  bodyStart: number;
  /** Exactly the `source.text` sent to AWS. */
  body: string;
}

// ---- schema file (cleanrooms.schema.json) ----

export interface SchemaColumn {
  name: string;
  type?: string;
  span?: Span;
}

export interface SchemaTable {
  name: string;
  /** CUSTOM unless the file says otherwise. */
  analysisRuleType: string;
  /** The DP user-identifier column; absent when the table has no differential privacy. */
  userIdColumn?: string;
  creatorAccountId?: string;
  columns: SchemaColumn[];
  /** Span of the table's `name` value in the schema file. */
  span?: Span;
  /** Span of the `differentialPrivacy` member in the schema file, when present. */
  dpSpan?: Span;
  /**
   * The custom analysis rule's controls, as the API names them (absent = not known). Analysis
   * template ARNs, `ANY_QUERY` or `ANY_JOB`.
   */
  allowedAnalyses?: Located<string[]>;
  /** 12-digit accounts whose queries the rule allows when `allowedAnalyses` has `ANY_QUERY`. */
  allowedAnalysisProviders?: Located<string[]>;
  /** Columns that may not appear in the final SELECT, even transformed or aliased. */
  disallowedOutputColumns?: Located<string[]>;
}

export interface Schema {
  tables: SchemaTable[];
}

// ---- analysis ----

export type SubqueryPolicy = 'current-docs' | 'strict';

export interface AnalyzeOptions {
  /** `cleanrooms.dp.subqueries`: how to treat subqueries the documents disagree on (rule 13). */
  subqueries: SubqueryPolicy;
  /** `cleanrooms.dp.overflowWarnings`: DP044 is a warning instead of a hint (absent: hint). */
  overflowWarnings?: boolean;
  /**
   * Not a setting: the caller is off the editor's thread (the analysis worker, the CLI), so the
   * whole query is syntax-checked up to the service's size limit, with no SQL002 skip.
   */
  fullSyntax?: boolean;
}

export const DEFAULT_OPTIONS: AnalyzeOptions = {
  subqueries: 'current-docs',
  overflowWarnings: false,
};

/** A `:name` reference in the body (offsets into the template text). */
export interface ParamRef {
  name: string;
  /** Span of `:name`, colon included. */
  span: Span;
}

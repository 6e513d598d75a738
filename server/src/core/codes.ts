// Every diagnostic code the analysis can report, with a stable rule name and the one-line summary
// shown in docs/diagnostics.md's tables. Reports that describe rules up front (SARIF's
// tool.driver.rules) read this list; test/unit/codes.test.ts keeps it equal to the codes the
// sources emit and to the docs tables.

export interface CodeInfo {
  code: string;
  /** A stable identifier-like name for tools that show rule names (SARIF `name`). */
  name: string;
  /** The "what" column of the code's row in docs/diagnostics.md. */
  summary: string;
}

export const DIAGNOSTIC_CODES: readonly CodeInfo[] = [
  { code: 'TPL001', name: 'TemplateNameMissing', summary: '`@name` missing' },
  { code: 'TPL002', name: 'TemplateNameInvalid', summary: '`@name` not allowed by the service' },
  {
    code: 'TPL003',
    name: 'TemplateDescriptionInvalid',
    summary: '`@description` too long or with control characters',
  },
  { code: 'TPL004', name: 'TemplateBodyMissing', summary: 'no SQL body' },
  { code: 'TPL005', name: 'TemplateBodyTooLong', summary: 'SQL body over 500,000 characters' },
  { code: 'TPL006', name: 'UnknownDirective', summary: 'unknown `@directive`' },
  { code: 'TPL007', name: 'DuplicateDirective', summary: 'directive given twice' },
  { code: 'TPL008', name: 'MembershipIdInvalid', summary: '`@membership` not a membership id' },
  { code: 'TPL009', name: 'TemplateArnInvalid', summary: '`@arn` not an analysis-template ARN' },
  { code: 'TPL010', name: 'ArnMembershipMismatch', summary: '`@arn` and `@membership` disagree' },
  {
    code: 'TPL011',
    name: 'TooManyOfOneKind',
    summary: 'more than 100 diagnostics of one code: the rest not shown',
  },
  { code: 'PAR001', name: 'ParameterUndeclared', summary: '`:param` used but not declared' },
  { code: 'PAR002', name: 'ParameterUnused', summary: 'parameter declared but never used' },
  {
    code: 'PAR003',
    name: 'ParameterNameInvalid',
    summary: 'parameter name not `[0-9a-zA-Z_]{1,100}`',
  },
  { code: 'PAR004', name: 'ParameterTypeUnknown', summary: 'unknown parameter type' },
  {
    code: 'PAR005',
    name: 'ParameterDeclarationIncomplete',
    summary: '`@param` without name or type',
  },
  { code: 'PAR006', name: 'ParameterDuplicate', summary: 'parameter declared twice' },
  { code: 'PAR007', name: 'TooManyParameters', summary: 'more than 50 parameters' },
  {
    code: 'PAR008',
    name: 'ParameterDefaultTooLong',
    summary: 'default value over 1,000 characters',
  },
  {
    code: 'PAR009',
    name: 'ParameterDefaultWrongType',
    summary: 'default value not a value of its type',
  },
  {
    code: 'PAR010',
    name: 'ParameterWhereLiteralRequired',
    summary: 'parameter where only a literal can stand (rule 40)',
  },
  { code: 'PAR011', name: 'ParameterDefaultMalformed', summary: 'malformed default value' },
  { code: 'SCF001', name: 'SchemaFileNotJson', summary: '`cleanrooms.schema.json` is not JSON' },
  {
    code: 'SCF002',
    name: 'SchemaEntryInvalid',
    summary: 'schema entry with a wrong or missing field',
  },
  {
    code: 'RUL001',
    name: 'DisallowedOutputColumn',
    summary: 'final SELECT outputs a disallowed output column',
  },
  {
    code: 'RUL002',
    name: 'AnalysisNotAllowed',
    summary: "template not among the table's `allowedAnalyses`",
  },
  {
    code: 'RUL003',
    name: 'AnalysisProviderNotAllowed',
    summary: "template's account not among the table's `allowedAnalysisProviders`",
  },
  {
    code: 'SQL000',
    name: 'InternalAnalysisError',
    summary: 'internal error while analysing (never expected) → `UNABLE_TO_VALIDATE`',
  },
  { code: 'SQL001', name: 'SyntaxError', summary: 'syntax error' },
  {
    code: 'SQL002',
    name: 'SyntaxNotChecked',
    summary:
      'part of a query over 500,000 characters (or past the typing time budget) not syntax-checked → `UNABLE_TO_VALIDATE`',
  },
  { code: 'SQL003', name: 'NestingTooDeep', summary: 'nested deeper than 200 levels' },
  {
    code: 'SQL004',
    name: 'QueryPartNotAnalysed',
    summary: 'part of the query not analysed → `UNABLE_TO_VALIDATE`',
  },
  {
    code: 'SCH001',
    name: 'TableNotInSchema',
    summary: 'table not in `cleanrooms.schema.json` → `UNABLE_TO_VALIDATE`',
  },
  {
    code: 'DP003',
    name: 'TableWithoutCustomRule',
    summary: 'table without a CUSTOM analysis rule',
  },
  {
    code: 'DP004',
    name: 'UserIdColumnsDiffer',
    summary: 'DP tables with different user identifier columns',
  },
  {
    code: 'DP005',
    name: 'DataProvidersDiffer',
    summary: 'DP tables from different data providers',
  },
  { code: 'DP009', name: 'QueryTooLong', summary: 'DP query text over 8 KB' },
  { code: 'DP011', name: 'NotSelect', summary: 'not a SELECT' },
  { code: 'DP012', name: 'MultipleStatements', summary: 'more than one statement' },
  { code: 'DP013', name: 'Subquery', summary: 'subqueries' },
  { code: 'DP014', name: 'ExistsOrInSubqueryInCte', summary: 'EXISTS / IN (subquery) in a DP CTE' },
  { code: 'DP015', name: 'CteWithoutUserId', summary: 'DP CTE without the user identifier' },
  { code: 'DP016', name: 'CteNotGroupedPerUser', summary: 'DP CTE not grouped per user' },
  { code: 'DP017', name: 'CteAggregateNotAllowed', summary: 'aggregate not allowed in a DP CTE' },
  {
    code: 'DP019',
    name: 'CteWindowNotPartitionedByUserId',
    summary: 'window in a DP CTE not partitioned by the user id',
  },
  {
    code: 'DP020',
    name: 'WindowFunctionNotAllowed',
    summary: 'window LISTAGG / PERCENTILE_CONT / PERCENTILE_DISC',
  },
  { code: 'DP021', name: 'CteOrderBy', summary: 'ORDER BY in a DP CTE' },
  { code: 'DP022', name: 'CteLimitOffset', summary: 'LIMIT / OFFSET in a DP CTE' },
  {
    code: 'DP023',
    name: 'JoinNotOnUserId',
    summary: 'DP-to-DP join not an equi-join on the user id',
  },
  { code: 'DP024', name: 'CrossJoin', summary: 'CROSS JOIN between DP relations' },
  { code: 'DP027', name: 'UsingOrNaturalJoin', summary: 'USING / NATURAL join' },
  {
    code: 'DP028',
    name: 'FinalAggregateNotAllowed',
    summary: 'aggregate not allowed in the final SELECT',
  },
  { code: 'DP029', name: 'FinalSelectNotAggregated', summary: 'final SELECT does not aggregate' },
  { code: 'DP031', name: 'FinalWindowFunction', summary: 'window function in the final SELECT' },
  { code: 'DP032', name: 'FinalSetOperator', summary: 'set operator in the final SELECT' },
  { code: 'DP034', name: 'NestedAggregate', summary: 'aggregate nested in an aggregate' },
  { code: 'DP035', name: 'GroupingSets', summary: 'GROUPING SETS / ROLLUP / CUBE' },
  { code: 'DP036', name: 'ArrayFunction', summary: 'array function' },
  {
    code: 'DP037',
    name: 'UnsupportedSql',
    summary: 'SQL the service rejects (`::`, `^`, TOP, SYSDATE…)',
  },
  { code: 'DP038', name: 'UndocumentedFunction', summary: 'function outside the documented lists' },
  {
    code: 'DP044',
    name: 'RuntimeOverflowOrCast',
    summary: 'construct that can overflow or fail to cast at run time',
  },
];

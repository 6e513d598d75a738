// Every diagnostic code the analysis can report, with a stable rule name and the one-line summary
// shown in docs/diagnostics.md's tables. A rule module describes the codes it reports (its check's
// code, name and summary); the codes reported outside the rule modules are described here. Reports
// that describe rules up front (SARIF's tool.driver.rules) read DIAGNOSTIC_CODES;
// test/unit/codes.test.ts keeps it equal to the codes the sources emit and to the docs tables.
import { ANALYSIS_RULE_CHECKS } from './rules/analysisRule';
import { DP_RULES } from './rules/dp';
import { TEMPLATE_CHECKS } from './rules/templateChecks';

export interface CodeInfo {
  code: string;
  /** A stable identifier-like name for tools that show rule names (SARIF `name`). */
  name: string;
  /** The "what" column of the code's row in docs/diagnostics.md. */
  summary: string;
}

/** Codes no rule module reports. */
const OUTSIDE_RULES: readonly CodeInfo[] = [
  // The template header (common/templateHeader.ts, core/template/parse.ts) and analyze()
  { code: 'TPL006', name: 'UnknownDirective', summary: 'unknown `@directive`' },
  { code: 'TPL007', name: 'DuplicateDirective', summary: 'directive given twice' },
  {
    code: 'TPL011',
    name: 'TooManyOfOneKind',
    summary: 'more than 100 diagnostics of one code: the rest not shown',
  },
  {
    code: 'PAR005',
    name: 'ParameterDeclarationIncomplete',
    summary: '`@param` without name or type',
  },
  { code: 'PAR011', name: 'ParameterDefaultMalformed', summary: 'malformed default value' },
  // The schema file (core/schema/parse.ts)
  { code: 'SCF001', name: 'SchemaFileNotJson', summary: '`cleanrooms.schema.json` is not JSON' },
  {
    code: 'SCF002',
    name: 'SchemaEntryInvalid',
    summary: 'schema entry with a wrong or missing field',
  },
  // The SQL check (core/sql/check.ts)
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
    code: 'SCH002',
    name: 'ColumnNotInTable',
    summary: 'column that no table, CTE or derived table in scope has → `UNABLE_TO_VALIDATE`',
  },
];

/** The docs' order: families in this order, each by number. */
const FAMILIES = ['TPL', 'PAR', 'SCF', 'RUL', 'SQL', 'SCH', 'DP'];
const family = (code: string) => FAMILIES.indexOf(code.replace(/\d+$/, ''));
/**
 * Codes are a family and a zero-padded number, so plain string order is number order. Not
 * localeCompare: its first call loads ICU's collation data, ~10 ms of the server's start-up.
 */
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const DIAGNOSTIC_CODES: readonly CodeInfo[] = [
  ...TEMPLATE_CHECKS.flatMap((c) => [c, ...(c.also ?? [])]),
  ...ANALYSIS_RULE_CHECKS,
  ...DP_RULES,
  ...OUTSIDE_RULES,
]
  .map(({ code, name, summary }) => ({ code, name, summary }))
  .sort((a, b) => family(a.code) - family(b.code) || byCode(a.code, b.code));

// `validations` and `schema.referencedTables` for a stored template, computed with our own
// analyzer as the service computes them on create and fetch.
//
// Q10 (shared/reference/dp-rules.md): the API does not say whether a template that reads no
// differential-privacy table carries a DIFFERENTIAL_PRIVACY entry. We emit the entry only when
// the SQL references at least one DP table, and no `validations` at all otherwise.
import { analyze } from '../../server/src/core/analyze';
import { codeTokens, lex } from '../../server/src/core/sql/lexer';
import type { Schema } from '../../server/src/core/types';
import type { SeedSchema } from './seed';

export interface ValidationDetail {
  type: 'DIFFERENTIAL_PRIVACY';
  status: 'VALID' | 'INVALID' | 'UNABLE_TO_VALIDATE';
  reasons?: { message: string }[];
}

/** Names of the collaboration's tables that occur as identifiers in the SQL, in schema order. */
export function referencedTables(sql: string, tables: SeedSchema[]): string[] {
  const words = new Set<string>();
  for (const token of codeTokens(lex(sql))) {
    if (token.kind === 'word') words.add(token.text.toLowerCase());
    else if (token.kind === 'quoted') words.add(token.text.slice(1, -1).toLowerCase());
  }
  return tables.filter((t) => words.has(t.name.toLowerCase())).map((t) => t.name);
}

export function toAnalyzerSchema(tables: SeedSchema[]): Schema {
  return {
    tables: tables.map((t) => {
      const userIdColumn = t.customRule?.differentialPrivacy?.columns[0]?.name;
      return {
        name: t.name,
        analysisRuleType: t.analysisRuleType ?? 'CUSTOM',
        ...(userIdColumn !== undefined ? { userIdColumn } : {}),
        creatorAccountId: t.creatorAccountId,
        columns: t.columns.map((c) => ({ name: c.name, type: c.type })),
      };
    }),
  };
}

/**
 * Header and parameter-declaration diagnostics (TPL…, PAR…) concern the local file format, which
 * the service never sees; the service checks those fields as request validation instead.
 */
const isQueryDiagnostic = (code: string) => !code.startsWith('TPL') && !code.startsWith('PAR');

export function dpValidations(
  sql: string,
  tables: SeedSchema[],
  parameterNames: string[] = [],
): ValidationDetail[] {
  const referenced = new Set(referencedTables(sql, tables));
  const readsDpTable = tables.some(
    (t) => referenced.has(t.name) && t.customRule?.differentialPrivacy !== undefined,
  );
  if (!readsDpTable) return [];
  // The analyzer reads a whole template file; declaring the parameters keeps `:name` references
  // in the body from being judged undeclared.
  const header = ['-- @name emulator', ...parameterNames.map((p) => `-- @param ${p} VARCHAR`)].join(
    '\n',
  );
  const result = analyze(`${header}\n${sql}`, toAnalyzerSchema(tables));
  const reasons =
    result.verdict === 'VALID'
      ? []
      : result.diagnostics
          .filter((d) => d.severity === 'error' && isQueryDiagnostic(d.code))
          .map((d) => ({ message: d.message }));
  return [
    {
      type: 'DIFFERENTIAL_PRIVACY',
      status: result.verdict,
      ...(reasons.length > 0 ? { reasons } : {}),
    },
  ];
}

// Tables with analysis-rule controls, and analyze() results trimmed to one code.
import { analyze, type AnalysisResult } from '../../../server/src/core/analyze';
import type { Schema, SchemaTable } from '../../../server/src/core/types';

export const SPAN = { start: 0, end: 1 };

export function table(
  name: string,
  columns: string[],
  extra: Partial<
    Record<'allowedAnalyses' | 'allowedAnalysisProviders' | 'disallowedOutputColumns', string[]>
  > & { userIdColumn?: string; creatorAccountId?: string } = {},
): SchemaTable {
  const { allowedAnalyses, allowedAnalysisProviders, disallowedOutputColumns, ...rest } = extra;
  return {
    name,
    analysisRuleType: 'CUSTOM',
    columns: columns.map((c) => ({ name: c })),
    span: SPAN,
    ...rest,
    ...(allowedAnalyses ? { allowedAnalyses: { value: allowedAnalyses, span: SPAN } } : {}),
    ...(allowedAnalysisProviders
      ? { allowedAnalysisProviders: { value: allowedAnalysisProviders, span: SPAN } }
      : {}),
    ...(disallowedOutputColumns
      ? { disallowedOutputColumns: { value: disallowedOutputColumns, span: SPAN } }
      : {}),
  };
}

export interface Found {
  text: string;
  message: string;
  severity: string;
}

export function run(
  sql: string,
  schema: Schema,
  header = '-- @name t\n',
): { result: AnalysisResult; found(code: string): Found[] } {
  const text = header + sql;
  const result = analyze(text, schema);
  return {
    result,
    found: (code) =>
      result.diagnostics
        .filter((d) => d.code === code)
        .map((d) => ({
          text: text.slice(d.span.start, d.span.end),
          message: d.message,
          severity: d.severity,
        })),
  };
}

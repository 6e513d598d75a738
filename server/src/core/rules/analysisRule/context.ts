// What the analysis-rule checks read: the template (its @arn), the resolved query model and the
// schema with each table's custom-rule controls. These checks say what AWS Clean Rooms will refuse
// when the template runs; they never change the DIFFERENTIAL_PRIVACY verdict.
import type { Diagnostic, RelatedInfo, Schema, SchemaTable, Span, Template } from '../../types';
import type { CodeInfo } from '../../codes';
import type { QueryModel, TableRef } from '../../sql/model';

export interface AnalysisRuleContext {
  template: Template;
  model: QueryModel;
  schema: Schema | undefined;
}

/** A check, described by the code it reports. */
export interface AnalysisRuleCheck extends CodeInfo {
  check(ctx: AnalysisRuleContext): Diagnostic[];
}

/** Each schema table the query reads (anywhere: CTEs, subqueries), with its first reference. */
export function referencedTables(model: QueryModel): { table: SchemaTable; ref: TableRef }[] {
  const seen = new Map<SchemaTable, TableRef>();
  for (const ref of model.tables)
    if (ref.target.kind === 'schema' && !seen.has(ref.target.table))
      seen.set(ref.target.table, ref);
  return [...seen].map(([table, ref]) => ({ table, ref }));
}

/** The schema member a diagnostic rests on, as related information. */
export function ruleRelated(
  table: SchemaTable,
  member: 'allowedAnalyses' | 'allowedAnalysisProviders' | 'disallowedOutputColumns',
): RelatedInfo[] {
  const span: Span | undefined = table[member]?.span;
  return span
    ? [{ message: `The analysis rule of '${table.name}': ${member}.`, target: 'schema', span }]
    : [];
}

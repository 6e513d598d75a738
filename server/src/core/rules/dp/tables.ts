// Table-level rules: CUSTOM analysis rule everywhere (3), one user identifier column (4), one
// data provider for DP tables (5).
import type { SchemaTable } from '../../types';
import { finding, schemaRelated, type DpRule } from './context';

export const sameRuleType: DpRule = {
  code: 'DP003',
  name: 'TableWithoutCustomRule',
  summary: 'table without a CUSTOM analysis rule',
  rules: [3],
  check: ({ model, isDp }) => {
    const out = [];
    const resolved = model.tables.filter((r) => r.target.kind === 'schema');
    const firstType =
      resolved[0]?.target.kind === 'schema' ? resolved[0].target.table.analysisRuleType : undefined;
    for (const ref of resolved) {
      if (ref.target.kind !== 'schema') continue;
      const t = ref.target.table;
      const type = t.analysisRuleType.toUpperCase();
      const bad = isDp ? type !== 'CUSTOM' : type !== (firstType ?? type).toUpperCase();
      if (!bad) continue;
      const message = isDp
        ? `Table '${t.name}' uses analysis rule ${type}; a query on differential-privacy tables can only reference tables with a CUSTOM analysis rule. Configure a CUSTOM analysis rule for '${t.name}' or remove it from the query.`
        : `Table '${t.name}' uses analysis rule ${type} but other tables in this query use ${firstType}; a query can only reference tables with the same analysis rule type.`;
      out.push(finding('error', message, ref.nameSpan ?? ref.span, { related: schemaRelated(t) }));
    }
    return out;
  },
};

export const sameUserIdColumn: DpRule = {
  code: 'DP004',
  name: 'UserIdColumnsDiffer',
  summary: 'DP tables with different user identifier columns',
  rules: [4],
  check: ({ dpTables }) => {
    const out = [];
    const first = dpTables[0]?.target.kind === 'schema' ? dpTables[0].target.table : undefined;
    if (!first) return [];
    for (const ref of dpTables) {
      const t = (ref.target as { table: SchemaTable }).table;
      if (t.userIdColumn!.toLowerCase() === first.userIdColumn!.toLowerCase()) continue;
      out.push(
        finding(
          'error',
          `Differential-privacy tables '${first.name}' (user identifier '${first.userIdColumn}') and '${t.name}' (user identifier '${t.userIdColumn}') use different user identifier columns; every DP table in a collaboration must configure the same user identifier column.`,
          ref.nameSpan ?? ref.span,
          {
            related: [...schemaRelated(first), ...schemaRelated(t)],
          },
        ),
      );
    }
    return out;
  },
};

export const oneProvider: DpRule = {
  code: 'DP005',
  name: 'DataProvidersDiffer',
  summary: 'DP tables from different data providers',
  rules: [5],
  check: ({ dpTables }) => {
    const out = [];
    const owners = dpTables
      .map((r) => (r.target as { table: SchemaTable }).table)
      .filter((t) => t.creatorAccountId);
    const first = owners[0];
    if (!first) return [];
    for (const ref of dpTables) {
      const t = (ref.target as { table: SchemaTable }).table;
      if (!t.creatorAccountId || t.creatorAccountId === first.creatorAccountId) continue;
      out.push(
        finding(
          'error',
          `Cannot join differential-privacy tables from different data providers ('${first.name}' from ${first.creatorAccountId} and '${t.name}' from ${t.creatorAccountId}); query DP tables of one provider only.`,
          ref.nameSpan ?? ref.span,
          {
            related: [...schemaRelated(first), ...schemaRelated(t)],
          },
        ),
      );
    }
    return out;
  },
};

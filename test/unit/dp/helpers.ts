// Shared test fixtures: templates with a header (so spans are offset like real files) and the
// corpus-style tables used throughout dp-rules.md.
import { checkSql, type SqlCheckResult } from '../../../server/src/core/sql/check';
import type {
  AnalyzeOptions,
  Diagnostic,
  Schema,
  SchemaTable,
  Template,
} from '../../../server/src/core/types';

export interface CorpusTable {
  userIdColumn: string | null;
  columns: string[];
  owner?: string;
  analysisRuleType?: string;
}

export const TABLES: Record<string, CorpusTable> = {
  socialco_impressions: {
    userIdColumn: 'user_id',
    columns: [
      'user_id',
      'campaign_id',
      'impression_id',
      'creative_id',
      'device_type',
      'emailsha256',
      'timestamp',
    ],
  },
  socialco_users: {
    userIdColumn: 'user_id',
    columns: ['user_id', 'emailsha256', 'phonesha256', 'region', 'age_band'],
  },
  athletic_brand_sales: {
    userIdColumn: null,
    columns: [
      'sale_id',
      'emailsha256',
      'phonesha256',
      'sale_price',
      'product_category',
      'timestamp',
    ],
  },
  members: {
    userIdColumn: 'loyalty_number',
    columns: ['loyalty_number', 'city', 'salary', 'marital_status', 'education', 'gender', 'age'],
  },
};

export function schemaOf(tables: Record<string, CorpusTable>): Schema {
  return {
    tables: Object.entries(tables).map(([name, t]): SchemaTable => ({
      name,
      analysisRuleType: t.analysisRuleType ?? 'CUSTOM',
      ...(t.userIdColumn ? { userIdColumn: t.userIdColumn } : {}),
      ...(t.owner ? { creatorAccountId: t.owner } : {}),
      columns: t.columns.map((c) => ({ name: c })),
      span: { start: 0, end: name.length },
    })),
  };
}

export const HEADER = '-- @name test\n-- @param start_date DATE\n\n';

export function templateOf(sql: string): Template {
  const text = HEADER + sql;
  return { text, params: [], directives: [], bodyStart: HEADER.length, body: sql };
}

export interface Checked extends SqlCheckResult {
  template: Template;
  /** Diagnostics with the code, each with the text under its span. */
  find(code: string): (Diagnostic & { text: string })[];
}

export function check(
  sql: string,
  tables: Record<string, CorpusTable> | null = TABLES,
  options: AnalyzeOptions = { subqueries: 'current-docs' },
): Checked {
  const template = templateOf(sql);
  const res = checkSql({ template, schema: tables ? schemaOf(tables) : undefined, options });
  return {
    ...res,
    template,
    find: (code) =>
      res.diagnostics
        .filter((d) => d.code === code)
        .map((d) => ({ ...d, text: template.text.slice(d.span.start, d.span.end) })),
  };
}

/** Applies a fix's edits (non-overlapping) to the body and returns the new body. */
export function applyFix(c: Checked, code: string, index = 0): string {
  const fix = c.find(code)[index]?.fixes?.[0];
  if (!fix) throw new Error(`no fix on ${code}`);
  let text = c.template.text;
  for (const e of [...fix.edits].sort((a, b) => b.span.start - a.span.start))
    text = text.slice(0, e.span.start) + e.newText + text.slice(e.span.end);
  return text.slice(c.template.bodyStart);
}

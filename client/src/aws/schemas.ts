// Refresh Schema: reads a collaboration's tables and their analysis rules and renders the
// `cleanrooms.schema.json` the language server checks templates against.
import {
  BatchGetSchemaAnalysisRuleCommand,
  BatchGetSchemaCommand,
  paginateListSchemas,
  type AnalysisRule,
  type CleanRoomsClient,
  type Schema,
} from '@aws-sdk/client-cleanrooms';

export interface SchemaFileTable {
  name: string;
  analysisRuleType?: string;
  differentialPrivacy?: { userIdColumn: string };
  creatorAccountId?: string;
  columns: { name: string; type: string }[];
}

export interface SchemaFile {
  tables: SchemaFileTable[];
}

export interface SchemaRefresh {
  schema: SchemaFile;
  /** Tables or rules the service could not return; the file is still written without them. */
  warnings: string[];
}

/** BatchGetSchema and BatchGetSchemaAnalysisRule take at most 25 entries. */
export const SCHEMA_BATCH_LIMIT = 25;

export async function readCollaborationSchema(client: CleanRoomsClient, collaborationId: string, maxPages = 100): Promise<SchemaRefresh> {
  const names: string[] = [];
  let pages = 0;
  for await (const out of paginateListSchemas({ client, pageSize: 100 }, { collaborationIdentifier: collaborationId, schemaType: 'TABLE' })) {
    for (const s of out.schemaSummaries ?? []) if (s.name) names.push(s.name);
    if (++pages >= maxPages) break;
  }

  const warnings: string[] = [];
  const schemas: Schema[] = [];
  for (const batch of chunks(names, SCHEMA_BATCH_LIMIT)) {
    const out = await client.send(new BatchGetSchemaCommand({ collaborationIdentifier: collaborationId, names: batch }));
    schemas.push(...(out.schemas ?? []));
    for (const e of out.errors ?? []) warnings.push(`table ${e.name}: ${e.code ?? 'error'}: ${e.message ?? 'could not be read'}`);
  }

  // Only custom rules carry differential privacy, so only they are fetched.
  const customNames = schemas.filter((s) => s.analysisRuleTypes?.includes('CUSTOM')).map((s) => s.name ?? '');
  const rules = new Map<string, AnalysisRule>();
  for (const batch of chunks(customNames, SCHEMA_BATCH_LIMIT)) {
    const out = await client.send(
      new BatchGetSchemaAnalysisRuleCommand({ collaborationIdentifier: collaborationId, schemaAnalysisRuleRequests: batch.map((name) => ({ name, type: 'CUSTOM' })) }),
    );
    for (const r of out.analysisRules ?? []) if (r.name) rules.set(r.name, r);
    for (const e of out.errors ?? []) warnings.push(`analysis rule of ${e.name}: ${e.code ?? 'error'}: ${e.message ?? 'could not be read'}`);
  }

  const tables = schemas
    .map((s) => tableFor(s, rules.get(s.name ?? '')))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { schema: { tables }, warnings };
}

function tableFor(s: Schema, rule: AnalysisRule | undefined): SchemaFileTable {
  const types = s.analysisRuleTypes ?? [];
  const ruleType = types.includes('CUSTOM') ? 'CUSTOM' : types[0];
  const userIdColumn = userIdColumnOf(rule);
  const seen = new Set<string>();
  const columns = [...(s.columns ?? []), ...(s.partitionKeys ?? [])]
    .filter((c) => c.name && !seen.has(c.name) && seen.add(c.name))
    .map((c) => ({ name: c.name ?? '', type: c.type ?? '' }));
  return {
    name: s.name ?? '',
    ...(ruleType ? { analysisRuleType: ruleType } : {}),
    ...(userIdColumn ? { differentialPrivacy: { userIdColumn } } : {}),
    ...(s.creatorAccountId ? { creatorAccountId: s.creatorAccountId } : {}),
    columns,
  };
}

function userIdColumnOf(rule: AnalysisRule | undefined): string | undefined {
  const own = rule?.policy?.v1 && 'custom' in rule.policy.v1 ? rule.policy.v1.custom?.differentialPrivacy : undefined;
  const consolidated = rule?.consolidatedPolicy?.v1 && 'custom' in rule.consolidatedPolicy.v1 ? rule.consolidatedPolicy.v1.custom?.differentialPrivacy : undefined;
  return (own ?? consolidated)?.columns?.[0]?.name;
}

export function renderSchemaFile(schema: SchemaFile): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

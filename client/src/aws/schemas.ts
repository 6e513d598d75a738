// Refresh Schema: reads a collaboration's tables and their analysis rules and renders the
// `cleanrooms.schema.json` the language server checks templates against.
//
// Analysis rules are read at the collaboration level (BatchGetSchemaAnalysisRule, falling back
// to GetSchemaAnalysisRule when only that is permitted): every member can read them for every
// table, its own or not, and they carry the configured table's rule, the owner's association
// rule and the two merged. The configured table and association reads
// (GetConfiguredTableAnalysisRule, GetConfiguredTableAssociationAnalysisRule) work only for the
// table owner and add nothing to that.
import {
  BatchGetSchemaAnalysisRuleCommand,
  BatchGetSchemaCommand,
  GetSchemaAnalysisRuleCommand,
  paginateListSchemas,
  type AnalysisRule,
  type AnalysisRuleCustom,
  type CleanRoomsClient,
  type Schema,
} from '@aws-sdk/client-cleanrooms';

export interface SchemaFileTable {
  name: string;
  analysisRuleType?: string;
  differentialPrivacy?: { userIdColumn: string };
  creatorAccountId?: string;
  allowedAnalyses?: string[];
  allowedAnalysisProviders?: string[];
  additionalAnalyses?: string;
  disallowedOutputColumns?: string[];
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

export async function readCollaborationSchema(
  client: CleanRoomsClient,
  collaborationId: string,
  maxPages = 100,
): Promise<SchemaRefresh> {
  const names: string[] = [];
  let pages = 0;
  for await (const out of paginateListSchemas(
    { client, pageSize: 100 },
    { collaborationIdentifier: collaborationId, schemaType: 'TABLE' },
  )) {
    for (const s of out.schemaSummaries ?? []) if (s.name) names.push(s.name);
    if (++pages >= maxPages) break;
  }

  const warnings: string[] = [];
  const schemas: Schema[] = [];
  for (const batch of chunks(names, SCHEMA_BATCH_LIMIT)) {
    const out = await client.send(
      new BatchGetSchemaCommand({ collaborationIdentifier: collaborationId, names: batch }),
    );
    schemas.push(...(out.schemas ?? []));
    for (const e of out.errors ?? [])
      warnings.push(`table ${e.name}: ${e.code ?? 'error'}: ${e.message ?? 'could not be read'}`);
  }

  // Only custom rules carry differential privacy and the controls the schema file keeps.
  const customNames = schemas
    .filter((s) => s.analysisRuleTypes?.includes('CUSTOM'))
    .map((s) => s.name ?? '');
  const rules = await readCustomRules(client, collaborationId, customNames);
  warnings.push(...rules.warnings);

  const tables: SchemaFileTable[] = [];
  for (const s of schemas) {
    const custom = s.analysisRuleTypes?.includes('CUSTOM');
    const rule = rules.byName.get(s.name ?? '');
    if (custom && !rule) {
      // Without its rule a DP table would look like a plain one and templates on it would pass
      // as VALID: leave it out, so they are UNABLE_TO_VALIDATE until the rule can be read.
      if (!rules.unreadable.has(s.name ?? ''))
        warnings.push(
          `table ${s.name}: the service returned no CUSTOM analysis rule for it; left out of cleanrooms.schema.json, so templates using it are UNABLE_TO_VALIDATE.`,
        );
      continue;
    }
    const table = tableFor(s, rule);
    if (typeof table === 'string') warnings.push(table);
    else tables.push(table);
  }
  tables.sort((a, b) => a.name.localeCompare(b.name));
  return { schema: { tables }, warnings };
}

interface CustomRules {
  byName: Map<string, AnalysisRuleCustom>;
  /** Tables whose rule was refused or not found (each already has its warning). */
  unreadable: Set<string>;
  warnings: string[];
}

/**
 * The CUSTOM rule of each table, by BatchGetSchemaAnalysisRule; when the caller's IAM policy
 * refuses that action, table by table with GetSchemaAnalysisRule.
 */
async function readCustomRules(
  client: CleanRoomsClient,
  collaborationId: string,
  names: string[],
): Promise<CustomRules> {
  const rules: CustomRules = { byName: new Map(), unreadable: new Set(), warnings: [] };
  const keep = (r: AnalysisRule) => {
    const custom = customPolicyOf(r);
    if (r.name && custom) rules.byName.set(r.name, custom);
  };
  const refuse = (name: string, why: string) => {
    rules.unreadable.add(name);
    rules.warnings.push(
      `table ${name}: its analysis rule could not be read (${why}); left out of cleanrooms.schema.json, so templates using it are UNABLE_TO_VALIDATE.`,
    );
  };
  for (const batch of chunks(names, SCHEMA_BATCH_LIMIT)) {
    let out;
    try {
      out = await client.send(
        new BatchGetSchemaAnalysisRuleCommand({
          collaborationIdentifier: collaborationId,
          schemaAnalysisRuleRequests: batch.map((name) => ({ name, type: 'CUSTOM' })),
        }),
      );
    } catch (err) {
      if (!isAccessDenied(err)) throw err;
      for (const name of batch) {
        try {
          const one = await client.send(
            new GetSchemaAnalysisRuleCommand({
              collaborationIdentifier: collaborationId,
              name,
              type: 'CUSTOM',
            }),
          );
          if (one.analysisRule) keep(one.analysisRule);
        } catch (e) {
          if (errorName(e) === 'ResourceNotFoundException') refuse(name, 'not found');
          else if (isAccessDenied(e))
            refuse(
              name,
              'access denied: your IAM identity needs cleanrooms:BatchGetSchemaAnalysisRule or cleanrooms:GetSchemaAnalysisRule',
            );
          else throw e;
        }
      }
      continue;
    }
    for (const r of out.analysisRules ?? []) keep(r);
    for (const e of out.errors ?? [])
      refuse(e.name ?? '?', `${e.code ?? 'error'}: ${e.message ?? 'no reason given'}`);
  }
  return rules;
}

const errorName = (err: unknown) => (err as { name?: string } | undefined)?.name;
const isAccessDenied = (err: unknown) => errorName(err) === 'AccessDeniedException';

/**
 * The rule the service enforces: each control from the consolidated policy (the configured
 * table's rule merged with the owner's association rule), else from the configured table's own.
 */
function customPolicyOf(rule: AnalysisRule): AnalysisRuleCustom | undefined {
  const consolidated =
    rule.consolidatedPolicy?.v1 && 'custom' in rule.consolidatedPolicy.v1
      ? rule.consolidatedPolicy.v1.custom
      : undefined;
  const own = rule.policy?.v1 && 'custom' in rule.policy.v1 ? rule.policy.v1.custom : undefined;
  if (!consolidated && !own) return undefined;
  return {
    allowedAnalyses: consolidated?.allowedAnalyses ?? own?.allowedAnalyses,
    allowedAnalysisProviders:
      consolidated?.allowedAnalysisProviders ?? own?.allowedAnalysisProviders,
    additionalAnalyses: consolidated?.additionalAnalyses ?? own?.additionalAnalyses,
    disallowedOutputColumns: consolidated?.disallowedOutputColumns ?? own?.disallowedOutputColumns,
    differentialPrivacy: consolidated?.differentialPrivacy ?? own?.differentialPrivacy,
  };
}

/** The file's entry for a table, or a warning when its rule cannot be written down faithfully. */
function tableFor(s: Schema, rule: AnalysisRuleCustom | undefined): SchemaFileTable | string {
  const types = s.analysisRuleTypes ?? [];
  const ruleType = types.includes('CUSTOM') ? 'CUSTOM' : types[0];
  // The model allows exactly one user identifier column. Any other count cannot be checked
  // locally: the table is left out rather than written with one of them, or none.
  const dpColumns = (rule?.differentialPrivacy?.columns ?? []).map((c) => c.name ?? '');
  if (rule?.differentialPrivacy && (dpColumns.length !== 1 || !dpColumns[0])) {
    return `table ${s.name}: its differential-privacy configuration names ${dpColumns.length} user identifier columns (${dpColumns.join(', ') || 'none'}) where the service allows exactly one; left out of cleanrooms.schema.json, so templates using it are UNABLE_TO_VALIDATE.`;
  }
  const seen = new Set<string>();
  const columns = [...(s.columns ?? []), ...(s.partitionKeys ?? [])]
    .filter((c) => c.name && !seen.has(c.name) && seen.add(c.name))
    .map((c) => ({ name: c.name ?? '', type: c.type ?? '' }));
  return {
    name: s.name ?? '',
    ...(ruleType ? { analysisRuleType: ruleType } : {}),
    ...(dpColumns.length ? { differentialPrivacy: { userIdColumn: dpColumns[0] } } : {}),
    ...(s.creatorAccountId ? { creatorAccountId: s.creatorAccountId } : {}),
    ...(rule?.allowedAnalyses ? { allowedAnalyses: rule.allowedAnalyses } : {}),
    ...(rule?.allowedAnalysisProviders
      ? { allowedAnalysisProviders: rule.allowedAnalysisProviders }
      : {}),
    ...(rule?.additionalAnalyses ? { additionalAnalyses: rule.additionalAnalyses } : {}),
    ...(rule?.disallowedOutputColumns
      ? { disallowedOutputColumns: rule.disallowedOutputColumns }
      : {}),
    columns,
  };
}

export function renderSchemaFile(schema: SchemaFile): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

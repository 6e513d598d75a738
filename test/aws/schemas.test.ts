// Refresh Schema's AWS path: ListSchemas → BatchGetSchema → BatchGetSchemaAnalysisRule →
// cleanrooms.schema.json, read back by the language server's own schema parser.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  readCollaborationSchema,
  renderSchemaFile,
  SCHEMA_BATCH_LIMIT,
} from '../../client/src/aws/schemas';
import { parseSchema } from '../../server/src/core/schema/parse';
import { loadSeed, type Seed, type SeedSchema } from '../emulator/server';
import { DEMO_SEED, useSession } from './support';

const demo = loadSeed(DEMO_SEED);

function expectedTables(schemas: SeedSchema[]) {
  return schemas
    .map((s) => {
      // The emulator's default rule for a table without one in the seed.
      const rule = s.customRule ?? { allowedAnalyses: ['ANY_QUERY'] };
      return {
        name: s.name,
        analysisRuleType: s.analysisRuleType ?? 'CUSTOM',
        ...(rule.differentialPrivacy
          ? { differentialPrivacy: { userIdColumn: rule.differentialPrivacy.columns[0].name } }
          : {}),
        creatorAccountId: s.creatorAccountId,
        allowedAnalyses: rule.allowedAnalyses,
        ...(rule.allowedAnalysisProviders
          ? { allowedAnalysisProviders: rule.allowedAnalysisProviders }
          : {}),
        ...(rule.additionalAnalyses ? { additionalAnalyses: rule.additionalAnalyses } : {}),
        ...(rule.disallowedOutputColumns
          ? { disallowedOutputColumns: rule.disallowedOutputColumns }
          : {}),
        columns: s.columns.map((c) => ({ name: c.name, type: c.type })),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

test('each demo collaboration becomes a schema file with its tables, DP columns and owners', async (t) => {
  const { session } = await useSession(t);
  for (const c of demo.collaborations) {
    const { schema, warnings } = await readCollaborationSchema(session.client, c.id);
    assert.deepEqual(warnings, []);
    const seeded = demo.schemas.filter((s) => s.collaborationId === c.id);
    assert.deepEqual(schema, { tables: expectedTables(seeded) });

    const text = renderSchemaFile(schema);
    assert.ok(text.endsWith('}\n'));
    const parsed = parseSchema(text);
    assert.deepEqual(parsed.diagnostics, [], `the server accepts the file for ${c.name}`);
    assert.deepEqual(
      parsed.schema.tables.map((x) => ({
        name: x.name,
        type: x.analysisRuleType,
        userId: x.userIdColumn,
        owner: x.creatorAccountId,
        columns: x.columns.map((col) => col.name),
        allowed: x.allowedAnalyses?.value,
        providers: x.allowedAnalysisProviders?.value,
        disallowed: x.disallowedOutputColumns?.value,
      })),
      expectedTables(seeded).map((x) => ({
        name: x.name,
        type: x.analysisRuleType,
        userId: x.differentialPrivacy?.userIdColumn,
        owner: x.creatorAccountId,
        columns: x.columns.map((col) => col.name),
        allowed: x.allowedAnalyses,
        providers: x.allowedAnalysisProviders,
        disallowed: x.disallowedOutputColumns,
      })),
    );
  }
});

test('more tables than one batch (and one list page) are all read', async (t) => {
  const collaborationId = demo.collaborations[0].id;
  assert.equal(SCHEMA_BATCH_LIMIT, 25, 'the service limit');
  const count = 103; // two ListSchemas pages of 100, five batches of 25
  const schemas: SeedSchema[] = Array.from({ length: count }, (_, i) => ({
    collaborationId,
    name: `table_${String(i).padStart(3, '0')}`,
    creatorAccountId: '111122223333',
    columns: [
      { name: 'user_id', type: 'string' },
      { name: `metric_${i}`, type: 'bigint' },
    ],
    ...(i % 2 === 0
      ? {
          customRule: {
            allowedAnalyses: ['ANY_QUERY'],
            differentialPrivacy: { columns: [{ name: 'user_id' }] },
          },
        }
      : { customRule: { allowedAnalyses: ['ANY_QUERY'] } }),
  }));
  const seed: Seed = { ...demo, schemas, templates: [] };
  const requests: string[] = [];
  const { session } = await useSession(t, { emulator: { seed, log: (l) => requests.push(l) } });
  const { schema, warnings } = await readCollaborationSchema(session.client, collaborationId);
  assert.deepEqual(warnings, []);
  assert.deepEqual(schema.tables, expectedTables(schemas));
  assert.equal(schema.tables.filter((x) => x.differentialPrivacy).length, Math.ceil(count / 2));
  assert.equal(requests.filter((l) => / \/collaborations\/[^/]+\/schemas(\?| )/.test(l)).length, 2);
  assert.equal(requests.filter((l) => /\/batch-schema /.test(l)).length, 5);
  // Only the CUSTOM-rule tables' rules are read: all 103 here.
  assert.equal(requests.filter((l) => /\/batch-schema-analysis-rule /.test(l)).length, 5);
});

// Malformed cleanrooms.schema.json over real LSP: wrong types, missing fields, not JSON, huge.
// Each must give a diagnostic in the schema file (every range inside it), the template next to
// it must fall back to UNABLE_TO_VALIDATE, and the server must keep running.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InitializeResult } from 'vscode-languageserver-protocol';
import { ANALYZE_METHOD, type LocalVerdict } from '../../common/protocol';
import { fileUri, type LspClient } from '../support/lspClient';
import {
  assertNotCrashed,
  assertRangesInside,
  EXAMPLES,
  scratchWorkspace,
  startInitialized,
  type Workspace,
} from './support';

const TEMPLATE = readFileSync(join(EXAMPLES, 'unique-reach.cleanrooms.sql'), 'utf8');
const GOOD_SCHEMA = readFileSync(join(EXAMPLES, 'cleanrooms.schema.json'), 'utf8');
const WAIT_MS = 10_000;

/** A few MB of valid tables, then the one the template reads, broken (columns is not an array). */
function hugeSchema(): string {
  const filler = Array.from({ length: 20_000 }, (_, i) => ({
    name: `filler_table_${i}`,
    analysisRuleType: 'CUSTOM',
    columns: [
      { name: 'user_id' },
      { name: 'value', type: 'double' },
      { name: 'note', type: 'string' },
    ],
  }));
  return JSON.stringify(
    {
      tables: [
        ...filler,
        {
          name: 'socialco_impressions',
          differentialPrivacy: { userIdColumn: 'user_id' },
          columns: 'user_id',
        },
      ],
    },
    null,
    2,
  );
}

const CASES: Array<[string, () => string]> = [
  ['not JSON (truncated)', () => GOOD_SCHEMA.slice(0, Math.floor(GOOD_SCHEMA.length / 2))],
  ['not JSON (prose)', () => 'tables: socialco_impressions, user_id\n'],
  ['empty file', () => ''],
  ['JSON null', () => 'null'],
  ['top level is an array', () => '[{"name": "socialco_impressions"}]'],
  ['tables is a string', () => '{"tables": "socialco_impressions"}'],
  ['missing tables', () => '{}'],
  [
    'table without a name',
    () =>
      '{"tables": [{"columns": [{"name": "user_id"}], "differentialPrivacy": {"userIdColumn": "user_id"}}]}',
  ],
  ['name is a number, columns a string', () => '{"tables": [{"name": 42, "columns": "user_id"}]}'],
  [
    'userIdColumn is a number',
    () =>
      '{"tables": [{"name": "socialco_impressions", "differentialPrivacy": {"userIdColumn": 7}, "columns": [{"name": "user_id"}, {"name": "campaign_id"}, {"name": "timestamp"}]}]}',
  ],
  ['huge (about 3 MB), the used table broken', hugeSchema],
];

let client: LspClient;
let init: InitializeResult;
const workspaces: Workspace[] = [];

before(async () => {
  ({ client, init } = await startInitialized());
  assert.ok(init.capabilities.textDocumentSync, 'server declares text sync');
});

after(async () => {
  await client?.dispose();
  for (const ws of workspaces) ws.dispose();
});

async function verdictOf(uri: string): Promise<LocalVerdict> {
  const v = await client.request<LocalVerdict | null>(ANALYZE_METHOD, { uri }, 5000);
  assert.ok(v, `no analysis for ${uri}`);
  return v;
}

for (const [name, make] of CASES) {
  test(`schema on disk: ${name}`, { timeout: 30_000 }, async () => {
    const ws = scratchWorkspace(false);
    workspaces.push(ws);
    const schemaText = make();
    writeFileSync(join(ws.dir, 'cleanrooms.schema.json'), schemaText);
    const schemaUri = fileUri(join(ws.dir, 'cleanrooms.schema.json'));
    const templateUri = ws.uri('unique-reach.cleanrooms.sql');
    client.open(templateUri, TEMPLATE, 1);
    await client.waitForDiagnostics(templateUri, (p) => p.version === 1, WAIT_MS);
    const schemaDiagnostics = await client.waitForDiagnostics(
      schemaUri,
      (p) => p.diagnostics.length > 0,
      WAIT_MS,
    );
    assertRangesInside(schemaDiagnostics, schemaText, name);
    assert.equal((await verdictOf(templateUri)).verdict, 'UNABLE_TO_VALIDATE');
    client.close(templateUri);
    assertNotCrashed(client, name);
  });
}

// The server does not read schema files over 16 MB: it must say so in the file itself.
test('schema on disk: over the 16 MB read limit', { timeout: 30_000 }, async () => {
  const ws = scratchWorkspace(false);
  workspaces.push(ws);
  const schemaText = JSON.stringify({
    tables: JSON.parse(GOOD_SCHEMA).tables,
    padding: 'x'.repeat(17 * 1024 * 1024),
  });
  writeFileSync(join(ws.dir, 'cleanrooms.schema.json'), schemaText);
  const templateUri = ws.uri('unique-reach.cleanrooms.sql');
  client.open(templateUri, TEMPLATE, 1);
  await client.waitForDiagnostics(templateUri, (p) => p.version === 1, WAIT_MS);
  const published = await client.waitForDiagnostics(
    fileUri(join(ws.dir, 'cleanrooms.schema.json')),
    (p) => p.diagnostics.length > 0,
    3000,
  );
  assertRangesInside(published, schemaText, 'over 16 MB');
  assert.equal((await verdictOf(templateUri)).verdict, 'UNABLE_TO_VALIDATE');
  client.close(templateUri);
  assertNotCrashed(client, 'over 16 MB');
});

test('schema edited live: broken, then fixed again', { timeout: 30_000 }, async () => {
  const ws = scratchWorkspace();
  workspaces.push(ws);
  const schemaUri = fileUri(join(ws.dir, 'cleanrooms.schema.json'));
  const templateUri = ws.uri('unique-reach.cleanrooms.sql');
  client.open(schemaUri, GOOD_SCHEMA, 1, 'json');
  client.open(templateUri, TEMPLATE, 1);
  await client.waitForDiagnostics(templateUri, (p) => p.version === 1, WAIT_MS);
  assert.equal(
    (await verdictOf(templateUri)).verdict,
    'VALID',
    'the example is valid against its own schema',
  );

  const broken = GOOD_SCHEMA.replace('"tables": [', '"tables": [[');
  client.change(schemaUri, 2, broken);
  const published = await client.waitForDiagnostics(
    schemaUri,
    (p) => p.diagnostics.length > 0,
    WAIT_MS,
  );
  assertRangesInside(published, broken, 'live broken schema');
  assert.equal((await verdictOf(templateUri)).verdict, 'UNABLE_TO_VALIDATE');

  client.change(schemaUri, 3, GOOD_SCHEMA);
  await client.waitForDiagnostics(schemaUri, (p) => p.diagnostics.length === 0, WAIT_MS);
  assert.equal((await verdictOf(templateUri)).verdict, 'VALID');
  assertNotCrashed(client, 'live schema edits');
});

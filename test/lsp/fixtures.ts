// Temporary workspaces for the LSP tests: a folder with a cleanrooms.schema.json and templates.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { fileUri, startServer, type LspClient } from '../support/lspClient';

export const SCHEMA = JSON.stringify(
  {
    tables: [
      {
        name: 'impressions',
        analysisRuleType: 'CUSTOM',
        differentialPrivacy: { userIdColumn: 'user_id' },
        columns: [
          { name: 'user_id', type: 'string' },
          { name: 'campaign_id', type: 'string' },
          { name: 'device_type', type: 'string' },
          { name: 'ts', type: 'timestamp' },
        ],
      },
      {
        name: 'sales',
        analysisRuleType: 'CUSTOM',
        columns: [
          { name: 'sale_id', type: 'string' },
          { name: 'price', type: 'double' },
        ],
      },
    ],
  },
  null,
  2,
);

export interface Workspace {
  dir: string;
  schemaPath: string;
  schemaUri: string;
  uri(name: string): string;
  writeSchema(text: string): void;
  dispose(): void;
}

/** A temporary folder with `schema` as its cleanrooms.schema.json, or no schema file when undefined. */
export function workspace(schema: string | undefined): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'cr-lsp-'));
  const schemaPath = join(dir, 'cleanrooms.schema.json');
  if (schema !== undefined) writeFileSync(schemaPath, schema);
  return {
    dir,
    schemaPath,
    schemaUri: fileUri(schemaPath),
    uri: (name) => fileUri(join(dir, name)),
    writeSchema: (text) => writeFileSync(schemaPath, text),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A valid DP template over `impressions`: line numbers in the tests refer to this text. */
export const VALID_TEMPLATE = [
  '-- @name Reach by campaign',
  "-- @param since DATE = '2024-01-01'",
  'WITH per_user AS (',
  '  SELECT user_id, campaign_id',
  '  FROM impressions i',
  '  WHERE i.ts >= :since',
  '  GROUP BY user_id, campaign_id',
  ')',
  'SELECT campaign_id, COUNT(DISTINCT user_id) AS reach',
  'FROM per_user',
  'GROUP BY campaign_id',
].join('\n');

/**
 * For a describe block: a fresh workspace and an initialized server before its tests, both torn
 * down after. Read `ws` and `client` inside the tests (they are set by the `before` hook).
 */
export function useServer(schema: string = SCHEMA): { ws: Workspace; client: LspClient } {
  const session = {} as { ws: Workspace; client: LspClient };
  before(async () => {
    session.ws = workspace(schema);
    session.client = startServer();
    await session.client.initialize({
      initializationOptions: {
        settings: { subqueries: 'current-docs' },
        diagnosticsDocUri: 'file:///ext/docs/diagnostics.md',
      },
    });
  });
  after(async () => {
    await session.client.dispose();
    session.ws.dispose();
  });
  return session;
}

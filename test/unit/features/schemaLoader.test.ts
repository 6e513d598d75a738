// The schema worker ends when idle and a later read starts a new one (server/src/session/schemaLoader.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createSchemaLoader } from '../../../server/src/session/schemaLoader';

const schemaWith = (name: string) =>
  JSON.stringify({ tables: [{ name, columns: [{ name: 'user_id', type: 'string' }] }] });

const bundle = join(__dirname, '..', '..', '..', 'dist', 'languageServer.js');

test(
  'a read after the idle worker ended is answered by a new worker',
  { timeout: 10_000, skip: !existsSync(bundle) && 'run npm run build first' },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'schema-loader-'));
    const path = join(dir, 'cleanrooms.schema.json');
    writeFileSync(path, schemaWith('t'));
    const logged: string[] = [];
    const load = createSchemaLoader(bundle, (m) => logged.push(m), 50);
    const first = await load(path, dir, undefined);
    assert.ok(
      first?.schema.tables.some((t) => t.name === 't'),
      JSON.stringify(first?.diagnostics),
    );
    await sleep(300);
    writeFileSync(path, schemaWith('u'));
    const second = await load(path, dir, undefined);
    assert.ok(
      second?.schema.tables.some((t) => t.name === 'u'),
      JSON.stringify(second?.diagnostics),
    );
    assert.deepEqual(
      second?.diagnostics.filter((d) => d.code === 'SCF001'),
      [],
    );
    assert.deepEqual(logged, []);
  },
);

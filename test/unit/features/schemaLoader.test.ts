// Schema reads (server/src/session/schemaLoader.ts): small files are parsed on the calling thread,
// larger ones in the schema worker, which ends when idle; a later read starts a new one.
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
    // Every file goes to the worker here.
    const load = createSchemaLoader(bundle, (m) => logged.push(m), {
      idleMs: 50,
      inlineMaxBytes: 0,
    });
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

test('a small schema file is read without a worker; a larger one goes to the worker', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'schema-loader-'));
  const path = join(dir, 'cleanrooms.schema.json');
  writeFileSync(path, schemaWith('t'));
  const logged: string[] = [];
  // No worker can start from this path: a read that needed one fails with SCF001.
  const load = createSchemaLoader(join(dir, 'no-such-bundle.js'), (m) => logged.push(m), {
    inlineMaxBytes: 1024,
  });
  const small = await load(path, dir, undefined);
  assert.ok(
    small?.schema.tables.some((t) => t.name === 't'),
    JSON.stringify(small?.diagnostics),
  );
  const open = await load(path, dir, schemaWith('u'));
  assert.ok(open?.schema.tables.some((t) => t.name === 'u'));
  assert.deepEqual(logged, []);
  writeFileSync(path, schemaWith('v'.repeat(2000)));
  const large = await load(path, dir, undefined);
  assert.equal(large?.diagnostics[0]?.code, 'SCF001');
  assert.match(large?.diagnostics[0]?.message ?? '', /could not be read/);
});

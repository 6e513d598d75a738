// The server's V8 code cache over a real start: written into the storage folder the client names
// (the extension's global storage), then used as it is; with no folder, nothing is written.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { serverProcess } from '../../common/serverProcess';
import { SERVER_PATH, startServer } from '../support/lspClient';
import { SCHEMA, VALID_TEMPLATE, workspace } from './fixtures';

describe('code cache', () => {
  const root = mkdtempSync(join(tmpdir(), 'cr-lsp-cache-'));
  const ws = workspace(SCHEMA);
  after(() => {
    rmSync(root, { recursive: true, force: true });
    ws.dispose();
  });

  /** One server start that analyses a template, so its warm-up (after which it caches) has run. */
  async function session(args: string[], env: Record<string, string> = {}): Promise<void> {
    const client = startServer({ args: [SERVER_PATH, '--stdio', ...args], env });
    try {
      await client.initialize();
      const uri = ws.uri('cached.cleanrooms.sql');
      client.open(uri, VALID_TEMPLATE);
      const pushed = await client.waitForDiagnostics(uri, (p) => p.version === 1);
      assert.deepEqual(pushed.diagnostics, []);
    } finally {
      await client.dispose();
    }
  }

  it('is written into the storage folder it is given, and read from there by the next start', async () => {
    const storage = join(root, 'storage');
    mkdirSync(storage);
    const { args } = serverProcess(storage);
    await session(args);
    const folder = join(storage, 'code-cache');
    const files = readdirSync(folder);
    assert.equal(files.length, 1, files.join(' '));
    assert.match(files[0], /^server-.*\.cache$/);
    const written = statSync(join(folder, files[0]));
    assert.ok(written.size > 100_000, `${written.size} bytes`);
    await session(args);
    // Accepted by V8, so not written again.
    const after = statSync(join(folder, files[0]));
    assert.deepEqual([after.ino, after.mtimeMs], [written.ino, written.mtimeMs]);
  });

  it('is neither written nor looked for anywhere without a storage folder', async () => {
    const scratch = join(root, 'no-storage');
    mkdirSync(join(scratch, 'tmp'), { recursive: true });
    mkdirSync(join(scratch, 'home'));
    assert.deepEqual(serverProcess(undefined).args, []);
    await session(serverProcess(undefined).args, {
      TMPDIR: join(scratch, 'tmp'),
      HOME: join(scratch, 'home'),
    });
    assert.deepEqual(readdirSync(join(scratch, 'tmp')), []);
    assert.deepEqual(readdirSync(join(scratch, 'home')), []);
  });
});

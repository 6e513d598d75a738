// The shared driver (test/support/lspClient.ts) against a server that no longer reads: writes to
// it fail with EPIPE, and that must not surface as an unhandled rejection in the test process.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { startServer } from '../support/lspClient';

it(
  'notifications to a server that closed its stdin leave no unhandled rejection',
  { timeout: 20_000 },
  async () => {
    // Stands in for a dying server: stdin closed (writes fail), stdout still open (the connection
    // has not noticed anything), so each write's failure arrives asynchronously.
    const client = startServer({
      args: ['-e', "require('node:fs').closeSync(0); setTimeout(() => undefined, 10_000)"],
    });
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => void rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      await new Promise((done) => setTimeout(done, 500));
      const uri = 'file:///dead/a.cleanrooms.sql';
      client.open(uri, 'SELECT 1');
      client.change(uri, 2, 'SELECT 2');
      client.notify('workspace/didChangeConfiguration', { settings: {} });
      client.close(uri);
      await new Promise((done) => setTimeout(done, 500));
      assert.deepEqual(rejections, []);
    } finally {
      process.off('unhandledRejection', onRejection);
      await client.dispose(500);
    }
  },
);

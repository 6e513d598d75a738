// A malformed frame on stdin (a header line without ':', no or a non-numeric Content-Length, an
// absurd length, a runaway header) leaves vscode-jsonrpc's reader out of step with the stream for
// good. The server must say why and exit non-zero, so the client restarts it, instead of running
// deaf. Well-formed framing, however it is split into chunks, must never trip the guard.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createFrameGuard } from '../../server/src/frameGuard';
import { frame, startServer, withTimeout } from '../support/lspClient';

const BAD_FRAMES: Array<[string, string | Buffer, RegExp]> = [
  [
    'non-numeric Content-Length',
    'Content-Length: abc\r\n\r\n{}',
    /Content-Length is not a byte count/,
  ],
  ['a header line without a colon', 'garbage without colon\r\n\r\n', /malformed header line/],
  [
    'no Content-Length',
    'Content-Type: application/vscode-jsonrpc\r\n\r\n{}',
    /without Content-Length/,
  ],
  ['a 100 GB Content-Length', 'Content-Length: 99999999999\r\n\r\n{', /over the \d+-byte limit/],
  ['a header that never ends', Buffer.alloc(64 * 1024, 'x'), /header over/],
];

describe('malformed frames on stdin', () => {
  for (const [name, bytes, reason] of BAD_FRAMES) {
    it(`${name}: logged, then the server exits with 1`, async () => {
      const client = startServer();
      try {
        await client.initialize();
        client.writeRaw(bytes);
        const exit = await withTimeout(client.exited, 5000, 'server exit');
        assert.equal(exit.code, 1);
        assert.match(client.stderr(), reason);
        assert.match(client.stderr(), /the language server exits so the client can restart it/);
      } finally {
        await client.dispose(500);
      }
    });
  }

  it('a valid message written one byte at a time is served, not refused', async () => {
    const client = startServer();
    try {
      await client.initialize();
      const bytes = frame(
        JSON.stringify({
          jsonrpc: '2.0',
          id: 'split',
          method: 'cleanrooms/analyze',
          params: { uri: 'file:///none.cleanrooms.sql' },
        }),
      );
      const answered = new Promise((resolve) =>
        client.process.stdout!.on('data', (d: Buffer) => d.includes('"split"') && resolve(true)),
      );
      for (const byte of bytes) client.writeRaw(Buffer.from([byte]));
      assert.equal(await withTimeout(answered, 5000, 'answer'), true);
      assert.equal(client.process.exitCode, null);
    } finally {
      await client.dispose();
    }
  });
});

describe('createFrameGuard', () => {
  it('accepts well-formed messages split at every offset', () => {
    const stream = Buffer.concat([
      frame('{"jsonrpc":"2.0","method":"a"}'),
      Buffer.from(
        'Content-Length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}',
      ),
      frame('{"x":"\r\n\r\n"}'), // a blank line inside a body is body, not a header end
    ]);
    for (let cut = 0; cut <= stream.length; cut++) {
      const violations: string[] = [];
      const feed = createFrameGuard((r) => violations.push(r));
      feed(stream.subarray(0, cut));
      feed(stream.subarray(cut));
      assert.deepEqual(violations, [], `cut at ${cut}`);
    }
  });

  it('reports the first violation once', () => {
    const violations: string[] = [];
    const feed = createFrameGuard((r) => violations.push(r));
    feed(
      Buffer.from('Content-Length: 2\r\n\r\n{}Content-Length: x\r\n\r\nContent-Length: y\r\n\r\n'),
    );
    assert.deepEqual(violations, ['Content-Length is not a byte count: "x"']);
  });
});

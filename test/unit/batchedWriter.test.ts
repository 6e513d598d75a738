// The server's stdio writer (server/src/session/batchedWriter.ts): messages sent in one turn go out
// in one write, framed exactly as vscode-jsonrpc frames them, so any LSP client reads them.
import assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { StreamMessageReader, type Message } from 'vscode-languageserver-protocol/node';
import { BatchedWriter } from '../../server/src/session/batchedWriter';

/** A stream that records each write it gets and passes the bytes on to `sink`. */
function recording(sink: PassThrough): { stream: Writable; writes: Buffer[] } {
  const writes: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      writes.push(chunk);
      sink.write(chunk, done);
    },
  });
  return { stream, writes };
}

/** Reads `count` messages from `sink` with vscode-jsonrpc's own reader. */
function readMessages(sink: PassThrough, count: number): Promise<Message[]> {
  const reader = new StreamMessageReader(sink);
  const read: Message[] = [];
  return new Promise((resolve) =>
    reader.listen((m) => {
      read.push(m);
      if (read.length === count) resolve(read);
    }),
  );
}

const diagnostics = {
  jsonrpc: '2.0',
  method: 'textDocument/publishDiagnostics',
  // Non-ASCII: the header counts bytes, not characters.
  params: { uri: 'file:///t/é.sql', version: 7, diagnostics: [{ message: 'colonne « x » — ✓' }] },
};
const verdict = { jsonrpc: '2.0', method: 'cleanrooms/verdict', params: { verdict: 'VALID' } };
const response = { jsonrpc: '2.0', id: 3, result: null };

describe('batched stdio writer', () => {
  it('writes the messages of one turn in one write, each framed and read back intact', async () => {
    const sink = new PassThrough();
    const { stream, writes } = recording(sink);
    const writer = new BatchedWriter(stream);
    const received = readMessages(sink, 3);
    await Promise.all([writer.write(diagnostics), writer.write(verdict), writer.write(response)]);
    assert.equal(writes.length, 1);
    assert.deepEqual(await received, [diagnostics, verdict, response]);
    const text = writes[0].toString('utf8');
    assert.ok(text.startsWith('Content-Length: '), text.slice(0, 40));
    const length = Number(/^Content-Length: (\d+)\r\n\r\n/.exec(text)?.[1]);
    assert.equal(length, Buffer.byteLength(JSON.stringify(diagnostics), 'utf8'));
  });

  it('messages sent in later turns are written later, in order', async () => {
    const sink = new PassThrough();
    const { stream, writes } = recording(sink);
    const writer = new BatchedWriter(stream);
    const received = readMessages(sink, 3);
    await writer.write(diagnostics);
    await writer.write(verdict);
    await new Promise((r) => setImmediate(r));
    await writer.write(response);
    assert.equal(writes.length, 3);
    assert.deepEqual(await received, [diagnostics, verdict, response]);
  });

  it('a failed write rejects the messages in it and reports the error', async () => {
    const failing = new Writable({ write: (_chunk, _encoding, done) => done(new Error('EPIPE')) });
    failing.on('error', () => undefined);
    const writer = new BatchedWriter(failing);
    const reported: string[] = [];
    writer.onError(([error, msg]) => reported.push(`${error.message} ${JSON.stringify(msg)}`));
    const results = await Promise.allSettled([writer.write(verdict), writer.write(response)]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['rejected', 'rejected'],
    );
    assert.ok(reported.includes(`EPIPE ${JSON.stringify(verdict)}`), reported.join('\n'));
    assert.ok(reported.includes(`EPIPE ${JSON.stringify(response)}`), reported.join('\n'));
  });
});

// createServer() driven in-process over a stream pair, with an in-memory io holding examples/:
// the whole LSP wiring (open → analysis → diagnostics and verdict pushed) without spawning
// dist/server.js or touching the file system after the examples are read.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import { createConnection } from 'vscode-languageserver/node';
import { DiagnosticSeverity, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { VERDICT_METHOD, type VerdictParams } from '../../common/protocol';
import { analyze } from '../../server/src/core/analyze';
import { createServer, type ServerIO } from '../../server/src/server';
import { loadedFrom } from '../../server/src/session/schemas';
import { withTimeout } from '../support/lspClient';

// A folder that does not exist: every read goes through the io below, never to the disk.
const ROOT = resolve('/in-memory-workspace');
const EXAMPLE = 'unique-reach.cleanrooms.sql';
const examples = resolve(__dirname, '../../examples');
const files = new Map([
  [
    join(ROOT, 'cleanrooms.schema.json'),
    readFileSync(join(examples, 'cleanrooms.schema.json'), 'utf8'),
  ],
  [join(ROOT, EXAMPLE), readFileSync(join(examples, EXAMPLE), 'utf8')],
]);
const validText = files.get(join(ROOT, EXAMPLE))!;
// MAX in the final SELECT is not a differentially private aggregation (DP028).
const invalidText = validText.replace('COUNT(*) AS impressions', 'MAX(timestamp) AS last_seen');

const memoryIO: ServerIO = {
  firstExisting: async (paths) => paths.find((p) => files.has(p)),
  loadSchema: async (path, _root, text) => {
    const stored = text ?? files.get(path);
    return loadedFrom(
      path,
      stored === undefined
        ? { kind: 'missing' }
        : { kind: 'text', text: stored, bytes: stored.length },
    );
  },
  // What the analysis worker does, on this thread.
  background: {
    run: async (_uri, job) => analyze(job.text, job.schema, { ...job.options, fullSyntax: true }),
    cancel: () => undefined,
  },
};

/** A notification's params, once one for `uri` matching `predicate` has arrived. */
function awaiter<P extends { uri: string }>(client: MessageConnection, method: string) {
  const seen: P[] = [];
  const waiters = new Set<() => void>();
  client.onNotification(method, (p: P) => {
    seen.push(p);
    for (const w of [...waiters]) w();
  });
  return (uri: string, predicate: (p: P) => boolean = () => true): Promise<P> => {
    let check = () => undefined as void;
    const found = new Promise<P>((done) => {
      check = () => {
        const p = [...seen].reverse().find((s) => s.uri === uri && predicate(s));
        if (p) done(p);
      };
      waiters.add(check);
      check();
    });
    return withTimeout(found, 5000, `${method} for ${uri}`).finally(() => waiters.delete(check));
  };
}

describe('createServer in-process', () => {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = createConnection(
    new StreamMessageReader(toServer),
    new StreamMessageWriter(toClient),
  );
  const client = createMessageConnection(
    new StreamMessageReader(toClient),
    new StreamMessageWriter(toServer),
  );
  const diagnostics = awaiter<PublishDiagnosticsParams>(client, 'textDocument/publishDiagnostics');
  const verdicts = awaiter<VerdictParams>(client, VERDICT_METHOD);
  let version = 0;

  const open = (name: string, text: string) => {
    const uri = pathToFileURL(join(ROOT, name)).href;
    version++;
    void client.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'cleanrooms-sql', version, text },
    });
    return { uri, version };
  };

  before(async () => {
    createServer(server, memoryIO);
    client.listen();
    const init = await client.sendRequest<{ capabilities: { hoverProvider?: boolean } }>(
      'initialize',
      {
        processId: null,
        rootUri: pathToFileURL(ROOT).href,
        workspaceFolders: [{ uri: pathToFileURL(ROOT).href, name: 'examples' }],
        capabilities: {},
      },
    );
    assert.equal(init.capabilities.hoverProvider, true);
    await client.sendNotification('initialized', {});
  });

  after(async () => {
    await client.sendRequest('shutdown');
    void client.sendNotification('exit');
    client.dispose();
    server.dispose();
  });

  it('publishes diagnostics and a VALID verdict for a valid example', async () => {
    const doc = open(EXAMPLE, validText);
    const published = await diagnostics(doc.uri, (p) => p.version === doc.version);
    assert.deepEqual(
      published.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error),
      [],
    );
    const verdict = await verdicts(doc.uri, (p) => p.version === doc.version);
    assert.equal(verdict.verdict, 'VALID');
    assert.equal(verdict.schemaFound, true, 'the schema came through the io');
  });

  it('publishes the error and an INVALID verdict for an invalid one', async () => {
    const doc = open('invalid.cleanrooms.sql', invalidText);
    const published = await diagnostics(doc.uri, (p) => p.version === doc.version);
    assert.ok(
      published.diagnostics.some(
        (d) => d.code === 'DP028' && d.severity === DiagnosticSeverity.Error,
      ),
      JSON.stringify(published.diagnostics),
    );
    const verdict = await verdicts(doc.uri, (p) => p.version === doc.version);
    assert.equal(verdict.verdict, 'INVALID');
  });
});

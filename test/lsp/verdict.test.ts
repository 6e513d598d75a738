// The `cleanrooms/verdict` notification over real JSON-RPC: sent after every analysis, for the
// version analysed, with the reasons the status bar and CodeLens show; and DP044's severity setting.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { VERDICT_METHOD, type VerdictParams } from '../../common/protocol';
import { startServer, withTimeout, type LspClient } from '../support/lspClient';
import { SCHEMA, useServer, VALID_TEMPLATE, workspace, type Workspace } from './fixtures';

/** Every verdict the server sends, and a wait for the first (latest first) one matching. */
function verdicts(client: LspClient) {
  const seen: VerdictParams[] = [];
  const waiters = new Set<() => void>();
  client.connection.onNotification(VERDICT_METHOD, (p: VerdictParams) => {
    seen.push(p);
    for (const w of [...waiters]) w();
  });
  return {
    seen,
    wait(
      uri: string,
      predicate: (p: VerdictParams) => boolean = () => true,
    ): Promise<VerdictParams> {
      const find = () => [...seen].reverse().find((p) => p.uri === uri && predicate(p));
      let done: () => void = () => undefined;
      const found = new Promise<VerdictParams>((resolve) => {
        done = () => {
          const p = find();
          if (p) resolve(p);
        };
        waiters.add(done);
        done();
      });
      return withTimeout(
        found,
        5000,
        `a verdict for ${uri} (seen: ${JSON.stringify(seen.filter((p) => p.uri === uri)).slice(0, 600)})`,
      ).finally(() => waiters.delete(done));
    },
  };
}

// Two errors: MAX in the final SELECT (DP028) and a CTE without the user id (DP015).
const INVALID_TEMPLATE = [
  '-- @name Two errors',
  'WITH c AS (SELECT campaign_id FROM impressions)',
  'SELECT campaign_id, MAX(ts) AS last_seen FROM impressions GROUP BY campaign_id',
].join('\n');

describe('verdict notification', () => {
  const session = useServer();
  let stream: ReturnType<typeof verdicts>;
  before(() => {
    stream = verdicts(session.client);
  });

  it('VALID for a valid template, with the schema found and nothing to fix', async () => {
    const uri = session.ws.uri('valid.cleanrooms.sql');
    session.client.open(uri, VALID_TEMPLATE, 7);
    const v = await stream.wait(uri);
    assert.deepEqual(v, {
      uri,
      version: 7,
      verdict: 'VALID',
      reasons: [],
      errors: 0,
      warnings: 0,
      schemaFound: true,
      unknownTables: [],
    });
    session.client.close(uri);
  });

  it('INVALID with the error count and each reason on its range', async () => {
    const uri = session.ws.uri('invalid.cleanrooms.sql');
    session.client.open(uri, INVALID_TEMPLATE);
    const v = await stream.wait(uri);
    assert.equal(v.verdict, 'INVALID');
    assert.equal(v.errors, 2);
    assert.deepEqual(v.reasons.map((r) => [r.code, r.severity, r.range.start.line]).sort(), [
      ['DP015', 'error', 1],
      ['DP028', 'error', 2],
    ]);
    const max = v.reasons.find((r) => r.code === 'DP028')!;
    assert.deepEqual(max.range.start, {
      line: 2,
      character: INVALID_TEMPLATE.split('\n')[2].indexOf('MAX'),
    });
    assert.match(max.message, /MAX/);
    session.client.close(uri);
  });

  it('follows edits: each version gets its own verdict', async () => {
    const uri = session.ws.uri('edited.cleanrooms.sql');
    session.client.open(uri, VALID_TEMPLATE, 1);
    assert.equal((await stream.wait(uri, (p) => p.version === 1)).verdict, 'VALID');
    session.client.change(uri, 2, INVALID_TEMPLATE);
    const broken = await stream.wait(uri, (p) => p.version === 2);
    assert.equal(broken.verdict, 'INVALID');
    assert.equal(broken.errors, 2);
    session.client.change(uri, 3, VALID_TEMPLATE);
    assert.equal((await stream.wait(uri, (p) => p.version === 3)).verdict, 'VALID');
    session.client.close(uri);
  });

  describe('without a schema file', () => {
    let bare: Workspace;
    before(() => {
      bare = workspace(undefined);
    });
    after(() => bare.dispose());

    it('UNABLE_TO_VALIDATE, schemaFound false, the unknown tables named once each', async () => {
      const uri = bare.uri('t.cleanrooms.sql');
      session.client.open(
        uri,
        VALID_TEMPLATE.replace(
          'FROM per_user',
          'FROM per_user JOIN IMPRESSIONS x ON x.user_id = per_user.user_id',
        ),
      );
      const v = await stream.wait(uri);
      assert.equal(v.verdict, 'UNABLE_TO_VALIDATE');
      assert.equal(v.schemaFound, false);
      assert.deepEqual(v.unknownTables, ['impressions']);
      assert.equal(v.errors, 0);
      assert.ok(v.warnings >= 2);
      assert.deepEqual([...new Set(v.reasons.map((r) => r.code))], ['SCH001']);
      session.client.close(uri);
    });

    it('a schema file created later turns the verdict VALID', async () => {
      const uri = bare.uri('later.cleanrooms.sql');
      session.client.open(uri, VALID_TEMPLATE);
      assert.equal((await stream.wait(uri)).schemaFound, false);
      bare.writeSchema(SCHEMA);
      session.client.notify('workspace/didChangeWatchedFiles', {
        changes: [{ uri: bare.schemaUri, type: 1 }],
      });
      const v = await stream.wait(uri, (p) => p.schemaFound);
      assert.equal(v.verdict, 'VALID');
      session.client.close(uri);
    });
  });
});

describe('DP044 severity setting', () => {
  let ws: Workspace;
  let client: LspClient;
  let overflowWarnings = false;
  before(async () => {
    ws = workspace(SCHEMA);
    client = startServer({
      configuration: (section) =>
        section === 'cleanrooms' ? { subqueries: 'current-docs', overflowWarnings } : null,
    });
    await client.initialize({
      initializationOptions: { settings: { subqueries: 'current-docs', overflowWarnings: false } },
    });
  });
  after(async () => {
    await client.dispose();
    ws.dispose();
  });

  it('is a hint by default and a warning once cleanrooms.dp.overflowWarnings is on; the verdict stays VALID', async () => {
    const uri = ws.uri('avg.cleanrooms.sql');
    const stream = verdicts(client);
    client.open(
      uri,
      VALID_TEMPLATE.replace(
        'COUNT(DISTINCT user_id) AS reach',
        'COUNT(DISTINCT user_id) AS reach, AVG(1) AS a',
      ),
    );
    const hinted = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    assert.deepEqual(
      hinted.diagnostics.map((d) => [d.code, d.severity]),
      [['DP044', DiagnosticSeverity.Hint]],
    );
    assert.deepEqual(await stream.wait(uri).then((v) => [v.verdict, v.warnings]), ['VALID', 0]);
    overflowWarnings = true;
    client.notify('workspace/didChangeConfiguration', { settings: null });
    const warned = await client.waitForDiagnostics(
      uri,
      (p) => p.diagnostics[0]?.severity === DiagnosticSeverity.Warning,
    );
    assert.deepEqual(
      warned.diagnostics.map((d) => d.code),
      ['DP044'],
    );
    assert.deepEqual(
      await stream.wait(uri, (v) => v.warnings === 1).then((v) => v.verdict),
      'VALID',
    );
  });
});

// Throttling storms, 500s, dropped connections and slow answers: the SDK's standard retry
// absorbs occasional faults; persistent ones end in one clear message with the attempt count.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  listCollaborationsPage,
  listCollaborationTemplatesPage,
} from '../../client/src/aws/collaborations';
import { describeAwsError } from '../../client/src/aws/errors';
import { createTemplate, getTemplate } from '../../client/src/aws/templates';
import { GENERATED_COLLABORATION_ID, seedWithTemplates } from '../emulator/server';
import { thrown, useSession } from './support';

const MEMBERSHIP = '6a0b9c8d-7e6f-4a5b-8c9d-0e1f2a3b4c5d';

test('every other call throttled: a 300-template listing still completes, retried pages included', async (t) => {
  const { emu, session, logLines } = await useSession(t, {
    emulator: { seed: seedWithTemplates(300) },
  });
  emu.setFaults({ throttleEvery: 2 });
  let token: string | undefined;
  let count = 0;
  let pages = 0;
  do {
    const page = await listCollaborationTemplatesPage(
      session.client,
      GENERATED_COLLABORATION_ID,
      token,
      100,
    );
    count += page.items.length;
    token = page.nextToken;
    pages++;
  } while (token && pages < 10);
  assert.equal(count, 300);
  assert.equal(pages, 3);
  // Emulator calls 1..5: even ones are throttled. Page 1 is call 1; page 2 is calls 2 (429)
  // and 3; page 3 is calls 4 (429) and 5.
  assert.deepEqual(
    logLines.map((l) => l.replace(/ in \d+ ms/, '')),
    [
      'ListCollaborationAnalysisTemplates ok 200 (1 attempt(s))',
      'ListCollaborationAnalysisTemplates ok 200 (2 attempt(s))',
      'ListCollaborationAnalysisTemplates ok 200 (2 attempt(s))',
    ],
  );
});

test('a throttling storm ends, after maxAttempts, in a clear throttling message', async (t) => {
  const { emu, session } = await useSession(t, { session: { maxAttempts: 3 } });
  emu.setFaults({ throttleEvery: 1 });
  const err = await thrown(() => listCollaborationsPage(session.client));
  const f = describeAwsError('Listing collaborations', err);
  assert.equal(f.kind, 'throttled');
  assert.equal(
    f.message,
    'Listing collaborations failed: AWS is throttling requests and the request still failed after 3 attempt(s). Wait a moment and try again.',
  );
});

test('500s are retried; persistent 500s give a service-error message', async (t) => {
  const { emu, session } = await useSession(t, { session: { maxAttempts: 2 } });
  emu.setFaults({ failEvery: 2 });
  await listCollaborationsPage(session.client); // call 1 passes
  assert.ok((await listCollaborationsPage(session.client)).items.length > 0); // call 2 fails, call 3 passes
  emu.setFaults({ failEvery: 1 });
  const f = describeAwsError(
    'Listing collaborations',
    await thrown(() => listCollaborationsPage(session.client)),
  );
  assert.equal(f.kind, 'serviceError');
  assert.match(
    f.message,
    /^Listing collaborations failed: AWS Clean Rooms had an internal error: .* \(after 2 attempt\(s\)\)\. Try again later\.$/,
  );
});

test('a dropped connection is retried and the create goes through exactly once', async (t) => {
  const { emu, session } = await useSession(t);
  const before = emu.state.templates.size;
  emu.setFaults({ dropEvery: 2 });
  await listCollaborationsPage(session.client); // call 1
  const created = await createTemplate(session.client, MEMBERSHIP, {
    name: 'After a drop',
    parameters: [],
    body: 'SELECT 1',
  }); // call 2 dropped, call 3 succeeds
  assert.equal(emu.state.templates.size, before + 1);
  assert.equal((await getTemplate(session.client, MEMBERSHIP, created.id)).name, 'After a drop');
});

test('connections dropped every time end in a clear network message', async (t) => {
  const { emu, session } = await useSession(t, { session: { maxAttempts: 3 } });
  emu.setFaults({ dropEvery: 1 });
  const f = describeAwsError(
    'Listing collaborations',
    await thrown(() => listCollaborationsPage(session.client)),
    { endpoint: emu.url },
  );
  assert.equal(f.kind, 'network');
  assert.equal(
    f.message,
    `Listing collaborations failed: the connection to ${emu.url} was dropped (ECONNRESET) after 3 attempt(s). Try again.`,
  );
});

test('an answer slower than the request timeout is reported as a timeout', async (t) => {
  const { emu, session } = await useSession(t, {
    session: { maxAttempts: 1, requestTimeoutMs: 200 },
  });
  emu.setFaults({ latencyMs: 1500 });
  const started = Date.now();
  const f = describeAwsError(
    'Listing collaborations',
    await thrown(() => listCollaborationsPage(session.client)),
    { endpoint: emu.url },
  );
  assert.ok(Date.now() - started < 1400, 'gave up at the timeout, not when the answer came');
  assert.equal(f.kind, 'network');
  assert.equal(
    f.message,
    `Listing collaborations failed: ${emu.url} did not answer in time (after 1 attempt(s)). Try again; if it keeps happening, check the network and proxy.`,
  );
});

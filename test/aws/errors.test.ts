// Every error shape the service sends, and every way the connection fails, comes out as one
// clear message naming the operation and the cause. Real SDK, real HTTP: the emulator for what
// it models, a one-route HTTP server for the IAM-style AccessDenied text it does not send.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, type TestContext } from 'node:test';
import { listCollaborationsPage } from '../../client/src/aws/collaborations';
import { describeAwsError } from '../../client/src/aws/errors';
import { createSession } from '../../client/src/aws/session';
import { createTemplate, getTemplate } from '../../client/src/aws/templates';
import { loadSeed } from '../emulator/server';
import { DEMO_SEED, thrown, useEmulator, useSession, useSharedFiles } from './support';

const MEMBERSHIP = '6a0b9c8d-7e6f-4a5b-8c9d-0e1f2a3b4c5d';
const OP = 'Create analysis template';

test('ValidationException lists the fields AWS rejected', async (t) => {
  const { session } = await useSession(t);
  const err = await thrown(() =>
    createTemplate(session.client, MEMBERSHIP, {
      name: 'a--b',
      parameters: [{ name: 'bad-name', type: 'VARCHAR' }],
      body: 'SELECT 1',
    }),
  );
  const f = describeAwsError(OP, err);
  assert.equal(f.kind, 'validation');
  const fields = (err as { fieldList: { name: string; message: string }[] }).fieldList;
  assert.deepEqual(
    fields.map((x) => x.name),
    ['name', 'analysisParameters.1.member.name'],
  );
  assert.equal(
    f.message,
    `Create analysis template failed: AWS rejected the request as invalid: 2 validation errors detected: ${fields.map((x) => x.message).join('; ')}.`,
  );
});

test('ValidationException fields missing from the message are appended', () => {
  const err = Object.assign(new Error('Invalid request'), {
    name: 'ValidationException',
    fieldList: [{ name: 'source.text', message: 'too long' }],
  });
  assert.equal(
    describeAwsError(OP, err).message,
    'Create analysis template failed: AWS rejected the request as invalid: Invalid request (source.text: too long).',
  );
});

test('ResourceNotFoundException names the missing resource', async (t) => {
  const { session } = await useSession(t);
  const ghost = '00000000-0000-4000-8000-000000000bad';
  const f = describeAwsError(
    'Fetch analysis template',
    await thrown(() => getTemplate(session.client, ghost, ghost)),
  );
  assert.equal(f.kind, 'notFound');
  assert.match(
    f.message,
    new RegExp(
      `^Fetch analysis template failed: membership ${ghost} was not found \\(.*\\)\\. It may have been deleted, or belong to another account or region\\.$`,
    ),
  );
});

test('ServiceQuotaExceededException (402) names the quota and its limit', async (t) => {
  const demo = loadSeed(DEMO_SEED);
  const own = demo.templates.filter((x) => x.membershipId === MEMBERSHIP).length;
  const { session } = await useSession(t, {
    emulator: { seed: { ...demo, quotas: { analysisTemplatesPerMembership: own } } },
  });
  const f = describeAwsError(
    OP,
    await thrown(() =>
      createTemplate(session.client, MEMBERSHIP, {
        name: 'One too many',
        parameters: [],
        body: 'SELECT 1',
      }),
    ),
  );
  assert.equal(f.kind, 'quota');
  assert.equal(
    f.message,
    `Create analysis template failed: service quota reached: Analysis templates per membership (limit ${own}). Delete unused resources or request a quota increase.`,
  );
});

test('AccessDeniedException from a bad signature says to check IAM permissions of the profile', async (t) => {
  const emu = await useEmulator(t, { seed: DEMO_SEED });
  useSharedFiles(t, {
    credentials: '[lower]\naws_access_key_id = not-an-access-key\naws_secret_access_key = x\n',
  });
  const session = createSession({
    profile: 'lower',
    region: 'us-east-1',
    endpoint: emu.url,
    maxAttempts: 1,
  });
  t.after(() => session.dispose());
  const f = describeAwsError(
    'Listing collaborations',
    await thrown(() => listCollaborationsPage(session.client)),
    { profile: 'lower' },
  );
  assert.equal(f.kind, 'accessDenied');
  assert.equal(f.permission, undefined);
  assert.match(
    f.message,
    /^Listing collaborations failed: access denied: The Authorization header is not a valid .*\. Check the IAM permissions of profile "lower"\.$/,
  );
});

/** One-route server answering every request with a fixed restJson1 error. */
async function errorServer(
  t: TestContext,
  status: number,
  type: string,
  body: object,
): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const text = JSON.stringify(body);
      res.writeHead(status, {
        'content-type': 'application/json',
        'x-amzn-errortype': type,
        'x-amzn-requestid': 'req-1',
        'content-length': Buffer.byteLength(text),
      });
      res.end(text);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => new Promise<void>((r) => server.close(() => r())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

test('AccessDeniedException naming an IAM action names the missing permission', async (t) => {
  const endpoint = await errorServer(t, 403, 'AccessDeniedException', {
    message:
      'User: arn:aws:iam::111122223333:user/analyst is not authorized to perform: cleanrooms:CreateAnalysisTemplate on resource: arn:aws:cleanrooms:us-east-1:111122223333:membership/m because no identity-based policy allows the cleanrooms:CreateAnalysisTemplate action',
    reason: 'INSUFFICIENT_PERMISSIONS',
  });
  useSharedFiles(t, {
    credentials: '[p]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = s\n',
  });
  const session = createSession({ profile: 'p', region: 'us-east-1', endpoint, maxAttempts: 1 });
  t.after(() => session.dispose());
  const f = describeAwsError(
    OP,
    await thrown(() =>
      createTemplate(session.client, MEMBERSHIP, { name: 'x', parameters: [], body: 'SELECT 1' }),
    ),
  );
  assert.equal(f.kind, 'accessDenied');
  assert.equal(f.permission, 'cleanrooms:CreateAnalysisTemplate');
  assert.match(
    f.message,
    /^Create analysis template failed: access denied: your credentials lack the permission cleanrooms:CreateAnalysisTemplate\. Ask your administrator to allow it \(AWS said: User: .*\)\.$/,
  );
});

test('ConflictException with another reason and an unmodelled error type stay readable', async (t) => {
  const conflictEndpoint = await errorServer(t, 409, 'ConflictException', {
    message: 'Template is in use',
    reason: 'INVALID_STATE',
  });
  const unknownEndpoint = await errorServer(t, 418, 'TeapotException', {
    message: 'I am a teapot',
  });
  useSharedFiles(t, {
    credentials: '[p]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = s\n',
  });
  for (const [endpoint, expected] of [
    [
      conflictEndpoint,
      /^Create analysis template failed: conflict \(INVALID_STATE\): Template is in use\.$/,
    ],
    [
      unknownEndpoint,
      /^Create analysis template failed: TeapotException: I am a teapot \(HTTP 418\)\.$/,
    ],
  ] as const) {
    const session = createSession({ profile: 'p', region: 'us-east-1', endpoint, maxAttempts: 1 });
    t.after(() => session.dispose());
    assert.match(
      describeAwsError(
        OP,
        await thrown(() =>
          createTemplate(session.client, MEMBERSHIP, {
            name: 'x',
            parameters: [],
            body: 'SELECT 1',
          }),
        ),
      ).message,
      expected,
    );
  }
});

test('a closed port is a network failure naming the endpoint', async (t) => {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await new Promise<void>((r) => server.close(() => r()));
  useSharedFiles(t, {
    credentials: '[p]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = s\n',
  });
  const session = createSession({ profile: 'p', region: 'us-east-1', endpoint, maxAttempts: 2 });
  t.after(() => session.dispose());
  const f = describeAwsError(
    'Listing collaborations',
    await thrown(() => listCollaborationsPage(session.client)),
    { endpoint },
  );
  assert.equal(f.kind, 'network');
  assert.equal(
    f.message,
    `Listing collaborations failed: could not reach ${endpoint} (ECONNREFUSED) after 2 attempt(s). Check the network, proxy and the cleanrooms.endpoint setting.`,
  );
});

test('non-error values and plain errors still give a message', () => {
  assert.equal(describeAwsError('Op', 'boom').message, 'Op failed: boom.');
  assert.equal(
    describeAwsError('Op', new Error('template "x" has no SQL text')).message,
    'Op failed: template "x" has no SQL text.',
  );
  assert.equal(describeAwsError('Op', undefined).kind, 'unknown');
});

test('a signature-mismatch answer never carries the canonical request, token or signature into the message', () => {
  const token = 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN';
  const err = Object.assign(
    new Error(
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.\n\n' +
        `The Canonical String for this request should have been\n'GET\n/collaborations\n\nhost:cleanrooms.us-east-1.amazonaws.com\nx-amz-security-token:${token}\n'\n` +
        'The String-to-Sign should have been\nAWS4-HMAC-SHA256 20261125T000000Z abcdef',
    ),
    { name: 'InvalidSignatureException' },
  );
  const f = describeAwsError('List collaborations', err, { profile: 'dev' });
  assert.equal(f.kind, 'credentials');
  assert.ok(!f.message.includes(token), f.message);
  assert.ok(!/Canonical|String-to-Sign|AWS4-HMAC/.test(f.message), f.message);
  assert.match(
    f.message,
    /^List collaborations failed: AWS did not accept the credentials of profile "?dev"?/,
  );
  const inline = describeAwsError(
    'List collaborations',
    Object.assign(new Error(`denied; X-Amz-Security-Token: ${token}, Signature=deadbeef`), {
      name: 'AccessDeniedException',
    }),
  );
  assert.ok(
    !inline.message.includes(token) && !inline.message.includes('deadbeef'),
    inline.message,
  );
});

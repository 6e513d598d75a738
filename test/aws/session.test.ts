// Credentials resolved the way the AWS CLI resolves them, from temporary shared files named by
// AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE; profile listing; and logs free of secrets.
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { listCollaborationsPage } from '../../client/src/aws/collaborations';
import { describeAwsError } from '../../client/src/aws/errors';
import { createSession, describeSession, endpointProblem, listProfiles, sharedFilePaths } from '../../client/src/aws/session';
import { createTemplate, getTemplate } from '../../client/src/aws/templates';
import { EMULATOR_CREDENTIALS } from '../emulator/server';
import { emulatorCredentialsFile, thrown, useEmulator, useSession, useSharedFiles } from './support';

test('a static-keys profile from the credentials file signs requests the emulator accepts', async (t) => {
  const { session, logLines } = await useSession(t);
  const page = await listCollaborationsPage(session.client);
  assert.ok(page.items.length > 0);
  assert.equal(logLines.length, 1);
  assert.match(logLines[0], /^ListCollaborations ok 200 in \d+ ms \(1 attempt\(s\)\)$/);
});

test('a config-file profile with credential_process runs the process and uses its keys', async (t) => {
  const emu = await useEmulator(t);
  const files = useSharedFiles(t, {});
  const marker = join(files.dir, 'process-ran');
  const script = join(files.dir, 'creds.js');
  writeFileSync(
    script,
    `require('fs').writeFileSync(${JSON.stringify(marker)}, 'yes');\n` +
      `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: 'AKIAPROCESSEXAMPLE', SecretAccessKey: 'process-secret-not-real' }));\n`,
  );
  writeFileSync(files.config, `[profile via-process]\nregion = eu-west-1\ncredential_process = "${process.execPath}" "${script}"\n`);
  const session = createSession({ profile: 'via-process', region: 'us-east-1', endpoint: emu.url });
  t.after(() => session.dispose());
  const page = await listCollaborationsPage(session.client);
  assert.ok(page.items.length > 0);
  assert.equal(existsSync(marker), true, 'credential_process was run');
});

test('without a profile the default chain takes keys from the environment', async (t) => {
  const emu = await useEmulator(t);
  useSharedFiles(t, {});
  process.env.AWS_ACCESS_KEY_ID = EMULATOR_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = EMULATOR_CREDENTIALS.secretAccessKey;
  const session = createSession({ region: 'us-east-1', endpoint: emu.url });
  t.after(() => session.dispose());
  assert.ok((await listCollaborationsPage(session.client)).items.length > 0);
});

test('the default profile in the shared files is used when no profile is chosen', async (t) => {
  const emu = await useEmulator(t);
  useSharedFiles(t, { credentials: emulatorCredentialsFile('default') });
  const session = createSession({ region: 'us-east-1', endpoint: emu.url });
  t.after(() => session.dispose());
  assert.ok((await listCollaborationsPage(session.client)).items.length > 0);
});

test('an unknown profile fails with a message naming the profile and what to do', async (t) => {
  const emu = await useEmulator(t);
  useSharedFiles(t, { credentials: emulatorCredentialsFile() });
  const session = createSession({ profile: 'nope', region: 'us-east-1', endpoint: emu.url, maxAttempts: 1 });
  t.after(() => session.dispose());
  const err = await thrown(() => listCollaborationsPage(session.client));
  const f = describeAwsError('Listing collaborations', err, { profile: 'nope' });
  assert.equal(f.kind, 'credentials');
  assert.match(f.message, /^Listing collaborations failed: no usable AWS credentials for profile "nope": .*Select Profile/);
});

test('a failing credential_process is reported as a credentials problem', async (t) => {
  const emu = await useEmulator(t);
  const files = useSharedFiles(t, {});
  writeFileSync(files.config, `[profile broken]\ncredential_process = "${process.execPath}" -e "process.exit(3)"\n`);
  const session = createSession({ profile: 'broken', region: 'us-east-1', endpoint: emu.url, maxAttempts: 1 });
  t.after(() => session.dispose());
  const f = describeAwsError('Listing collaborations', await thrown(() => listCollaborationsPage(session.client)), { profile: 'broken' });
  assert.equal(f.kind, 'credentials');
  assert.match(f.message, /profile "broken"/);
});

test('profiles are listed from both files with kind and region, default first, secrets not kept', (t) => {
  const files = useSharedFiles(t, {
    config: [
      '[default]',
      'region = us-west-2',
      '[profile sso-user]',
      'sso_session = corp',
      'sso_account_id = 111122223333',
      'sso_role_name = Analyst',
      'region = eu-west-1',
      '[sso-session corp]',
      'sso_start_url = https://example.awsapps.com/start',
      'sso_region = us-east-1',
      '[profile proc]',
      'credential_process = /bin/echo',
      '[profile role]',
      'role_arn = arn:aws:iam::111122223333:role/R',
      'source_profile = default',
      '; a comment',
      '[profile empty]',
      'output = json',
    ].join('\n'),
    credentials: '[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = very-secret\n\n[keys]\naws_access_key_id = AKIAKEYS\naws_secret_access_key = also-secret\n',
  });
  assert.deepEqual(sharedFilePaths(), { config: files.config, credentials: files.credentials });
  const profiles = listProfiles();
  assert.deepEqual(profiles, [
    { name: 'default', region: 'us-west-2', kind: 'static keys' },
    { name: 'empty', region: undefined, kind: 'incomplete' },
    { name: 'keys', region: undefined, kind: 'static keys' },
    { name: 'proc', region: undefined, kind: 'credential process' },
    { name: 'role', region: undefined, kind: 'assume role' },
    { name: 'sso-user', region: 'eu-west-1', kind: 'SSO' },
  ]);
  assert.equal(JSON.stringify(profiles).includes('secret'), false);
});

test('missing shared files mean no profiles, not a crash', (t) => {
  const files = useSharedFiles(t, {});
  assert.deepEqual(listProfiles({ config: join(files.dir, 'absent'), credentials: join(files.dir, 'absent2') }), []);
});

test('the status text shows profile and region only', () => {
  assert.equal(describeSession('analyst', 'eu-west-1'), 'analyst @ eu-west-1');
  assert.equal(describeSession(undefined, 'us-east-1'), 'default chain @ us-east-1');
});

test('no log line contains the secret key, the access key or signature material', async (t) => {
  const { emu, session, logLines } = await useSession(t, { session: { maxAttempts: 2 } });
  const membership = '6a0b9c8d-7e6f-4a5b-8c9d-0e1f2a3b4c5d';
  await listCollaborationsPage(session.client);
  await createTemplate(session.client, membership, { name: 'Logged', parameters: [], body: 'SELECT 1' });
  await thrown(() => getTemplate(session.client, membership, '00000000-0000-4000-8000-000000000000'));
  emu.setFaults({ throttleEvery: 1 });
  await thrown(() => listCollaborationsPage(session.client));
  emu.setFaults({ dropEvery: 1 });
  await thrown(() => listCollaborationsPage(session.client));
  assert.equal(logLines.length, 5);
  assert.match(logLines[2], /^GetAnalysisTemplate failed ResourceNotFoundException 404 /);
  assert.match(logLines[3], /^ListCollaborations failed ThrottlingException 429 in \d+ ms \(2 attempt\(s\)\)$/);
  for (const line of logLines) {
    for (const secret of [EMULATOR_CREDENTIALS.secretAccessKey, EMULATOR_CREDENTIALS.accessKeyId, 'Signature=', 'AWS4-HMAC-SHA256', 'x-amz-security-token', 'authorization']) {
      assert.equal(line.toLowerCase().includes(secret.toLowerCase()), false, `log line leaks ${secret}: ${line}`);
    }
  }
});

test('signed requests only go to https endpoints, or plain http on this machine', () => {
  for (const ok of [undefined, '', 'https://cleanrooms.us-east-1.amazonaws.com', 'http://127.0.0.1:4599', 'http://localhost:8080', 'http://[::1]:1']) {
    assert.equal(endpointProblem(ok), undefined, String(ok));
  }
  for (const bad of ['http://10.0.0.5:4599', 'http://cleanrooms.example.com', 'ftp://127.0.0.1', 'not a url']) {
    assert.match(endpointProblem(bad) ?? '', /cleanrooms\.endpoint/, bad);
    assert.throws(() => createSession({ region: 'us-east-1', endpoint: bad }), /cleanrooms\.endpoint/);
  }
});

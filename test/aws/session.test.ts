// Credentials resolved the way the AWS CLI resolves them, from temporary shared files named by
// AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE; profile listing; and logs free of secrets.
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { listCollaborationsPage } from '../../client/src/aws/collaborations';
import { describeAwsError } from '../../client/src/aws/errors';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createSession,
  credentialStatus,
  describeSession,
  endpointProblem,
  listProfiles,
  resolveSession,
  sharedFilePaths,
} from '../../client/src/aws/session';
import { createTemplate, getTemplate } from '../../client/src/aws/templates';
import { EMULATOR_CREDENTIALS } from '../emulator/server';
import {
  emulatorCredentialsFile,
  thrown,
  useEmulator,
  useSession,
  useSharedFiles,
} from './support';

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
  writeFileSync(
    files.config,
    `[profile via-process]\nregion = eu-west-1\ncredential_process = "${process.execPath}" "${script}"\n`,
  );
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
  const session = createSession({
    profile: 'nope',
    region: 'us-east-1',
    endpoint: emu.url,
    maxAttempts: 1,
  });
  t.after(() => session.dispose());
  const err = await thrown(() => listCollaborationsPage(session.client));
  const f = describeAwsError('Listing collaborations', err, { profile: 'nope' });
  assert.equal(f.kind, 'credentials');
  assert.match(
    f.message,
    /^Listing collaborations failed: no usable AWS credentials for profile "nope": .*Select Profile/,
  );
});

test('a failing credential_process is reported as a credentials problem', async (t) => {
  const emu = await useEmulator(t);
  const files = useSharedFiles(t, {});
  writeFileSync(
    files.config,
    `[profile broken]\ncredential_process = "${process.execPath}" -e "process.exit(3)"\n`,
  );
  const session = createSession({
    profile: 'broken',
    region: 'us-east-1',
    endpoint: emu.url,
    maxAttempts: 1,
  });
  t.after(() => session.dispose());
  const f = describeAwsError(
    'Listing collaborations',
    await thrown(() => listCollaborationsPage(session.client)),
    { profile: 'broken' },
  );
  assert.equal(f.kind, 'credentials');
  assert.match(f.message, /profile "broken"/);
});

test('profiles are listed from both files with kind and region, default first, secrets not kept', async (t) => {
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
    credentials:
      '[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = very-secret\n\n[keys]\naws_access_key_id = AKIAKEYS\naws_secret_access_key = also-secret\n',
  });
  assert.deepEqual(sharedFilePaths(), { config: files.config, credentials: files.credentials });
  const profiles = await listProfiles();
  assert.deepEqual(profiles, [
    { name: 'default', region: 'us-west-2', kind: 'static keys' },
    { name: 'empty', region: undefined, kind: 'incomplete' },
    { name: 'keys', region: undefined, kind: 'static keys' },
    { name: 'proc', region: undefined, kind: 'credential process' },
    { name: 'role', region: undefined, kind: 'assume role' },
    {
      name: 'sso-user',
      region: 'eu-west-1',
      kind: 'SSO',
      ssoSession: {
        name: 'corp',
        startUrl: 'https://example.awsapps.com/start',
        region: 'us-east-1',
      },
    },
  ]);
  assert.equal(JSON.stringify(profiles).includes('secret'), false);
});

test('missing shared files mean no profiles, not a crash', async (t) => {
  const files = useSharedFiles(t, {});
  assert.deepEqual(
    await listProfiles({
      config: join(files.dir, 'absent'),
      credentials: join(files.dir, 'absent2'),
    }),
    [],
  );
});

test('the shared files are read as the SDK reads them: inline comments are not part of a value', async (t) => {
  useSharedFiles(t, {
    config:
      '[profile noted]\nregion = eu-west-1 ; the EU account\nsso_start_url = https://x.awsapps.com/start # SSO\n',
  });
  assert.deepEqual(await listProfiles(), [{ name: 'noted', region: 'eu-west-1', kind: 'SSO' }]);
});

test('the region resolves as the CLI does: setting, AWS_REGION, AWS_DEFAULT_REGION, the profile, then us-east-1', () => {
  const profiles = [
    { name: 'default', region: 'eu-north-1', kind: 'static keys' as const },
    { name: 'analyst', region: 'ap-southeast-2', kind: 'SSO' as const },
  ];
  const none = { profile: '', region: '', endpoint: '' };
  const region = (settings: Partial<typeof none>, env: Record<string, string>) => {
    const s = resolveSession({ ...none, ...settings }, env, profiles);
    return `${s.region} (${s.regionSource})`;
  };
  assert.equal(region({ region: 'us-west-2' }, { AWS_REGION: 'eu-west-1' }), 'us-west-2 (setting)');
  assert.equal(
    region({ profile: 'analyst' }, { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-2' }),
    'eu-west-1 (AWS_REGION)',
  );
  assert.equal(
    region({ profile: 'analyst' }, { AWS_DEFAULT_REGION: 'eu-west-2' }),
    'eu-west-2 (AWS_DEFAULT_REGION)',
  );
  assert.equal(region({ profile: 'analyst' }, {}), 'ap-southeast-2 (profile)');
  assert.equal(region({}, { AWS_PROFILE: 'analyst' }), 'ap-southeast-2 (profile)');
  assert.equal(region({}, {}), 'eu-north-1 (profile)');
  assert.equal(resolveSession(none, {}, []).region, 'us-east-1');
  assert.deepEqual(
    resolveSession(
      { profile: 'analyst', region: '', endpoint: 'http://127.0.0.1:4599' },
      {},
      profiles,
    ),
    {
      profile: 'analyst',
      endpoint: 'http://127.0.0.1:4599',
      region: 'ap-southeast-2',
      regionSource: 'profile',
    },
  );
});

/** Sets environment variables until the test ends. */
function useEnv(t: { after(fn: () => void): void }, vars: Record<string, string>): void {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  t.after(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
}

test('credential availability is decided by the provider chain: container credentials count, nothing configured says so', async (t) => {
  const emu = await useEmulator(t);
  useSharedFiles(t, {});
  useEnv(t, { AWS_EC2_METADATA_DISABLED: 'true' });
  const bare = createSession({ region: 'us-east-1', endpoint: emu.url });
  t.after(() => bare.dispose());
  const none = await credentialStatus(bare);
  assert.equal(none.available, false);
  assert.equal(none.available === false && none.nothingConfigured, true);

  // A container credentials endpoint (ECS / EKS pod identity) on this machine.
  let served = 0;
  const server = createServer((_req, res) => {
    served++;
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        AccessKeyId: EMULATOR_CREDENTIALS.accessKeyId,
        SecretAccessKey: EMULATOR_CREDENTIALS.secretAccessKey,
        Token: 'token',
        Expiration: new Date(Date.now() + 3_600_000).toISOString(),
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  useEnv(t, {
    AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${(server.address() as AddressInfo).port}/creds`,
  });
  const container = createSession({ region: 'us-east-1', endpoint: emu.url });
  t.after(() => container.dispose());
  assert.deepEqual(await credentialStatus(container), { available: true });
  assert.ok((await listCollaborationsPage(container.client)).items.length > 0);
  assert.equal(served, 1, "the check and the call share the provider's cached credentials");

  const missing = createSession({ profile: 'nope', region: 'us-east-1', endpoint: emu.url });
  t.after(() => missing.dispose());
  const named = await credentialStatus(missing);
  assert.equal(
    named.available === false && named.nothingConfigured,
    false,
    'a chosen profile that fails is a problem to show, not "no credentials"',
  );
});

test('the status text shows profile and region only', () => {
  assert.equal(describeSession('analyst', 'eu-west-1'), 'analyst @ eu-west-1');
  assert.equal(describeSession(undefined, 'us-east-1'), 'default chain @ us-east-1');
});

test('no log line contains the secret key, the access key or signature material', async (t) => {
  const { emu, session, logLines } = await useSession(t, { session: { maxAttempts: 2 } });
  const membership = '6a0b9c8d-7e6f-4a5b-8c9d-0e1f2a3b4c5d';
  await listCollaborationsPage(session.client);
  await createTemplate(session.client, membership, {
    name: 'Logged',
    parameters: [],
    body: 'SELECT 1',
  });
  await thrown(() =>
    getTemplate(session.client, membership, '00000000-0000-4000-8000-000000000000'),
  );
  emu.setFaults({ throttleEvery: 1 });
  await thrown(() => listCollaborationsPage(session.client));
  emu.setFaults({ dropEvery: 1 });
  await thrown(() => listCollaborationsPage(session.client));
  assert.equal(logLines.length, 5);
  assert.match(logLines[2], /^GetAnalysisTemplate failed ResourceNotFoundException 404 /);
  assert.match(
    logLines[3],
    /^ListCollaborations failed ThrottlingException 429 in \d+ ms \(2 attempt\(s\)\)$/,
  );
  for (const line of logLines) {
    for (const secret of [
      EMULATOR_CREDENTIALS.secretAccessKey,
      EMULATOR_CREDENTIALS.accessKeyId,
      'Signature=',
      'AWS4-HMAC-SHA256',
      'x-amz-security-token',
      'authorization',
    ]) {
      assert.equal(
        line.toLowerCase().includes(secret.toLowerCase()),
        false,
        `log line leaks ${secret}: ${line}`,
      );
    }
  }
});

test('signed requests only go to https endpoints, or plain http on this machine', () => {
  for (const ok of [
    undefined,
    '',
    'https://cleanrooms.us-east-1.amazonaws.com',
    'http://127.0.0.1:4599',
    'http://localhost:8080',
    'http://[::1]:1',
  ]) {
    assert.equal(endpointProblem(ok), undefined, String(ok));
  }
  for (const bad of [
    'http://10.0.0.5:4599',
    'http://cleanrooms.example.com',
    'ftp://127.0.0.1',
    'not a url',
  ]) {
    assert.match(endpointProblem(bad) ?? '', /cleanrooms\.endpoint/, bad);
    assert.throws(
      () => createSession({ region: 'us-east-1', endpoint: bad }),
      /cleanrooms\.endpoint/,
    );
  }
});

// Shared by the AWS tests: an emulator, temporary shared AWS config/credentials files named by
// AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE for the duration of one test, and a session
// built through client/src/aws/session.ts exactly as the extension builds it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { createSession, type Session, type SessionConfig } from '../../client/src/aws/session';
import {
  EMULATOR_CREDENTIALS,
  startEmulator,
  type Emulator,
  type EmulatorOptions,
} from '../emulator/server';

export const DEMO_SEED = join(__dirname, '..', 'emulator', 'seeds', 'demo.json');
export const PROFILE = 'emulator';

const ENV_KEYS = [
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_REGION',
];

export interface SharedFiles {
  dir: string;
  config: string;
  credentials: string;
}

/**
 * Writes `config` / `credentials` into a fresh temp dir and points the SDK at them (and at
 * nothing else: AWS_* credential variables are cleared) until the test ends.
 */
export function useSharedFiles(
  t: TestContext,
  files: { config?: string; credentials?: string },
): SharedFiles {
  const dir = mkdtempSync(join(tmpdir(), 'cleanrooms-aws-'));
  const config = join(dir, 'config');
  const credentials = join(dir, 'credentials');
  writeFileSync(config, files.config ?? '');
  writeFileSync(credentials, files.credentials ?? '');
  const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  for (const k of ENV_KEYS) delete process.env[k];
  process.env.AWS_CONFIG_FILE = config;
  process.env.AWS_SHARED_CREDENTIALS_FILE = credentials;
  t.after(() => {
    for (const k of ENV_KEYS) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, config, credentials };
}

/** The emulator's fake keys as a static-keys profile. */
export function emulatorCredentialsFile(profile = PROFILE): string {
  return `[${profile}]\naws_access_key_id = ${EMULATOR_CREDENTIALS.accessKeyId}\naws_secret_access_key = ${EMULATOR_CREDENTIALS.secretAccessKey}\n`;
}

export async function useEmulator(
  t: TestContext,
  opts: EmulatorOptions = { seed: DEMO_SEED },
): Promise<Emulator> {
  const emu = await startEmulator(opts);
  t.after(() => emu.close());
  return emu;
}

/** Emulator + shared files with the `emulator` profile + a session on it, all torn down after the test. */
export async function useSession(
  t: TestContext,
  opts: { emulator?: EmulatorOptions; session?: Partial<SessionConfig> } = {},
): Promise<{ emu: Emulator; session: Session; logLines: string[] }> {
  const emu = await useEmulator(t, opts.emulator ?? { seed: DEMO_SEED });
  useSharedFiles(t, { credentials: emulatorCredentialsFile() });
  const logLines: string[] = [];
  const session = createSession({
    profile: PROFILE,
    region: 'us-east-1',
    endpoint: emu.url,
    log: (l) => logLines.push(l),
    ...opts.session,
  });
  t.after(() => session.dispose());
  return { emu, session, logLines };
}

/** Runs `fn` and returns what it threw; fails the test when it did not throw. */
export async function thrown(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error('Expected the call to throw.');
}

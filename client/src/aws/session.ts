// The one place that builds a CleanRoomsClient and resolves credentials. Credentials come from
// the SDK's own providers, so profiles resolve the way the AWS CLI resolves them (shared config
// and credentials files, SSO, environment, credential_process, assume-role). Nothing here
// imports vscode: the tests drive it against the emulator.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CleanRoomsClient } from '@aws-sdk/client-cleanrooms';
import { S3Client } from '@aws-sdk/client-s3';
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';

export interface SessionConfig {
  /** Named profile from the shared files; undefined means the SDK's default chain (like the CLI without --profile). */
  profile?: string;
  region: string;
  /** Custom endpoint (emulator, VPC endpoint); undefined means the regional AWS endpoint. */
  endpoint?: string;
  /** Total attempts per call under the SDK's standard retry strategy (throttling, 5xx, dropped connections). */
  maxAttempts?: number;
  /** Socket inactivity limit per attempt. */
  requestTimeoutMs?: number;
  /** Receives one line per call: operation, outcome, duration, attempts. Never credentials or headers. */
  log?: (line: string) => void;
}

export interface Session {
  client: CleanRoomsClient;
  profile?: string;
  region: string;
  endpoint?: string;
  dispose(): void;
}

export const DEFAULT_MAX_ATTEMPTS = 3;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/**
 * Why `endpoint` cannot carry signed requests, or undefined when it can. Plain http is only for
 * this machine (the local emulator): elsewhere the session token would cross the network in clear.
 */
export function endpointProblem(endpoint: string | undefined): string | undefined {
  if (!endpoint) return undefined;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return `the cleanrooms.endpoint setting '${endpoint}' is not a URL (e.g. https://cleanrooms.us-east-1.amazonaws.com or http://127.0.0.1:4599).`;
  }
  if (url.protocol === 'https:') return undefined;
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) || /^127\./.test(url.hostname);
  if (url.protocol === 'http:' && loopback) return undefined;
  return `the cleanrooms.endpoint setting '${endpoint}' must use https (plain http is allowed only for localhost), so signed requests never cross the network in clear.`;
}

export function createSession(config: SessionConfig): Session {
  const problem = endpointProblem(config.endpoint);
  if (problem) throw new Error(problem);
  const credentials = config.profile
    ? fromIni({ profile: config.profile, ignoreCache: true })
    : fromNodeProviderChain({ ignoreCache: true });
  const client = new CleanRoomsClient({
    region: config.region,
    endpoint: config.endpoint || undefined,
    credentials,
    retryMode: 'standard',
    maxAttempts: config.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    // Without throwOnRequestTimeout the handler only warns and a stalled call hangs the command.
    requestHandler: { requestTimeout: config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, connectionTimeout: 10_000, throwOnRequestTimeout: true },
  });
  if (config.log) addCallLog(client, config.log);
  return {
    client,
    profile: config.profile,
    region: config.region,
    endpoint: config.endpoint || undefined,
    dispose: () => client.destroy(),
  };
}

/**
 * An S3 client with the session's credentials, for downloading query results. `s3Endpoint` is a
 * custom S3 endpoint (the local emulator serves S3 on its own port); with one, requests are
 * path-style (`/bucket/key`). Results may live in another region: the client follows S3's redirect.
 */
export function createS3Client(config: SessionConfig & { s3Endpoint?: string }): S3Client {
  const problem = endpointProblem(config.s3Endpoint);
  if (problem) throw new Error(problem.replace('cleanrooms.endpoint', 'cleanrooms.s3Endpoint'));
  return new S3Client({
    region: config.region,
    endpoint: config.s3Endpoint || undefined,
    forcePathStyle: Boolean(config.s3Endpoint),
    followRegionRedirects: true,
    credentials: config.profile ? fromIni({ profile: config.profile, ignoreCache: true }) : fromNodeProviderChain({ ignoreCache: true }),
    retryMode: 'standard',
    maxAttempts: config.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    requestHandler: { requestTimeout: config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, connectionTimeout: 10_000, throwOnRequestTimeout: true },
  });
}

/** `profile @ region`, the text the status bar shows. */
export function describeSession(profile: string | undefined, region: string): string {
  return `${profile ?? 'default chain'} @ ${region}`;
}

// Logs at the initialize step, which wraps retries and signing: only the operation name, the
// outcome and timings pass through here, never the request, its headers or the credentials.
function addCallLog(client: CleanRoomsClient, log: (line: string) => void): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const started = Date.now();
      const op = String(context.commandName ?? 'call').replace(/Command$/, '');
      try {
        const result = await next(args);
        const meta = (result.output as { $metadata?: { httpStatusCode?: number; attempts?: number } }).$metadata;
        log(`${op} ok ${meta?.httpStatusCode ?? ''} in ${Date.now() - started} ms (${meta?.attempts ?? 1} attempt(s))`);
        return result;
      } catch (err) {
        const e = err as { name?: string; $metadata?: { httpStatusCode?: number; attempts?: number } };
        log(`${op} failed ${e.name ?? 'Error'} ${e.$metadata?.httpStatusCode ?? ''} in ${Date.now() - started} ms (${e.$metadata?.attempts ?? 1} attempt(s))`);
        throw err;
      }
    },
    { step: 'initialize', name: 'cleanroomsCallLog', priority: 'high' },
  );
}

// ---- profiles from the shared files ----

export type ProfileKind = 'static keys' | 'SSO' | 'credential process' | 'assume role' | 'web identity' | 'incomplete';

export interface ProfileInfo {
  name: string;
  region?: string;
  kind: ProfileKind;
}

export interface SharedFilePaths {
  config: string;
  credentials: string;
}

/** The paths the CLI reads: AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/. */
export function sharedFilePaths(env: NodeJS.ProcessEnv = process.env): SharedFilePaths {
  return {
    config: env.AWS_CONFIG_FILE || join(homedir(), '.aws', 'config'),
    credentials: env.AWS_SHARED_CREDENTIALS_FILE || join(homedir(), '.aws', 'credentials'),
  };
}

/**
 * Profiles named in the shared files, merged (config `[profile x]` / `[default]`, credentials
 * `[x]`), sorted with `default` first. Missing or unreadable files count as empty: a user
 * without files simply has no profiles. Only setting *names* are kept, never their values,
 * except the region.
 */
export function listProfiles(paths: SharedFilePaths = sharedFilePaths()): ProfileInfo[] {
  const merged = new Map<string, Map<string, string>>();
  const add = (name: string, values: Map<string, string>) => {
    const existing = merged.get(name) ?? new Map<string, string>();
    for (const [k, v] of values) existing.set(k, v);
    merged.set(name, existing);
  };
  for (const [section, values] of parseIni(readOptional(paths.config))) {
    const name = section === 'default' ? 'default' : section.match(/^profile\s+(.+)$/)?.[1]?.trim();
    if (name) add(name, values);
  }
  for (const [section, values] of parseIni(readOptional(paths.credentials))) add(section, values);
  return [...merged.entries()]
    .map(([name, values]) => ({ name, region: values.get('region') || undefined, kind: profileKind(values) }))
    .sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));
}

function profileKind(values: Map<string, string>): ProfileKind {
  if (values.has('sso_session') || values.has('sso_start_url')) return 'SSO';
  if (values.has('credential_process')) return 'credential process';
  if (values.has('role_arn') && values.has('web_identity_token_file')) return 'web identity';
  if (values.has('role_arn')) return 'assume role';
  if (values.has('aws_access_key_id') && values.has('aws_secret_access_key')) return 'static keys';
  return 'incomplete';
}

function readOptional(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** Minimal INI reader for the shared files: sections, `key = value`, `#`/`;` comments, indented sub-settings skipped. */
function parseIni(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const section = line.match(/^\[([^\]]+)\]/);
    if (section) {
      const name = section[1].trim();
      current = sections.get(name) ?? new Map<string, string>();
      sections.set(name, current);
      continue;
    }
    if (!current || /^\s/.test(raw)) continue;
    const eq = line.indexOf('=');
    if (eq > 0) current.set(line.slice(0, eq).trim().toLowerCase(), line.slice(eq + 1).trim());
  }
  return sections;
}

// The one place that builds a CleanRoomsClient and resolves credentials. Credentials come from
// the SDK's own providers, so profiles resolve the way the AWS CLI resolves them (shared config
// and credentials files, SSO, environment, credential_process, assume-role). Nothing here
// imports vscode: the tests drive it against the emulator.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CleanRoomsClient } from '@aws-sdk/client-cleanrooms';
import { S3Client } from '@aws-sdk/client-s3';
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { CONFIG_PREFIX_SEPARATOR, loadSharedConfigFiles } from '@smithy/core/config';

type Credentials = Awaited<ReturnType<CleanRoomsClient['config']['credentials']>>;

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
  /** Resolves the session's credentials through its provider chain (cached by the provider). */
  credentials(): Promise<Credentials>;
  dispose(): void;
}

export const DEFAULT_MAX_ATTEMPTS = 3;
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

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
  const loopback =
    ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) || /^127\./.test(url.hostname);
  if (url.protocol === 'http:' && loopback) return undefined;
  return `the cleanrooms.endpoint setting '${endpoint}' must use https (plain http is allowed only for localhost), so signed requests never cross the network in clear.`;
}

/** The credentials, retries and timeouts every client of a session shares. */
function clientOptions(config: SessionConfig) {
  return {
    region: config.region,
    credentials: config.profile
      ? fromIni({ profile: config.profile, ignoreCache: true })
      : fromNodeProviderChain({ ignoreCache: true }),
    retryMode: 'standard',
    maxAttempts: config.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    // Without throwOnRequestTimeout the handler only warns and a stalled call hangs the command.
    requestHandler: {
      requestTimeout: config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      connectionTimeout: 10_000,
      throwOnRequestTimeout: true,
    },
  };
}

export function createSession(config: SessionConfig): Session {
  const problem = endpointProblem(config.endpoint);
  if (problem) throw new Error(problem);
  const client = new CleanRoomsClient({
    ...clientOptions(config),
    endpoint: config.endpoint || undefined,
  });
  if (config.log) addCallLog(client, config.log);
  return {
    client,
    profile: config.profile,
    region: config.region,
    endpoint: config.endpoint || undefined,
    // The client's resolved provider memoizes (and refreshes expiring) credentials, so asking it
    // does not rerun a credential_process on every check.
    credentials: () => client.config.credentials(),
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
    ...clientOptions(config),
    endpoint: config.s3Endpoint || undefined,
    forcePathStyle: Boolean(config.s3Endpoint),
    followRegionRedirects: true,
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
        const meta = (
          result.output as { $metadata?: { httpStatusCode?: number; attempts?: number } }
        ).$metadata;
        log(
          `${op} ok ${meta?.httpStatusCode ?? ''} in ${Date.now() - started} ms (${meta?.attempts ?? 1} attempt(s))`,
        );
        return result;
      } catch (err) {
        const e = err as {
          name?: string;
          $metadata?: { httpStatusCode?: number; attempts?: number };
        };
        log(
          `${op} failed ${e.name ?? 'Error'} ${e.$metadata?.httpStatusCode ?? ''} in ${Date.now() - started} ms (${e.$metadata?.attempts ?? 1} attempt(s))`,
        );
        throw err;
      }
    },
    { step: 'initialize', name: 'cleanroomsCallLog', priority: 'high' },
  );
}

// ---- profiles, regions and credentials, as the SDK and the CLI resolve them ----

export const DEFAULT_REGION = 'us-east-1';

export type ProfileKind =
  'static keys' | 'SSO' | 'credential process' | 'assume role' | 'web identity' | 'incomplete';

export interface ProfileInfo {
  name: string;
  region?: string;
  kind: ProfileKind;
  /** For SSO profiles: the `[sso-session NAME]` they use, when it exists. */
  ssoSession?: { name: string; startUrl?: string; region?: string };
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

const SSO_SESSION_PREFIX = `sso-session${CONFIG_PREFIX_SEPARATOR}`;

/**
 * Profiles named in the shared files, read with the SDK's own loader (the one its credential
 * providers use, so comments, sub-settings and `[profile x]` prefixes are read the same way) and
 * merged (credentials file over config file, as the SDK merges them), `default` first. Missing
 * files count as empty. Only setting *names* are kept, never their values, except regions and
 * the SSO start URL.
 */
export async function listProfiles(
  paths: SharedFilePaths = sharedFilePaths(),
): Promise<ProfileInfo[]> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles({
    configFilepath: paths.config,
    filepath: paths.credentials,
    ignoreCache: true,
  });
  const isProfile = (n: string) =>
    !n.startsWith(SSO_SESSION_PREFIX) && !n.startsWith(`services${CONFIG_PREFIX_SEPARATOR}`);
  const names = new Set(
    [...Object.keys(configFile), ...Object.keys(credentialsFile)].filter(isProfile),
  );
  return [...names]
    .map((name) => {
      const values = { ...configFile[name], ...credentialsFile[name] };
      const sessionName = values.sso_session;
      const session = sessionName ? configFile[`${SSO_SESSION_PREFIX}${sessionName}`] : undefined;
      return {
        name,
        region: values.region || undefined,
        kind: profileKind(values),
        ...(sessionName
          ? {
              ssoSession: {
                name: sessionName,
                startUrl: session?.sso_start_url,
                region: session?.sso_region,
              },
            }
          : {}),
      };
    })
    .sort((a, b) =>
      a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name),
    );
}

function profileKind(values: Record<string, string | undefined>): ProfileKind {
  if (values.sso_session || values.sso_start_url) return 'SSO';
  if (values.credential_process) return 'credential process';
  if (values.role_arn && values.web_identity_token_file) return 'web identity';
  if (values.role_arn) return 'assume role';
  if (values.aws_access_key_id && values.aws_secret_access_key) return 'static keys';
  return 'incomplete';
}

export interface SessionSettings {
  profile: string;
  region: string;
  endpoint: string;
}

export interface SessionSummary {
  profile?: string;
  region: string;
  endpoint?: string;
  /** Where the region came from, for the status bar. */
  regionSource: 'setting' | 'AWS_REGION' | 'AWS_DEFAULT_REGION' | 'profile' | 'default';
}

/**
 * Profile, region and endpoint the way the AWS CLI picks them: an explicit choice (the user
 * settings, like `--profile` / `--region`) first, then AWS_REGION, AWS_DEFAULT_REGION, the
 * profile's `region` (the chosen profile, else AWS_PROFILE, else `default`), then us-east-1.
 */
export function resolveSession(
  settings: SessionSettings,
  env: Partial<Record<'AWS_PROFILE' | 'AWS_REGION' | 'AWS_DEFAULT_REGION', string>>,
  profiles: ProfileInfo[],
): SessionSummary {
  const profile = settings.profile || undefined;
  const endpoint = settings.endpoint || undefined;
  const base = { profile, ...(endpoint ? { endpoint } : {}) };
  if (settings.region) return { ...base, region: settings.region, regionSource: 'setting' };
  if (env.AWS_REGION) return { ...base, region: env.AWS_REGION, regionSource: 'AWS_REGION' };
  if (env.AWS_DEFAULT_REGION)
    return { ...base, region: env.AWS_DEFAULT_REGION, regionSource: 'AWS_DEFAULT_REGION' };
  const profileRegion = profiles.find(
    (p) => p.name === (profile ?? env.AWS_PROFILE ?? 'default'),
  )?.region;
  if (profileRegion) return { ...base, region: profileRegion, regionSource: 'profile' };
  return { ...base, region: DEFAULT_REGION, regionSource: 'default' };
}

export type CredentialStatus =
  { available: true } | { available: false; error: unknown; nothingConfigured: boolean };

/**
 * Whether the session's credential provider chain yields credentials, decided by asking it (so
 * container, web-identity and instance roles count, and an expired SSO login does not).
 * `nothingConfigured` is true when the default chain found no source at all.
 */
export async function credentialStatus(session: Session): Promise<CredentialStatus> {
  try {
    await session.credentials();
    return { available: true };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      available: false,
      error,
      nothingConfigured:
        !session.profile && /Could not load credentials from any providers/i.test(message),
    };
  }
}

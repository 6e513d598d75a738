// What every AWS command and view gets: the session for the current settings (rebuilt when
// profile, region or endpoint change), its summary, credential status and the failure reporting
// they share. Commands import this module, never the wiring in awsFeatures.ts.
import type { CleanRoomsClient } from '@aws-sdk/client-cleanrooms';
import * as vscode from 'vscode';
import type { LocalVerdict } from '../../common/protocol';
import { describeAwsError, type AwsFailure } from './aws/errors';
import {
  createSession,
  credentialStatus,
  listProfiles,
  resolveSession,
  type CredentialStatus,
  type Session,
  type SessionSummary,
} from './aws/session';
import { readSettings } from './settings';

export interface AwsContext {
  log: vscode.LogOutputChannel;
  localVerdict(uri: vscode.Uri): Promise<LocalVerdict | undefined>;
  /** The SDK session for the current profile/region/endpoint, built on first use. */
  session(): Promise<Session>;
  /** The session's SDK client. */
  client(): Promise<CleanRoomsClient>;
  /** Profile, region (resolved as the CLI does) and endpoint of the current settings. */
  summary(): Promise<SessionSummary>;
  /** Whether the session's credential provider chain yields credentials. */
  credentialStatus(): Promise<CredentialStatus>;
  failure(operation: string, err: unknown): AwsFailure;
  /** Shows `failure(...)` as an error message and logs it. */
  reportFailure(operation: string, err: unknown): void;
  onDidChangeSession: vscode.Event<void>;
  /** Reloads the Clean Rooms view after a change the user made (create, delete). */
  refreshTree(): void;
}

export interface AwsContextDeps {
  log: vscode.LogOutputChannel;
  localVerdict(uri: vscode.Uri): Promise<LocalVerdict | undefined>;
  refreshTree(): void;
}

async function currentSummary(): Promise<SessionSummary> {
  const s = readSettings();
  return resolveSession(s, process.env, await listProfiles());
}

/** `resetSession` drops the SDK session after a profile, region or endpoint change (settingEffects.ts). */
export function createAwsContext(deps: AwsContextDeps): {
  ctx: AwsContext;
  resetSession(): void;
  disposable: vscode.Disposable;
} {
  let current: Promise<Session> | undefined;
  const changed = new vscode.EventEmitter<void>();

  const session = (): Promise<Session> => {
    current ??= currentSummary().then((s) => {
      deps.log.info(
        `AWS session: profile ${s.profile ?? '(default chain)'}, region ${s.region} (from ${s.regionSource})${s.endpoint ? `, endpoint ${s.endpoint}` : ''}`,
      );
      return createSession({ ...s, log: (line) => deps.log.info(line) });
    });
    const built = current;
    // A failed build (a bad endpoint setting) is retried on the next call rather than cached.
    built.catch(() => {
      if (current === built) current = undefined;
    });
    return built;
  };

  const ctx: AwsContext = {
    log: deps.log,
    localVerdict: deps.localVerdict,
    session,
    client: async () => (await session()).client,
    summary: currentSummary,
    credentialStatus: async () => credentialStatus(await session()),
    failure: (operation, err) => {
      const s = readSettings();
      return describeAwsError(operation, err, {
        profile: s.profile || undefined,
        endpoint: s.endpoint || undefined,
      });
    },
    reportFailure: (operation, err) => {
      const f = ctx.failure(operation, err);
      deps.log.error(f.message);
      void vscode.window.showErrorMessage(f.message);
    },
    onDidChangeSession: changed.event,
    refreshTree: deps.refreshTree,
  };

  const dispose = () => {
    const old = current;
    current = undefined;
    void old?.then(
      (s) => s.dispose(),
      () => undefined,
    );
  };
  const resetSession = () => {
    dispose();
    changed.fire();
  };
  return { ctx, resetSession, disposable: vscode.Disposable.from(changed, { dispose }) };
}

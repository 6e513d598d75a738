// Wires the AWS side of the extension: the session (rebuilt when profile, region or endpoint
// change), the status bar, the Clean Rooms view and the commands. Nothing here calls AWS by
// itself: every call starts from a command or from the user opening the view.
import * as vscode from 'vscode';
import type { LocalVerdict } from '../../common/protocol';
import { describeAwsError, type AwsFailure } from './aws/errors';
import { createSession, listProfiles, type Session } from './aws/session';
import { registerCopyArn } from './commands/copyArn';
import { registerCreateTemplate } from './commands/createTemplate';
import { registerDeleteTemplate } from './commands/deleteTemplate';
import { registerFetchTemplate } from './commands/fetchTemplate';
import { registerRefreshSchema } from './commands/refreshSchema';
import { registerRunTemplate } from './commands/runTemplate';
import { registerSelectProfile } from './commands/selectProfile';
import { registerSelectRegion } from './commands/selectRegion';
import { registerUpdateTemplate } from './commands/updateTemplate';
import { DEFAULT_REGION, readSettings } from './settings';
import { registerProposedContent } from './safeWrite';
import { createStatusBar } from './statusBar';
import { createCollaborationsTree, type CollaborationsTree } from './views/collaborationsTree';
import { registerProtectedQueriesView } from './views/protectedQueriesTree';

export interface AwsFeatureDeps {
  log: vscode.LogOutputChannel;
  localVerdict(uri: vscode.Uri): Promise<LocalVerdict | undefined>;
}

export interface SessionSummary {
  profile?: string;
  region: string;
  endpoint?: string;
}

/** What every command and view gets: the current session and the shared services. */
export interface AwsContext {
  log: vscode.LogOutputChannel;
  localVerdict(uri: vscode.Uri): Promise<LocalVerdict | undefined>;
  /** The SDK session for the current profile/region/endpoint, built on first use. */
  session(): Session;
  summary(): SessionSummary;
  /** True when a profile is chosen, the shared files name one, or the environment holds keys. */
  hasCredentialSource(): boolean;
  failure(operation: string, err: unknown): AwsFailure;
  /** Shows `failure(...)` as an error message and logs it. */
  reportFailure(operation: string, err: unknown): void;
  onDidChangeSession: vscode.Event<void>;
  /** Reloads the Clean Rooms view after a change the user made (create, delete). */
  refreshTree(): void;
}

const SESSION_SETTINGS = ['cleanrooms.profile', 'cleanrooms.region', 'cleanrooms.endpoint'];

/** Returns the tree's data provider, which the extension's API exposes to integration tests. */
export function activateAwsFeatures(context: vscode.ExtensionContext, deps: AwsFeatureDeps): vscode.TreeDataProvider<unknown> {
  let current: Session | undefined;
  const changed = new vscode.EventEmitter<void>();

  const summary = (): SessionSummary => {
    const s = readSettings();
    const profile = s.profile || undefined;
    const profileRegion = listProfiles().find((p) => p.name === (profile ?? process.env.AWS_PROFILE ?? 'default'))?.region;
    return { profile, region: s.region || profileRegion || process.env.AWS_REGION || DEFAULT_REGION, endpoint: s.endpoint || undefined };
  };

  const ctx: AwsContext = {
    log: deps.log,
    localVerdict: deps.localVerdict,
    session: () => {
      if (!current) {
        const s = summary();
        current = createSession({ ...s, log: (line) => deps.log.info(line) });
        deps.log.info(`AWS session: profile ${s.profile ?? '(default chain)'}, region ${s.region}${s.endpoint ? `, endpoint ${s.endpoint}` : ''}`);
      }
      return current;
    },
    summary,
    hasCredentialSource: () =>
      Boolean(readSettings().profile || process.env.AWS_PROFILE || process.env.AWS_ACCESS_KEY_ID || process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI || listProfiles().length),
    failure: (operation, err) => {
      const s = summary();
      return describeAwsError(operation, err, { profile: s.profile, endpoint: s.endpoint });
    },
    reportFailure: (operation, err) => {
      const f = ctx.failure(operation, err);
      deps.log.error(f.message);
      void vscode.window.showErrorMessage(f.message);
    },
    onDidChangeSession: changed.event,
    refreshTree: () => tree.reset(),
  };
  const tree: CollaborationsTree = createCollaborationsTree(ctx);

  const view = vscode.window.createTreeView('cleanrooms.collaborations', { treeDataProvider: tree.provider, showCollapseAll: true });
  context.subscriptions.push(
    changed,
    view,
    registerProposedContent(),
    createStatusBar(ctx),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!SESSION_SETTINGS.some((key) => e.affectsConfiguration(key))) return;
      current?.dispose();
      current = undefined;
      changed.fire();
    }),
    ctx.onDidChangeSession(() => tree.reset()),
    ...tree.commands(),
    registerSelectProfile(ctx),
    registerSelectRegion(ctx),
    registerFetchTemplate(ctx),
    registerCreateTemplate(ctx),
    registerUpdateTemplate(ctx),
    registerDeleteTemplate(ctx),
    registerCopyArn(ctx),
    registerRefreshSchema(ctx),
    registerRunTemplate(ctx),
    ...registerProtectedQueriesView(ctx),
    { dispose: () => current?.dispose() },
  );
  return tree.provider as vscode.TreeDataProvider<unknown>;
}

// Wires the AWS side of the extension: the shared context (awsContext.ts), the status bar, the
// Clean Rooms view and the commands. Nothing here calls AWS by
// itself: every call starts from a command or from the user opening the view.
import * as vscode from 'vscode';
import type { LocalVerdict } from '../../common/protocol';
import { createAwsContext } from './awsContext';
import { registerCopyArn } from './commands/copyArn';
import { registerCreateTemplate } from './commands/createTemplate';
import { registerDeleteTemplate } from './commands/deleteTemplate';
import { registerFetchTemplate } from './commands/fetchTemplate';
import { registerPrivacyBudgetCommands } from './commands/privacyBudget';
import { registerRefreshSchema } from './commands/refreshSchema';
import { registerRunTemplate } from './commands/runTemplate';
import { registerSelectProfile } from './commands/selectProfile';
import { registerSelectRegion } from './commands/selectRegion';
import { registerUpdateTemplate } from './commands/updateTemplate';
import { registerProposedContent } from './safeWrite';
import { createStatusBar } from './statusBar';
import { registerTemplateMetadataView } from './views/templateMetadata';
import { createCollaborationsTree, type CollaborationsTree } from './views/collaborationsTree';
import { registerProtectedQueriesView } from './views/protectedQueriesTree';

export interface AwsFeatureDeps {
  log: vscode.LogOutputChannel;
  localVerdict(uri: vscode.Uri): Promise<LocalVerdict | undefined>;
}

export interface AwsFeatures {
  /** The tree's data provider, which the extension's API exposes to integration tests. */
  collaborationsTree: vscode.TreeDataProvider<unknown>;
  resetSession(): void;
}

export function activateAwsFeatures(
  context: vscode.ExtensionContext,
  deps: AwsFeatureDeps,
): AwsFeatures {
  const { ctx, resetSession, disposable } = createAwsContext({
    ...deps,
    refreshTree: () => tree.reset(),
  });
  const tree: CollaborationsTree = createCollaborationsTree(ctx);

  const view = vscode.window.createTreeView('cleanrooms.collaborations', {
    treeDataProvider: tree.provider,
    showCollapseAll: true,
  });
  context.subscriptions.push(
    disposable,
    view,
    registerProposedContent(),
    createStatusBar(ctx),
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
    registerTemplateMetadataView(),
    ...registerPrivacyBudgetCommands(ctx),
  );
  return { collaborationsTree: tree.provider as vscode.TreeDataProvider<unknown>, resetSession };
}

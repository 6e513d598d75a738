// The Clean Rooms view: collaborations, then in each its differential-privacy budget (when it
// has one) and its analysis templates with their format, synthetic-data flag and DP validation
// status. Children load one page at a time when VS Code asks for them (that is, when the user
// opens the view or expands a node), with a "Load more" node for the next page and an error node
// that retries.
import * as vscode from 'vscode';
import type { AwsContext } from '../awsContext';
import {
  AGGREGATION_LABEL,
  collaborationBudgets,
  describeRefresh,
  type BudgetAggregation,
  type PrivacyBudget,
} from '../aws/privacyBudget';
import { formatLabel } from '../aws/templates';
import {
  listCollaborationsPage,
  listCollaborationTemplatesPage,
  templateValidations,
  type CollaborationItem,
  type TemplateSummary,
  type TemplateValidation,
} from '../aws/collaborations';

export type TreeNode =
  | { kind: 'collaboration'; collaboration: CollaborationItem }
  | { kind: 'template'; template: TemplateSummary; validation?: TemplateValidation }
  /** `membershipId`: the caller's membership in the budget's collaboration, when it has one. */
  | { kind: 'budget'; budget: PrivacyBudget; membershipId?: string }
  | { kind: 'budgetAggregation'; budget: PrivacyBudget; aggregation: BudgetAggregation }
  | { kind: 'loadMore'; key: string }
  | { kind: 'error'; key: string; message: string };

export interface CollaborationsTree {
  provider: vscode.TreeDataProvider<TreeNode>;
  /** Forgets every loaded page; the view reloads what is visible. */
  reset(): void;
  commands(): vscode.Disposable[];
}

interface Listing {
  items: TreeNode[];
  nextToken?: string;
  /** False until the first page arrived: a retry then starts from the beginning. */
  started: boolean;
  error?: string;
  /** Root only: the default credential chain found no credentials at all (the welcome view shows). */
  noCredentials?: boolean;
  /** The page load in flight, which every caller for this listing awaits. */
  loading?: Promise<void>;
}

const ROOT = '';
export const TEMPLATE_PAGE_SIZE = 50;

export function createCollaborationsTree(ctx: AwsContext): CollaborationsTree {
  const listings = new Map<string, Listing>();
  const parents = new Map<string, TreeNode>();
  const changed = new vscode.EventEmitter<TreeNode | undefined>();

  // The load belongs to its listing: after a reset, a load still in flight fills only the
  // forgotten listing, and the new one loads afresh.
  const loadPage = (key: string): Promise<void> => {
    const listing = listings.get(key) ?? { items: [], started: false };
    listings.set(key, listing);
    if (listing.loading) return listing.loading;
    const task = (async () => {
      try {
        const token = listing.started ? listing.nextToken : undefined;
        if (key === ROOT && !listing.started) {
          const status = await ctx.credentialStatus();
          if (!status.available) {
            if (listings.get(key) !== listing) return;
            listing.noCredentials = status.nothingConfigured;
            if (!status.nothingConfigured)
              listing.error = ctx.failure('Reading AWS credentials', status.error).message;
            return;
          }
          listing.noCredentials = false;
        }
        const client = await ctx.client();
        if (key === ROOT) {
          const page = await listCollaborationsPage(client, token);
          if (listings.get(key) !== listing) return; // reset meanwhile: parents belong to the new listing
          for (const c of page.items) {
            const node: TreeNode = { kind: 'collaboration', collaboration: c };
            parents.set(c.id, node);
            listing.items.push(node);
          }
          listing.nextToken = page.nextToken;
        } else {
          const budgets = listing.started ? [] : await budgetsOf(client, key);
          const page = await listCollaborationTemplatesPage(client, key, token, TEMPLATE_PAGE_SIZE);
          const parent = parents.get(key);
          const membershipId =
            parent?.kind === 'collaboration' ? parent.collaboration.membershipId : undefined;
          for (const budget of budgets)
            listing.items.push({ kind: 'budget', budget, membershipId });
          const validations = await templateValidations(
            client,
            key,
            page.items.map((t) => t.arn),
            (err) => ctx.failure('Reading template validation', err).message,
          );
          for (const t of page.items)
            listing.items.push({
              kind: 'template',
              template: t,
              validation: validations.get(t.arn),
            });
          listing.nextToken = page.nextToken;
        }
        listing.started = true;
        listing.error = undefined;
      } catch (err) {
        const f = ctx.failure(
          key === ROOT ? 'Listing collaborations' : 'Listing analysis templates',
          err,
        );
        ctx.log.error(f.message);
        listing.error = f.message;
      }
    })();
    listing.loading = task.finally(() => {
      listing.loading = undefined;
    });
    return listing.loading;
  };

  const childrenOf = (key: string): TreeNode[] => {
    const listing = listings.get(key);
    if (!listing) return [];
    const extra: TreeNode[] = listing.error
      ? [{ kind: 'error', key, message: listing.error }]
      : listing.nextToken
        ? [{ kind: 'loadMore', key }]
        : [];
    return [...listing.items, ...extra];
  };

  // A budget that cannot be read must not hide the templates: it is logged and left out.
  const budgetsOf = async (
    client: Awaited<ReturnType<AwsContext['client']>>,
    collaborationId: string,
  ): Promise<PrivacyBudget[]> => {
    try {
      return await collaborationBudgets(
        client,
        collaborationId,
        (err) => ctx.failure('Reading the privacy budget template', err).message,
      );
    } catch (err) {
      ctx.log.warn(ctx.failure('Reading the privacy budget', err).message);
      return [];
    }
  };

  const fireFor = (key: string) => changed.fire(key === ROOT ? undefined : parents.get(key));

  const provider: vscode.TreeDataProvider<TreeNode> = {
    onDidChangeTreeData: changed.event,
    getTreeItem: treeItem,
    async getChildren(node?: TreeNode): Promise<TreeNode[]> {
      if (node?.kind === 'budget')
        return node.budget.aggregations.map((aggregation) => ({
          kind: 'budgetAggregation',
          budget: node.budget,
          aggregation,
        }));
      if (node && node.kind !== 'collaboration') return [];
      const key = node ? node.collaboration.id : ROOT;
      const listing = listings.get(key);
      await (listing ? listing.loading : loadPage(key));
      if (!node) {
        const noCredentials = listings.get(ROOT)?.noCredentials === true;
        void vscode.commands.executeCommand(
          'setContext',
          'cleanrooms.hasCredentials',
          !noCredentials,
        );
        if (noCredentials) return [];
      }
      const children = childrenOf(key);
      if (!node)
        void vscode.commands.executeCommand(
          'setContext',
          'cleanrooms.noCollaborations',
          children.length === 0,
        );
      return children;
    },
  };

  const more = async (node: TreeNode | undefined) => {
    if (!node || (node.kind !== 'loadMore' && node.kind !== 'error')) return;
    await loadPage(node.key);
    fireFor(node.key);
  };

  const reset = () => {
    listings.clear();
    parents.clear();
    changed.fire(undefined);
  };

  return {
    provider,
    reset,
    commands: () => [
      changed,
      vscode.commands.registerCommand('cleanrooms.loadMore', more),
      vscode.commands.registerCommand('cleanrooms.retry', more),
      vscode.commands.registerCommand('cleanrooms.refreshCollaborations', reset),
    ],
  };
}

function treeItem(node: TreeNode): vscode.TreeItem {
  switch (node.kind) {
    case 'collaboration': {
      const c = node.collaboration;
      const item = new vscode.TreeItem(c.name, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `collaboration:${c.id}`;
      item.description = c.creatorDisplayName;
      item.tooltip = `${c.name}\nCollaboration ${c.id}${c.membershipId ? `\nYour membership ${c.membershipId}` : ''}${c.memberStatus ? `\nStatus ${c.memberStatus}` : ''}`;
      item.iconPath = new vscode.ThemeIcon('organization');
      item.contextValue = 'cleanrooms.collaboration';
      return item;
    }
    case 'template': {
      const t = node.template;
      const item = new vscode.TreeItem(t.name, vscode.TreeItemCollapsibleState.None);
      item.id = `template:${t.arn}`;
      const v = node.validation;
      const status = v?.error
        ? 'validation unknown'
        : v?.status
          ? v.status.replace(/_/g, ' ').toLowerCase()
          : undefined;
      item.description =
        [
          v?.format ? formatLabel(v.format) : undefined,
          t.isSyntheticData ? 'synthetic data' : undefined,
          status,
        ]
          .filter(Boolean)
          .join(' · ') || undefined;
      item.iconPath =
        v?.format && v.format !== 'SQL' && !v.status && !v.error
          ? new vscode.ThemeIcon('package')
          : statusIcon(v);
      item.tooltip = templateTooltip(t, v);
      item.contextValue = 'cleanrooms.template';
      return item;
    }
    case 'budget': {
      const b = node.budget;
      const item = new vscode.TreeItem('Privacy budget', vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `budget:${b.collaborationId}:${b.id}`;
      item.description = budgetSummary(b);
      item.tooltip = budgetTooltip(b);
      item.iconPath = new vscode.ThemeIcon('shield');
      item.contextValue = 'cleanrooms.privacyBudget';
      return item;
    }
    case 'budgetAggregation': {
      const a = node.aggregation;
      const item = new vscode.TreeItem(
        AGGREGATION_LABEL[a.type],
        vscode.TreeItemCollapsibleState.None,
      );
      item.id = `budget:${node.budget.collaborationId}:${node.budget.id}:${a.type}`;
      item.description = `${a.remaining} of ${a.max} left`;
      item.tooltip = `${AGGREGATION_LABEL[a.type]}: ${a.remaining} of ${a.max} aggregations left in this budget period. Each run of a template spends one per ${AGGREGATION_LABEL[a.type]} in its final SELECT.`;
      item.iconPath =
        a.remaining === 0
          ? new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('errorForeground'))
          : new vscode.ThemeIcon('pulse');
      return item;
    }
    case 'loadMore': {
      const item = new vscode.TreeItem('Load more…', vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      item.command = { command: 'cleanrooms.loadMore', title: 'Load more', arguments: [node] };
      return item;
    }
    case 'error': {
      const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
      item.description = 'click to retry';
      item.tooltip = `${node.message}\n\nClick to retry.`;
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
      item.command = { command: 'cleanrooms.retry', title: 'Retry', arguments: [node] };
      item.contextValue = 'cleanrooms.error';
      return item;
    }
  }
}

function statusIcon(v: TemplateValidation | undefined): vscode.ThemeIcon {
  if (v?.error) return new vscode.ThemeIcon('question');
  switch (v?.status) {
    case 'VALID':
      return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    case 'INVALID':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
    case 'UNABLE_TO_VALIDATE':
      return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    default:
      return new vscode.ThemeIcon('file-code');
  }
}

function budgetSummary(b: PrivacyBudget): string {
  return [
    b.epsilon !== undefined ? `ε ${b.epsilon}` : undefined,
    b.usersNoisePerQuery !== undefined ? `noise ${b.usersNoisePerQuery} users/query` : undefined,
    b.autoRefresh === 'CALENDAR_MONTH'
      ? 'monthly'
      : b.autoRefresh === 'NONE'
        ? 'no refresh'
        : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

function budgetTooltip(b: PrivacyBudget): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown('**Differential-privacy budget**\n\n');
  md.appendText(
    `Epsilon ${b.epsilon ?? 'unknown'}; users noise per query ${b.usersNoisePerQuery ?? 'unknown'}; ${describeRefresh(b.autoRefresh)}.`,
  );
  if (b.templateError)
    md.appendMarkdown('\n\n').appendText(
      `The budget template could not be read: ${b.templateError}`,
    );
  for (const a of b.aggregations)
    md.appendMarkdown('\n- ').appendText(
      `${AGGREGATION_LABEL[a.type]}: ${a.remaining} of ${a.max} left`,
    );
  md.appendMarkdown('\n\n').appendText(
    'When a type reaches 0, queries that compute it cannot run until the budget refreshes or is raised.',
  );
  return md;
}

function templateTooltip(
  t: TemplateSummary,
  v: TemplateValidation | undefined,
): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown('**').appendText(t.name).appendMarkdown('**\n\n');
  if (t.description) md.appendText(t.description).appendMarkdown('\n\n');
  md.appendText(
    `Format: ${v?.format ? formatLabel(v.format) : 'unknown'}${t.isSyntheticData ? ' · generates synthetic data' : ''}`,
  ).appendMarkdown('\n\n');
  if (v?.error) md.appendText(`DP validation could not be read: ${v.error}`);
  else if (v?.status) md.appendText(`Differential privacy validation: ${v.status}`);
  else if (v?.format && v.format !== 'SQL')
    md.appendText(
      `No differential privacy validation: AWS validates SQL templates only. Fetch shows its metadata.`,
    );
  else md.appendText('No differential privacy validation.');
  for (const reason of v?.reasons ?? []) md.appendMarkdown('\n- ').appendText(reason);
  md.appendMarkdown('\n\n').appendText(t.arn);
  return md;
}

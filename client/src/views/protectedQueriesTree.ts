// The Protected Queries view: your memberships that can run queries, and under each its recent
// protected queries (ListProtectedQueries, newest first, one page at a time with "Load more")
// with their status and start time. A succeeded query opens its result on click ("Open Result").
import * as vscode from 'vscode';
import type { AwsContext } from '../awsContext';
import {
  describeOutcome,
  getQuery,
  isEnded,
  listQueriesPage,
  queryingMemberships,
  type QueryState,
} from '../aws/protectedQueries';
import { openQueryResult } from '../commands/runTemplate';

export type QueryNode =
  | { kind: 'membership'; id: string; collaborationName: string }
  | { kind: 'query'; query: QueryState; collaborationName: string }
  | { kind: 'more'; membershipId: string }
  | { kind: 'message'; text: string; error: boolean };

interface Listing {
  items: QueryState[];
  nextToken?: string;
  error?: string;
}

const PAGE = 25;

export function registerProtectedQueriesView(ctx: AwsContext): vscode.Disposable[] {
  const changed = new vscode.EventEmitter<QueryNode | undefined>();
  let memberships: Promise<QueryNode[]> | undefined;
  const listings = new Map<string, Listing>();
  const names = new Map<string, string>();

  const loadPage = async (membershipId: string): Promise<void> => {
    const listing = listings.get(membershipId) ?? { items: [] };
    listings.set(membershipId, listing);
    try {
      const page = await listQueriesPage(await ctx.client(), membershipId, listing.nextToken, PAGE);
      listing.items.push(...page.items);
      listing.nextToken = page.nextToken;
      listing.error = undefined;
    } catch (err) {
      listing.error = ctx.failure('Listing protected queries', err).message;
    }
  };

  const provider: vscode.TreeDataProvider<QueryNode> = {
    onDidChangeTreeData: changed.event,
    getTreeItem: treeItem,
    // Summaries carry no duration or error: the hover fetches the query's details.
    async resolveTreeItem(item: vscode.TreeItem, node: QueryNode): Promise<vscode.TreeItem> {
      if (node.kind !== 'query') return item;
      try {
        item.tooltip = queryTooltip(
          await getQuery(await ctx.client(), node.query.membershipId, node.query.id),
        );
      } catch (err) {
        item.tooltip = ctx.failure('Reading the protected query', err).message;
      }
      return item;
    },
    async getChildren(node?: QueryNode): Promise<QueryNode[]> {
      if (!node) {
        // Without any credential source the Collaborations view shows the welcome text; stay empty.
        if (!memberships) {
          const status = await ctx.credentialStatus();
          if (!status.available && status.nothingConfigured) return [];
        }
        memberships ??= ctx
          .client()
          .then((client) => queryingMemberships(client))
          .then(
            (all) => {
              for (const m of all) names.set(m.id, m.collaborationName);
              return all.length
                ? all.map((m): QueryNode => ({
                    kind: 'membership',
                    id: m.id,
                    collaborationName: m.collaborationName,
                  }))
                : [{ kind: 'message', text: 'No membership that can run queries', error: false }];
            },
            (err: unknown) => [
              {
                kind: 'message',
                text: ctx.failure('Listing memberships', err).message,
                error: true,
              },
            ],
          );
        return memberships;
      }
      if (node.kind !== 'membership') return [];
      if (!listings.has(node.id)) await loadPage(node.id);
      const listing = listings.get(node.id) as Listing;
      const collaborationName = names.get(node.id) ?? '';
      const items: QueryNode[] = listing.items.map((query) => ({
        kind: 'query',
        query,
        collaborationName,
      }));
      if (listing.error) items.push({ kind: 'message', text: listing.error, error: true });
      else if (listing.nextToken) items.push({ kind: 'more', membershipId: node.id });
      else if (!items.length)
        items.push({ kind: 'message', text: 'No protected queries yet', error: false });
      return items;
    },
  };

  const refresh = () => {
    memberships = undefined;
    listings.clear();
    changed.fire(undefined);
  };

  const openResult = async (node?: QueryNode) => {
    if (node?.kind !== 'query') return;
    let state: QueryState;
    try {
      state = await getQuery(await ctx.client(), node.query.membershipId, node.query.id);
    } catch (err) {
      ctx.reportFailure('Open result', err);
      return;
    }
    if (state.status !== 'SUCCESS') {
      void vscode.window.showInformationMessage(
        `Query ${state.id} is ${state.status.toLowerCase()}: there is no result to open.`,
      );
      return;
    }
    await openQueryResult(ctx, `query ${state.id.slice(0, 8)} (${node.collaborationName})`, state);
  };

  return [
    changed,
    vscode.window.createTreeView('cleanrooms.protectedQueries', { treeDataProvider: provider }),
    ctx.onDidChangeSession(refresh),
    vscode.commands.registerCommand('cleanrooms.refreshProtectedQueries', refresh),
    vscode.commands.registerCommand('cleanrooms.openQueryResult', openResult),
    vscode.commands.registerCommand('cleanrooms.loadMoreQueries', async (node?: QueryNode) => {
      if (node?.kind !== 'more') return;
      await loadPage(node.membershipId);
      changed.fire(undefined);
    }),
  ];
}

const STATUS_ICONS: Record<string, [string, string?]> = {
  SUCCESS: ['pass', 'testing.iconPassed'],
  FAILED: ['error', 'testing.iconFailed'],
  TIMED_OUT: ['watch', 'testing.iconFailed'],
  CANCELLED: ['circle-slash'],
  CANCELLING: ['circle-slash'],
  SUBMITTED: ['loading~spin'],
  STARTED: ['loading~spin'],
};

function treeItem(node: QueryNode): vscode.TreeItem {
  switch (node.kind) {
    case 'membership': {
      const item = new vscode.TreeItem(
        node.collaborationName,
        vscode.TreeItemCollapsibleState.Collapsed,
      );
      item.id = `query-membership:${node.id}`;
      item.description = `membership ${node.id.slice(0, 8)}`;
      item.iconPath = new vscode.ThemeIcon('organization');
      return item;
    }
    case 'query': {
      const q = node.query;
      const started = q.createTime ? q.createTime.toLocaleString() : q.id;
      const item = new vscode.TreeItem(started, vscode.TreeItemCollapsibleState.None);
      item.id = `query:${q.id}`;
      item.description = q.status.toLowerCase().replace(/_/g, ' ');
      const [icon, color] = STATUS_ICONS[q.status] ?? ['circle-outline'];
      item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
      item.contextValue =
        q.status === 'SUCCESS'
          ? 'cleanrooms.protectedQuery.succeeded'
          : 'cleanrooms.protectedQuery';
      if (q.status === 'SUCCESS')
        item.command = {
          command: 'cleanrooms.openQueryResult',
          title: 'Open Result',
          arguments: [node],
        };
      return item;
    }
    case 'more': {
      const item = new vscode.TreeItem('Load more…', vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      item.command = {
        command: 'cleanrooms.loadMoreQueries',
        title: 'Load more',
        arguments: [node],
      };
      return item;
    }
    case 'message': {
      const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon(node.error ? 'error' : 'info');
      if (node.error)
        item.command = { command: 'cleanrooms.refreshProtectedQueries', title: 'Retry' };
      return item;
    }
  }
}

function queryTooltip(q: QueryState): string {
  return [
    `Protected query ${q.id}`,
    `Status ${q.status}`,
    ...(q.createTime ? [`Started ${q.createTime.toISOString()}`] : []),
    ...(isEnded(q.status) ? [describeOutcome(q)] : []),
    ...(q.location ? [`Result ${q.location}`] : []),
  ].join('\n');
}

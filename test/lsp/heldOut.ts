// The held-out editor checks' own world: a schema whose user identifier is not called `user_id`
// (so nothing keyed to the other tests' names can pass by accident), and helpers that open a
// document with `|` marking the cursor, as a person would place it before pressing Ctrl+Space.
import { rmSync } from 'node:fs';
import { after, before } from 'node:test';
import type { CompletionItem, CompletionList } from 'vscode-languageserver-protocol';
import { startServer, type LspClient } from '../support/lspClient';
import { workspace, type Workspace } from './fixtures';

export const SCHEMA = JSON.stringify(
  {
    tables: [
      {
        name: 'clicks',
        analysisRuleType: 'CUSTOM',
        differentialPrivacy: { userIdColumn: 'hashed_email' },
        columns: [
          { name: 'hashed_email', type: 'string' },
          { name: 'ad_id', type: 'string' },
          { name: 'click_ts', type: 'timestamp' },
          { name: 'cost', type: 'decimal' },
        ],
      },
      {
        name: 'customers',
        analysisRuleType: 'CUSTOM',
        differentialPrivacy: { userIdColumn: 'hashed_email' },
        columns: [
          { name: 'hashed_email', type: 'string' },
          { name: 'region', type: 'string' },
          { name: 'age', type: 'int' },
        ],
      },
      {
        name: 'stores',
        analysisRuleType: 'CUSTOM',
        columns: [
          { name: 'store_id', type: 'string' },
          { name: 'city', type: 'string' },
        ],
      },
    ],
  },
  null,
  2,
);

export const HEADER = "-- @name Clicks\n-- @param since TIMESTAMP = '2024-01-01 00:00:00'\n";

export const FIELD = 5;
export const FUNCTION = 3;
export const KEYWORD = 14;
export const SNIPPET = 15;

export type Pos = { line: number; character: number };
export type Edit = { range: { start: Pos; end: Pos }; newText: string };

/** Items in the order VS Code shows them before any filtering (by sortText, then label). */
export const ordered = (items: CompletionItem[]) =>
  [...items].sort(
    (a, b) =>
      (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label) ||
      a.label.localeCompare(b.label),
  );
export const labels = (items: CompletionItem[]) => ordered(items).map((i) => i.label);

/** The text without its `|`, and the cursor's position there (the end when there is no `|`). */
export function cursor(marked: string): { text: string; position: Pos; offset: number } {
  const offset = marked.includes('|') ? marked.indexOf('|') : marked.length;
  const text = marked.replace('|', '');
  const lines = text.slice(0, offset).split('\n');
  return {
    text,
    offset,
    position: { line: lines.length - 1, character: lines[lines.length - 1].length },
  };
}

/** The position of the `n`-th character of the first `needle` in `text` (0: its first). */
export function positionOf(text: string, needle: string, n = 0): Pos {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`'${needle}' is not in the text`);
  const lines = text.slice(0, at + n).split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

/** The text a range covers. */
export function covered(text: string, range: { start: Pos; end: Pos }): string {
  const lines = text.split('\n');
  const offset = (p: Pos) =>
    lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(offset(range.start), offset(range.end));
}

export interface Opened {
  uri: string;
  text: string;
  position: Pos;
}

/** Opens `marked` as a fresh document, waits for its first diagnostics. */
export async function openMarked(
  session: { ws: Workspace; client: LspClient },
  name: string,
  marked: string,
): Promise<Opened> {
  const { text, position } = cursor(marked);
  const uri = session.ws.uri(name);
  session.client.open(uri, text, 1);
  await session.client.waitForDiagnostics(uri, (p) => p.version === 1);
  return { uri, text, position };
}

/** Ctrl+Space at the `|` of `marked` (a fresh document); the document is closed afterwards. */
export async function completeAt(
  session: { ws: Workspace; client: LspClient },
  name: string,
  marked: string,
): Promise<CompletionItem[]> {
  const { uri, position } = await openMarked(session, name, marked);
  const list = await session.client.request<CompletionList | CompletionItem[] | null>(
    'textDocument/completion',
    { textDocument: { uri }, position, context: { triggerKind: 1 } },
  );
  session.client.close(uri);
  return Array.isArray(list) ? list : (list?.items ?? []);
}

/**
 * A server over a fresh workspace for a describe block; `schema: null` is a folder with no
 * cleanrooms.schema.json at all.
 */
export function heldOutServer(schema: string | null = SCHEMA): {
  ws: Workspace;
  client: LspClient;
} {
  const session = {} as { ws: Workspace; client: LspClient };
  before(async () => {
    session.ws = workspace(schema ?? '{}');
    if (schema === null) rmSync(session.ws.schemaPath);
    session.client = startServer();
    await session.client.initialize({
      initializationOptions: {
        settings: { subqueries: 'current-docs' },
        diagnosticsDocUri: 'file:///ext/docs/diagnostics.md',
      },
    });
  });
  after(async () => {
    await session.client.dispose();
    session.ws.dispose();
  });
  return session;
}

// Shared checks for the robustness suites: a scratch workspace, "every diagnostic range lies
// inside the document", "every request is answered in time", and "the server did not crash".
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { fileUri, startServer, type InitializeOptions, type LspClient } from '../support/lspClient';

export const EXAMPLES = resolve(import.meta.dirname, '../../examples');
/** Every request must be answered within this (the bound). */
export const ANSWER_MS = 2000;

export interface Workspace {
  dir: string;
  uri(name: string): string;
  dispose(): void;
}

/** A temp folder holding a copy of the examples' schema (or none), so templates in it resolve one. */
export function scratchWorkspace(withSchema = true): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'cleanrooms-robust-'));
  if (withSchema)
    copyFileSync(join(EXAMPLES, 'cleanrooms.schema.json'), join(dir, 'cleanrooms.schema.json'));
  return {
    dir,
    uri: (name) => fileUri(join(dir, name)),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function startInitialized(
  options?: InitializeOptions,
): Promise<{ client: LspClient; init: InitializeResult }> {
  const client = startServer();
  const init = await client.initialize(options);
  return { client, init };
}

/** Line lengths in UTF-16 units, splitting lines as LSP does (\r\n, \r, \n). */
export function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

export function assertRangesInside(
  p: PublishDiagnosticsParams,
  text: string,
  context: string,
): void {
  const lines = lineLengths(text);
  const inside = (pos: { line: number; character: number }) =>
    Number.isInteger(pos.line) &&
    Number.isInteger(pos.character) &&
    pos.line >= 0 &&
    pos.line < lines.length &&
    pos.character >= 0 &&
    pos.character <= lines[pos.line];
  for (const d of p.diagnostics) {
    const { start, end } = d.range;
    const ordered =
      start.line < end.line || (start.line === end.line && start.character <= end.character);
    assert.ok(
      inside(start) && inside(end) && ordered,
      `${context}: diagnostic ${String(d.code)} range ${JSON.stringify(d.range)} is outside the ${lines.length}-line document`,
    );
  }
}

type Position = { line: number; character: number };

/** The LSP position of a UTF-16 offset, lines split as LSP splits them. */
export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: Math.min(offset, text.length) - lineStart };
}

export type RequestKind = 'hover' | 'completion' | 'documentSymbol' | 'codeAction';

const PROVIDER: Record<RequestKind, string> = {
  hover: 'hoverProvider',
  completion: 'completionProvider',
  documentSymbol: 'documentSymbolProvider',
  codeAction: 'codeActionProvider',
};
const METHOD_NOT_FOUND = -32601;

/**
 * Sends one request and asserts it is answered within ANSWER_MS. A "method not found" error is an
 * answer only for a feature the server did not advertise; any other error response fails.
 */
export async function assertAnswered(
  client: LspClient,
  init: InitializeResult,
  kind: RequestKind,
  uri: string,
  pos: Position,
  context: string,
): Promise<void> {
  const textDocument = { uri };
  const params =
    kind === 'documentSymbol'
      ? { textDocument }
      : kind === 'codeAction'
        ? { textDocument, range: { start: pos, end: pos }, context: { diagnostics: [] } }
        : { textDocument, position: pos };
  const advertised = !!(init.capabilities as Record<string, unknown>)[PROVIDER[kind]];
  try {
    await client.request(`textDocument/${kind}`, params, ANSWER_MS);
  } catch (e) {
    const code = (e as { code?: number }).code;
    if (code === METHOD_NOT_FOUND && !advertised) return;
    assert.fail(
      `${context}: textDocument/${kind} at ${JSON.stringify(pos)} not answered properly: ${(e as Error).message}`,
    );
  }
}

// Escaped errors, and errors a handler's guard() caught and logged as "<handler> failed: ...".
const CRASH_SIGNS =
  /unhandled rejection|uncaught exception|unhandledRejection|uncaughtException|FATAL ERROR|heap out of memory| failed: /i;

/** Still running, and nothing in stderr or the log says a handler threw. */
export function assertNotCrashed(client: LspClient, context: string): void {
  assert.equal(
    client.process.exitCode,
    null,
    `${context}: server exited: ${client.stderr().slice(-2000)}`,
  );
  assert.equal(client.process.signalCode, null, `${context}: server killed by a signal`);
  const escaped = [client.stderr(), ...client.logs()].find((m) => CRASH_SIGNS.test(m));
  assert.equal(escaped, undefined, `${context}: ${escaped?.slice(0, 2000)}`);
}

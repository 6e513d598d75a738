// A test driver for the bundled language server: spawns `node dist/server.js --stdio` and speaks
// real JSON-RPC to it. Used by test/lsp, the fuzz tests and the benchmark. Every wait is bounded.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

export const SERVER_PATH = resolve(__dirname, '../../dist/server.js');
const DEFAULT_TIMEOUT_MS = 5000;
const STDERR_CAP = 1 << 20;

export interface StartOptions {
  /** Server entry point; the bundled server unless a test needs another (e.g. a peer server). */
  command?: string;
  args?: string[];
  cwd?: string;
  /** Added to this process's environment. */
  env?: Record<string, string>;
  /** Answers `workspace/configuration` items (default: `null` for each). */
  configuration?: (section: string | undefined, scopeUri: string | undefined) => unknown;
}

export interface InitializeOptions {
  /** Declare `textDocument.diagnostic` so the server serves pull diagnostics instead of pushing. */
  pullDiagnostics?: boolean;
  initializationOptions?: unknown;
  rootUri?: string | null;
  capabilities?: ClientCapabilities;
}

export interface LspClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  /** Everything the server wrote to stderr so far (capped at 1 MB). */
  stderr(): string;
  /** Messages the server logged through `window/logMessage`. */
  logs(): string[];
  /** Resolves with the exit code (or signal) once the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  initialize(options?: InitializeOptions): Promise<InitializeResult>;
  open(uri: string, text: string, version?: number, languageId?: string): void;
  /** Full-text change unless `changes` are given. */
  change(
    uri: string,
    version: number,
    textOrChanges: string | TextDocumentContentChangeEvent[],
  ): void;
  close(uri: string): void;
  notify(method: string, params?: unknown): void;
  request<R>(method: string, params: unknown, timeoutMs?: number): Promise<R>;
  /** The most recent push for `uri`, if any. */
  diagnostics(uri: string): PublishDiagnosticsParams | undefined;
  /** Resolves with the latest push for `uri` if it satisfies `predicate`, else the next one that does. */
  waitForDiagnostics(
    uri: string,
    predicate?: (p: PublishDiagnosticsParams) => boolean,
    timeoutMs?: number,
  ): Promise<PublishDiagnosticsParams>;
  /** Subscribe to every push (for latency measurements); returns an unsubscribe function. */
  onDiagnostics(listener: (p: PublishDiagnosticsParams) => void): () => void;
  /** Writes bytes straight to the server's stdin (for malformed-message tests). */
  writeRaw(data: string | Buffer): void;
  /** shutdown + exit, then kill if the process is still alive after `timeoutMs`. */
  dispose(timeoutMs?: number): Promise<void>;
}

export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function startServer(options: StartOptions = {}): LspClient {
  const command = options.command ?? process.execPath;
  const args = options.args ?? [SERVER_PATH, '--stdio'];
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env && { ...process.env, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderrText = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    if (stderrText.length < STDERR_CAP)
      stderrText += chunk.slice(0, STDERR_CAP - stderrText.length);
  });
  // A server that dies mid-write must not crash the test process with EPIPE.
  child.stdin!.on('error', () => undefined);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => {
    child.on('exit', (code, signal) => done({ code, signal }));
  });

  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );
  const latest = new Map<string, PublishDiagnosticsParams>();
  const listeners = new Set<(p: PublishDiagnosticsParams) => void>();
  const logMessages: string[] = [];

  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    latest.set(p.uri, p);
    for (const l of [...listeners]) l(p);
  });
  connection.onNotification('window/logMessage', (p: { message: string }) => {
    if (logMessages.length < 10_000) logMessages.push(p.message);
  });
  connection.onRequest(
    'workspace/configuration',
    (p: { items: { section?: string; scopeUri?: string }[] }) =>
      p.items.map((item) => options.configuration?.(item.section, item.scopeUri) ?? null),
  );
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('client/unregisterCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.onError(() => undefined);
  connection.listen();

  // A write to a dead server rejects (EPIPE); tests see the death through `exited` and timeouts,
  // so a notification must not leave an unhandled rejection behind.
  const send = (method: string, params?: unknown) =>
    void connection.sendNotification(method, params).catch(() => undefined);

  const request = async <R>(
    method: string,
    params: unknown,
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ): Promise<R> => {
    const source = new CancellationTokenSource();
    try {
      return await withTimeout(
        connection.sendRequest<R>(method, params, source.token),
        timeoutMs,
        method,
      );
    } catch (e) {
      source.cancel();
      throw e;
    } finally {
      source.dispose();
    }
  };

  const waitForDiagnostics: LspClient['waitForDiagnostics'] = (
    uri,
    predicate = () => true,
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ) => {
    const current = latest.get(uri);
    if (current && predicate(current)) return Promise.resolve(current);
    let off: () => void = () => undefined;
    const match = new Promise<PublishDiagnosticsParams>((done) => {
      const listener = (p: PublishDiagnosticsParams) => {
        if (p.uri === uri && predicate(p)) done(p);
      };
      listeners.add(listener);
      off = () => listeners.delete(listener);
    });
    const last = latest.get(uri);
    return withTimeout(
      match,
      timeoutMs,
      `diagnostics for ${uri} (last: ${last ? JSON.stringify(last).slice(0, 500) : 'none'})`,
    ).finally(off);
  };

  return {
    connection,
    process: child,
    exited,
    stderr: () => stderrText,
    logs: () => logMessages,
    async initialize(init = {}) {
      const capabilities: ClientCapabilities = init.capabilities ?? {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: false } },
        textDocument: {
          publishDiagnostics: {
            relatedInformation: true,
            versionSupport: true,
            codeDescriptionSupport: true,
          },
          ...(init.pullDiagnostics
            ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } }
            : {}),
          completion: {
            completionItem: {
              snippetSupport: true,
              documentationFormat: ['markdown', 'plaintext'],
            },
          },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          codeAction: {
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } },
            isPreferredSupport: true,
          },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          rename: { prepareSupport: true },
        },
      };
      const result = await request<InitializeResult>('initialize', {
        processId: process.pid,
        rootUri: init.rootUri ?? null,
        capabilities,
        initializationOptions: init.initializationOptions,
      });
      send('initialized', {});
      return result;
    },
    open(uri, text, version = 1, languageId = 'cleanrooms-sql') {
      send('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    },
    change(uri, version, textOrChanges) {
      const contentChanges =
        typeof textOrChanges === 'string' ? [{ text: textOrChanges }] : textOrChanges;
      send('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    },
    close(uri) {
      send('textDocument/didClose', { textDocument: { uri } });
    },
    notify(method, params) {
      send(method, params);
    },
    request,
    diagnostics: (uri) => latest.get(uri),
    waitForDiagnostics,
    onDiagnostics(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    writeRaw(data) {
      child.stdin!.write(data);
    },
    async dispose(timeoutMs = 2000) {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          await request('shutdown', null, timeoutMs);
          send('exit');
          await withTimeout(exited, timeoutMs, 'server exit');
        } catch {
          child.kill('SIGKILL');
          await withTimeout(exited, timeoutMs, 'server kill').catch(() => undefined);
        }
      }
      connection.dispose();
    },
  };
}

/** A `Content-Length` framed message, for writing raw (possibly invalid) JSON-RPC bodies. */
export function frame(body: string | Buffer): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return Buffer.concat([Buffer.from(`Content-Length: ${bytes.length}\r\n\r\n`, 'ascii'), bytes]);
}

/** Applies LSP text edits (non-overlapping, any order) to `text`. */
export function applyEdits(
  text: string,
  edits: {
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    newText: string;
  }[],
): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const offset = (p: { line: number; character: number }) =>
    Math.min((starts[p.line] ?? text.length) + p.character, text.length);
  const sorted = edits
    .map((e) => ({ start: offset(e.range.start), end: offset(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

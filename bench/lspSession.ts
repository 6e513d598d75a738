// Timing on top of the shared LSP test driver (test/support/lspClient.ts), for any server —
// ours and the peer: it adapts to what each advertises (pull or push diagnostics, full or
// incremental sync) and times each change until that version's diagnostics arrive.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { serverProcess } from '../common/serverProcess';
import { startServer, type LspClient } from '../test/support/lspClient';

export interface ServerCommand {
  label: string;
  command: string;
  args: string[];
  cwd?: string;
  /** Added to the bench's environment. */
  env?: Record<string, string>;
}

const storages = new Map<string, string>();
/**
 * The bench's stand-in for the extension's global storage (the server's code cache lives there),
 * one scratch folder per bench process and build, removed when it exits. Per build: a server
 * replaces the cache of any other bundle it finds there, so two builds sharing one folder would
 * each start cold.
 */
export function benchStorage(serverJs: string): string {
  let dir = storages.get(serverJs);
  if (!dir) {
    const made = mkdtempSync(join(tmpdir(), 'cleanrooms-bench-storage-'));
    process.on('exit', () => rmSync(made, { recursive: true, force: true }));
    storages.set(serverJs, (dir = made));
  }
  return dir;
}

/**
 * A build's `dist/server.js`, started as the extension starts it (serverProcess, with the bench's
 * storage folder for its code cache), or with node's defaults; `cache: false` starts it without a
 * storage folder, so it compiles the whole bundle (a cold start).
 */
export function ourServer(
  label: string,
  serverJs: string,
  { nodeDefaults = false, cache = true }: { nodeDefaults?: boolean; cache?: boolean } = {},
): ServerCommand {
  const launch = serverProcess(cache ? benchStorage(serverJs) : undefined);
  if (nodeDefaults)
    return { label, command: process.execPath, args: [serverJs, '--stdio', ...launch.args] };
  return {
    label,
    command: process.execPath,
    args: [...launch.execArgv, serverJs, '--stdio', ...launch.args],
    env: launch.env,
  };
}

interface Publish {
  uri: string;
  version?: number;
  at: number;
}

export interface LspSession {
  label: string;
  pid: number;
  /** ms from spawn to the `initialize` response. */
  initializeMs: number;
  /** 'pull' when the server declares a diagnosticProvider, else 'push'. */
  diagnosticsMode: 'pull' | 'push';
  /** 1 = full text on every change, 2 = incremental. */
  syncKind: number;
  open(uri: string, languageId: string, text: string): Promise<number>;
  /**
   * Sends the change at once (replacing [start, end) with `insert`) and resolves with the ms from
   * sending until that version's diagnostics; callers may send more before it resolves. `full`
   * sends the whole new text, whatever sync kind the server declared.
   */
  edit(uri: string, start: number, end: number, insert: string, full?: boolean): Promise<number>;
  text(uri: string): string;
  /** The diagnostics last received for `uri` (pushed or pulled). */
  lastDiagnostics(uri: string): Diagnostic[];
  rssKb(): number;
  cpuMs(): number;
  stderr(): string;
  close(): Promise<void>;
}

const DIAGNOSTICS_TIMEOUT_MS = 30_000;

/** LSP position of an offset; the bench's texts use LF line ends only. */
function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

/** CPU time (ms) the process's threads have run so far: unlike wall time, barely moved by other load. */
export function readCpuMs(pid: number): number {
  let ns = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // The thread ended meanwhile.
    }
  }
  return ns / 1e6;
}

export function readRssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

export async function startSession(cmd: ServerCommand, rootUri: string): Promise<LspSession> {
  const t0 = performance.now();
  const client: LspClient = startServer({
    command: cmd.command,
    args: cmd.args,
    cwd: cmd.cwd,
    env: cmd.env,
  });
  const exited = client.exited.then(({ code, signal }) => {
    throw new Error(
      `${cmd.label} exited (code ${code}, signal ${signal}): ${client.stderr().slice(-2000)}`,
    );
  });
  exited.catch(() => undefined);
  const publishes: Publish[] = [];
  const waiters: Array<() => void> = [];
  client.onDiagnostics((p) => {
    publishes.push({ uri: p.uri, version: p.version, at: performance.now() });
    waiters.splice(0).forEach((w) => w());
  });

  // The capabilities VS Code's client declares for diagnostics: push with versions, and pull.
  const init = await Promise.race([
    client.initialize({
      rootUri,
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true },
        textDocument: {
          synchronization: { didSave: true, dynamicRegistration: false },
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
          diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
        },
      },
    }),
    exited,
  ]);
  const initializeMs = performance.now() - t0;
  const sync = init.capabilities.textDocumentSync;
  const syncKind = typeof sync === 'number' ? sync : (sync?.change ?? 1);
  const diagnosticsMode = init.capabilities.diagnosticProvider ? 'pull' : 'push';

  const docs = new Map<string, { text: string; version: number }>();
  const pulled = new Map<string, Diagnostic[]>();

  // Push: the first publish for `uri` after `since` for `version` or a newer one (a server may
  // skip a superseded version); from a server that sends no version, the first publish after `since`.
  const waitPublish = (uri: string, version: number, since: number) =>
    new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `${cmd.label}: no diagnostics for ${uri} v${version} within ${DIAGNOSTICS_TIMEOUT_MS} ms`,
            ),
          ),
        DIAGNOSTICS_TIMEOUT_MS,
      );
      const check = () => {
        const hit = publishes.find(
          (p) =>
            p.uri === uri && p.at >= since && (p.version === undefined || p.version >= version),
        );
        if (hit) {
          clearTimeout(timer);
          resolve(hit.at - since);
        } else waiters.push(check);
      };
      check();
    });

  const waitDiagnostics = async (uri: string, version: number, since: number): Promise<number> => {
    if (diagnosticsMode === 'push') return Promise.race([waitPublish(uri, version, since), exited]);
    const report = await Promise.race([
      client.request<{ items?: Diagnostic[] }>(
        'textDocument/diagnostic',
        { textDocument: { uri } },
        DIAGNOSTICS_TIMEOUT_MS,
      ),
      exited,
    ]);
    if (report.items) pulled.set(uri, report.items);
    return performance.now() - since;
  };

  const sendChange = (uri: string, start: number, end: number, insert: string, full = false) => {
    const doc = docs.get(uri);
    if (!doc) throw new Error(`not open: ${uri}`);
    const before = doc.text;
    doc.text = before.slice(0, start) + insert + before.slice(end);
    doc.version++;
    const change =
      syncKind === 2 && !full
        ? {
            range: { start: positionAt(before, start), end: positionAt(before, end) },
            text: insert,
          }
        : { text: doc.text };
    const since = performance.now();
    client.change(uri, doc.version, [change]);
    return { version: doc.version, since };
  };

  return {
    label: cmd.label,
    pid: client.process.pid!,
    initializeMs,
    diagnosticsMode,
    syncKind,
    async open(uri, languageId, text) {
      docs.set(uri, { text, version: 1 });
      const since = performance.now();
      client.open(uri, text, 1, languageId);
      return waitDiagnostics(uri, 1, since);
    },
    edit(uri, start, end, insert, full) {
      const { version, since } = sendChange(uri, start, end, insert, full);
      return waitDiagnostics(uri, version, since);
    },
    text: (uri) => docs.get(uri)?.text ?? '',
    lastDiagnostics: (uri) =>
      (diagnosticsMode === 'pull' ? pulled.get(uri) : client.diagnostics(uri)?.diagnostics) ?? [],
    rssKb: () => readRssKb(client.process.pid!),
    cpuMs: () => readCpuMs(client.process.pid!),
    stderr: () => client.stderr(),
    close: () => client.dispose(),
  };
}

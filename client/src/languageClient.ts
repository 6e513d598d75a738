// Starts dist/server.js over node IPC and keeps it running: vscode-languageclient restarts a
// crashed server (up to 4 times in 3 minutes) and re-opens the user's documents in it.
import { mkdirSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import {
  LanguageClient,
  State,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  ANALYZE_METHOD,
  VERDICT_METHOD,
  type AnalyzeParams,
  type InitializationOptions,
  type LocalVerdict,
  type VerdictParams,
} from '../../common/protocol';
import { serverProcess } from '../../common/serverProcess';
import { SERVER_SETTINGS_SECTION } from '../../common/settings';
import { headingLines, withLineLinks } from './docsLinks';
import { documentSelector, SCHEMA_GLOB } from './documentSelector';
import { readSettings, serverSettings } from './settings';
import type { ServerState } from './verdictView';

const MAX_RESTARTS = 4;

export interface ServerController {
  start(): Promise<void>;
  /** Stop and start again (serialized: concurrent calls wait for each other). */
  restart(): Promise<void>;
  stop(): Promise<void>;
  /** The server's verdict for an open document; undefined when the server is not running or does not know it. */
  localVerdict(uri: vscode.Uri): Promise<LocalVerdict | undefined>;
  /** The server's `cleanrooms/verdict` notifications, whichever client (after restarts) sent them. */
  readonly onDidReceiveVerdict: vscode.Event<{ uri: vscode.Uri; verdict: VerdictParams }>;
  readonly onDidChangeState: vscode.Event<ServerState>;
  state(): ServerState;
}

export function createServerController(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
): ServerController {
  // One watcher for the extension's lifetime: every client (after restarts too) forwards its events.
  const watcher = vscode.workspace.createFileSystemWatcher(SCHEMA_GLOB);
  context.subscriptions.push(watcher);
  let client: LanguageClient | undefined;
  let queue: Promise<void> = Promise.resolve();
  const serialized = (work: () => Promise<void>) => (queue = queue.then(work, work));
  const verdicts = new vscode.EventEmitter<{ uri: vscode.Uri; verdict: VerdictParams }>();
  const states = new vscode.EventEmitter<ServerState>();
  context.subscriptions.push(verdicts, states);
  // Activation starts the server at once: until a client reports otherwise, it is starting.
  let state: ServerState = 'starting';
  const setState = (next: ServerState) => {
    if (next === state) return;
    state = next;
    states.fire(next);
  };

  const start = async () => {
    if (client) return;
    const created = createClient(context, log, watcher);
    client = created;
    setState('starting');
    // Events of a client already replaced by a restart are stale.
    created.onDidChangeState((e) => {
      if (created === client)
        setState(
          e.newState === State.Running
            ? 'running'
            : e.newState === State.Starting
              ? 'starting'
              : 'stopped',
        );
    });
    created.onNotification(VERDICT_METHOD, (verdict: VerdictParams) => {
      if (created === client)
        verdicts.fire({ uri: created.protocol2CodeConverter.asUri(verdict.uri), verdict });
    });
    try {
      await created.start();
    } catch (e) {
      log.error(
        `The Clean Rooms language server did not start: ${e instanceof Error ? e.message : String(e)}`,
      );
      if (created === client) setState('stopped');
    }
  };
  const stop = async () => {
    const running = client;
    client = undefined;
    setState('stopped');
    if (running)
      await running
        .dispose(2000)
        .catch((e: unknown) => log.warn(`Stopping the language server: ${String(e)}`));
  };

  return {
    start: () => serialized(start),
    restart: () =>
      serialized(async () => {
        log.info('Restarting the Clean Rooms language server.');
        await stop();
        await start();
      }),
    stop: () => serialized(stop),
    onDidReceiveVerdict: verdicts.event,
    onDidChangeState: states.event,
    state: () => state,
    async localVerdict(uri) {
      if (!client?.isRunning()) return undefined;
      try {
        const params: AnalyzeParams = { uri: client.code2ProtocolConverter.asUri(uri) };
        return (await client.sendRequest<LocalVerdict | null>(ANALYZE_METHOD, params)) ?? undefined;
      } catch (e) {
        log.warn(
          `Local analysis of ${uri.toString()} failed: ${e instanceof Error ? e.message : String(e)}`,
        );
        return undefined;
      }
    },
  };
}

function createClient(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  watcher: vscode.FileSystemWatcher,
): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const launch = serverProcess(storageFolder(context, log));
  const serverOptions: ServerOptions = {
    run: {
      module,
      transport: TransportKind.ipc,
      args: launch.args,
      options: { execArgv: [...launch.execArgv], env: { ...launch.env } },
    },
    debug: {
      module,
      transport: TransportKind.ipc,
      args: launch.args,
      options: { execArgv: ['--nolazy', '--inspect=6011'] },
    },
  };
  const settings = readSettings();
  const docsUri = vscode.Uri.joinPath(context.extensionUri, 'docs', 'diagnostics.md');
  const initializationOptions: InitializationOptions = {
    settings: serverSettings(settings),
    diagnosticsDocUri: docsUri.toString(),
  };
  const toLines = docsLineLinks(docsUri, log);
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(settings.enableForSqlFiles),
    synchronize: { fileEvents: watcher },
    initializationOptions,
    outputChannel: log,
    traceOutputChannel: log,
    connectionOptions: { maxRestartCount: MAX_RESTARTS },
    middleware: {
      async provideHover(document, position, token, next) {
        const hover = await next(document, position, token);
        if (!hover) return hover;
        const contents = hover.contents.map((c) => {
          if (!(c instanceof vscode.MarkdownString)) return c;
          const md = new vscode.MarkdownString(toLines(c.value), c.supportThemeIcons);
          md.isTrusted = c.isTrusted;
          md.supportHtml = c.supportHtml;
          return md;
        });
        return new vscode.Hover(contents, hover.range);
      },
      handleDiagnostics(uri, diagnostics, next) {
        for (const d of diagnostics) {
          if (typeof d.code === 'object' && d.code.target)
            d.code = {
              value: d.code.value,
              target: vscode.Uri.parse(toLines(d.code.target.toString())),
            };
        }
        next(uri, diagnostics);
      },
      workspace: {
        // The server asks for its section; answer with the typed, validated shape read here.
        configuration: (params) =>
          params.items.map((item) =>
            item.section === SERVER_SETTINGS_SECTION ? serverSettings(readSettings()) : null,
          ),
      },
    },
  };
  return new LanguageClient(
    'cleanrooms',
    'Clean Rooms Language Server',
    serverOptions,
    clientOptions,
  );
}

/** The extension's global storage folder, created, for the server's code cache; undefined (no cache) if it cannot be. */
function storageFolder(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
): string | undefined {
  const dir = context.globalStorageUri.fsPath;
  try {
    mkdirSync(dir, { recursive: true });
    return dir;
  } catch (e) {
    log.warn(
      `The language server starts without its code cache: ${dir} could not be created (${e instanceof Error ? e.message : String(e)}).`,
    );
    return undefined;
  }
}

/** Rewrites links to docs/diagnostics.md sections into line links VS Code can open (see docsLinks.ts). */
function docsLineLinks(
  docsUri: vscode.Uri,
  log: vscode.LogOutputChannel,
): (text: string) => string {
  let lines = new Map<string, number>();
  try {
    lines = headingLines(readFileSync(docsUri.fsPath, 'utf8'));
  } catch (e) {
    log.warn(
      `Reading ${docsUri.fsPath} for diagnostic links: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  const prefix = docsUri.toString();
  return (text) => (lines.size ? withLineLinks(text, prefix, lines) : text);
}

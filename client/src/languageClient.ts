// Starts dist/server.js over node IPC and keeps it running: vscode-languageclient restarts a
// crashed server (up to 4 times in 3 minutes) and re-opens the user's documents in it.
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type DocumentSelector, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { ANALYZE_METHOD, VERDICT_METHOD, type AnalyzeParams, type InitializationOptions, type LocalVerdict, type VerdictParams } from '../../common/protocol';
import { SERVER_SETTINGS_SECTION } from '../../common/settings';
import { readSettings, serverSettings } from './settings';
import type { ServerState } from './verdictView';

const SCHEMA_GLOB = '**/cleanrooms.schema.json';
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

export function createServerController(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): ServerController {
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
      if (created === client) setState(e.newState === State.Running ? 'running' : e.newState === State.Starting ? 'starting' : 'stopped');
    });
    created.onNotification(VERDICT_METHOD, (verdict: VerdictParams) => {
      if (created === client) verdicts.fire({ uri: created.protocol2CodeConverter.asUri(verdict.uri), verdict });
    });
    try {
      await created.start();
    } catch (e) {
      log.error(`The Clean Rooms language server did not start: ${e instanceof Error ? e.message : String(e)}`);
      if (created === client) setState('stopped');
    }
  };
  const stop = async () => {
    const running = client;
    client = undefined;
    setState('stopped');
    if (running) await running.dispose(2000).catch((e: unknown) => log.warn(`Stopping the language server: ${String(e)}`));
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
        log.warn(`Local analysis of ${uri.toString()} failed: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      }
    },
  };
}

function createClient(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, watcher: vscode.FileSystemWatcher): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const settings = readSettings();
  const documentSelector: DocumentSelector = [
    { language: 'cleanrooms-sql' },
    ...(settings.enableForSqlFiles ? [{ language: 'sql', scheme: 'file' }] : []),
    // So the server can publish diagnostics on the schema file while the user edits it.
    { scheme: 'file', pattern: SCHEMA_GLOB },
  ];
  const initializationOptions: InitializationOptions = {
    settings: serverSettings(settings),
    diagnosticsDocUri: vscode.Uri.joinPath(context.extensionUri, 'docs', 'diagnostics.md').toString(),
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    synchronize: { fileEvents: watcher },
    initializationOptions,
    outputChannel: log,
    traceOutputChannel: log,
    connectionOptions: { maxRestartCount: MAX_RESTARTS },
    middleware: {
      workspace: {
        // The server asks for its section; answer with the typed, validated shape read here.
        configuration: (params) => params.items.map((item) => (item.section === SERVER_SETTINGS_SECTION ? serverSettings(readSettings()) : null)),
      },
    },
  };
  return new LanguageClient('cleanrooms', 'Clean Rooms Language Server', serverOptions, clientOptions);
}

// LSP wiring only: connection events → session and features → core. createServer() wires a given
// connection to an io (what touches the file system and threads), so tests drive it in-process;
// serve() is the process around it. Start: `node dist/server.js --stdio` (or --node-ipc, as the
// VS Code client does).
import { Console } from 'node:console';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  ResponseError,
  ErrorCodes,
  type InitializeResult,
  type TextDocumentPositionParams,
  type Connection,
  type MessageReader,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from './core/analyze';
import { ANALYZE_METHOD, VERDICT_METHOD, type InitializationOptions } from '../../common/protocol';
import { normalizeServerSettings, SERVER_SETTINGS_SECTION } from '../../common/settings';
import { isInside, schemaCandidates } from '../../common/schemaFile';
import { codeActionsFor } from './features/codeActions';
import { completionItems } from './features/completion';
import { schemaDiagnostics, templateDiagnostics } from './features/diagnostics';
import { hoverAt } from './features/hover';
import { localVerdict, verdictNotification } from './features/localVerdict';
import { definition, references, rename, renameRange } from './features/navigation';
import { documentSymbols } from './features/symbols';
import { createFrameGuard } from './frameGuard';
import { firstExisting } from './safeRead';
import { createAnalyzer, type DocumentAnalysis } from './session/analysis';
import { ANALYSIS_WORKER_ARG, serveAnalysisJobs } from './session/analysisWorker';
import { createBackgroundAnalysis, type BackgroundAnalysis } from './session/backgroundAnalysis';
import { BatchedWriter } from './session/batchedWriter';
import { describe, guard, type Log } from './session/guard';
import { createPublishedLists, createPushScheduler } from './session/publishing';
import { createSchemaLoader, type SchemaLoader } from './session/schemaLoader';
import { createSchemaStore, isSchemaUri, uriToPath, type LoadedSchema } from './session/schemas';
import { SCHEMA_WORKER_ARG, serveSchemaJobs } from './session/schemaWorker';

/** How long completion and hover wait for a template's schema file to be read. */
const SCHEMA_WAIT_MS = 2000;
/** A small query through every stage of analyze(), run once after start-up. */
const WARM_UP_TEMPLATE =
  '-- @name warm-up\nWITH u AS (SELECT user_id, SUM(x) AS s FROM t GROUP BY user_id)\nSELECT COUNT(DISTINCT user_id) FROM u';

// One bundle, four roles, so the core ships once: the language server when dist/server.js
// (launch.ts) calls serve(), the analysis worker and the schema worker when started as worker
// threads (session/backgroundAnalysis.ts, session/schemaLoader.ts), and the `check` CLI's
// implementation for dist/cli.js.
export { main as cliMain } from './cli';
if (process.argv.includes(ANALYSIS_WORKER_ARG)) serveAnalysisJobs();
else if (process.argv.includes(SCHEMA_WORKER_ARG)) serveSchemaJobs();

/** What the server reads from outside the connection: files and threads, replaceable in tests. */
export interface ServerIO {
  /** The first of these files that exists (the schema search's candidates, nearest first). */
  firstExisting(paths: string[]): Promise<string | undefined>;
  /** Reads and parses a schema file (links may lead only inside `root`). */
  loadSchema: SchemaLoader;
  /** Analyses large templates off the main thread. */
  background: BackgroundAnalysis;
}

/** The process's io: schema files are read and large templates analysed in worker threads started from this bundle. */
function processIO(log: Log): ServerIO {
  return {
    firstExisting,
    loadSchema: createSchemaLoader(__filename, log),
    background: createBackgroundAnalysis(__filename, log),
  };
}

/** `warmedUp`: called once the warm-up analysis ran (launch.ts then caches what V8 compiled). */
export function serve(warmedUp?: () => void): void {
  const stdio = process.argv.includes('--stdio');
  const connection = stdio
    ? // stdin as a stream, as the library takes it for --stdio (it then exits when stdin ends).
      createConnection(
        ProposedFeatures.all,
        process.stdin as unknown as MessageReader,
        new BatchedWriter(process.stdout),
      )
    : createConnection(ProposedFeatures.all);
  // stdout carries the messages: whatever a library prints goes to stderr (the library redirects
  // the console only when it opens stdio itself).
  if (stdio) globalThis.console = new Console({ stdout: process.stderr, stderr: process.stderr });
  const log = (message: string) => connection.console.error(message);
  process.on('uncaughtException', (e) => log(`uncaught exception: ${describe(e)}`));
  process.on('unhandledRejection', (e) => log(`unhandled rejection: ${describe(e)}`));
  createServer(connection, processIO(log), warmedUp);
  // createServer() called listen(): the reader's own 'data' listener is attached, so both see every chunk.
  if (stdio)
    process.stdin.on(
      'data',
      createFrameGuard((reason) => exitOnBadInput(reason, log)),
    );
}

/** Wires every LSP handler on `connection` and starts listening. */
export function createServer(connection: Connection, io: ServerIO, warmedUp?: () => void): void {
  const documents = new TextDocuments(TextDocument);
  const log = (message: string) => connection.console.error(message);

  let docsUri: string | undefined;
  let configurationCapability = false;
  let workspaceFoldersCapability = false;
  let snippetSupport = false;

  /** Workspace folder paths: the schema search never climbs above the one holding the template. */
  let roots: string[] = [];
  const rootOf = (dir: string) =>
    roots.filter((r) => isInside(dir, r)).sort((a, b) => b.length - a.length)[0];
  const setRoots = (
    folders: { uri: string }[] | null | undefined,
    rootUri: string | null | undefined,
  ) => {
    const uris = folders?.length ? folders.map((f) => f.uri) : rootUri ? [rootUri] : [];
    roots = uris.map(uriToPath).filter((p): p is string => !!p);
  };
  const schemas = createSchemaStore(
    {
      find: (dir) => io.firstExisting(schemaCandidates(dir, rootOf(dir))),
      // Outside every workspace folder, the schema's own folder is the root: no link leads out of it.
      load: (path, text) => io.loadSchema(path, rootOf(dirname(path)) ?? dirname(path), text),
      openText: (path) =>
        documents
          .all()
          .find((d) => isSchemaUri(d.uri) && uriToPath(d.uri) === path)
          ?.getText(),
    },
    (path, loaded) => {
      publishSchema(loaded?.uri ?? pathToFileURL(path).href, loaded);
      for (const doc of templates()) scheduler.schedule(doc.uri);
    },
  );
  const analyzer = createAnalyzer(schemas, normalizeServerSettings(undefined), io.background);
  /** Schema generation whose diagnostics were last published, per schema URI. */
  const publishedSchemas = new Map<string, number>();

  const templates = () => documents.all().filter((d) => !isSchemaUri(d.uri));

  /** What requests read for an open template (see Analyzer.forRequest); undefined for anything else. */
  function latest(uri: string): DocumentAnalysis | undefined {
    const doc = documents.get(uri);
    return doc && !isSchemaUri(doc.uri) ? analyzer.forRequest(doc) : undefined;
  }

  /**
   * Completion and hover on a template just opened: its schema file may still be being read (in
   * the schema worker). Wait for it a moment, so the first Ctrl+Space already offers the columns.
   */
  async function schemaSettled(uri: string): Promise<void> {
    const ready = schemas.ready(uri);
    if (!ready) return;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, SCHEMA_WAIT_MS)));
    await Promise.race([ready, late]);
    clearTimeout(timer);
  }

  /** The analysis of an open template and the offset of `position` in it. */
  function at(
    params: TextDocumentPositionParams,
  ): { analysis: DocumentAnalysis; offset: number } | undefined {
    const analysis = latest(params.textDocument.uri);
    return analysis && { analysis, offset: analysis.index.offset(params.position) };
  }

  function publishSchema(uri: string, loaded: LoadedSchema | undefined): void {
    publishedSchemas.set(uri, schemas.generation());
    connection.sendDiagnostics({
      uri,
      diagnostics: loaded ? schemaDiagnostics(loaded, docsUri) : [],
    });
  }

  async function publishTemplate(uri: string): Promise<void> {
    const doc = documents.get(uri);
    if (!doc) return;
    const analysis = await analyzer.analysisOfLatest(doc);
    // Superseded by a newer edit or schema change (its own run publishes), or closed meanwhile.
    if (!analysis || documents.get(uri) !== doc) return;
    const diagnostics = templateDiagnostics(analysis, docsUri);
    if (published.changed(uri, analysis.version, diagnostics))
      connection.sendDiagnostics({ uri, version: analysis.version, diagnostics });
    void connection.sendNotification(VERDICT_METHOD, verdictNotification(analysis));
    // A template can be the first to load a schema file nobody opened: show that file's problems too.
    const schema = analysis.schema;
    if (schema && publishedSchemas.get(schema.uri) !== schemas.generation())
      publishSchema(schema.uri, schema);
  }

  // Diagnostics are pushed, coalesced per document (see createPushScheduler).
  const published = createPublishedLists();
  const scheduler = createPushScheduler(guard(log, 'diagnostics', undefined, publishTemplate));

  /** A schema document's text or file changed: it is read again (coalesced), then everything republished. */
  function schemaChanged(uri: string, moved: boolean): void {
    const path = uriToPath(uri);
    if (path) schemas.changed(path, moved);
  }

  connection.onInitialize(
    guard(log, 'initialize', { capabilities: {} }, (params): InitializeResult => {
      const init = (params.initializationOptions ?? {}) as Partial<InitializationOptions>;
      docsUri = typeof init.diagnosticsDocUri === 'string' ? init.diagnosticsDocUri : undefined;
      analyzer.setOptions(normalizeServerSettings(init.settings));
      configurationCapability = !!params.capabilities.workspace?.configuration;
      workspaceFoldersCapability = !!params.capabilities.workspace?.workspaceFolders;
      setRoots(params.workspaceFolders, params.rootUri);
      snippetSupport =
        !!params.capabilities.textDocument?.completion?.completionItem?.snippetSupport;
      return {
        capabilities: {
          textDocumentSync: TextDocumentSyncKind.Incremental,
          completionProvider: { triggerCharacters: [':', '.', '@', ' '] },
          hoverProvider: true,
          codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
          documentSymbolProvider: true,
          definitionProvider: true,
          referencesProvider: true,
          renameProvider: { prepareProvider: true },
          workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        },
        serverInfo: { name: 'cleanrooms-template-studio' },
      };
    }),
  );

  connection.onInitialized(
    guard(log, 'initialized', undefined, async () => {
      // The SQL parser loads on first use, so `initialize` is answered without it: load and JIT it
      // now, before the first document needs it.
      setImmediate(
        guard(log, 'warm-up', undefined, () => {
          analyze(WARM_UP_TEMPLATE, undefined);
          warmedUp?.();
        }),
      );
      if (workspaceFoldersCapability) {
        connection.workspace.onDidChangeWorkspaceFolders(
          guard(log, 'workspace folders', undefined, async () => {
            setRoots(await connection.workspace.getWorkspaceFolders(), undefined);
            schemas.rootsChanged();
            for (const doc of templates()) scheduler.schedule(doc.uri);
          }),
        );
      }
      if (configurationCapability)
        await connection.client.register(DidChangeConfigurationNotification.type, {
          section: SERVER_SETTINGS_SECTION,
        });
    }),
  );

  connection.onDidChangeConfiguration(
    guard(log, 'configuration', undefined, async (params) => {
      const raw = configurationCapability
        ? await connection.workspace.getConfiguration(SERVER_SETTINGS_SECTION)
        : (params.settings as Record<string, unknown> | undefined)?.[SERVER_SETTINGS_SECTION];
      analyzer.setOptions(normalizeServerSettings(raw));
      for (const doc of templates()) scheduler.schedule(doc.uri);
    }),
  );

  documents.onDidChangeContent(
    guard(log, 'change', undefined, ({ document }) => {
      if (!isSchemaUri(document.uri)) return scheduler.schedule(document.uri);
      schemaChanged(document.uri, false);
    }),
  );

  documents.onDidClose(
    guard(log, 'close', undefined, ({ document }) => {
      if (isSchemaUri(document.uri)) {
        // The file on disk applies again.
        schemaChanged(document.uri, false);
        return;
      }
      scheduler.cancel(document.uri);
      analyzer.forget(document.uri);
      published.forget(document.uri);
      connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    }),
  );

  connection.onDidChangeWatchedFiles(
    guard(log, 'watched files', undefined, ({ changes }) => {
      for (const c of changes) {
        if (!isSchemaUri(c.uri)) continue;
        const moved = c.type !== FileChangeType.Changed;
        // An open document's editor text wins over the disk: only creation or deletion matters then.
        if (!documents.get(c.uri) || moved) schemaChanged(c.uri, moved);
      }
    }),
  );

  connection.onRequest(
    ANALYZE_METHOD,
    guard(log, ANALYZE_METHOD, null, async (params: { uri?: unknown }) => {
      const doc = typeof params?.uri === 'string' ? documents.get(params.uri) : undefined;
      // The client waits for a verdict: never answer "superseded" here.
      return doc && !isSchemaUri(doc.uri)
        ? localVerdict((await analyzer.analysisOfLatest(doc)) ?? analyzer.analysisOf(doc))
        : null;
    }),
  );

  connection.onCompletion(
    guard(log, 'completion', null, async (params) => {
      await schemaSettled(params.textDocument.uri);
      const found = at(params);
      if (!found) return null;
      const triggeredBySpace = params.context?.triggerCharacter === ' ';
      return completionItems(found.analysis, found.offset, {
        snippets: snippetSupport,
        triggeredBySpace,
      });
    }),
  );

  connection.onHover(
    guard(log, 'hover', null, async (params) => {
      await schemaSettled(params.textDocument.uri);
      const found = at(params);
      return found ? hoverAt(found.analysis, found.offset, docsUri) : null;
    }),
  );

  connection.onCodeAction(
    guard(log, 'code actions', [], (params) => {
      const analysis = latest(params.textDocument.uri);
      if (!analysis) return [];
      const span = {
        start: analysis.index.offset(params.range.start),
        end: analysis.index.offset(params.range.end),
      };
      return codeActionsFor(analysis, span, params.context?.only, docsUri);
    }),
  );

  connection.onDocumentSymbol(
    guard(log, 'document symbols', [], (params) => {
      const analysis = latest(params.textDocument.uri);
      return analysis ? documentSymbols(analysis) : [];
    }),
  );

  connection.onDefinition(
    guard(log, 'definition', [], (params) => {
      const found = at(params);
      return found ? definition(found.analysis, found.offset) : [];
    }),
  );

  connection.onReferences(
    guard(log, 'references', [], (params) => {
      const found = at(params);
      return found
        ? references(found.analysis, found.offset, !!params.context?.includeDeclaration)
        : [];
    }),
  );

  connection.onPrepareRename(
    guard(log, 'prepare rename', null, (params) => {
      const found = at(params);
      if (!found) return null;
      const prepared = renameRange(found.analysis, found.offset);
      if ('error' in prepared) throw new ResponseError(ErrorCodes.InvalidRequest, prepared.error);
      return prepared;
    }),
  );

  connection.onRenameRequest(
    guard(log, 'rename', null, (params) => {
      const found = at(params);
      if (!found) return null;
      const result = rename(found.analysis, found.offset, String(params.newName ?? ''));
      if ('error' in result) throw new ResponseError(ErrorCodes.InvalidParams, result.error);
      return result.edit;
    }),
  );

  documents.listen(connection);
  connection.listen();
}

/** The LSP stream is out of step for good: say why where the client shows it, then exit (the client restarts the server). */
function exitOnBadInput(reason: string, log: (message: string) => void): void {
  const message = `The message stream on stdin is malformed (${reason}); the language server exits so the client can restart it.`;
  process.stderr.write(message + '\n');
  log(message);
  // A moment for the log notification to reach stdout.
  setTimeout(() => process.exit(1), 200);
}

// LSP wiring only: connection events → features → core. Start: `node dist/server.js --stdio`
// (or --node-ipc, as the VS Code client does).
import { existsSync, readFileSync, statSync } from 'node:fs';
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
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ANALYSIS_WORKER_ARG, serveAnalysisJobs } from './analysisWorker';
import { analyze } from './core/analyze';
import { ANALYZE_METHOD, VERDICT_METHOD, type InitializationOptions } from '../../common/protocol';
import { normalizeServerSettings, SERVER_SETTINGS_SECTION } from '../../common/settings';
import { findSchemaFile } from './core/schema/find';
import { createAnalyzer, type DocumentAnalysis } from './features/analysis';
import { createBackgroundAnalysis } from './features/backgroundAnalysis';
import { codeActionsFor } from './features/codeActions';
import { completionItems } from './features/completion';
import { createPublishedLists, createPushScheduler, schemaDiagnostics, templateDiagnostics } from './features/diagnostics';
import { describe, guard } from './features/guard';
import { hoverAt } from './features/hover';
import { localVerdict, verdictNotification } from './features/localVerdict';
import { definition, references, rename, renameRange } from './features/navigation';
import { createSchemaStore, isSchemaUri, uriToPath, type LoadedSchema } from './features/schemas';
import { documentSymbols } from './features/symbols';

/** A small query through every stage of analyze(), run once after start-up. */
const WARM_UP_TEMPLATE = '-- @name warm-up\nWITH u AS (SELECT user_id, SUM(x) AS s FROM t GROUP BY user_id)\nSELECT COUNT(DISTINCT user_id) FROM u';

// One bundle, three roles, so the core ships once: the language server when dist/server.js
// (launch.ts) calls serve(), the analysis worker when started as a worker thread
// (features/backgroundAnalysis.ts), and the `check` CLI's implementation for dist/cli.js.
export { main as cliMain } from './cli';
if (process.argv.includes(ANALYSIS_WORKER_ARG)) serveAnalysisJobs();

/** `warmedUp`: called once the warm-up analysis ran (launch.ts then caches what V8 compiled). */
export function serve(warmedUp?: () => void): void {
  const connection = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);
  const log = (message: string) => connection.console.error(message);

  process.on('uncaughtException', (e) => log(`uncaught exception: ${describe(e)}`));
  process.on('unhandledRejection', (e) => log(`unhandled rejection: ${describe(e)}`));

  let docsUri: string | undefined;
  let configurationCapability = false;
  let snippetSupport = false;

  const schemas = createSchemaStore({
    find: (dir) => findSchemaFile(dir, (path) => existsSync(path)),
    size(path) {
      try {
        return statSync(path).size;
      } catch {
        return undefined;
      }
    },
    read(path) {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    openText: (path) => documents.all().find((d) => isSchemaUri(d.uri) && uriToPath(d.uri) === path)?.getText(),
  });
  const analyzer = createAnalyzer(schemas, normalizeServerSettings(undefined), createBackgroundAnalysis(__filename, log));
  /** Schema generation whose diagnostics were last published, per schema URI. */
  const publishedSchemas = new Map<string, number>();

  const templates = () => documents.all().filter((d) => !isSchemaUri(d.uri));

  /** What requests read for an open template (see Analyzer.forRequest); undefined for anything else. */
  function latest(uri: string): DocumentAnalysis | undefined {
    const doc = documents.get(uri);
    return doc && !isSchemaUri(doc.uri) ? analyzer.forRequest(doc) : undefined;
  }

  /** The analysis of an open template and the offset of `position` in it. */
  function at(params: TextDocumentPositionParams): { analysis: DocumentAnalysis; offset: number } | undefined {
    const analysis = latest(params.textDocument.uri);
    return analysis && { analysis, offset: analysis.index.offset(params.position) };
  }

  function publishSchema(uri: string, loaded: LoadedSchema | undefined): void {
    publishedSchemas.set(uri, schemas.generation());
    connection.sendDiagnostics({ uri, diagnostics: loaded ? schemaDiagnostics(loaded, docsUri) : [] });
  }

  async function publishTemplate(uri: string): Promise<void> {
    const doc = documents.get(uri);
    if (!doc) return;
    const analysis = await analyzer.analysisOfLatest(doc);
    // Superseded by a newer edit or schema change (its own run publishes), or closed meanwhile.
    if (!analysis || documents.get(uri) !== doc) return;
    const diagnostics = templateDiagnostics(analysis, docsUri);
    if (published.changed(uri, analysis.version, diagnostics)) connection.sendDiagnostics({ uri, version: analysis.version, diagnostics });
    void connection.sendNotification(VERDICT_METHOD, verdictNotification(analysis));
    // A template can be the first to load a schema file nobody opened: show that file's problems too.
    const schema = analysis.schema;
    if (schema && publishedSchemas.get(schema.uri) !== schemas.generation()) publishSchema(schema.uri, schema);
  }

  // Diagnostics are pushed, coalesced per document (see createPushScheduler).
  const published = createPublishedLists();
  const scheduler = createPushScheduler(guard(log, 'diagnostics', undefined, publishTemplate));

  function schemasChanged(): void {
    schemas.invalidate();
    for (const doc of templates()) scheduler.schedule(doc.uri);
  }

  connection.onInitialize(
    guard(log, 'initialize', { capabilities: {} }, (params): InitializeResult => {
      const init = (params.initializationOptions ?? {}) as Partial<InitializationOptions>;
      docsUri = typeof init.diagnosticsDocUri === 'string' ? init.diagnosticsDocUri : undefined;
      analyzer.setOptions(normalizeServerSettings(init.settings));
      configurationCapability = !!params.capabilities.workspace?.configuration;
      snippetSupport = !!params.capabilities.textDocument?.completion?.completionItem?.snippetSupport;
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
      if (configurationCapability) await connection.client.register(DidChangeConfigurationNotification.type, { section: SERVER_SETTINGS_SECTION });
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
      schemasChanged();
      publishSchema(document.uri, schemas.load(document.uri));
    }),
  );

  documents.onDidClose(
    guard(log, 'close', undefined, ({ document }) => {
      if (isSchemaUri(document.uri)) {
        // The file on disk applies again.
        schemasChanged();
        publishSchema(document.uri, schemas.load(document.uri));
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
      const changed = changes.filter((c) => isSchemaUri(c.uri));
      if (!changed.length) return;
      schemasChanged();
      for (const c of changed) {
        if (documents.get(c.uri)) continue;
        publishSchema(c.uri, c.type === FileChangeType.Deleted ? undefined : schemas.load(c.uri));
      }
    }),
  );

  connection.onRequest(
    ANALYZE_METHOD,
    guard(log, ANALYZE_METHOD, null, async (params: { uri?: unknown }) => {
      const doc = typeof params?.uri === 'string' ? documents.get(params.uri) : undefined;
      // The client waits for a verdict: never answer "superseded" here.
      return doc && !isSchemaUri(doc.uri) ? localVerdict((await analyzer.analysisOfLatest(doc)) ?? analyzer.analysisOf(doc)) : null;
    }),
  );

  connection.onCompletion(
    guard(log, 'completion', null, (params) => {
      const found = at(params);
      if (!found) return null;
      const triggeredBySpace = params.context?.triggerCharacter === ' ';
      return completionItems(found.analysis, found.offset, { snippets: snippetSupport, triggeredBySpace });
    }),
  );

  connection.onHover(
    guard(log, 'hover', null, (params) => {
      const found = at(params);
      return found ? hoverAt(found.analysis, found.offset, docsUri) : null;
    }),
  );

  connection.onCodeAction(
    guard(log, 'code actions', [], (params) => {
      const analysis = latest(params.textDocument.uri);
      if (!analysis) return [];
      const span = { start: analysis.index.offset(params.range.start), end: analysis.index.offset(params.range.end) };
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
      return found ? references(found.analysis, found.offset, !!params.context?.includeDeclaration) : [];
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

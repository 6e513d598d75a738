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
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ANALYZE_METHOD, type InitializationOptions } from '../../common/protocol';
import { normalizeServerSettings, SERVER_SETTINGS_SECTION } from '../../common/settings';
import { findSchemaFile } from './core/schema/find';
import { createAnalyzer } from './features/analysis';
import { createPushScheduler, schemaDiagnostics, templateDiagnostics } from './features/diagnostics';
import { describe, guard } from './features/guard';
import { localVerdict } from './features/localVerdict';
import { createSchemaStore, isSchemaUri, uriToPath, type LoadedSchema } from './features/schemas';

/** Coalescing delay for pushed diagnostics: edits closer together than this are analysed once. */
const PUSH_DELAY_MS = 5;
/** Files larger than this are not read as schemas (the service's own rule size limit is 100 KB). */
const MAX_SCHEMA_BYTES = 16 * 1024 * 1024;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const log = (message: string) => connection.console.error(message);

process.on('uncaughtException', (e) => log(`uncaught exception: ${describe(e)}`));
process.on('unhandledRejection', (e) => log(`unhandled rejection: ${describe(e)}`));

let docsUri: string | undefined;
let configurationCapability = false;

const schemas = createSchemaStore({
  find: (dir) => findSchemaFile(dir, (path) => existsSync(path)),
  read(path) {
    try {
      if (statSync(path).size > MAX_SCHEMA_BYTES) return undefined;
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  openText: (path) => documents.all().find((d) => isSchemaUri(d.uri) && uriToPath(d.uri) === path)?.getText(),
});
const analyzer = createAnalyzer(schemas, normalizeServerSettings(undefined));
/** Schema generation whose diagnostics were last published, per schema URI. */
const publishedSchemas = new Map<string, number>();

const templates = () => documents.all().filter((d) => !isSchemaUri(d.uri));

function publishSchema(uri: string, loaded: LoadedSchema | undefined): void {
  publishedSchemas.set(uri, schemas.generation());
  connection.sendDiagnostics({ uri, diagnostics: loaded ? schemaDiagnostics(loaded, docsUri) : [] });
}

function publishTemplate(uri: string): void {
  const doc = documents.get(uri);
  if (!doc) return;
  const analysis = analyzer.analysisOf(doc);
  connection.sendDiagnostics({ uri, version: doc.version, diagnostics: templateDiagnostics(analysis, docsUri) });
  // A template can be the first to load a schema file nobody opened: show that file's problems too.
  const schema = analysis.schema;
  if (schema && publishedSchemas.get(schema.uri) !== schemas.generation()) publishSchema(schema.uri, schema);
}

const scheduler = createPushScheduler(PUSH_DELAY_MS, guard(log, 'diagnostics', undefined, publishTemplate));

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
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'cleanrooms-template-studio' },
    };
  }),
);

connection.onInitialized(
  guard(log, 'initialized', undefined, async () => {
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
  guard(log, ANALYZE_METHOD, null, (params: { uri?: unknown }) => {
    const doc = typeof params?.uri === 'string' ? documents.get(params.uri) : undefined;
    return doc && !isSchemaUri(doc.uri) ? localVerdict(analyzer.analysisOf(doc)) : null;
  }),
);

documents.listen(connection);
connection.listen();

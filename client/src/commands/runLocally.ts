// Clean Rooms: Run Locally: the active template's SQL over the sample CSVs beside its schema file
// (cleanrooms.sample/<table>.csv), on SQLite in a worker thread. Parameters are asked for as for
// a run in AWS and bound as typed values. Nothing leaves the machine; the result is exact, with
// no differential-privacy noise, and the table view says so.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { parseTemplateFile } from '../aws/templateFile';
import { typedParameters } from '../aws/parameterValues';
import { runInWorker, type LocalRunOutput } from '../local/runInWorker';
import { SAMPLE_FOLDER } from '../local/sampleData';
import { activeTemplateDocument } from '../templateDocument';
import { requireTrustedWorkspace } from '../trust';
import { SCHEMA_FILE_NAME, schemaCandidates } from '../../../common/schemaFile';
import { showResults } from '../views/resultsView';
import { askParameters } from './askParameters';

const OPERATION = 'Run locally';
export const LOCAL_RESULT_LABEL = 'local sample — exact, no differential-privacy noise';

/**
 * The nearest cleanrooms.schema.json at or above the template's folder, no higher than its
 * workspace folder (only its own folder outside every workspace folder): where the language
 * server looks too (docs/file-formats.md).
 */
export function findSchemaFile(template: vscode.Uri): string | undefined {
  const own = dirname(template.fsPath);
  return schemaCandidates(own, vscode.workspace.getWorkspaceFolder(template)?.uri.fsPath).find(
    (path) => existsSync(path),
  );
}

export function registerRunLocally(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.commands.registerCommand('cleanrooms.runLocally', () =>
    runLocally(join(context.extensionPath, 'dist')),
  );
}

async function runLocally(distDir: string): Promise<LocalRunOutput | undefined> {
  if (!requireTrustedWorkspace(OPERATION)) return undefined;
  const doc = activeTemplateDocument(OPERATION);
  if (!doc) return undefined;
  const schemaPath = doc.uri.scheme === 'file' ? findSchemaFile(doc.uri) : undefined;
  if (!schemaPath) {
    void vscode.window.showErrorMessage(
      `${OPERATION}: no ${SCHEMA_FILE_NAME} found at or above this template's folder. Create one (Clean Rooms: Create Schema File), then its sample data (Clean Rooms: Create Sample Data Files).`,
    );
    return undefined;
  }
  const file = parseTemplateFile(doc.getText());
  if (file.problems.length) {
    void vscode.window.showErrorMessage(`${OPERATION}: ${file.problems.join(' ')}`);
    return undefined;
  }
  const name = file.name ?? vscode.workspace.asRelativePath(doc.uri);
  const values = await askParameters(OPERATION, name, file.parameters);
  if (!values) return undefined;
  const { problems, params } = typedParameters(file.parameters, values);
  if (problems.length) {
    void vscode.window.showErrorMessage(`${OPERATION}: ${problems.join(' ')}`);
    return undefined;
  }
  let result: LocalRunOutput;
  try {
    result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Running "${name}" on local sample data`,
        cancellable: true,
      },
      (_progress, token) =>
        runInWorker(
          distDir,
          { schemaPath, sql: file.body, params },
          { onCancel: (stop) => token.onCancellationRequested(stop) },
        ),
    );
  } catch (err) {
    void vscode.window.showErrorMessage(
      `${OPERATION} "${name}": ${err instanceof Error ? err.message : String(err)}`,
    );
    return undefined;
  }
  const samples = join(dirname(schemaPath), SAMPLE_FOLDER);
  const empty = result.tablesWithoutSamples.length
    ? ` Tables without a sample file (empty in this run): ${result.tablesWithoutSamples.join(', ')}.`
    : '';
  showResults({
    title: `Local result: ${name}`,
    source: `${LOCAL_RESULT_LABEL}. Sample data: ${vscode.workspace.asRelativePath(samples)}; ran in ${Math.round(result.milliseconds)} ms.${empty}`,
    table: { columns: result.columns, rows: result.rows },
    fileStem: `${doc.uri.path.replace(/^.*\//, '').replace(/\.cleanrooms\.sql$/, '')}-local`,
  });
  return result;
}

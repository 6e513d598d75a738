// Diagnostics for templates and schema files, and the scheduling that keeps only the latest
// edit's work: pushes are coalesced per document, so a burst of edits is analysed once.
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { DocumentAnalysis } from './analysis';
import { toLspDiagnostic } from './convert';
import type { LoadedSchema } from './schemas';

export function templateDiagnostics(analysis: DocumentAnalysis, docsUri: string | undefined): LspDiagnostic[] {
  const targets = {
    uri: analysis.uri,
    index: analysis.index,
    schema: analysis.schema ? { uri: analysis.schema.uri, index: analysis.schema.index } : undefined,
    docsUri,
  };
  return analysis.result.diagnostics.map((d) => toLspDiagnostic(d, targets));
}

export function schemaDiagnostics(schema: LoadedSchema, docsUri: string | undefined): LspDiagnostic[] {
  const targets = { uri: schema.uri, index: schema.index, schema: { uri: schema.uri, index: schema.index }, docsUri };
  return schema.diagnostics.map((d) => toLspDiagnostic(d, targets));
}

export interface PushScheduler {
  /** Run `publish(uri)` after `delayMs`, replacing any run already pending for `uri`. */
  schedule(uri: string): void;
  cancel(uri: string): void;
}

export function createPushScheduler(delayMs: number, publish: (uri: string) => void): PushScheduler {
  const pending = new Map<string, NodeJS.Timeout>();
  const cancel = (uri: string) => {
    const timer = pending.get(uri);
    if (timer) clearTimeout(timer);
    pending.delete(uri);
  };
  return {
    schedule(uri) {
      cancel(uri);
      pending.set(
        uri,
        setTimeout(() => {
          pending.delete(uri);
          publish(uri);
        }, delayMs),
      );
    },
    cancel,
  };
}

// Diagnostics for templates and schema files, converted to LSP (when they are pushed is
// session/publishing.ts's business).
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { DocumentAnalysis } from '../session/analysis';
import { toLspDiagnostic, type DiagnosticTargets } from './convert';
import type { LoadedSchema } from '../session/schemas';

/** Where a template's diagnostics link: the template, the schema file that applies, the docs. */
export function templateTargets(
  analysis: DocumentAnalysis,
  docsUri: string | undefined,
): DiagnosticTargets {
  return {
    uri: analysis.uri,
    index: analysis.index,
    schema: analysis.schema
      ? { uri: analysis.schema.uri, index: analysis.schema.index }
      : undefined,
    docsUri,
  };
}

export function templateDiagnostics(
  analysis: DocumentAnalysis,
  docsUri: string | undefined,
): LspDiagnostic[] {
  const targets = templateTargets(analysis, docsUri);
  return analysis.result.diagnostics.map((d) => toLspDiagnostic(d, targets));
}

export function schemaDiagnostics(
  schema: LoadedSchema,
  docsUri: string | undefined,
): LspDiagnostic[] {
  const targets = {
    uri: schema.uri,
    index: schema.index,
    schema: { uri: schema.uri, index: schema.index },
    docsUri,
  };
  return schema.diagnostics.map((d) => toLspDiagnostic(d, targets));
}

// Quick fixes: each diagnostic's `fixes` (computed in the core, where the knowledge lives)
// become code actions whose edits are tied to the document version they were computed for.
import { CodeActionKind, type CodeAction } from 'vscode-languageserver';
import type { Diagnostic, Span } from '../core/types';
import type { DocumentAnalysis } from '../session/analysis';
import { toLspDiagnostic } from './convert';

const overlaps = (a: Span, b: Span) => a.start <= b.end && b.start <= a.end;

export function codeActionsFor(
  analysis: DocumentAnalysis,
  range: Span,
  only: string[] | undefined,
  docsUri: string | undefined,
): CodeAction[] {
  if (only && !only.some((k) => k === CodeActionKind.QuickFix || k === CodeActionKind.Empty))
    return [];
  const targets = {
    uri: analysis.uri,
    index: analysis.index,
    schema: analysis.schema
      ? { uri: analysis.schema.uri, index: analysis.schema.index }
      : undefined,
    docsUri,
  };
  return analysis.result.diagnostics
    .filter((d) => overlaps(d.span, range))
    .flatMap((d) => fixActions(d, analysis, toLspDiagnostic(d, targets)));
}

function fixActions(
  d: Diagnostic,
  analysis: DocumentAnalysis,
  lsp: ReturnType<typeof toLspDiagnostic>,
): CodeAction[] {
  return (d.fixes ?? [])
    .filter((f) => f.edits.length > 0)
    .map((f) => ({
      title: f.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [lsp],
      ...(f.preferred ? { isPreferred: true } : {}),
      edit: {
        documentChanges: [
          {
            textDocument: { uri: analysis.uri, version: analysis.version },
            edits: f.edits.map((e) => ({
              range: analysis.index.range(e.span),
              newText: e.newText,
            })),
          },
        ],
      },
    }));
}

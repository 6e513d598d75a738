// Quick fixes: each diagnostic's `fixes` (computed in the core, where the knowledge lives)
// become code actions whose edits are tied to the document version they were computed for.
import { CodeActionKind, type CodeAction } from 'vscode-languageserver';
import type { Diagnostic, Span } from '../core/types';
import type { DocumentAnalysis } from '../session/analysis';
import { toLspDiagnostic } from './convert';
import { templateTargets } from './diagnostics';

const overlaps = (a: Span, b: Span) => a.start <= b.end && b.start <= a.end;

export function codeActionsFor(
  analysis: DocumentAnalysis,
  range: Span,
  only: string[] | undefined,
  docsUri: string | undefined,
): CodeAction[] {
  if (only && !only.some((k) => k === CodeActionKind.QuickFix || k === CodeActionKind.Empty))
    return [];
  const targets = templateTargets(analysis, docsUri);
  const actions = analysis.result.diagnostics
    .filter((d) => overlaps(d.span, range))
    .flatMap((d) => fixActions(d, analysis, toLspDiagnostic(d, targets)));
  return mergeSameFix(actions);
}

/**
 * Two diagnostics can offer the same fix (`@nmae`: TPL001 "no @name" and TPL006 "unknown
 * directive" both correct the word): one menu entry, which names every diagnostic it resolves.
 */
function mergeSameFix(actions: CodeAction[]): CodeAction[] {
  const byKey = new Map<string, CodeAction>();
  for (const a of actions) {
    const key = JSON.stringify([a.title, a.edit]);
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, a);
    else {
      seen.diagnostics = [...(seen.diagnostics ?? []), ...(a.diagnostics ?? [])];
      if (a.isPreferred) seen.isPreferred = true;
    }
  }
  return [...byKey.values()];
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

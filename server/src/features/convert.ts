// Core results (UTF-16 offsets, plain data) → LSP shapes (line/character ranges, URIs).
import {
  DiagnosticSeverity,
  type Diagnostic as LspDiagnostic,
  type DiagnosticRelatedInformation,
} from 'vscode-languageserver';
import type { LineIndex } from '../core/text';
import type { Diagnostic, Severity } from '../core/types';

const SOURCE = 'cleanrooms';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Where a diagnostic's links point: the template, its schema file and the docs. */
export interface DiagnosticTargets {
  uri: string;
  index: LineIndex;
  schema?: { uri: string; index: LineIndex };
  /** URI of docs/diagnostics.md; each code links to its section (`#dp015`). */
  docsUri?: string;
}

export function docsLink(docsUri: string | undefined, code: string): string | undefined {
  return docsUri ? `${docsUri}#${code.toLowerCase()}` : undefined;
}

export function toLspDiagnostic(d: Diagnostic, targets: DiagnosticTargets): LspDiagnostic {
  const related: DiagnosticRelatedInformation[] = [];
  for (const r of d.related ?? []) {
    const target =
      r.target === 'schema' ? targets.schema : { uri: targets.uri, index: targets.index };
    if (target)
      related.push({
        message: r.message,
        location: { uri: target.uri, range: target.index.range(r.span) },
      });
  }
  const href = docsLink(targets.docsUri, d.code);
  return {
    range: targets.index.range(d.span),
    severity: SEVERITY[d.severity],
    code: d.code,
    source: SOURCE,
    message: d.message,
    ...(href ? { codeDescription: { href } } : {}),
    ...(related.length ? { relatedInformation: related } : {}),
  };
}

// The outline: parameters, CTEs and the final SELECT.
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { DocumentAnalysis } from '../session/analysis';

export function documentSymbols(analysis: DocumentAnalysis): DocumentSymbol[] {
  const { template, model } = analysis.result;
  const range = analysis.index.range;
  const params: DocumentSymbol[] = template.params
    .filter((p) => p.name.value)
    .map((p) => ({
      name: `:${p.name.value}`,
      detail: p.type?.value.toUpperCase() ?? '',
      kind: SymbolKind.TypeParameter,
      range: range(p.line),
      selectionRange: range(p.name.span),
    }));
  // Only a model built from this very text: a stale one would give ranges outside the document.
  if (!model) return params;
  const ctes: DocumentSymbol[] = model.ctes
    .slice()
    .sort((a, b) => a.span.start - b.span.start)
    .map((c) => ({
      name: c.name,
      detail: c.involvesDp ? 'CTE · DP data' : 'CTE',
      kind: SymbolKind.Namespace,
      range: range(c.span),
      selectionRange: range(c.nameSpan),
    }));
  const first = model.final.selects[0];
  const final: DocumentSymbol[] = first
    ? [
        {
          name: 'SELECT',
          detail: 'final SELECT',
          kind: SymbolKind.Function,
          range: range(model.final.span),
          selectionRange: range(first.selectKeyword),
        },
      ]
    : [];
  return [...params, ...ctes, ...final];
}

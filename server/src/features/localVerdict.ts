// The verdict in the shapes the client shows: the `cleanrooms/analyze` answer (beside the
// validation AWS returns on Create) and the `cleanrooms/verdict` notification (status bar, CodeLens).
import type { LocalDiagnostic, LocalVerdict, VerdictParams } from '../../../common/protocol';
import type { Diagnostic } from '../core/types';
import type { DocumentAnalysis } from '../session/analysis';
import { dpAggregations } from './dpAggregations';

export function localVerdict(analysis: DocumentAnalysis): LocalVerdict {
  return {
    verdict: analysis.result.verdict,
    diagnostics: analysis.result.diagnostics.map((d) => localDiagnostic(analysis, d)),
    aggregations: dpAggregations(analysis.result.model),
  };
}

export function verdictNotification(analysis: DocumentAnalysis): VerdictParams {
  const { verdict, diagnostics, model } = analysis.result;
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const warnings = diagnostics.filter((d) => d.severity === 'warning');
  const reasons =
    verdict === 'UNABLE_TO_VALIDATE'
      ? diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning')
      : errors;
  const unknownTables = new Map<string, string>();
  for (const t of model?.tables ?? []) {
    if (
      t.kind === 'table' &&
      t.target.kind === 'unresolved' &&
      t.name &&
      !unknownTables.has(t.name.toLowerCase())
    )
      unknownTables.set(t.name.toLowerCase(), t.name);
  }
  return {
    uri: analysis.uri,
    version: analysis.version,
    verdict,
    reasons: reasons.map((d) => localDiagnostic(analysis, d)),
    errors: errors.length,
    warnings: warnings.length,
    schemaFound: analysis.schema !== undefined,
    unknownTables: [...unknownTables.values()],
  };
}

function localDiagnostic(analysis: DocumentAnalysis, d: Diagnostic): LocalDiagnostic {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    range: analysis.index.range(d.span),
  };
}

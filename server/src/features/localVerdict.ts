// The `cleanrooms/analyze` answer: our verdict and diagnostics in a shape the client can show
// beside the validation AWS returns.
import type { LocalVerdict } from '../../../common/protocol';
import type { DocumentAnalysis } from './analysis';
import { dpAggregations } from './dpAggregations';

export function localVerdict(analysis: DocumentAnalysis): LocalVerdict {
  return {
    verdict: analysis.result.verdict,
    diagnostics: analysis.result.diagnostics.map((d) => ({
      code: d.code,
      severity: d.severity,
      message: d.message,
      range: analysis.index.range(d.span),
    })),
    aggregations: dpAggregations(analysis.result.model),
  };
}

// The analysis-rule checks, in the order their codes are documented. They run on a body that
// parses; each is guarded so one internal error costs only its own diagnostics.
import type { Diagnostic } from '../../types';
import { allowedAnalyses } from './allowedAnalyses';
import { allowedProviders } from './allowedProviders';
import type { AnalysisRuleCheck, AnalysisRuleContext } from './context';
import { disallowedOutputColumns } from './outputColumns';

export const ANALYSIS_RULE_CHECKS: AnalysisRuleCheck[] = [
  disallowedOutputColumns,
  allowedAnalyses,
  allowedProviders,
];

export function runAnalysisRuleChecks(ctx: AnalysisRuleContext): Diagnostic[] {
  return ANALYSIS_RULE_CHECKS.flatMap((c) => {
    try {
      return c.check(ctx);
    } catch (e) {
      const at = ctx.template.bodyStart;
      return [
        {
          code: 'SQL000',
          severity: 'warning',
          message: `The ${c.code} check failed (internal error: ${(e as Error).message}). Please report this with the template text.`,
          span: { start: at, end: at },
        },
      ];
    }
  });
}

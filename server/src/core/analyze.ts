// (template text, schema, settings) → { verdict, diagnostics }: the one entry point of the core.
import { parseTemplate } from './template/parse';
import { lex, paramRefs as findParamRefs } from './sql/lexer';
import { checkSql } from './sql/check';
import type { QueryModel } from './sql/model';
import { TEMPLATE_CHECKS } from './rules/templateChecks';
import { runAnalysisRuleChecks } from './rules/analysisRule';
import { DEFAULT_OPTIONS, type AnalyzeOptions, type Diagnostic, type ParamRef, type Schema, type Template, type Verdict } from './types';

export interface AnalysisResult {
  template: Template;
  diagnostics: Diagnostic[];
  /** What AWS's DIFFERENTIAL_PRIVACY validation would say about the body. */
  verdict: Verdict;
  model?: QueryModel;
  paramRefs: ParamRef[];
}

export function analyze(text: string, schema: Schema | undefined, options: AnalyzeOptions = DEFAULT_OPTIONS): AnalysisResult {
  const { template, diagnostics } = parseTemplate(text);
  const tokens = lex(template.body, template.bodyStart);
  const paramRefs = findParamRefs(tokens);
  const ctx = { template, tokens, paramRefs };
  for (const check of TEMPLATE_CHECKS) {
    try {
      diagnostics.push(...check.check(ctx));
    } catch (e) {
      // One broken check must not cost the user every other diagnostic (the SQL layer guards itself).
      diagnostics.push({ code: 'SQL000', severity: 'error', message: `The ${check.code} check failed (internal error: ${(e as Error).message}). Please report this with the template text.`, span: { start: 0, end: 0 } });
    }
  }

  // An empty body is reported by TPL004; there is no query to validate, so AWS would reject it.
  if (!template.body.trim()) return { template, diagnostics, verdict: 'INVALID', paramRefs };

  const sql = checkSql({ template, schema, options, tokens });
  diagnostics.push(...sql.diagnostics);
  // What the tables' analysis rules will refuse at run time; outside the DP verdict.
  if (sql.model && !sql.diagnostics.some((d) => d.code === 'SQL001')) for (const d of runAnalysisRuleChecks({ template, model: sql.model, schema })) diagnostics.push(d);
  diagnostics.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return { template, diagnostics, verdict: sql.verdict, model: sql.model, paramRefs };
}

// (template text, schema, settings) → { verdict, diagnostics }: the one entry point of the core.
import { parseTemplate } from './template/parse';
import { lex, paramRefs as findParamRefs } from './sql/lexer';
import { checkSql } from './sql/check';
import type { QueryModel } from './sql/model';
import { TEMPLATE_CHECKS } from './rules/templateChecks';
import { MAX_BODY_LENGTH } from './rules/template/body';
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
      // A loop, not push(...): a spread of 100,000+ diagnostics (one per `:x`) overflows the stack.
      for (const d of check.check(ctx)) diagnostics.push(d);
    } catch (e) {
      // One broken check must not cost the user every other diagnostic (the SQL layer guards itself).
      diagnostics.push({ code: 'SQL000', severity: 'warning', message: `The ${check.code} check failed (internal error: ${(e as Error).message}). Please report this with the template text.`, span: { start: 0, end: 0 } });
    }
  }

  // An empty body is reported by TPL004, one over the service's length limit by TPL005: AWS
  // rejects either before looking at the SQL, so the SQL is not analysed (for an oversized body
  // that also bounds the time a pasted or generated multi-megabyte text can take).
  if (!template.body.trim() || template.body.length > MAX_BODY_LENGTH) return { template, diagnostics, verdict: 'INVALID', paramRefs };

  const sql = checkSql({ template, schema, options, tokens });
  for (const d of sql.diagnostics) diagnostics.push(d);
  diagnostics.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return { template, diagnostics, verdict: sql.verdict, model: sql.model, paramRefs };
}

// (template text, schema, settings) → { verdict, diagnostics }: the one entry point of the core.
import { parseTemplate } from './template/parse';
import { lex, paramRefs as findParamRefs, relex, type TextChange, type Token } from './sql/lexer';
import { checkSql, type SqlTrace } from './sql/check';
import type { QueryModel } from './sql/model';
import { TEMPLATE_CHECKS } from './rules/templateChecks';
import { MAX_BODY_LENGTH } from './rules/template/body';
import { runAnalysisRuleChecks } from './rules/analysisRule';
import {
  DEFAULT_OPTIONS,
  type AnalyzeOptions,
  type Diagnostic,
  type ParamRef,
  type Schema,
  type Template,
  type Verdict,
} from './types';

export interface AnalysisResult {
  template: Template;
  diagnostics: Diagnostic[];
  /** What AWS's DIFFERENTIAL_PRIVACY validation would say about the body. */
  verdict: Verdict;
  model?: QueryModel;
  paramRefs: ParamRef[];
}

export function analyze(
  text: string,
  schema: Schema | undefined,
  options: AnalyzeOptions = DEFAULT_OPTIONS,
): AnalysisResult {
  return analyzeAfter(text, schema, options).result;
}

/** analyze(), for one document being edited: each call reuses what the previous one left. */
export type IncrementalAnalyzer = (
  text: string,
  schema: Schema | undefined,
  options?: AnalyzeOptions,
) => AnalysisResult;

/**
 * An analyzer for one document: it keeps what the last analysis left (one version, so memory
 * stays flat) and gives exactly analyze()'s result, reusing the body's tokens up to the first
 * changed character and the model of the CTEs before it (built and resolved). The schema is
 * compared by identity (resolved nodes point at its tables): a changed schema is a new object, as
 * the schema store makes it, never one changed in place.
 */
export function createIncrementalAnalyzer(): IncrementalAnalyzer {
  let previous: AnalysisTrace | undefined;
  return (text, schema, options = DEFAULT_OPTIONS) => {
    const { result, trace } = analyzeAfter(text, schema, options, previous);
    previous = trace;
    return result;
  };
}

/** What an analysis leaves for the next one of the same document. */
interface AnalysisTrace {
  text: string;
  bodyStart: number;
  tokens: Token[];
  sql?: SqlTrace;
}

function analyzeAfter(
  text: string,
  schema: Schema | undefined,
  options: AnalyzeOptions,
  previous?: AnalysisTrace,
): { result: AnalysisResult; trace: AnalysisTrace } {
  const { template, diagnostics } = parseTemplate(text);
  const { body, bodyStart } = template;
  const tokens =
    previous?.bodyStart === bodyStart
      ? relex(body, bodyStart, previous.tokens, bodyChange(previous.text, text, bodyStart))
      : lex(body, bodyStart);
  const trace: AnalysisTrace = { text, bodyStart, tokens };
  const paramRefs = findParamRefs(tokens);
  const ctx = { template, tokens, paramRefs, schema };
  for (const check of TEMPLATE_CHECKS) {
    try {
      // A loop, not push(...): a spread of 100,000+ diagnostics (one per `:x`) overflows the stack.
      for (const d of check.check(ctx)) diagnostics.push(d);
    } catch (e) {
      // One broken check must not cost the user every other diagnostic (the SQL layer guards itself).
      diagnostics.push({
        code: 'SQL000',
        severity: 'error',
        message: `The ${check.code} check failed (internal error: ${(e as Error).message}). Please report this with the template text.`,
        span: { start: 0, end: 0 },
      });
    }
  }

  // An empty body is reported by TPL004, one over the service's length limit by TPL005: AWS
  // rejects either before looking at the SQL, so the SQL is not analysed (for an oversized body
  // that also bounds the time a pasted or generated multi-megabyte text can take).
  if (!template.body.trim() || template.body.length > MAX_BODY_LENGTH)
    return {
      result: { template, diagnostics: shown(diagnostics), verdict: 'INVALID', paramRefs },
      trace,
    };

  const sql = checkSql({ template, schema, options, tokens, previous: previous?.sql });
  trace.sql = sql.trace;
  for (const d of sql.diagnostics) diagnostics.push(d);
  // What the tables' analysis rules will refuse at run time; outside the DP verdict.
  if (sql.model && !sql.diagnostics.some((d) => d.code === 'SQL001'))
    for (const d of runAnalysisRuleChecks({ template, model: sql.model, schema }))
      diagnostics.push(d);
  return {
    result: {
      template,
      diagnostics: shown(diagnostics),
      verdict: sql.verdict,
      model: sql.model,
      paramRefs,
    },
    trace,
  };
}

/** How the body (from `bodyStart` to the end) of `b` differs from that of `a`. */
function bodyChange(a: string, b: string, bodyStart: number): TextChange {
  const n = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < n && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < n - prefix &&
    a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)
  )
    suffix++;
  return {
    prefix: Math.max(0, prefix - bodyStart),
    suffix: Math.min(suffix, b.length - bodyStart, a.length - bodyStart),
    shift: b.length - a.length,
  };
}

/** At most this many diagnostics of one code per template (the verdict still counts them all). */
export const MAX_PER_CODE = 100;

/**
 * Diagnostics in source order, the first MAX_PER_CODE of each code, and a TPL011 where each code's
 * rest begins: 330,000 `:x` references must not become 330,000 squiggles to send and draw.
 */
function shown(diagnostics: Diagnostic[]): Diagnostic[] {
  const byPosition = (a: Diagnostic, b: Diagnostic) =>
    a.span.start - b.span.start || a.span.end - b.span.end;
  diagnostics.sort(byPosition);
  const kept: Diagnostic[] = [];
  const hidden = new Map<string, { count: number; first: Diagnostic }>();
  const seen = new Map<string, number>();
  for (const d of diagnostics) {
    const n = (seen.get(d.code) ?? 0) + 1;
    seen.set(d.code, n);
    if (n <= MAX_PER_CODE) kept.push(d);
    else {
      const h = hidden.get(d.code);
      if (h) h.count++;
      else hidden.set(d.code, { count: 1, first: d });
    }
  }
  if (!hidden.size) return kept;
  for (const [code, { count, first }] of hidden) {
    const message = `${count.toLocaleString('en-US')} more ${code} ${count === 1 ? 'problem is' : 'problems are'} not shown (at most ${MAX_PER_CODE} of one kind per template). Fix the ones above first.`;
    kept.push({ code: 'TPL011', severity: 'information', message, span: first.span });
  }
  return kept.sort(byPosition);
}

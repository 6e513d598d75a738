// Reads a `*.cleanrooms.sql` file: leading `--` comment lines (blank lines allowed between them)
// form the header of `@directives`; everything after is the SQL body, exactly as sent to AWS.
import { KNOWN_DIRECTIVES, parseParamDirective, scanHeader, SINGLE_DIRECTIVES } from '../../../../common/templateHeader';
import type { Diagnostic, Directive, ParamDecl, Span, Template } from '../types';

export { KNOWN_DIRECTIVES };
const SINGLE = new Set<string>(SINGLE_DIRECTIVES);

export function parseTemplate(text: string): { template: Template; diagnostics: Diagnostic[] } {
  const scanned = scanHeader(text);
  const bodyStart = scanned.bodyStart;
  const directives: Directive[] = scanned.directives.map(({ name, argument, line }) => ({ name, argument, line }));

  const diagnostics: Diagnostic[] = [];
  const template: Template = { text, params: [], directives, bodyStart, body: text.slice(bodyStart) };
  for (const d of directives) {
    const key = d.name.value.toLowerCase();
    if (key === 'param') {
      const { param, diagnostics: paramDiagnostics } = parseParam(d);
      template.params.push(param);
      diagnostics.push(...paramDiagnostics);
    } else if (SINGLE.has(key)) {
      const field = key as 'name' | 'description' | 'membership' | 'arn';
      if (template[field]) {
        diagnostics.push({
          code: 'TPL007',
          severity: 'warning',
          message: `Duplicate @${field}: only the first one is used. Remove this line.`,
          span: d.name.span,
          related: [{ message: `First @${field}`, target: 'template', span: template[field]!.span }],
          fixes: [{ title: `Remove duplicate @${field}`, edits: [{ span: lineWithBreak(text, d.line), newText: '' }] }],
        });
      } else {
        template[field] = d.argument;
      }
    } else {
      diagnostics.push({
        code: 'TPL006',
        severity: 'warning',
        message: `Unknown directive @${d.name.value}. Known directives: ${KNOWN_DIRECTIVES.map((k) => '@' + k).join(', ')}.`,
        span: d.name.span,
      });
    }
  }
  return { template, diagnostics };
}

/** The line's span including its line break, for edits that delete a whole line. */
export function lineWithBreak(text: string, line: Span): Span {
  let end = line.end;
  if (text[end] === '\r') end++;
  if (text[end] === '\n') end++;
  return { start: lineStart(text, line.start), end };
}

function lineStart(text: string, offset: number): number {
  let s = offset;
  while (s > 0 && text[s - 1] !== '\n' && text[s - 1] !== '\r') s--;
  return s;
}

/** A `@param` line as the shared header reader parses it, its problems as diagnostics. */
function parseParam(d: Directive): { param: ParamDecl; diagnostics: Diagnostic[] } {
  const parsed = parseParamDirective(d);
  const param: ParamDecl = { name: parsed.name, line: d.line, ...(parsed.type ? { type: parsed.type } : {}), ...(parsed.defaultValue ? { defaultValue: parsed.defaultValue } : {}) };
  const diagnostics: Diagnostic[] = parsed.problems.map((p) => ({
    code: p.code,
    severity: 'error',
    message: p.message,
    span: p.span,
    ...(p.quoted !== undefined ? { fixes: [{ title: 'Quote the default value', preferred: true, edits: [{ span: p.span, newText: p.quoted }] }] } : {}),
  }));
  return { param, diagnostics };
}

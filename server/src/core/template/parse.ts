// Reads a `*.cleanrooms.sql` file: leading `--` comment lines (blank lines allowed between them)
// form the header of `@directives`; everything after is the SQL body, exactly as sent to AWS.
import {
  KNOWN_DIRECTIVES,
  parseParamDirective,
  scanHeader,
  SINGLE_DIRECTIVES,
} from '../../../../common/templateHeader';
import type { Diagnostic, Directive, ParamDecl, Span, Template } from '../types';

export { KNOWN_DIRECTIVES };
const SINGLE = new Set<string>(SINGLE_DIRECTIVES);

export function parseTemplate(text: string): { template: Template; diagnostics: Diagnostic[] } {
  const scanned = scanHeader(text);
  const bodyStart = scanned.bodyStart;
  const directives: Directive[] = scanned.directives.map(({ name, argument, line }) => ({
    name,
    argument,
    line,
  }));

  const diagnostics: Diagnostic[] = [];
  const template: Template = {
    text,
    params: [],
    directives,
    bodyStart,
    body: text.slice(bodyStart),
  };
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
          related: [
            { message: `First @${field}`, target: 'template', span: template[field]!.span },
          ],
          fixes: [
            {
              title: `Remove duplicate @${field}`,
              edits: [{ span: lineWithBreak(text, d.line), newText: '' }],
            },
          ],
        });
      } else {
        template[field] = d.argument;
      }
    } else {
      const meant = closestDirective(d.name.value);
      diagnostics.push({
        code: 'TPL006',
        severity: 'warning',
        message: `Unknown directive @${d.name.value}.${meant ? ` Did you mean @${meant}?` : ''} Known directives: ${KNOWN_DIRECTIVES.map((k) => '@' + k).join(', ')}.`,
        span: d.name.span,
        ...(meant
          ? {
              fixes: [
                {
                  title: `Change @${d.name.value} to @${meant}`,
                  preferred: true,
                  edits: [{ span: d.name.span, newText: `@${meant}` }],
                },
              ],
            }
          : {}),
      });
    }
  }
  return { template, diagnostics };
}

/** The known directive `word` is a typo of (at most two edits, a swap counting as one), if any. */
export function closestDirective(word: string): string | undefined {
  const w = word.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const name of KNOWN_DIRECTIVES) {
    const distance = editDistance(w, name);
    if (distance <= Math.min(2, name.length - 1) && (!best || distance < best.distance))
      best = { name, distance };
  }
  return best?.name;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [
    i,
    ...Array<number>(b.length).fill(0),
  ]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
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
  const param: ParamDecl = {
    name: parsed.name,
    line: d.line,
    ...(parsed.type ? { type: parsed.type } : {}),
    ...(parsed.defaultValue ? { defaultValue: parsed.defaultValue } : {}),
  };
  const diagnostics: Diagnostic[] = parsed.problems.map((p) => ({
    code: p.code,
    severity: 'error',
    message: p.message,
    span: p.span,
    ...(p.quoted !== undefined
      ? {
          fixes: [
            {
              title: 'Quote the default value',
              preferred: true,
              edits: [{ span: p.span, newText: p.quoted }],
            },
          ],
        }
      : {}),
  }));
  return { param, diagnostics };
}

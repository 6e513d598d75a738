// Reads a `*.cleanrooms.sql` file: leading `--` comment lines (blank lines allowed between them)
// form the header of `@directives`; everything after is the SQL body, exactly as sent to AWS.
import type { Diagnostic, Directive, Located, ParamDecl, Span, Template } from '../types';

const DIRECTIVE = /^(\s*--\s*)@([A-Za-z_][\w-]*)/;
export const KNOWN_DIRECTIVES = ['name', 'description', 'param', 'membership', 'arn'] as const;
const SINGLE = new Set(['name', 'description', 'membership', 'arn']);

interface Line {
  start: number;
  /** End of the line's content, before the line break. */
  end: number;
  /** Start of the next line. */
  next: number;
}

function* lines(text: string): Generator<Line> {
  let start = 0;
  while (start < text.length) {
    let end = start;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    const next = text[end] === '\r' && text[end + 1] === '\n' ? end + 2 : end + 1;
    yield { start, end, next: Math.min(next, text.length) };
    start = next;
  }
}

function located(text: string, start: number, end: number): Located<string> {
  // Trim while keeping the span on the trimmed value.
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { value: text.slice(start, end), span: { start, end } };
}

export function parseTemplate(text: string): { template: Template; diagnostics: Diagnostic[] } {
  const directives: Directive[] = [];
  let bodyStart = text.length;
  for (const line of lines(text)) {
    const content = text.slice(line.start, line.end);
    const trimmed = content.trim();
    if (trimmed === '') continue;
    if (!trimmed.startsWith('--')) {
      bodyStart = line.start;
      break;
    }
    const m = DIRECTIVE.exec(content);
    if (!m) continue;
    const nameStart = line.start + m[1].length;
    const nameEnd = nameStart + 1 + m[2].length;
    directives.push({
      name: { value: m[2], span: { start: nameStart, end: nameEnd } },
      argument: located(text, nameEnd, line.end),
      line: { start: line.start + content.indexOf('--'), end: line.end },
    });
  }

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
      const meant = closestDirective(d.name.value);
      diagnostics.push({
        code: 'TPL006',
        severity: 'warning',
        message: `Unknown directive @${d.name.value}.${meant ? ` Did you mean @${meant}?` : ''} Known directives: ${KNOWN_DIRECTIVES.map((k) => '@' + k).join(', ')}.`,
        span: d.name.span,
        ...(meant ? { fixes: [{ title: `Change @${d.name.value} to @${meant}`, preferred: true, edits: [{ span: d.name.span, newText: `@${meant}` }] }] } : {}),
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
    if (distance <= Math.min(2, name.length - 1) && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
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

/** `@param NAME TYPE [= DEFAULT]`; DEFAULT is a single-quoted string (`''` escapes) or a bare token. */
function parseParam(d: Directive): { param: ParamDecl; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const arg = d.argument;
  const base = arg.span.start;
  const s = arg.value;
  let i = 0;
  const word = (): Located<string> | undefined => {
    while (i < s.length && /\s/.test(s[i])) i++;
    const start = i;
    while (i < s.length && !/\s/.test(s[i]) && s[i] !== '=') i++;
    return i > start ? { value: s.slice(start, i), span: { start: base + start, end: base + i } } : undefined;
  };
  const name = word() ?? { value: '', span: { start: d.name.span.end, end: d.name.span.end } };
  const param: ParamDecl = { name, line: d.line };
  if (!name.value) {
    diagnostics.push({
      code: 'PAR005',
      severity: 'error',
      message: 'Parameter declaration needs a name and a type, e.g. `-- @param start_date DATE`.',
      span: d.name.span,
    });
    return { param, diagnostics };
  }
  param.type = word();
  while (i < s.length && /\s/.test(s[i])) i++;
  if (!param.type) {
    diagnostics.push({
      code: 'PAR005',
      severity: 'error',
      message: `Parameter '${name.value}' has no type. Write \`-- @param ${name.value} VARCHAR\` (or another parameter type).`,
      span: name.span,
    });
  }
  if (i >= s.length) return { param, diagnostics };
  if (s[i] !== '=') {
    diagnostics.push({
      code: 'PAR011',
      severity: 'error',
      message: `Unexpected '${s.slice(i)}' after the type. Write a default as \`= 'value'\`.`,
      span: { start: base + i, end: base + s.length },
    });
    return { param, diagnostics };
  }
  i++;
  while (i < s.length && /\s/.test(s[i])) i++;
  const start = i;
  if (s[i] === "'") {
    let value = '';
    let closed = false;
    i++;
    while (i < s.length) {
      if (s[i] === "'") {
        if (s[i + 1] === "'") {
          value += "'";
          i += 2;
          continue;
        }
        i++;
        closed = true;
        break;
      }
      value += s[i++];
    }
    param.defaultValue = { value, span: { start: base + start, end: base + i } };
    if (!closed) {
      diagnostics.push({
        code: 'PAR011',
        severity: 'error',
        message: `Default value of '${name.value}' has no closing quote. Close it with ' (write '' for a quote inside).`,
        span: param.defaultValue.span,
      });
    } else if (s.slice(i).trim()) {
      diagnostics.push({
        code: 'PAR011',
        severity: 'error',
        message: `Unexpected '${s.slice(i).trim()}' after the default value. Put the whole default inside the quotes.`,
        span: { start: base + i + (s.slice(i).length - s.slice(i).trimStart().length), end: base + s.length },
      });
    }
  } else if (start < s.length) {
    const raw = s.slice(start);
    param.defaultValue = { value: raw, span: { start: base + start, end: base + s.length } };
    if (/\s/.test(raw)) {
      diagnostics.push({
        code: 'PAR011',
        severity: 'error',
        message: `Default value '${raw}' contains spaces: quote it, e.g. = '${raw.replace(/'/g, "''")}'.`,
        span: param.defaultValue.span,
        fixes: [{ title: 'Quote the default value', preferred: true, edits: [{ span: param.defaultValue.span, newText: `'${raw.replace(/'/g, "''")}'` }] }],
      });
    }
  } else {
    diagnostics.push({
      code: 'PAR011',
      severity: 'error',
      message: `'=' needs a default value after it, e.g. = '2024-01-01', or remove the '='.`,
      span: { start: base + start - 1, end: base + start },
    });
  }
  return { param, diagnostics };
}

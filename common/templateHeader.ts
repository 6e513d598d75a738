// The `*.cleanrooms.sql` header, read one way for both sides: leading `--` comment lines (blank
// lines allowed between them) hold the `@directives`; everything after is the SQL body, exactly
// as sent to AWS. The language server turns what this finds into diagnostics; the client reads
// the fields its AWS calls need and edits header lines in place. Pure: no I/O, no vscode.

export interface HeaderSpan {
  start: number;
  end: number;
}

export interface HeaderValue {
  value: string;
  span: HeaderSpan;
}

export interface HeaderDirective {
  /** Directive name without `@`, as written (`name`, `param`, ...). */
  name: HeaderValue;
  /** Rest of the line after the directive name, trimmed. */
  argument: HeaderValue;
  /** The comment from `--` to the end of the line (no line break). */
  line: HeaderSpan;
  /** Start of the whole line, and of the line after it. */
  lineStart: number;
  lineNext: number;
}

export const KNOWN_DIRECTIVES = ['name', 'description', 'param', 'membership', 'arn'] as const;
/** The directives that hold one value: the first one counts. */
export const SINGLE_DIRECTIVES = ['name', 'description', 'membership', 'arn'] as const;
export type SingleDirective = (typeof SINGLE_DIRECTIVES)[number];

const DIRECTIVE = /^(\s*--\s*)@([A-Za-z_][\w-]*)/;

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

function trimmed(text: string, start: number, end: number): HeaderValue {
  // Trim while keeping the span on the trimmed value.
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { value: text.slice(start, end), span: { start, end } };
}

export function scanHeader(text: string): { directives: HeaderDirective[]; bodyStart: number } {
  const directives: HeaderDirective[] = [];
  for (const line of lines(text)) {
    const content = text.slice(line.start, line.end);
    const trimmedLine = content.trim();
    if (trimmedLine === '') continue;
    if (!trimmedLine.startsWith('--')) return { directives, bodyStart: line.start };
    const m = DIRECTIVE.exec(content);
    if (!m) continue;
    const nameStart = line.start + m[1].length;
    const nameEnd = nameStart + 1 + m[2].length;
    directives.push({
      name: { value: m[2], span: { start: nameStart, end: nameEnd } },
      argument: trimmed(text, nameEnd, line.end),
      line: { start: line.start + content.indexOf('--'), end: line.end },
      lineStart: line.start,
      lineNext: line.next,
    });
  }
  return { directives, bodyStart: text.length };
}

export interface ParamProblem {
  code: 'PAR005' | 'PAR011';
  message: string;
  span: HeaderSpan;
  /** For an unquoted default with spaces: the quoted text to write over `span`. */
  quoted?: string;
}

export interface HeaderParam {
  name: HeaderValue;
  type?: HeaderValue;
  /** Decoded default value (quotes removed, `''` unescaped) with the span of the raw token. */
  defaultValue?: HeaderValue;
  problems: ParamProblem[];
}

/** `@param NAME TYPE [= DEFAULT]`; DEFAULT is a single-quoted string (`''` escapes) or a bare token. */
export function parseParamDirective(d: Pick<HeaderDirective, 'name' | 'argument'>): HeaderParam {
  const problems: ParamProblem[] = [];
  const arg = d.argument;
  const base = arg.span.start;
  const s = arg.value;
  let i = 0;
  const word = (): HeaderValue | undefined => {
    while (i < s.length && /\s/.test(s[i])) i++;
    const start = i;
    while (i < s.length && !/\s/.test(s[i]) && s[i] !== '=') i++;
    return i > start
      ? { value: s.slice(start, i), span: { start: base + start, end: base + i } }
      : undefined;
  };
  const name = word() ?? { value: '', span: { start: d.name.span.end, end: d.name.span.end } };
  const param: HeaderParam = { name, problems };
  if (!name.value) {
    problems.push({
      code: 'PAR005',
      message: 'Parameter declaration needs a name and a type, e.g. `-- @param start_date DATE`.',
      span: d.name.span,
    });
    return param;
  }
  param.type = word();
  while (i < s.length && /\s/.test(s[i])) i++;
  if (!param.type) {
    problems.push({
      code: 'PAR005',
      message: `Parameter '${name.value}' has no type. Write \`-- @param ${name.value} VARCHAR\` (or another parameter type).`,
      span: name.span,
    });
  }
  if (i >= s.length) return param;
  if (s[i] !== '=') {
    problems.push({
      code: 'PAR011',
      message: `Unexpected '${s.slice(i)}' after the type. Write a default as \`= 'value'\`.`,
      span: { start: base + i, end: base + s.length },
    });
    return param;
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
      problems.push({
        code: 'PAR011',
        message: `Default value of '${name.value}' has no closing quote. Close it with ' (write '' for a quote inside).`,
        span: param.defaultValue.span,
      });
    } else if (s.slice(i).trim()) {
      problems.push({
        code: 'PAR011',
        message: `Unexpected '${s.slice(i).trim()}' after the default value. Put the whole default inside the quotes.`,
        span: {
          start: base + i + (s.slice(i).length - s.slice(i).trimStart().length),
          end: base + s.length,
        },
      });
    }
  } else if (start < s.length) {
    const raw = s.slice(start);
    param.defaultValue = { value: raw, span: { start: base + start, end: base + s.length } };
    if (/\s/.test(raw)) {
      const quoted = `'${raw.replace(/'/g, "''")}'`;
      problems.push({
        code: 'PAR011',
        message: `Default value '${raw}' contains spaces: quote it, e.g. = ${quoted}.`,
        span: param.defaultValue.span,
        quoted,
      });
    }
  } else {
    problems.push({
      code: 'PAR011',
      message: `'=' needs a default value after it, e.g. = '2024-01-01', or remove the '='.`,
      span: { start: base + start - 1, end: base + start },
    });
  }
  return param;
}

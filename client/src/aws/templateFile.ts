// The `*.cleanrooms.sql` file format on the client side: render a fetched template into file
// text, read back the header fields the AWS calls need, compute the header edits that record
// `@membership` / `@arn`, and compare a file with what AWS holds. It follows the language
// server's parser (leading `--` lines and blank lines are the header; the rest, byte for byte,
// is `source.text`) but stays separate because the client never imports server/.

export interface TemplateParam {
  name: string;
  type: string;
  defaultValue?: string;
}

/** What a template is, independent of where it lives (file or AWS). */
export interface TemplateContent {
  name: string;
  description?: string;
  parameters: TemplateParam[];
  body: string;
}

export interface TemplateFile {
  name?: string;
  description?: string;
  parameters: TemplateParam[];
  membership?: string;
  arn?: string;
  body: string;
  bodyStart: number;
  /** Header problems that would make the AWS request wrong (missing type, bad default). */
  problems: string[];
}

interface Line {
  start: number;
  end: number;
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

const DIRECTIVE = /^\s*--\s*@([A-Za-z_][\w-]*)(.*)$/;
type Field = 'name' | 'description' | 'membership' | 'arn';
const FIELDS = new Set<string>(['name', 'description', 'membership', 'arn']);

interface HeaderDirective {
  key: string;
  argument: string;
  /** Span of the argument (trimmed) within the file text. */
  argStart: number;
  argEnd: number;
  lineStart: number;
  /** Start of the line after this directive. */
  lineNext: number;
  lineEnd: number;
}

function headerDirectives(text: string): { directives: HeaderDirective[]; bodyStart: number } {
  const directives: HeaderDirective[] = [];
  for (const line of lines(text)) {
    const content = text.slice(line.start, line.end);
    const trimmed = content.trim();
    if (trimmed === '') continue;
    if (!trimmed.startsWith('--')) return { directives, bodyStart: line.start };
    const m = DIRECTIVE.exec(content);
    if (!m) continue;
    const rest = m[2];
    const lead = rest.length - rest.trimStart().length;
    const argument = rest.trim();
    const argStart = line.end - rest.length + lead;
    directives.push({ key: m[1].toLowerCase(), argument, argStart, argEnd: argStart + argument.length, lineStart: line.start, lineNext: line.next, lineEnd: line.end });
  }
  return { directives, bodyStart: text.length };
}

export function parseTemplateFile(text: string): TemplateFile {
  const { directives, bodyStart } = headerDirectives(text);
  const file: TemplateFile = { parameters: [], body: text.slice(bodyStart), bodyStart, problems: [] };
  for (const d of directives) {
    if (d.key === 'param') {
      const parsed = parseParam(d.argument);
      if (typeof parsed === 'string') file.problems.push(parsed);
      else file.parameters.push(parsed);
    } else if (FIELDS.has(d.key) && file[d.key as Field] === undefined) {
      file[d.key as Field] = d.argument;
    }
  }
  return file;
}

/** `NAME TYPE [= DEFAULT]`, DEFAULT a single-quoted string (`''` escapes) or a bare token. */
function parseParam(arg: string): TemplateParam | string {
  const m = /^([^\s=]+)\s+([^\s=]+)\s*(?:=\s*(.*))?$/.exec(arg);
  if (!m) return `@param ${arg}: needs a name and a type, e.g. "-- @param start_date DATE".`;
  const [, name, type, rawDefault] = m;
  if (rawDefault === undefined) return { name, type };
  const raw = rawDefault.trim();
  if (!raw) return `@param ${name}: "=" needs a default value after it.`;
  if (!raw.startsWith("'")) return /\s/.test(raw) ? `@param ${name}: default value ${raw} contains spaces; quote it.` : { name, type, defaultValue: raw };
  let value = '';
  for (let i = 1; i < raw.length; i++) {
    if (raw[i] !== "'") {
      value += raw[i];
    } else if (raw[i + 1] === "'") {
      value += "'";
      i++;
    } else {
      return raw.slice(i + 1).trim() ? `@param ${name}: unexpected text after the default value.` : { name, type, defaultValue: value };
    }
  }
  return `@param ${name}: the default value has no closing quote.`;
}

export function quoteDefault(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Header lines hold one line each: line breaks and tabs in a description become spaces. */
export function oneLine(value: string): string {
  return value.replace(/[\r\n\t]+/g, ' ');
}

/**
 * The file text for a template: the header, then the body exactly as AWS holds it. A body that
 * starts with a blank or `--` line would be read back as header, so `bodyRoundTrips` is false then.
 */
export function renderTemplateFile(t: TemplateContent & { membership?: string; arn?: string }): { text: string; bodyRoundTrips: boolean } {
  const header = [`-- @name ${oneLine(t.name)}`];
  if (t.description) header.push(`-- @description ${oneLine(t.description)}`);
  for (const p of t.parameters) header.push(`-- @param ${p.name} ${p.type}${p.defaultValue !== undefined ? ` = ${quoteDefault(p.defaultValue)}` : ''}`);
  if (t.membership) header.push(`-- @membership ${t.membership}`);
  if (t.arn) header.push(`-- @arn ${t.arn}`);
  const text = `${header.join('\n')}\n${t.body}`;
  return { text, bodyRoundTrips: parseTemplateFile(text).body === t.body };
}

export interface TextReplacement {
  start: number;
  end: number;
  newText: string;
}

/**
 * Edits that set header fields in place: an existing directive's argument is replaced; a
 * missing one is inserted after the last header directive (or at the top). Nothing else moves.
 */
export function headerEdits(text: string, fields: Partial<Record<Field, string>>): TextReplacement[] {
  const { directives } = headerDirectives(text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const edits: TextReplacement[] = [];
  const inserts: string[] = [];
  for (const key of ['name', 'description', 'membership', 'arn'] as const) {
    const value = fields[key];
    if (value === undefined) continue;
    const existing = directives.find((d) => d.key === key);
    if (existing) {
      if (existing.argument !== value) edits.push({ start: existing.argStart, end: existing.argEnd, newText: oneLine(value) });
    } else {
      inserts.push(`-- @${key} ${oneLine(value)}`);
    }
  }
  if (inserts.length) {
    const last = directives[directives.length - 1];
    if (!last) {
      edits.push({ start: 0, end: 0, newText: inserts.join(eol) + eol });
    } else if (last.lineNext > last.lineEnd) {
      edits.push({ start: last.lineNext, end: last.lineNext, newText: inserts.join(eol) + eol });
    } else {
      edits.push({ start: last.lineEnd, end: last.lineEnd, newText: eol + inserts.join(eol) });
    }
  }
  return edits.sort((a, b) => a.start - b.start);
}

/** Edits that delete every header line of the `key` directive (line break included): "unlink" removes `@arn`. */
export function removeHeaderField(text: string, key: Field): TextReplacement[] {
  return headerDirectives(text)
    .directives.filter((d) => d.key === key)
    .map((d) => ({ start: d.lineStart, end: d.lineNext, newText: '' }));
}

export function applyEdits(text: string, edits: TextReplacement[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

export interface TemplateComparison {
  descriptionDiffers: boolean;
  /** Differences the service cannot update in place (templates are immutable apart from the description). */
  immutableDifferences: string[];
}

export function compareTemplates(local: TemplateContent, remote: TemplateContent): TemplateComparison {
  const diffs: string[] = [];
  // A header line cannot keep leading or trailing spaces, which the service's name pattern allows.
  if (local.name.trim() !== remote.name.trim()) diffs.push(`name ("${local.name}" here, "${remote.name}" in AWS)`);
  if (local.body !== remote.body) diffs.push('SQL text');
  const remoteParams = new Map(remote.parameters.map((p) => [p.name, p]));
  const localNames = new Set(local.parameters.map((p) => p.name));
  for (const p of local.parameters) {
    const r = remoteParams.get(p.name);
    if (!r) diffs.push(`parameter ${p.name} (added)`);
    else if (r.type.toUpperCase() !== p.type.toUpperCase()) diffs.push(`parameter ${p.name} type (${p.type} here, ${r.type} in AWS)`);
    else if (r.defaultValue !== p.defaultValue) diffs.push(`parameter ${p.name} default value`);
  }
  for (const r of remote.parameters) if (!localNames.has(r.name)) diffs.push(`parameter ${r.name} (removed)`);
  return {
    descriptionDiffers: oneLine(local.description ?? '').trim() !== oneLine(remote.description ?? '').trim(),
    immutableDifferences: diffs,
  };
}

// The `*.cleanrooms.sql` file format on the client side: render a fetched template into file
// text, read back the header fields the AWS calls need, compute the header edits that record
// `@membership` / `@arn` (or remove `@arn`), and compare a file with what AWS holds. The header
// is read by common/templateHeader.ts, the same reader the language server uses.
import {
  parseParamDirective,
  scanHeader,
  SINGLE_DIRECTIVES,
  type SingleDirective,
} from '../../../common/templateHeader';

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

type Field = SingleDirective;
const FIELDS = new Set<string>(SINGLE_DIRECTIVES);

export function parseTemplateFile(text: string): TemplateFile {
  const { directives, bodyStart } = scanHeader(text);
  const file: TemplateFile = {
    parameters: [],
    body: text.slice(bodyStart),
    bodyStart,
    problems: [],
  };
  for (const d of directives) {
    const key = d.name.value.toLowerCase();
    if (key === 'param') {
      const p = parseParamDirective(d);
      if (!p.type || p.problems.length)
        file.problems.push(...p.problems.map((problem) => problem.message));
      else
        file.parameters.push({
          name: p.name.value,
          type: p.type.value,
          ...(p.defaultValue ? { defaultValue: p.defaultValue.value } : {}),
        });
    } else if (FIELDS.has(key) && file[key as Field] === undefined) {
      file[key as Field] = d.argument.value;
    }
  }
  return file;
}

export function quoteDefault(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Header lines hold one line each: line breaks and tabs in a description become spaces. */
function oneLine(value: string): string {
  return value.replace(/[\r\n\t]+/g, ' ');
}

/**
 * The file text for a template: the header, then the body exactly as AWS holds it. A body that
 * starts with a blank or `--` line would be read back as header, so `bodyRoundTrips` is false then.
 */
export function renderTemplateFile(t: TemplateContent & { membership?: string; arn?: string }): {
  text: string;
  bodyRoundTrips: boolean;
} {
  const header = [`-- @name ${oneLine(t.name)}`];
  if (t.description) header.push(`-- @description ${oneLine(t.description)}`);
  for (const p of t.parameters)
    header.push(
      `-- @param ${p.name} ${p.type}${p.defaultValue !== undefined ? ` = ${quoteDefault(p.defaultValue)}` : ''}`,
    );
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

/** The header's directives with their lower-cased names. */
function headerDirectives(text: string) {
  return scanHeader(text).directives.map((d) => ({ ...d, key: d.name.value.toLowerCase() }));
}

/**
 * Edits that set header fields in place: an existing directive's argument is replaced; a
 * missing one is inserted after the last header directive (or at the top). Nothing else moves.
 */
export function headerEdits(
  text: string,
  fields: Partial<Record<Field, string>>,
): TextReplacement[] {
  const directives = headerDirectives(text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const edits: TextReplacement[] = [];
  const inserts: string[] = [];
  for (const key of ['name', 'description', 'membership', 'arn'] as const) {
    const value = fields[key];
    if (value === undefined) continue;
    const existing = directives.find((d) => d.key === key);
    if (existing) {
      if (existing.argument.value !== value)
        edits.push({
          start: existing.argument.span.start,
          end: existing.argument.span.end,
          newText: oneLine(value),
        });
    } else {
      inserts.push(`-- @${key} ${oneLine(value)}`);
    }
  }
  if (inserts.length) {
    const last = directives[directives.length - 1];
    if (!last) {
      edits.push({ start: 0, end: 0, newText: inserts.join(eol) + eol });
    } else if (last.lineNext > last.line.end) {
      edits.push({ start: last.lineNext, end: last.lineNext, newText: inserts.join(eol) + eol });
    } else {
      edits.push({ start: last.line.end, end: last.line.end, newText: eol + inserts.join(eol) });
    }
  }
  return edits.sort((a, b) => a.start - b.start);
}

/** Edits that delete every header line of the `key` directive (line break included): "unlink" removes `@arn`. */
export function removeHeaderField(text: string, key: Field): TextReplacement[] {
  return headerDirectives(text)
    .filter((d) => d.key === key)
    .map((d) => ({ start: d.lineStart, end: d.lineNext, newText: '' }));
}

export function applyEdits(text: string, edits: TextReplacement[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

export interface TemplateComparison {
  descriptionDiffers: boolean;
  /** Differences the service cannot update in place (templates are immutable apart from the description). */
  immutableDifferences: string[];
}

export function compareTemplates(
  local: TemplateContent,
  remote: TemplateContent,
): TemplateComparison {
  const diffs: string[] = [];
  // A header line cannot keep leading or trailing spaces, which the service's name pattern allows.
  if (local.name.trim() !== remote.name.trim())
    diffs.push(`name ("${local.name}" here, "${remote.name}" in AWS)`);
  if (local.body !== remote.body) diffs.push('SQL text');
  const remoteParams = new Map(remote.parameters.map((p) => [p.name, p]));
  const localNames = new Set(local.parameters.map((p) => p.name));
  for (const p of local.parameters) {
    const r = remoteParams.get(p.name);
    if (!r) diffs.push(`parameter ${p.name} (added)`);
    else if (r.type.toUpperCase() !== p.type.toUpperCase())
      diffs.push(`parameter ${p.name} type (${p.type} here, ${r.type} in AWS)`);
    else if (r.defaultValue !== p.defaultValue) diffs.push(`parameter ${p.name} default value`);
  }
  for (const r of remote.parameters)
    if (!localNames.has(r.name)) diffs.push(`parameter ${r.name} (removed)`);
  return {
    descriptionDiffers:
      oneLine(local.description ?? '').trim() !== oneLine(remote.description ?? '').trim(),
    immutableDifferences: diffs,
  };
}

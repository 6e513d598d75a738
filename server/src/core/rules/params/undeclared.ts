// `:p` used in the body but never declared with `-- @param` (template-constraints §2: the
// service's behaviour is undocumented, but an undeclared parameter cannot get a value).
import type { Diagnostic, Schema, Template } from '../../types';
import type { Token } from '../../sql/lexer';
import type { TemplateCheck } from './context';
import { parameterTypeForColumn } from './type';

export const undeclaredParam: TemplateCheck = {
  code: 'PAR001',
  name: 'ParameterUndeclared',
  summary: '`:param` used but not declared',
  check({ template, tokens, paramRefs, schema }) {
    const declared = new Set(template.params.map((p) => p.name.value));
    const out: Diagnostic[] = [];
    const seen = new Set<string>();
    // Parameter token index by start offset, built once: a lookup per reference would rescan the tokens.
    const tokenAt = new Map<number, number>();
    tokens.forEach((t, i) => t.kind === 'param' && tokenAt.set(t.span.start, i));
    const byName = new Map<string, string | undefined>();
    let types: Map<string, string | undefined> | undefined;
    for (const ref of paramRefs) {
      if (declared.has(ref.name)) continue;
      if (!byName.has(ref.name)) byName.set(ref.name, typeFromName(ref.name));
      const i = tokenAt.get(ref.span.start) ?? -1;
      const type =
        typeFromSchema(tokens, i, (types ??= columnTypes(schema))) ??
        typeFromColumn(tokens, i) ??
        byName.get(ref.name) ??
        typeFromNeighbours(tokens, i);
      const fix = seen.has(ref.name) ? [] : [declareFix(template, ref.name, type)];
      seen.add(ref.name);
      out.push({
        code: 'PAR001',
        severity: 'error',
        message: `Parameter ':${ref.name}' is not declared. Add \`-- @param ${ref.name} ${type}\` to the header.`,
        span: ref.span,
        fixes: fix,
      });
    }
    return out;
  },
};

function declareFix(template: Template, name: string, type: string) {
  // After the last @param, else after @description / @name, else at the top of the file.
  const anchor = template.params.at(-1)?.line ?? template.description?.span ?? template.name?.span;
  const text = template.text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let at = 0;
  let newText = `-- @param ${name} ${type}${eol}`;
  if (anchor) {
    at = anchor.end;
    while (at < text.length && text[at] !== '\n' && text[at] !== '\r') at++;
    if (at < text.length) at += text[at] === '\r' && text[at + 1] === '\n' ? 2 : 1;
    else newText = `${eol}-- @param ${name} ${type}`;
  }
  return {
    title: `Declare parameter '${name}' as ${type}`,
    preferred: true,
    edits: [{ span: { start: at, end: at }, newText }],
  };
}

/**
 * Each schema column name's parameter type, when every table that has the column agrees on one
 * (undefined when they disagree). Built once per check: every undeclared reference asks.
 */
function columnTypes(schema: Schema | undefined): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const t of schema?.tables ?? [])
    for (const c of t.columns) {
      const type = c.type && parameterTypeForColumn(c.type);
      if (!type) continue;
      const key = c.name.toLowerCase();
      out.set(key, out.has(key) && out.get(key) !== type ? undefined : type);
    }
  return out;
}

/** `cost > :min_cost` (or `:min_cost < cost`): the compared column's type in the schema. */
function typeFromSchema(
  tokens: Token[],
  i: number,
  types: Map<string, string | undefined>,
): string | undefined {
  const compared =
    tokens[i - 1]?.kind === 'operator' && tokens[i - 2]?.kind === 'word'
      ? tokens[i - 2]
      : tokens[i + 1]?.kind === 'operator' && tokens[i + 2]?.kind === 'word'
        ? tokens[i + 2]
        : undefined;
  return compared && types.get(compared.text.toLowerCase());
}

const TIMESTAMP_NAME = /(^|_)(ts|timestamp|time|datetime|at)$/;

/** `timestamp >= :since`: the compared column's time type wins over a name that sounds like a date. */
function typeFromColumn(tokens: Token[], i: number): string | undefined {
  const column =
    tokens[i - 1]?.kind === 'operator' && tokens[i - 2]?.kind === 'word'
      ? tokens[i - 2].text.toLowerCase()
      : undefined;
  return column && TIMESTAMP_NAME.test(column) ? 'TIMESTAMP' : undefined;
}

// A type guess from the name, else from what the parameter (`tokens[i]`) is compared with.
function typeFromName(name: string): string | undefined {
  const n = name.toLowerCase();
  if (TIMESTAMP_NAME.test(n)) return 'TIMESTAMP';
  if (/date|day|month|year|since|until|(^|_)(from|to|start|end)($|_)/.test(n)) return 'DATE';
  if (/^(is|has)_|_(flag|enabled)$/.test(n)) return 'BOOLEAN';
  if (/(^|_)(n|num|count|min|max|limit|threshold|size|top|days|age|k)($|_)/.test(n))
    return 'INTEGER';
  if (/price|amount|ratio|rate|pct|percent|score/.test(n)) return 'DECIMAL';
  return undefined;
}

function typeFromNeighbours(tokens: Token[], i: number): string {
  const near = [tokens[i - 2], tokens[i + 2]].filter(Boolean);
  if (near.some((t) => t.kind === 'number'))
    return near.some((t) => t.text.includes('.')) ? 'DECIMAL' : 'INTEGER';
  return 'VARCHAR';
}

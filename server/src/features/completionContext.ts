// What the user is typing at an offset, decided from the text alone (pure; works on half-typed
// SQL that does not parse). Header lines are `-- @directive ...` comments before the body.
import { lex, type Token } from '../core/sql/lexer';
import type { Span } from '../core/types';

export type CompletionContext =
  | { kind: 'none' }
  /** After `-- @` in the header: directive names. */
  | { kind: 'directive'; prefix: string; replace: Span }
  /** After `-- @param name `: the 28 parameter types. */
  | { kind: 'paramType'; prefix: string; replace: Span }
  /** After `:` in the body: declared parameters (`replace` excludes the colon). */
  | { kind: 'param'; prefix: string; replace: Span }
  /** After `qualifier.`: the columns of that table, alias or CTE. */
  | { kind: 'member'; qualifier: string; prefix: string; replace: Span }
  /** After FROM / JOIN (or a comma in a FROM list): tables and CTEs. */
  | { kind: 'table'; prefix: string; replace: Span }
  /** Anywhere else in code: columns, aliases, functions. */
  | { kind: 'expression'; prefix: string; replace: Span };

const DIRECTIVE_LINE = /^(\s*--\s*@)([A-Za-z_][\w-]*)?$/;
const PARAM_TYPE_LINE = /^\s*--\s*@param\s+[0-9A-Za-z_]+\s+([A-Za-z_]*)$/i;
const CLAUSE_KEYWORDS = new Set(['SELECT', 'FROM', 'JOIN', 'WHERE', 'GROUP', 'HAVING', 'ORDER', 'ON', 'LIMIT', 'OFFSET', 'WITH', 'USING', 'BY']);

export function completionContext(text: string, offset: number, bodyStart: number): CompletionContext {
  const at = Math.max(0, Math.min(offset, text.length));
  let lineStart = at;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  if (lineStart < bodyStart) return headerContext(text.slice(lineStart, at), at);
  return bodyContext(text, at, bodyStart);
}

function headerContext(line: string, at: number): CompletionContext {
  const type = PARAM_TYPE_LINE.exec(line);
  if (type) return { kind: 'paramType', prefix: type[1], replace: { start: at - type[1].length, end: at } };
  const directive = DIRECTIVE_LINE.exec(line);
  if (directive) {
    const prefix = directive[2] ?? '';
    return { kind: 'directive', prefix, replace: { start: at - prefix.length, end: at } };
  }
  return { kind: 'none' };
}

function bodyContext(text: string, at: number, bodyStart: number): CompletionContext {
  const tokens = lex(text.slice(bodyStart, at), bodyStart);
  let i = tokens.length - 1;
  const last = tokens[i];
  let prefix = '';
  let replace: Span = { start: at, end: at };
  if (last && last.span.end === at) {
    switch (last.kind) {
      case 'comment':
      case 'string':
      case 'quoted':
      case 'number':
      case 'unknown':
        return { kind: 'none' };
      case 'param':
        return { kind: 'param', prefix: last.text.slice(1), replace: { start: last.span.start + 1, end: at } };
      case 'punct':
        if (last.text === ':') return { kind: 'param', prefix: '', replace };
        break;
      case 'word':
        prefix = last.text;
        replace = last.span;
        i--;
        break;
    }
  }
  const prev = tokens[i];
  if (prev?.kind === 'punct' && prev.text === '.') {
    const q = tokens[i - 1];
    if (q && (q.kind === 'word' || q.kind === 'quoted') && q.span.end === prev.span.start) {
      return { kind: 'member', qualifier: unquote(q), prefix, replace };
    }
    return { kind: 'none' };
  }
  if (prev?.kind === 'word' && (prev.upper === 'AS' || prev.upper === 'WITH')) return { kind: 'none' };
  if (prev?.kind === 'word' && (prev.upper === 'FROM' || prev.upper === 'JOIN')) return { kind: 'table', prefix, replace };
  if (prev?.kind === 'punct' && prev.text === ',' && clauseOf(tokens, i) === 'FROM') return { kind: 'table', prefix, replace };
  return { kind: 'expression', prefix, replace };
}

/** The clause keyword governing token `i`, at the same parenthesis depth. */
function clauseOf(tokens: Token[], i: number): string | undefined {
  let depth = 0;
  for (let j = i; j >= 0; j--) {
    const t = tokens[j];
    if (t.kind === 'punct' && t.text === ')') depth++;
    else if (t.kind === 'punct' && t.text === '(') {
      if (depth === 0) return undefined;
      depth--;
    } else if (depth === 0 && t.kind === 'word' && CLAUSE_KEYWORDS.has(t.upper)) return t.upper;
  }
  return undefined;
}

function unquote(t: Token): string {
  if (t.kind !== 'quoted') return t.text;
  const q = t.text[0];
  return t.text.slice(1, t.unterminated ? undefined : -1).split(q + q).join(q);
}

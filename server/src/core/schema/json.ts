// A JSON parser that keeps each value's span, so schema problems point into the file.
// It stops at the first syntax error and reports where, instead of throwing.
import type { Span } from '../types';

export type JsonNode =
  | { kind: 'object'; span: Span; members: { key: string; keySpan: Span; value: JsonNode }[] }
  | { kind: 'array'; span: Span; items: JsonNode[] }
  | { kind: 'string'; span: Span; value: string }
  | { kind: 'number'; span: Span; value: number }
  | { kind: 'boolean'; span: Span; value: boolean }
  | { kind: 'null'; span: Span };

export interface JsonError {
  message: string;
  span: Span;
}

export function parseJson(text: string): { node?: JsonNode; error?: JsonError } {
  let i = 0;
  const fail = (message: string, start = i, end = Math.min(text.length, start + 1)): never => {
    throw { message, span: { start, end: Math.max(end, start) } } satisfies JsonError;
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r\uFEFF'.includes(text[i])) i++;
  };
  const describe = () => (i >= text.length ? 'end of file' : `'${text[i]}'`);
  const str = (): { value: string; span: Span } => {
    const start = i++;
    let value = '';
    while (i < text.length && text[i] !== '"') {
      const c = text[i];
      if (c === '\n' || c === '\r') fail('Unterminated string', start, i);
      if (c === '\\') {
        const e = text[i + 1];
        const map: Record<string, string> = {
          '"': '"',
          '\\': '\\',
          '/': '/',
          b: '\b',
          f: '\f',
          n: '\n',
          r: '\r',
          t: '\t',
        };
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else if (e !== undefined && map[e]) {
          value += map[e];
          i += 2;
        } else fail('Invalid escape in string', i, i + 2);
      } else {
        value += c;
        i++;
      }
    }
    if (i >= text.length) fail('Unterminated string', start, i);
    i++;
    return { value, span: { start, end: i } };
  };
  const value = (depth: number): JsonNode => {
    if (depth > 200) fail('Nesting is too deep');
    ws();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const members: { key: string; keySpan: Span; value: JsonNode }[] = [];
      ws();
      if (text[i] === '}') return { kind: 'object', span: { start, end: ++i }, members };
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`Expected a property name in double quotes, found ${describe()}`);
        const k = str();
        ws();
        if (text[i] !== ':') fail(`Expected ':' after property name, found ${describe()}`);
        i++;
        members.push({ key: k.value, keySpan: k.span, value: value(depth + 1) });
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') return { kind: 'object', span: { start, end: ++i }, members };
        fail(`Expected ',' or '}' in object, found ${describe()}`);
      }
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      ws();
      if (text[i] === ']') return { kind: 'array', span: { start, end: ++i }, items };
      for (;;) {
        items.push(value(depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') return { kind: 'array', span: { start, end: ++i }, items };
        fail(`Expected ',' or ']' in array, found ${describe()}`);
      }
    }
    if (c === '"') {
      const s = str();
      return { kind: 'string', span: s.span, value: s.value };
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m && m[0]) {
      i += m[0].length;
      return { kind: 'number', span: { start, end: i }, value: Number(m[0]) };
    }
    for (const [word, node] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return node === null
          ? { kind: 'null', span: { start, end: i } }
          : { kind: 'boolean', span: { start, end: i }, value: node };
      }
    }
    return fail(`Expected a JSON value, found ${describe()}`);
  };
  try {
    const node = value(0);
    ws();
    if (i < text.length) fail(`Unexpected ${describe()} after the end of the JSON document`);
    return { node };
  } catch (e) {
    if (e && typeof e === 'object' && 'span' in e) return { error: e as JsonError };
    throw e;
  }
}

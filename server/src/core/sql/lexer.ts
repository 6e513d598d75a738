// A forgiving SQL lexer: every character of the input lands in exactly one token or in
// skipped whitespace, so it never throws on half-typed text. Used for `:param` references,
// the constructs the parser cannot express (`::`, `^`, TOP, SYSDATE...), completion context
// and error positions.
import type { Span } from '../types';

export type TokenKind =
  | 'word' // identifier or keyword (unquoted)
  | 'quoted' // "quoted identifier" (or `backticked`)
  | 'string' // 'string literal'
  | 'number'
  | 'param' // :name
  | 'operator'
  | 'punct' // ( ) , ; .
  | 'comment'
  | 'unknown';

export interface Token {
  kind: TokenKind;
  /** Raw text of the token. */
  text: string;
  /** Upper-cased text for words; raw text otherwise. */
  upper: string;
  span: Span;
  /** A string, quoted identifier or block comment that runs to the end of input. */
  unterminated?: boolean;
}

const OPERATORS = [
  '||/',
  '|/',
  '::',
  '||',
  '<=',
  '>=',
  '<>',
  '!=',
  '==',
  '->',
  '=>',
  '!~',
  '+',
  '-',
  '*',
  '/',
  '%',
  '^',
  '=',
  '<',
  '>',
  '&',
  '|',
  '~',
  '@',
  '!',
  '#',
  '?',
];
// Operators by first character, longest first: one lookup per operator instead of a scan.
const OPERATORS_BY_FIRST = new Map<string, string[]>();
for (const op of OPERATORS)
  OPERATORS_BY_FIRST.set(op[0], [...(OPERATORS_BY_FIRST.get(op[0]) ?? []), op]);

const isWordStart = (c: number) =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
const isWordPart = (c: number) => isWordStart(c) || (c >= 48 && c <= 57) || c === 36;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isParamPart = (c: number) =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || isDigit(c);

/**
 * Lexes `text` from offset `from` (where a token or blank begins); spans are offset by `base` (the
 * body's position in the template).
 */
export function lex(text: string, base = 0, from = 0): Token[] {
  return lexFrom(text, base, from);
}

/**
 * Earlier tokens lexing may take over: once it reaches, at or after `from`, the start of one of
 * them moved by `shift`, the rest are those tokens moved by `shift`.
 */
interface Tail {
  tokens: Token[];
  next: number;
  shift: number;
  from: number;
}

function lexFrom(text: string, base: number, from: number, tail?: Tail): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = from;
  const push = (kind: TokenKind, start: number, end: number, unterminated = false) => {
    const raw = text.slice(start, end);
    const token: Token = {
      kind,
      text: raw,
      upper: kind === 'word' ? raw.toUpperCase() : raw,
      span: { start: start + base, end: end + base },
    };
    if (unterminated) token.unterminated = true;
    tokens.push(token);
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    const start = i;
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11) {
      i++;
      continue;
    }
    if (tail && i >= tail.from) {
      const old = tail.tokens;
      while (tail.next < old.length && old[tail.next].span.start - base + tail.shift < i)
        tail.next++;
      if (tail.next < old.length && old[tail.next].span.start - base + tail.shift === i) {
        for (let k = tail.next; k < old.length; k++) tokens.push(moved(old[k], tail.shift));
        return tokens;
      }
    }
    if (c === 45 && text.charCodeAt(i + 1) === 45) {
      while (i < n && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
      push('comment', start, i);
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 42) {
      // Spark nests bracketed comments: `/* a /* b */ c */` is one comment.
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        const d = text.charCodeAt(i);
        if (d === 47 && text.charCodeAt(i + 1) === 42) {
          depth++;
          i += 2;
        } else if (d === 42 && text.charCodeAt(i + 1) === 47) {
          depth--;
          i += 2;
        } else i++;
      }
      push('comment', start, i, depth > 0);
      continue;
    }
    if (c === 39 || c === 34 || c === 96) {
      // '...' with '' and Spark's backslash escapes ('it\'s'); "..." and `...` with doubled-quote escapes.
      i++;
      let closed = false;
      while (i < n) {
        if (c === 39 && text.charCodeAt(i) === 92) {
          i = Math.min(i + 2, n);
          continue;
        }
        if (text.charCodeAt(i) === c) {
          if (text.charCodeAt(i + 1) === c) {
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        i++;
      }
      push(c === 39 ? 'string' : 'quoted', start, i, !closed);
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(i + 1)))) {
      while (i < n && (isDigit(text.charCodeAt(i)) || text.charCodeAt(i) === 46)) i++;
      if (i < n && (text[i] === 'e' || text[i] === 'E')) {
        const j = text[i + 1] === '+' || text[i + 1] === '-' ? i + 2 : i + 1;
        if (isDigit(text.charCodeAt(j))) {
          i = j;
          while (i < n && isDigit(text.charCodeAt(i))) i++;
        }
      }
      // Spark's typed number literals: 10L, 2S, 1Y, 1.5D, 1.5F, 3BD.
      const suffix = /^(bd|[lsydf])(?![\w$\u0080-\uffff])/i.exec(text.slice(i, i + 3));
      if (suffix) i += suffix[1].length;
      push('number', start, i);
      continue;
    }
    if (isWordStart(c)) {
      while (i < n && isWordPart(text.charCodeAt(i))) i++;
      push('word', start, i);
      continue;
    }
    if (c === 58) {
      // `:name` is a parameter; `::` is a cast operator, never a parameter.
      if (text.charCodeAt(i + 1) === 58) {
        push('operator', start, (i += 2));
        continue;
      }
      if (isParamPart(text.charCodeAt(i + 1))) {
        i++;
        while (i < n && isParamPart(text.charCodeAt(i))) i++;
        push('param', start, i);
        continue;
      }
      push('punct', start, ++i);
      continue;
    }
    if (c === 40 || c === 41 || c === 44 || c === 59 || c === 46 || c === 91 || c === 93) {
      push('punct', start, ++i);
      continue;
    }
    const op = OPERATORS_BY_FIRST.get(text[i])?.find(
      (o) => o.length === 1 || text.startsWith(o, i),
    );
    if (op) {
      i += op.length;
      push('operator', start, i);
      continue;
    }
    // Anything else (control characters, NUL, stray symbols) becomes its own token.
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
    push('unknown', start, i);
  }
  return tokens;
}

/** How many characters past a token's end the lexer reads to end it (a number's exponent and suffix). */
const LOOKAHEAD = 3;

/** How a text differs from the previous one: the lengths of their common prefix and suffix. */
export interface TextChange {
  prefix: number;
  suffix: number;
  /** New length minus old length. */
  shift: number;
}

/**
 * lex(text, base) for a text that differs from the one `previous` was lexed from (with the same
 * base) by `change`. The tokens the lexer ended within the common prefix are kept, the very same
 * objects (a token depends only on the characters from its start to LOOKAHEAD past its end), and
 * lexing resumes where the last of them ends. Lexing reads forward only, from a state that is
 * the same at every token start: once it reaches the start of a previous token inside the common
 * suffix, the rest are the previous tokens, moved.
 */
export function relex(text: string, base: number, previous: Token[], change: TextChange): Token[] {
  let kept = 0;
  while (kept < previous.length && previous[kept].span.end - base + LOOKAHEAD <= change.prefix)
    kept++;
  const from = kept ? previous[kept - 1].span.end - base : 0;
  const tail: Tail = {
    tokens: previous,
    next: kept,
    shift: change.shift,
    from: text.length - change.suffix,
  };
  const tokens = previous.slice(0, kept);
  for (const t of lexFrom(text, base, from, tail)) tokens.push(t);
  return tokens;
}

function moved(t: Token, shift: number): Token {
  const out: Token = {
    kind: t.kind,
    text: t.text,
    upper: t.upper,
    span: { start: t.span.start + shift, end: t.span.end + shift },
  };
  if (t.unterminated) out.unterminated = true;
  return out;
}

/** Tokens that carry meaning (comments dropped). */
export function codeTokens(tokens: Token[]): Token[] {
  return tokens.filter((t) => t.kind !== 'comment');
}

/** Every `:name` reference, outside strings, quoted identifiers and comments. */
export function paramRefs(tokens: Token[]): { name: string; span: Span }[] {
  return tokens
    .filter((t) => t.kind === 'param')
    .map((t) => ({ name: t.text.slice(1), span: t.span }));
}

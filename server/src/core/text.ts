// Offsets ⇄ LSP-style positions (0-based line, UTF-16 character), computed once per text.
import type { Span } from './types';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface LineIndex {
  position(offset: number): Position;
  offset(position: Position): number;
  range(span: Span): Range;
  lineCount: number;
}

export function lineIndex(text: string): LineIndex {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  const position = (offset: number): Position => {
    const o = Math.max(0, Math.min(offset, text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - starts[lo] };
  };
  const offset = (p: Position): number => {
    if (p.line >= starts.length) return text.length;
    if (p.line < 0) return 0;
    const lineEnd = p.line + 1 < starts.length ? starts[p.line + 1] : text.length;
    return Math.min(starts[p.line] + Math.max(0, p.character), lineEnd);
  };
  return {
    position,
    offset,
    range: (span) => ({ start: position(span.start), end: position(span.end) }),
    lineCount: starts.length,
  };
}

/** UTF-8 byte length without allocating a buffer (rule 9 counts bytes). */
export function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

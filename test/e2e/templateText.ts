// Reads the example files the tests open, so expected positions come from the text, not from
// numbers copied into the tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Position {
  /** 1-based, as VS Code shows them ("Ln 3, Col 21"). */
  line: number;
  column: number;
}

/** 1-based line/column of the `occurrence`-th (0-based) match of `needle` in `text`. */
export function positionOf(text: string, needle: string | RegExp, occurrence = 0): Position {
  const re =
    typeof needle === 'string'
      ? new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g')
      : new RegExp(needle.source, needle.flags.replace('g', '') + 'g');
  let match: RegExpExecArray | null = null;
  for (let i = 0; i <= occurrence; i++) {
    match = re.exec(text);
    if (!match) throw new Error(`${needle} (occurrence ${occurrence}) not found in the text`);
  }
  const before = text.slice(0, match!.index);
  const line = before.split('\n').length;
  return { line, column: match!.index - before.lastIndexOf('\n') };
}

export function readWorkspaceFile(workspace: string, name: string): string {
  return readFileSync(join(workspace, name), 'utf8');
}

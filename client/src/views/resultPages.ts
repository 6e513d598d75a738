// The results table's rows live in the extension host and reach the webview a page at a time:
// the first page with the HTML, the next when the page scrolls near its end. Sorting, Copy and
// Save as CSV work on all rows in the host. A million rows must not freeze the editor, so the
// sort and the text building run in slices that give the event loop back between them. No vscode
// here: unit-tested as plain functions.
import type { ResultTable } from '../aws/results';

/** Rows per page sent to the webview (the first page comes with the HTML). */
export const PAGE_ROWS = 500;

/** Work units (comparisons, rows) between two yields to the event loop: a few milliseconds each. */
export const SLICE = 20_000;

export type Pause = () => Promise<void>;

export const nextTick: Pause = () => new Promise((resolve) => setImmediate(resolve));

export interface SortState {
  column: number;
  /** 1 ascending, -1 descending. */
  dir: 1 | -1;
}

export interface Page {
  start: number;
  rows: string[][];
  total: number;
}

/** Rows [start, start + count) in `order` (row indexes), clamped to the table. */
export function pageOf(
  table: ResultTable,
  order: readonly number[] | undefined,
  start: number,
  count = PAGE_ROWS,
): Page {
  const total = table.rows.length;
  const from = Math.max(0, Math.min(Math.trunc(start) || 0, total));
  const to = Math.min(total, from + count);
  const rows: string[][] = [];
  for (let i = from; i < to; i++) rows.push(table.rows[order ? order[i] : i]);
  return { start: from, rows, total };
}

const isNumber = (s: string) => s.trim() !== '' && Number.isFinite(Number(s));

/**
 * The row order sorted by one column: numbers as numbers when both cells are numbers, else text
 * without regard to case (then by exact text); ties keep the result's order. Stable merge sort in
 * slices of SLICE comparisons with `pause` between them.
 */
export async function sortedOrder(
  rows: readonly (readonly string[])[],
  { column, dir }: SortState,
  pause: Pause = nextTick,
): Promise<number[]> {
  const n = rows.length;
  const numbers = new Float64Array(n);
  const folded: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const cell = rows[i][column] ?? '';
    numbers[i] = isNumber(cell) ? Number(cell) : NaN;
    folded[i] = cell.toLowerCase();
    if (i % SLICE === SLICE - 1) await pause();
  }
  const compare = (a: number, b: number): number => {
    let c: number;
    if (!Number.isNaN(numbers[a]) && !Number.isNaN(numbers[b])) c = numbers[a] - numbers[b];
    else {
      const [x, y] = [folded[a], folded[b]];
      c = x < y ? -1 : x > y ? 1 : 0;
      if (c === 0) {
        const [p, q] = [rows[a][column] ?? '', rows[b][column] ?? ''];
        c = p < q ? -1 : p > q ? 1 : 0;
      }
    }
    return c * dir || a - b;
  };
  let from = Array.from({ length: n }, (_, i) => i);
  // Runs short enough to sort in one slice, then bottom-up merges.
  const RUN = 1024;
  let work = 0;
  for (let lo = 0; lo < n; lo += RUN) {
    const run = from.slice(lo, lo + RUN).sort(compare);
    for (let k = 0; k < run.length; k++) from[lo + k] = run[k];
    work += run.length * 10;
    if (work >= SLICE) {
      work = 0;
      await pause();
    }
  }
  let to = new Array<number>(n);
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let [i, j, k] = [lo, mid, lo];
      // The last passes merge runs of half a million rows: pause inside a merge too.
      while (k < hi) {
        to[k++] = i < mid && (j >= hi || compare(from[i], from[j]) <= 0) ? from[i++] : from[j++];
        if (++work >= SLICE) {
          work = 0;
          await pause();
        }
      }
    }
    [from, to] = [to, from];
  }
  return from;
}

/**
 * All rows in `order` as text, one `line(row)` per row joined by `\n` after the header, built in
 * slices of SLICE rows: the text for Copy (tab-separated) and Save as CSV.
 */
export async function joinRows(
  table: ResultTable,
  order: readonly number[] | undefined,
  line: (row: readonly string[]) => string,
  separator: string,
  pause: Pause = nextTick,
): Promise<string> {
  const parts: string[] = [line(table.columns)];
  for (let i = 0; i < table.rows.length; i++) {
    parts.push(line(table.rows[order ? order[i] : i]));
    if (i % SLICE === SLICE - 1) await pause();
  }
  return parts.join(separator);
}

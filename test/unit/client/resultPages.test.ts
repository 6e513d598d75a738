// The results table's paging (client/src/views/resultPages.ts): pages cover every row exactly
// once in the current order, the sort is the plain comparison sort's answer (stable, numbers as
// numbers) however it is sliced, and a large sort or text build gives the event loop back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvRecord, parseCsv, toCsv } from '../../../client/src/aws/results';
import {
  joinRows,
  PAGE_ROWS,
  pageOf,
  SLICE,
  sortedOrder,
  type Pause,
} from '../../../client/src/views/resultPages';

const counting = () => {
  let pauses = 0;
  const pause: Pause = async () => {
    pauses++;
  };
  return { pause, count: () => pauses };
};

function randomTable(n: number, seed = 7) {
  let s = seed;
  const next = () => (s = (s * 48271) % 2147483647);
  const words = ['apple', 'Banana', 'cherry', 'apple', 'Äpfel', 'b', ''];
  return {
    columns: ['id', 'word', 'amount'],
    rows: Array.from({ length: n }, (_, i) => [
      String(i),
      words[next() % words.length],
      next() % 5 === 0 ? 'n/a' : String((next() % 2000) / 10 - 50),
    ]),
  };
}

/** The order a plain Array.prototype.sort with the documented rules gives. */
function reference(rows: string[][], column: number, dir: 1 | -1): number[] {
  const num = (s: string) => (s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : NaN);
  return rows
    .map((_, i) => i)
    .sort((a, b) => {
      const [x, y] = [rows[a][column], rows[b][column]];
      let c: number;
      if (!Number.isNaN(num(x)) && !Number.isNaN(num(y))) c = num(x) - num(y);
      else {
        const [p, q] = [x.toLowerCase(), y.toLowerCase()];
        c = p < q ? -1 : p > q ? 1 : x < y ? -1 : x > y ? 1 : 0;
      }
      return c * dir || a - b;
    });
}

test('pages walk every row once, in the given order, and clamp at both ends', () => {
  const table = randomTable(1234);
  const order = table.rows.map((_, i) => table.rows.length - 1 - i);
  const seen: string[][] = [];
  for (let start = 0; start < table.rows.length; start += PAGE_ROWS) {
    const page = pageOf(table, order, start);
    assert.equal(page.start, start);
    assert.equal(page.total, 1234);
    seen.push(...page.rows);
  }
  assert.deepEqual(
    seen,
    order.map((i) => table.rows[i]),
  );
  assert.deepEqual(pageOf(table, undefined, 5000).rows, []);
  assert.equal(pageOf(table, undefined, 5000).start, 1234);
  assert.equal(pageOf(table, undefined, -3).start, 0);
  assert.deepEqual(pageOf(table, undefined, 0, 2).rows, table.rows.slice(0, 2));
});

test('the sliced merge sort gives the plain sort order for text and number columns, both directions', async () => {
  const table = randomTable(5000);
  for (const column of [1, 2])
    for (const dir of [1, -1] as const)
      assert.deepEqual(
        await sortedOrder(table.rows, { column, dir }, counting().pause),
        reference(table.rows, column, dir),
        `column ${column}, dir ${dir}`,
      );
});

test('numbers sort as numbers and equal cells keep the result order', async () => {
  const rows = [['10'], ['9'], ['-1.5'], ['x'], ['9'], ['1e3']];
  assert.deepEqual(await sortedOrder(rows, { column: 0, dir: 1 }), [2, 1, 4, 0, 5, 3]);
  assert.deepEqual(await sortedOrder(rows, { column: 0, dir: -1 }), [3, 5, 0, 1, 4, 2]);
});

test('a large sort and a large text build give the event loop back; a small one does not need to', async () => {
  const large = randomTable(3 * SLICE);
  const sortPauses = counting();
  await sortedOrder(large.rows, { column: 1, dir: 1 }, sortPauses.pause);
  assert.ok(sortPauses.count() >= 3, `paused ${sortPauses.count()} times`);
  const textPauses = counting();
  await joinRows(large, undefined, csvRecord, '\r\n', textPauses.pause);
  assert.equal(textPauses.count(), 3);
  const small = counting();
  await sortedOrder(randomTable(50).rows, { column: 1, dir: 1 }, small.pause);
  assert.equal(small.count(), 0);
});

test('joined CSV in the current order is what toCsv writes and reads back as the same rows', async () => {
  const table = {
    columns: ['a', 'b'],
    rows: [
      ['1', 'x,"y"'],
      ['2', 'line\nbreak'],
      ['3', ''],
    ],
  };
  const order = [2, 0, 1];
  const text = `${await joinRows(table, order, csvRecord, '\r\n')}\r\n`;
  const sorted = order.map((i) => table.rows[i]);
  assert.equal(text, toCsv(table.columns, sorted));
  assert.deepEqual(parseCsv(text), { columns: table.columns, rows: sorted });
});

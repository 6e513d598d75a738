// Result CSV (client/src/aws/results.ts): parsing what Clean Rooms writes, writing it back, and
// reading s3:// locations.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseCsv, parseCsvSliced, parseS3Uri, toCsv } from '../../../client/src/aws/results';

test('header, quoted fields with commas, doubled quotes and line breaks; CRLF or LF; empty fields', () => {
  const text = 'region,"note, long",n\r\nnorth,"say ""hi""",3\r\nsouth,"two\nlines",\nwest,,1\r\n';
  assert.deepEqual(parseCsv(text), {
    columns: ['region', 'note, long', 'n'],
    rows: [
      ['north', 'say "hi"', '3'],
      ['south', 'two\nlines', ''],
      ['west', '', '1'],
    ],
  });
});

test('a missing final line break, a byte-order mark, short rows and an empty file', () => {
  assert.deepEqual(parseCsv('\ufeffa,b\n1,2'), { columns: ['a', 'b'], rows: [['1', '2']] });
  assert.deepEqual(parseCsv('a,b,c\n1\n'), { columns: ['a', 'b', 'c'], rows: [['1', '', '']] });
  assert.deepEqual(parseCsv(''), { columns: [], rows: [] });
  assert.deepEqual(parseCsv('only\n'), { columns: ['only'], rows: [] });
});

test('toCsv quotes only what must be quoted, and parseCsv reads back any table it writes', () => {
  assert.equal(
    toCsv(
      ['a', 'b'],
      [
        [1, null],
        ['x,y', 'say "hi"'],
      ],
    ),
    'a,b\r\n1,\r\n"x,y","say ""hi"""\r\n',
  );
  const cell = fc.string({
    unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', 'é'),
    maxLength: 6,
  });
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 4 }),
      fc.array(fc.array(cell, { minLength: 4, maxLength: 4 }), { maxLength: 5 }),
      (width, raw) => {
        const columns = Array.from({ length: width }, (_, i) => `c${i}`);
        const rows = raw.map((r) => r.slice(0, width)).filter((r) => !(width === 1 && r[0] === ''));
        assert.deepEqual(parseCsv(toCsv(columns, rows)), { columns, rows });
      },
    ),
  );
});

test('s3:// locations', () => {
  assert.deepEqual(parseS3Uri('s3://my-bucket/runs/abc/result.csv'), {
    bucket: 'my-bucket',
    key: 'runs/abc/result.csv',
  });
  assert.equal(parseS3Uri('https://my-bucket.s3.amazonaws.com/x'), undefined);
  assert.equal(parseS3Uri('s3://bucket-only'), undefined);
});

test('parseCsvSliced reads what parseCsv reads, giving the event loop back every slice of records', async () => {
  const rows = Array.from({ length: 2500 }, (_, i) => [
    String(i),
    i % 3 ? `a,"${i}"` : `line\nbreak`,
  ]);
  const text = toCsv(['n', 'text'], rows);
  let pauses = 0;
  const table = await parseCsvSliced(
    text,
    async () => {
      pauses++;
    },
    1000,
  );
  assert.deepEqual(table, parseCsv(text));
  assert.deepEqual(table.rows, rows);
  assert.equal(pauses, 2, '2,501 records in slices of 1,000');
});

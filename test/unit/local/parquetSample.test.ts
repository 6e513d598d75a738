// Parquet sample files (client/src/local/parquetSample.ts and runSample.ts): a file written by
// another implementation (DuckDB, Snappy) reads back typed by the schema; a file generated here
// with hyparquet-writer runs through a whole local run; and the refusals say what is wrong.
//
// fixtures/visits.snappy.parquet was written by DuckDB 1.5 (@duckdb/node-api, bench/engines/):
//   COPY (SELECT * FROM (VALUES
//     ('u1', 'c1', 3::BIGINT, 9.5::DOUBLE, true, DATE '2024-03-10', TIMESTAMP '2024-03-10 09:15:00'),
//     ('u2', 'c1', NULL, 20.25, false, DATE '2024-02-29', TIMESTAMP '2024-04-01 23:59:59.5'),
//     ('u3', 'c2', 12, NULL, NULL, NULL, TIMESTAMP '2024-12-31 00:00:00')
//   ) AS t(user_id, campaign_id, visits, spend, active, first_day, seen_at))
//   TO 'visits.snappy.parquet' (FORMAT parquet, COMPRESSION snappy)
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { loadParquetTable } from '../../../client/src/local/parquetSample';
import { runSample } from '../../../client/src/local/runSample';

const fixture = readFileSync(join(import.meta.dirname, 'fixtures', 'visits.snappy.parquet'));

// The schema lists the columns in another order than the file, and in other case.
const visits = {
  name: 'visits',
  columns: [
    { name: 'SEEN_AT', type: 'timestamp' },
    { name: 'user_id', type: 'string' },
    { name: 'first_day', type: 'date' },
    { name: 'visits', type: 'bigint' },
    { name: 'spend', type: 'double' },
    { name: 'active', type: 'boolean' },
    { name: 'campaign_id', type: 'string' },
  ],
};

test('a Snappy Parquet file written by DuckDB reads back typed by the schema, in schema order', async () => {
  const table = await loadParquetTable(visits, fixture, 'visits.parquet');
  assert.deepEqual(table.rows, [
    ['2024-03-10 09:15:00', 'u1', '2024-03-10', 3, 9.5, 1, 'c1'],
    ['2024-04-01 23:59:59.500', 'u2', '2024-02-29', null, 20.25, 0, 'c1'],
    ['2024-12-31 00:00:00', 'u3', null, 12, null, null, 'c2'],
  ]);
});

test('a missing or extra column, a wrong type, and bytes that are not Parquet are refused with the file named', async () => {
  await assert.rejects(
    loadParquetTable(
      { ...visits, columns: [...visits.columns, { name: 'region', type: 'string' }] },
      fixture,
      'v.parquet',
    ),
    /v\.parquet: the file lacks column\(s\) region of table visits/,
  );
  await assert.rejects(
    loadParquetTable({ ...visits, columns: visits.columns.slice(1) }, fixture, 'v.parquet'),
    /column\(s\) seen_at are not in table visits/,
  );
  await assert.rejects(
    loadParquetTable(
      {
        ...visits,
        columns: visits.columns.map((c) => (c.name === 'user_id' ? { ...c, type: 'int' } : c)),
      },
      fixture,
      'v.parquet',
    ),
    /v\.parquet, row 1: u1 is not a int \(column user_id\)/,
  );
  await assert.rejects(
    loadParquetTable(visits, Buffer.from('user_id,campaign_id\nu1,c1\n'), 'v.parquet'),
    /v\.parquet is not a Parquet file hyparquet can read/,
  );
});

test('a local run reads a Parquet sample (generated here) next to a CSV one, and refuses a table with both', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cleanrooms-parquet-'));
  try {
    const schemaPath = join(dir, 'cleanrooms.schema.json');
    writeFileSync(
      schemaPath,
      JSON.stringify({
        tables: [
          {
            name: 'impressions',
            columns: [
              { name: 'user_id', type: 'string' },
              { name: 'campaign_id', type: 'string' },
              { name: 'ts', type: 'timestamp' },
            ],
          },
          {
            name: 'users',
            columns: [
              { name: 'user_id', type: 'string' },
              { name: 'region', type: 'string' },
            ],
          },
        ],
      }),
    );
    mkdirSync(join(dir, 'cleanrooms.sample'));
    const n = 3000;
    const parquet = parquetWriteBuffer({
      columnData: [
        {
          name: 'user_id',
          data: Array.from({ length: n }, (_, i) => `u${i % 50}`),
          type: 'STRING',
        },
        {
          name: 'campaign_id',
          data: Array.from({ length: n }, (_, i) => `c${i % 3}`),
          type: 'STRING',
        },
        {
          name: 'ts',
          data: Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, i % 12, 1, 12))),
          type: 'TIMESTAMP',
        },
      ],
    });
    writeFileSync(join(dir, 'cleanrooms.sample', 'impressions.parquet'), Buffer.from(parquet));
    writeFileSync(
      join(dir, 'cleanrooms.sample', 'users.csv'),
      'user_id,region\n' +
        Array.from({ length: 50 }, (_, i) => `u${i},${i < 10 ? 'east' : 'west'}`).join('\n'),
    );
    const sql = `SELECT u.region, COUNT(DISTINCT i.user_id) AS reach, COUNT(*) AS impressions
      FROM impressions i JOIN users u ON u.user_id = i.user_id
      WHERE i.ts >= :start GROUP BY u.region ORDER BY u.region`;
    const result = await runSample({ schemaPath, sql, params: { start: '2024-07-01' } });
    // Months 7..12 are i % 12 in 6..11: half of the 3000 rows; users u0..u9 are 'east'.
    let [east, west] = [0, 0];
    for (let i = 0; i < n; i++) {
      if (i % 12 < 6) continue;
      if (i % 50 < 10) east++;
      else west++;
    }
    assert.deepEqual(result.rows, [
      ['east', 10, east],
      ['west', 40, west],
    ]);
    assert.deepEqual(result.tablesWithoutSamples, []);

    writeFileSync(join(dir, 'cleanrooms.sample', 'impressions.csv'), 'user_id,campaign_id,ts\n');
    await assert.rejects(
      runSample({ schemaPath, sql: 'SELECT 1', params: {} }),
      /impressions has both .*impressions\.csv and .*impressions\.parquet; keep one/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

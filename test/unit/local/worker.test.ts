// The bundled engine (dist/localEngine.js with dist/sql-wasm.wasm, so `npm run build` first) in
// its worker thread, on the example template and sample CSVs: the rows a plain reading of the CSV
// gives, and a bad query answered with the engine's reason, not a hang.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseCsv } from '../../../client/src/aws/results';
import { parseTemplateFile } from '../../../client/src/aws/templateFile';
import { typedParameters } from '../../../client/src/aws/parameterValues';
import { runInWorker } from '../../../client/src/local/runInWorker';
import { CHUNK_ROWS } from '../../../client/src/local/workerProtocol';

const schemaPath = 'examples/cleanrooms.schema.json';

test('Unique reach by campaign on the example samples, in the worker, equals a count over the CSV', async () => {
  const template = parseTemplateFile(readFileSync('examples/unique-reach.cleanrooms.sql', 'utf8'));
  const { params } = typedParameters(template.parameters, { end_date: '2024-07-01' });
  const result = await runInWorker('dist', { schemaPath, sql: template.body, params });

  const csv = parseCsv(readFileSync('examples/cleanrooms.sample/socialco_impressions.csv', 'utf8'));
  const at = (name: string) => csv.columns.indexOf(name);
  const reach = new Map<string, { users: Set<string>; impressions: number }>();
  for (const row of csv.rows.filter(
    (r) => r[at('timestamp')] >= '2024-01-01' && r[at('timestamp')] < '2024-07-01',
  )) {
    const c = reach.get(row[at('campaign_id')]) ?? { users: new Set(), impressions: 0 };
    c.users.add(row[at('user_id')]);
    c.impressions++;
    reach.set(row[at('campaign_id')], c);
  }
  const expected = [...reach].map(([campaign, c]) => [
    campaign,
    String(c.users.size),
    String(c.impressions),
  ]);
  assert.ok(expected.length >= 2, 'the sample has campaigns in the first half of 2024');
  assert.deepEqual(result.columns, ['campaign_id', 'reach', 'impressions']);
  assert.deepEqual([...result.rows].sort(), expected.sort());
  assert.deepEqual(result.tablesWithoutSamples, []);
});

test('a query the engine refuses comes back as an error from the worker', async () => {
  await assert.rejects(
    runInWorker('dist', {
      schemaPath,
      sql: "SELECT FROM_UTC_TIMESTAMP(timestamp, 'Europe/Paris') FROM athletic_brand_sales",
      params: {},
    }),
    /FROM_UTC_TIMESTAMP is a Spark SQL function/,
  );
});

test('a result larger than one chunk arrives whole and in order, cells as the table shows them', async () => {
  const rows = 2 * CHUNK_ROWS + 7;
  const result = await runInWorker('dist', {
    schemaPath,
    sql: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${rows})
          SELECT i, CASE WHEN i % 2 = 0 THEN NULL ELSE X'0aff' END AS b FROM n`,
    params: {},
  });
  assert.equal(result.rows.length, rows);
  assert.deepEqual(result.rows[0], ['1', '0aff']);
  assert.deepEqual(result.rows[CHUNK_ROWS], [String(CHUNK_ROWS + 1), '0aff']);
  assert.deepEqual(result.rows.at(-1), [String(rows), '0aff']);
  assert.deepEqual(result.rows[1], ['2', '']);
  assert.ok(result.rows.every((r, i) => r[0] === String(i + 1)));
});

// The local engine (SQLite through sql.js) on what templates use: CTEs, joins, window functions,
// Spark's variance family; parameters bound as typed values, so an injection attempt stays a
// literal; a Spark function SQLite lacks is named in the error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runQuery, type QueryTable } from '../../../client/src/local/engine';
import { typedParameters } from '../../../client/src/aws/parameterValues';

const users: QueryTable = {
  name: 'users',
  columns: [
    { name: 'user_id', type: 'string' },
    { name: 'region', type: 'string' },
  ],
  rows: [
    ['u1', 'west'],
    ['u2', 'west'],
    ['u3', 'east'],
  ],
};
const sales: QueryTable = {
  name: 'sales',
  columns: [
    { name: 'user_id', type: 'string' },
    { name: 'price', type: 'double' },
    { name: 'day', type: 'date' },
  ],
  rows: [
    ['u1', 10, '2024-01-05'],
    ['u1', 30, '2024-02-01'],
    ['u2', 20, '2024-01-20'],
    ['u3', 5, '2024-03-01'],
  ],
};
const tables = [users, sales];

test('a CTE joined to a table, grouped', async () => {
  const r = await runQuery(
    tables,
    `WITH spend AS (SELECT user_id, SUM(price) AS total FROM sales GROUP BY user_id)
     SELECT u.region, SUM(s.total) AS total, COUNT(DISTINCT u.user_id) AS buyers
     FROM users u JOIN spend s ON s.user_id = u.user_id GROUP BY u.region ORDER BY u.region`,
    {},
  );
  assert.deepEqual(r, {
    columns: ['region', 'total', 'buyers'],
    rows: [
      ['east', 5, 1],
      ['west', 60, 2],
    ],
  });
});

test('window functions: ROW_NUMBER and a running SUM per partition', async () => {
  const r = await runQuery(
    tables,
    `SELECT user_id, day, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY day) AS n,
            SUM(price) OVER (PARTITION BY user_id ORDER BY day) AS running
     FROM sales ORDER BY user_id, day`,
    {},
  );
  assert.deepEqual(r.rows, [
    ['u1', '2024-01-05', 1, 10],
    ['u1', '2024-02-01', 2, 40],
    ['u2', '2024-01-20', 1, 20],
    ['u3', '2024-03-01', 1, 5],
  ]);
});

test("Spark's STDDEV and VAR_POP are there; a function SQLite lacks is named, not a bare SQLite error", async () => {
  const r = await runQuery(
    tables,
    'SELECT STDDEV(price) AS sd, VAR_POP(price) AS vp FROM sales',
    {},
  );
  const mean = 65 / 4;
  const ss = [10, 30, 20, 5].reduce((a, v) => a + (v - mean) ** 2, 0);
  assert.ok(Math.abs((r.rows[0][0] as number) - Math.sqrt(ss / 3)) < 1e-9);
  assert.ok(Math.abs((r.rows[0][1] as number) - ss / 4) < 1e-9);
  await assert.rejects(
    runQuery(tables, "SELECT LISTAGG(user_id, ',') FROM sales", {}),
    /LISTAGG is a Spark SQL function the local engine \(SQLite\) does not have/,
  );
  await assert.rejects(
    runQuery(tables, 'SELECT nope FROM sales', {}),
    /local engine \(SQLite\) refused the query: no such column: nope/,
  );
});

test('parameters are bound as typed values: dates compare as text, integers as numbers', async () => {
  const declared = [
    { name: 'since', type: 'DATE' },
    { name: 'min', type: 'INTEGER' },
  ];
  const { problems, params } = typedParameters(declared, { since: '2024-01-15', min: '15' });
  assert.deepEqual(problems, []);
  assert.deepEqual(params, { since: '2024-01-15', min: 15 });
  const r = await runQuery(
    tables,
    'SELECT user_id, price FROM sales WHERE day >= :since AND price >= :min ORDER BY price',
    params,
  );
  assert.deepEqual(r.rows, [
    ['u2', 20],
    ['u1', 30],
  ]);
});

test('an injection attempt in a string parameter stays a literal: it matches nothing and changes nothing', async () => {
  const { params } = typedParameters([{ name: 'region', type: 'VARCHAR' }], {
    region: "west' OR '1'='1",
  });
  const r = await runQuery(
    tables,
    'SELECT COUNT(*) AS n FROM users WHERE region = :region',
    params,
  );
  assert.deepEqual(r.rows, [[0]]);
  const drop = typedParameters([{ name: 'region', type: 'VARCHAR' }], {
    region: "x'); DROP TABLE users; --",
  }).params;
  const after = await runQuery(
    tables,
    'SELECT :region AS echoed, (SELECT COUNT(*) FROM users) AS n',
    drop,
  );
  assert.deepEqual(after.rows, [["x'); DROP TABLE users; --", 3]]);
});

test('a value that is not of the declared type is refused before anything runs; defaults fill in', () => {
  const declared = [
    { name: 'min', type: 'INTEGER', defaultValue: '3' },
    { name: 'flag', type: 'BOOLEAN' },
  ];
  assert.deepEqual(typedParameters(declared, { flag: 'true' }), {
    problems: [],
    params: { min: 3, flag: true },
  });
  const bad = typedParameters(declared, { min: '1 OR 1=1' });
  assert.match(bad.problems.join(' '), /min: "1 OR 1=1" is not a valid INTEGER/);
  assert.match(bad.problems.join(' '), /flag: a value is required/);
});

test('Spark casts to STRING and DATE keep the text (SQLite alone would make 7 of 007 and 2024 of a date); literals are left alone', async () => {
  const r = await runQuery(
    tables,
    "SELECT CAST('007' AS STRING) AS s, CAST(day AS DATE) AS d, 'x AS STRING)' AS lit FROM sales WHERE user_id = 'u3'",
    {},
  );
  assert.deepEqual(r.rows, [['007', '2024-03-01', 'x AS STRING)']]);
});

test('Spark functions SQLite lacks are added: ANY_VALUE, APPROX_COUNT_DISTINCT, NVL, YEAR, MONTH, DAY, DATEDIFF', async () => {
  const r = await runQuery(
    tables,
    `SELECT APPROX_COUNT_DISTINCT(user_id) AS users, ANY_VALUE(user_id) IS NOT NULL AS some, NVL(NULL, 'd') AS n,
            YEAR(MAX(day)) AS y, MONTH(MAX(day)) AS m, DAY(MAX(day)) AS dd, DATEDIFF(MAX(day), MIN(day)) AS span
     FROM sales`,
    {},
  );
  assert.deepEqual(r.rows, [[3, 1, 'd', 2024, 3, 1, 56]]);
});

test('a CAST to DATE keeps the date part, nested or not; DATE and TIMESTAMP literals are their text', async () => {
  const r = await runQuery(
    tables,
    `SELECT CAST('2024-03-10 10:00:00' AS DATE) AS d,
            CAST(CONCAT(CAST(day AS STRING), ' 23:59:59') AS DATE) AS nested,
            CAST(SUBSTR('2024-03-10x', 1, 10) AS TIMESTAMP) AS ts,
            CAST('not a date' AS DATE) AS bad,
            DATE '2024-02-29' AS dl, TIMESTAMP '2024-02-29 01:02:03' AS tl,
            COUNT(*) AS n
     FROM sales WHERE day >= DATE '2024-02-01' AND user_id = 'u3'`,
    {},
  );
  assert.deepEqual(r.rows, [
    ['2024-03-10', '2024-03-01', '2024-03-10', null, '2024-02-29', '2024-02-29 01:02:03', 1],
  ]);
});

test('Spark date and string functions: TO_DATE, DATE_ADD/SUB, ADD_MONTHS, LAST_DAY, DATE_TRUNC, LPAD/RPAD, MD5', async () => {
  const r = await runQuery(
    [],
    `SELECT TO_DATE('2024-03-10 10:00:00'), DATE_ADD('2024-02-27', 3), DATE_SUB('2024-03-01', 1),
            ADD_MONTHS('2024-01-31', 1), ADD_MONTHS('2024-03-15', -14), LAST_DAY('2023-02-10'),
            DATE_TRUNC('MONTH', '2024-03-10 10:11:12'), DATE_TRUNC('quarter', '2024-05-10'),
            DATE_TRUNC('WEEK', '2024-03-10 10:00:00'), DATE_TRUNC('HOUR', '2024-03-10 10:11:12'),
            DATE_TRUNC('fortnight', '2024-03-10'),
            LPAD('7', 3, '0'), LPAD('hello', 2, '0'), RPAD('ab', 5, 'xy'), MD5('a')`,
    {},
  );
  assert.deepEqual(r.rows, [
    [
      '2024-03-10',
      '2024-03-01',
      '2024-02-29',
      '2024-02-29',
      '2023-01-15',
      '2023-02-28',
      '2024-03-01 00:00:00',
      '2024-04-01 00:00:00',
      '2024-03-04 00:00:00',
      '2024-03-10 10:00:00',
      null,
      '007',
      'he',
      'abxyx',
      '0cc175b9c0f1b6a831c399e269772661',
    ],
  ]);
});

test('Spark aggregates PERCENTILE (interpolated), APPROX_PERCENTILE (a value of the data, exact here) and SKEWNESS', async () => {
  const r = await runQuery(
    tables,
    `SELECT PERCENTILE(price, 0.5), PERCENTILE(price, 0.25), APPROX_PERCENTILE(price, 0.5),
            PERCENTILE_APPROX(price, 1), SKEWNESS(price) FROM sales`,
    {},
  );
  // price: 5, 10, 20, 30
  const mean = 65 / 4;
  const m2 = [5, 10, 20, 30].reduce((a, v) => a + (v - mean) ** 2, 0) / 4;
  const m3 = [5, 10, 20, 30].reduce((a, v) => a + (v - mean) ** 3, 0) / 4;
  const [median, quarter, approx, top, skew] = r.rows[0] as number[];
  assert.deepEqual([median, quarter, approx, top], [15, 8.75, 10, 30]);
  assert.ok(Math.abs(skew - m3 / m2 ** 1.5) < 1e-12, String(skew));
  await assert.rejects(
    runQuery(tables, 'SELECT PERCENTILE(price, 2) FROM sales', {}),
    /PERCENTILE: the percentage must be a number from 0 to 1/,
  );
});

test('Spark date parts and conversions: DAYOFWEEK, DAYOFYEAR, HOUR, MINUTE, SECOND, DATE_DIFF, TO_TIMESTAMP', async () => {
  const r = await runQuery(
    [],
    `SELECT DAYOFWEEK('2024-03-10'), DAYOFWEEK('2024-03-16 23:00:00'), DAYOFYEAR('2024-03-10'),
            DAYOFYEAR('2023-12-31'), HOUR('2024-03-10 07:08:09'), MINUTE('2024-03-10 07:08:09'),
            SECOND('2024-03-10 07:08:09'), HOUR('2024-03-10'), DATE_DIFF('2024-03-10', '2024-03-01'),
            TO_TIMESTAMP('2024-03-10'), TO_TIMESTAMP('2024-03-10 07:08:09'), TO_TIMESTAMP('March')`,
    {},
  );
  assert.deepEqual(r.rows, [
    [1, 7, 70, 365, 7, 8, 9, 0, 9, '2024-03-10 00:00:00', '2024-03-10 07:08:09', null],
  ]);
});

test('PERCENTILE_CONT … WITHIN GROUP is refused with a message, not a SQLite syntax error', async () => {
  await assert.rejects(
    runQuery(tables, 'SELECT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY price) FROM sales', {}),
    /WITHIN GROUP is Spark SQL the local engine \(SQLite\) cannot run/,
  );
});

test('every row is loaded, whatever the batch size: many rows, and a wide table', async () => {
  const rows = Array.from({ length: 1000 }, (_, i) => [`u${i}`, i, '2024-01-01']);
  const r = await runQuery(
    [{ ...sales, rows }],
    'SELECT COUNT(*), SUM(price), MIN(user_id), MAX(price) FROM sales',
    {},
  );
  assert.deepEqual(r.rows, [[1000, (999 * 1000) / 2, 'u0', 999]]);
  const columns = Array.from({ length: 300 }, (_, i) => ({ name: `c${i}`, type: 'int' }));
  const wide = {
    name: 'wide',
    columns,
    rows: Array.from({ length: 300 }, (_, i) => columns.map((_, j) => i * j)),
  };
  const w = await runQuery([wide], 'SELECT COUNT(*), SUM(c299) FROM wide', {});
  assert.deepEqual(w.rows, [[300, (299 * 299 * 300) / 2]]);
});

// Which SQL engine Run Locally embeds, by measurement: sql.js (SQLite in WebAssembly, what ships)
// against DuckDB-WASM (its blocking Node bindings) and DuckDB's Node API (a prebuilt native
// binary inside the npm package). The candidates are installed into bench/engines/ on first use,
// never as root dependencies. Measured: the 1M-row run of localRun.ts (same generated CSV, same
// query), the engine's bytes in a .vsix (raw and deflated as the .vsix zip stores them), and
// dialect closeness to Spark SQL: the DP aggregates, date, string, math, cast and window
// functions the examples and docs use, each run unmodified and its answer compared with Spark's.
// Run: node --import tsx bench/engineCompare.ts [rows]
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { deflateRawSync } from 'node:zlib';
import { runQuery, type QueryTable } from '../client/src/local/engine';
import { runInWorker } from '../client/src/local/runInWorker';
import { sampleCsvPath } from '../client/src/local/sampleData';
import { generateCsv, GROUP_BY, LOCAL_ROWS, SCHEMA, TABLE } from './localRun';
import { ms } from './stats';

const ENGINES_DIR = join(import.meta.dirname, 'engines');
const requireEngine = createRequire(join(ENGINES_DIR, 'package.json'));

function ensureEngines(): void {
  if (existsSync(join(ENGINES_DIR, 'node_modules', '@duckdb', 'node-api'))) return;
  console.error(
    'bench: installing DuckDB-WASM and @duckdb/node-api into bench/engines/ (first run only)...',
  );
  const res = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: ENGINES_DIR,
    encoding: 'utf8',
    timeout: 15 * 60_000,
  });
  if (res.status !== 0) throw new Error(`npm ci in bench/engines failed: ${res.stderr}`);
}

/** One dialect probe: Spark SQL run unmodified, and the answer Spark gives. */
interface Probe {
  sql: string;
  spark: string;
}

// Table t: what the aggregate and window probes read (Spark types: string, string, double, timestamp).
const T_ROWS = [
  ['u1', 'c1', 10, '2024-03-10 10:00:00'],
  ['u1', 'c1', 20, '2024-03-11 10:00:00'],
  ['u2', 'c2', 30, '2024-04-01 00:00:00'],
  ['u3', 'c1', 40, '2024-05-05 12:30:00'],
] as const;

const PROBES: Probe[] = [
  // DP aggregates (docs/dp rules: COUNT, COUNT DISTINCT, SUM, AVG, STDDEV) and their relatives
  { sql: 'SELECT COUNT(*) FROM t', spark: '4' },
  { sql: 'SELECT COUNT(DISTINCT user_id) FROM t', spark: '3' },
  { sql: 'SELECT SUM(price) FROM t', spark: '100' },
  { sql: 'SELECT AVG(price) FROM t', spark: '25' },
  { sql: 'SELECT STDDEV(price) FROM t', spark: '12.9099' },
  { sql: 'SELECT STDDEV_POP(price) FROM t', spark: '11.1803' },
  { sql: 'SELECT VARIANCE(price) FROM t', spark: '166.6667' },
  { sql: 'SELECT APPROX_COUNT_DISTINCT(user_id) FROM t', spark: '3' },
  { sql: 'SELECT PERCENTILE_APPROX(price, 0.5) FROM t', spark: '20' },
  { sql: 'SELECT APPROX_PERCENTILE(price, 0.5) FROM t', spark: '20' },
  { sql: 'SELECT PERCENTILE(price, 0.5) FROM t', spark: '25' },
  { sql: 'SELECT SKEWNESS(price) FROM t', spark: '0' },
  { sql: "SELECT ANY_VALUE(campaign) FROM t WHERE user_id = 'u2'", spark: 'c2' },
  // dates and timestamps
  { sql: 'SELECT YEAR(ts) FROM t WHERE price = 10', spark: '2024' },
  { sql: 'SELECT MONTH(ts) FROM t WHERE price = 10', spark: '3' },
  { sql: 'SELECT DAYOFMONTH(ts) FROM t WHERE price = 10', spark: '10' },
  { sql: 'SELECT HOUR(ts) FROM t WHERE price = 40', spark: '12' },
  { sql: 'SELECT MINUTE(ts) FROM t WHERE price = 40', spark: '30' },
  { sql: "SELECT SECOND(TIMESTAMP '2024-03-10 10:00:05')", spark: '5' },
  { sql: "SELECT DAYOFWEEK(DATE '2024-03-10')", spark: '1' },
  { sql: "SELECT DAYOFYEAR(DATE '2024-03-10')", spark: '70' },
  { sql: "SELECT DATE_DIFF(DATE '2024-03-10', DATE '2024-03-01')", spark: '9' },
  { sql: "SELECT TO_TIMESTAMP('2024-03-10 10:00:00')", spark: '2024-03-10 10:00:00' },
  { sql: "SELECT DATEDIFF(DATE '2024-03-10', DATE '2024-03-01')", spark: '9' },
  { sql: "SELECT DATE_ADD(DATE '2024-03-10', 5)", spark: '2024-03-15' },
  { sql: "SELECT DATE_SUB(DATE '2024-03-10', 5)", spark: '2024-03-05' },
  { sql: "SELECT ADD_MONTHS(DATE '2024-01-31', 1)", spark: '2024-02-29' },
  { sql: "SELECT LAST_DAY(DATE '2024-02-10')", spark: '2024-02-29' },
  {
    sql: "SELECT DATE_TRUNC('MONTH', TIMESTAMP '2024-03-10 10:00:00')",
    spark: '2024-03-01 00:00:00',
  },
  { sql: "SELECT TO_DATE('2024-03-10')", spark: '2024-03-10' },
  { sql: "SELECT DATE_FORMAT(DATE '2024-03-10', 'yyyy-MM')", spark: '2024-03' },
  { sql: "SELECT CAST('2024-03-10' AS DATE)", spark: '2024-03-10' },
  { sql: 'SELECT CAST(ts AS DATE) FROM t WHERE price = 10', spark: '2024-03-10' },
  { sql: "SELECT COUNT(*) FROM t WHERE ts >= '2024-04-01'", spark: '2' },
  // strings
  { sql: "SELECT CONCAT('a', 'b')", spark: 'ab' },
  { sql: "SELECT 'a' || 'b'", spark: 'ab' },
  { sql: "SELECT SUBSTRING('abcdef', 2, 3)", spark: 'bcd' },
  { sql: "SELECT UPPER('ab')", spark: 'AB' },
  { sql: "SELECT LOWER('AB')", spark: 'ab' },
  { sql: "SELECT TRIM('  a  ')", spark: 'a' },
  { sql: "SELECT LENGTH('abc')", spark: '3' },
  { sql: "SELECT REPLACE('aab', 'a', 'c')", spark: 'ccb' },
  { sql: "SELECT LPAD('7', 3, '0')", spark: '007' },
  { sql: "SELECT INSTR('abc', 'c')", spark: '3' },
  { sql: "SELECT MD5('a')", spark: '0cc175b9c0f1b6a831c399e269772661' },
  // conditionals and casts
  { sql: "SELECT COALESCE(NULL, 'x')", spark: 'x' },
  { sql: "SELECT NVL(NULL, 'x')", spark: 'x' },
  { sql: "SELECT IF(1 > 0, 'y', 'n')", spark: 'y' },
  { sql: "SELECT CASE WHEN 1 > 0 THEN 'y' ELSE 'n' END", spark: 'y' },
  { sql: 'SELECT CAST(7 AS STRING)', spark: '7' },
  { sql: "SELECT CAST('007' AS STRING)", spark: '007' },
  { sql: 'SELECT CAST(1.9 AS INT)', spark: '1' },
  // arithmetic
  { sql: 'SELECT 7 / 2', spark: '3.5' },
  { sql: 'SELECT 7 % 2', spark: '1' },
  { sql: 'SELECT ROUND(2.345, 2)', spark: '2.35' },
  { sql: 'SELECT ROUND(2.5)', spark: '3' },
  { sql: 'SELECT FLOOR(2.7)', spark: '2' },
  { sql: 'SELECT CEIL(2.1)', spark: '3' },
  { sql: 'SELECT POWER(2, 3)', spark: '8' },
  // CTEs, joins, windows
  {
    sql: 'WITH u AS (SELECT user_id, COUNT(*) AS n FROM t GROUP BY user_id) SELECT MAX(n) FROM u',
    spark: '2',
  },
  { sql: 'SELECT COUNT(*) FROM t a JOIN t b ON a.user_id = b.user_id', spark: '6' },
  {
    sql: "SELECT price FROM (SELECT price, campaign, ROW_NUMBER() OVER (PARTITION BY campaign ORDER BY price DESC) AS rn FROM t) x WHERE rn = 1 AND campaign = 'c1'",
    spark: '40',
  },
  {
    sql: "SELECT SUM(price) OVER (PARTITION BY campaign) FROM t WHERE user_id = 'u2'",
    spark: '30',
  },
];

type Outcome = 'same' | 'different' | 'error';

function judge(got: unknown, spark: string): { outcome: Outcome; got: string } {
  const text = got === null || got === undefined ? 'NULL' : String(got);
  const [a, b] = [Number(text), Number(spark)];
  const same =
    text === spark ||
    (text.trim() !== '' && Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) < 1e-4);
  return { outcome: same ? 'same' : 'different', got: text };
}

interface ProbeRun {
  sql: string;
  spark: string;
  outcome: Outcome;
  got: string;
}

async function probeAll(first: (sql: string) => Promise<unknown>): Promise<ProbeRun[]> {
  const out: ProbeRun[] = [];
  for (const p of PROBES) {
    try {
      out.push({ ...p, ...judge(await first(p.sql), p.spark) });
    } catch (err) {
      out.push({
        ...p,
        outcome: 'error',
        got: (err instanceof Error ? err.message : String(err)).split('\n')[0].slice(0, 140),
      });
    }
  }
  return out;
}

const T_TABLE: QueryTable = {
  name: 't',
  columns: [
    { name: 'user_id', type: 'string' },
    { name: 'campaign', type: 'string' },
    { name: 'price', type: 'double' },
    { name: 'ts', type: 'timestamp' },
  ],
  rows: T_ROWS.map((r) => [...r]),
};
const T_DUCKDB =
  'CREATE TABLE t (user_id VARCHAR, campaign VARCHAR, price DOUBLE, ts TIMESTAMP); INSERT INTO t VALUES ' +
  T_ROWS.map(([u, c, p, ts]) => `('${u}', '${c}', ${p}, TIMESTAMP '${ts}')`).join(', ');
/** DuckDB's answers read as text, as a result CSV would show them. */
const asText = (sql: string) => `SELECT CAST(COLUMNS(*) AS VARCHAR) FROM (${sql})`;
const DUCKDB_COLUMNS = `{'user_id': 'VARCHAR', 'campaign_id': 'VARCHAR', 'device_type': 'VARCHAR', 'timestamp': 'TIMESTAMP'}`;
const GROUP_BY_LITERAL = GROUP_BY.replace(':start_date', "'2024-03-01'");

interface EngineReport {
  engine: string;
  loadMs: number;
  runMs: number;
  groups: number;
  bytes: Record<string, { raw: number; deflated: number }>;
  universalVsix: string;
  probes: ProbeRun[];
}

function sizes(files: Record<string, string>): EngineReport['bytes'] {
  const out: EngineReport['bytes'] = {};
  for (const [label, path] of Object.entries(files)) {
    const data = readFileSync(path);
    out[label] = { raw: data.length, deflated: deflateRawSync(data, { level: 9 }).length };
  }
  return out;
}

async function sqlJs(schemaPath: string): Promise<EngineReport> {
  // The cold engine: a schema whose table has no sample file, so nothing is read.
  const empty = mkdtempSync(join(tmpdir(), 'cleanrooms-engines-empty-'));
  writeFileSync(join(empty, 'cleanrooms.schema.json'), JSON.stringify(SCHEMA));
  let t0 = performance.now();
  await runInWorker('dist', {
    schemaPath: join(empty, 'cleanrooms.schema.json'),
    sql: `SELECT COUNT(*) FROM ${TABLE}`,
    params: {},
  });
  const loadMs = performance.now() - t0;
  rmSync(empty, { recursive: true, force: true });
  t0 = performance.now();
  const result = await runInWorker('dist', {
    schemaPath,
    sql: GROUP_BY,
    params: { start_date: '2024-03-01' },
  });
  const runMs = performance.now() - t0;
  const probes = await probeAll(async (sql) => (await runQuery([T_TABLE], sql, {})).rows[0]?.[0]);
  return {
    engine: 'sql.js 1.x (SQLite 3, WebAssembly), in a worker, with dialect.ts',
    loadMs: ms(loadMs),
    runMs: ms(runMs),
    groups: result.rows.length,
    bytes: sizes({
      'dist/localEngine.js': 'dist/localEngine.js',
      'dist/sql-wasm.wasm': 'dist/sql-wasm.wasm',
    }),
    universalVsix: 'yes: WebAssembly, one file',
    probes,
  };
}

interface WasmConnection {
  query(sql: string): { toArray(): { toArray(): unknown[] }[] };
  close(): void;
}
interface WasmDb {
  instantiate(progress: () => void): Promise<unknown>;
  connect(): WasmConnection;
  registerFileBuffer(name: string, buffer: Uint8Array): void;
}

async function duckdbWasm(csvPath: string): Promise<EngineReport> {
  const dist = dirname(requireEngine.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
  let t0 = performance.now();
  const duckdb = requireEngine('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs') as {
    createDuckDB(bundles: object, logger: object, runtime: object): Promise<WasmDb>;
    VoidLogger: new () => object;
    NODE_RUNTIME: object;
  };
  const db = await duckdb.createDuckDB(
    {
      mvp: {
        mainModule: join(dist, 'duckdb-mvp.wasm'),
        mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs'),
      },
      eh: {
        mainModule: join(dist, 'duckdb-eh.wasm'),
        mainWorker: join(dist, 'duckdb-node-eh.worker.cjs'),
      },
    },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  );
  await db.instantiate(() => undefined);
  const conn = db.connect();
  conn.query('SELECT 1');
  const loadMs = performance.now() - t0;
  t0 = performance.now();
  db.registerFileBuffer('impressions.csv', readFileSync(csvPath));
  conn.query(
    `CREATE TABLE ${TABLE} AS SELECT * FROM read_csv('impressions.csv', header = true, columns = ${DUCKDB_COLUMNS})`,
  );
  const groups = conn.query(GROUP_BY_LITERAL).toArray().length;
  const runMs = performance.now() - t0;
  conn.query(T_DUCKDB);
  const probes = await probeAll(async (sql) => {
    const [row] = conn.query(asText(sql)).toArray();
    return row?.toArray()[0];
  });
  conn.close();
  return {
    engine: 'DuckDB-WASM 1.32.0 (blocking Node bindings, eh build)',
    loadMs: ms(loadMs),
    runMs: ms(runMs),
    groups,
    bytes: sizes({
      'duckdb-eh.wasm': join(dist, 'duckdb-eh.wasm'),
      'duckdb-node-blocking.cjs': join(dist, 'duckdb-node-blocking.cjs'),
      'apache-arrow (Arrow.es2015.min.js)': join(
        ENGINES_DIR,
        'node_modules',
        'apache-arrow',
        'Arrow.es2015.min.js',
      ),
    }),
    universalVsix: 'yes: WebAssembly, one file',
    probes,
  };
}

interface NativeConnection {
  run(sql: string): Promise<unknown>;
  runAndReadAll(sql: string): Promise<{ getRows(): unknown[][] }>;
  closeSync(): void;
}

async function duckdbNative(csvPath: string): Promise<EngineReport> {
  let t0 = performance.now();
  const api = requireEngine('@duckdb/node-api') as {
    DuckDBInstance: { create(path: string): Promise<{ connect(): Promise<NativeConnection> }> };
  };
  const instance = await api.DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await conn.run('SELECT 1');
  const loadMs = performance.now() - t0;
  t0 = performance.now();
  await conn.run(
    `CREATE TABLE ${TABLE} AS SELECT * FROM read_csv('${csvPath}', header = true, columns = ${DUCKDB_COLUMNS})`,
  );
  const groups = (await conn.runAndReadAll(GROUP_BY_LITERAL)).getRows().length;
  const runMs = performance.now() - t0;
  await conn.run(T_DUCKDB);
  const probes = await probeAll(
    async (sql) => (await conn.runAndReadAll(asText(sql))).getRows()[0]?.[0],
  );
  conn.closeSync();
  const binding = dirname(
    requireEngine.resolve(`@duckdb/node-bindings-${process.platform}-${process.arch}/package.json`),
  );
  return {
    engine: `@duckdb/node-api 1.5.6-r.1 (native, prebuilt ${process.platform}-${process.arch})`,
    loadMs: ms(loadMs),
    runMs: ms(runMs),
    groups,
    bytes: sizes({
      'libduckdb.so': join(binding, 'libduckdb.so'),
      'duckdb.node': join(binding, 'duckdb.node'),
    }),
    universalVsix:
      'no: one prebuilt binary per platform (linux-x64/arm64, darwin-x64/arm64, win32-x64 on npm), so per-platform .vsix builds (vsce --target); no binding for alpine or win32-arm64',
    probes,
  };
}

export async function compareEngines(rows = LOCAL_ROWS): Promise<EngineReport[]> {
  ensureEngines();
  const dir = mkdtempSync(join(tmpdir(), 'cleanrooms-engines-'));
  try {
    const schemaPath = join(dir, 'cleanrooms.schema.json');
    writeFileSync(schemaPath, JSON.stringify(SCHEMA));
    mkdirSync(join(dir, 'cleanrooms.sample'));
    const csvPath = sampleCsvPath(dir, TABLE);
    writeFileSync(csvPath, generateCsv(rows));
    console.error(`bench: ${rows} rows, ${statSync(csvPath).size} bytes of CSV`);
    const reports: EngineReport[] = [];
    for (const run of [
      () => sqlJs(schemaPath),
      () => duckdbWasm(csvPath),
      () => duckdbNative(csvPath),
    ]) {
      const report = await run();
      console.error(`bench: ${report.engine}: load ${report.loadMs} ms, run ${report.runMs} ms`);
      reports.push(report);
    }
    return reports;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function markdown(reports: EngineReport[]): string {
  const kb = (n: number) => `${Math.round(n / 1024).toLocaleString('en-US')} KB`;
  const lines = [
    '| engine | load (ms) | 1M-row run (ms) | bytes in the .vsix (raw / deflated) | Spark probes same / different / error | one .vsix for all platforms |',
    '|---|---|---|---|---|---|',
  ];
  for (const r of reports) {
    const total = Object.values(r.bytes).reduce(
      (a, b) => ({ raw: a.raw + b.raw, deflated: a.deflated + b.deflated }),
      { raw: 0, deflated: 0 },
    );
    const count = (o: Outcome) => r.probes.filter((p) => p.outcome === o).length;
    lines.push(
      `| ${r.engine} | ${r.loadMs} | ${r.runMs} | ${kb(total.raw)} / ${kb(total.deflated)} | ${count('same')} / ${count('different')} / ${count('error')} of ${r.probes.length} | ${r.universalVsix} |`,
    );
  }
  lines.push(
    '',
    '| probe (Spark answer) | ' + reports.map((r) => r.engine.split(' (')[0]).join(' | ') + ' |',
  );
  lines.push('|---|' + reports.map(() => '---|').join(''));
  for (const [i, p] of PROBES.entries()) {
    const cell = (r: EngineReport) => {
      const run = r.probes[i];
      return run.outcome === 'same'
        ? 'same'
        : run.outcome === 'different'
          ? `**${run.got}**`
          : `error: ${run.got.replace(/\|/g, '\\|')}`;
    };
    lines.push(
      `| \`${p.sql.replace(/\|/g, '\\|')}\` (${p.spark}) | ${reports.map(cell).join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

if (process.argv[1]?.endsWith('engineCompare.ts')) {
  compareEngines(Number(process.argv[2] ?? LOCAL_ROWS)).then(
    (reports) => console.log(markdown(reports)),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}

// Issue 11's rows, measured through a real language server and the real CLI, at the issue's size
// and at 10×: time to diagnostics, the verdict, and the longest wait of a hover on another
// document meanwhile. Prints one Markdown table.
//
//   npm run build && node --import tsx bench/hostile.ts [DIST_DIR]
//
// DIST_DIR (default dist/) may hold another build, e.g. of an older commit, to compare. Rows an
// old build cannot survive safely (a /dev/zero schema read into memory) are skipped for it.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileUri, startServer, type LspClient } from '../test/support/lspClient';
import {
  GOOD_SCHEMA,
  openHostile,
  PROBE_TEMPLATE,
  schemaChurn,
  verdictOf,
} from '../test/robustness/hostileServer';
import { SHAPES, type Shape } from '../test/robustness/shapes';

const DIST = resolve(process.argv[2] ?? 'dist');
const ROW_TIMEOUT_MS = 60_000;
const isCurrentBuild = DIST === resolve('dist');
/** Printed as they complete, so a build that hangs on one row still shows the others. */
const rows = { push: (r: string[]) => console.log(`| ${r.join(' | ')} |`) };
const fmt = (ms: number) =>
  ms >= ROW_TIMEOUT_MS
    ? `> ${ROW_TIMEOUT_MS / 1000} s`
    : ms >= 1000
      ? `${(ms / 1000).toFixed(1)} s`
      : `${Math.round(ms)} ms`;

/** A fresh server on a fresh workspace folder with the examples' schema and an open probe document. */
async function withServer<T>(
  run: (client: LspClient, root: string, probeUri: string) => Promise<T>,
): Promise<T | undefined> {
  const root = mkdtempSync(join(tmpdir(), 'cleanrooms-bench-hostile-'));
  writeFileSync(join(root, 'cleanrooms.schema.json'), GOOD_SCHEMA);
  const client = startServer({ args: [join(DIST, 'server.js'), '--stdio'] });
  try {
    await client.initialize({ rootUri: fileUri(root) });
    const probeUri = fileUri(join(root, 'probe.cleanrooms.sql'));
    client.open(probeUri, PROBE_TEMPLATE, 1);
    await verdictOf(client, probeUri, 30_000);
    // A run still waiting when the row times out rejects later: that is the timeout, not a crash.
    const answered = run(client, root, probeUri).catch(() => undefined);
    return await Promise.race([
      answered,
      new Promise<undefined>((r) => setTimeout(() => r(undefined), ROW_TIMEOUT_MS)),
    ]);
  } finally {
    client.process.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  }
}

async function shapeRow(shape: Shape, size: number): Promise<void> {
  const began = performance.now();
  const r = await withServer((client, root, probeUri) =>
    openHostile(
      client,
      fileUri(join(root, 'hostile.cleanrooms.sql')),
      shape.build(size),
      probeUri,
      ROW_TIMEOUT_MS,
    ),
  );
  const label = `${shape.name}, ${size.toLocaleString('en-US')}`;
  rows.push(
    r
      ? [label, fmt(r.diagnosticsMs), r.verdict, fmt(r.probeMaxMs)]
      : [label, fmt(performance.now() - began), 'no answer', '—'],
  );
}

async function churnRow(bytes: number): Promise<void> {
  const r = await withServer(async (client, root, probeUri) => {
    const dir = join(root, 'churn');
    mkdirSync(dir);
    writeFileSync(join(dir, 'cleanrooms.schema.json'), GOOD_SCHEMA);
    const templateUri = fileUri(join(dir, 'reach.cleanrooms.sql'));
    client.open(templateUri, PROBE_TEMPLATE, 1);
    await verdictOf(client, templateUri);
    return schemaChurn(
      client,
      join(dir, 'cleanrooms.schema.json'),
      templateUri,
      probeUri,
      bytes,
      56,
      3,
    );
  });
  const label = `schema rewritten 56×/s for 3 s, ${(bytes / 1e6).toFixed(1)} MB`;
  rows.push(
    r
      ? [
          `${label} (${r.writes} writes)`,
          `newest after ${fmt(r.settleMs)}`,
          r.verdict,
          fmt(r.probeMaxMs),
        ]
      : [label, `> ${ROW_TIMEOUT_MS / 1000} s`, 'no answer', '—'],
  );
}

async function specialSchemaRow(label: string, make: (path: string) => void): Promise<void> {
  let began = performance.now();
  const r = await withServer(async (client, root) => {
    const dir = join(root, 'special');
    mkdirSync(dir);
    make(join(dir, 'cleanrooms.schema.json'));
    const uri = fileUri(join(dir, 't.cleanrooms.sql'));
    began = performance.now();
    client.open(uri, PROBE_TEMPLATE, 1);
    await client.waitForDiagnostics(uri, (p) => p.version === 1, ROW_TIMEOUT_MS);
    return (await verdictOf(client, uri)).verdict;
  });
  rows.push([label, fmt(performance.now() - began), r ?? 'no answer', '—']);
}

function cliRow(label: string, args: string[], cwd: string): void {
  const began = performance.now();
  const r = spawnSync(process.execPath, [join(DIST, 'cli.js'), 'check', ...args], {
    cwd,
    encoding: 'utf8',
    timeout: ROW_TIMEOUT_MS,
  });
  const raw = [...((r.stdout ?? '') + (r.stderr ?? ''))].filter(
    (c) => c === '\u001b' || c === '\u0007',
  ).length;
  const outcome = r.signal
    ? `killed (${r.signal})`
    : `exit ${r.status}${raw ? `, ${raw} raw ESC/BEL` : ''}: ${
        (r.stderr ?? '')
          .split('\n')
          .find((l) => /cannot|error/i.test(l))
          ?.slice(0, 90) ?? ''
      }`;
  rows.push([label, fmt(performance.now() - began), outcome, '—']);
}

async function main(): Promise<void> {
  console.log(
    `Build: ${DIST}\n\n| input | answered after | verdict / outcome | other document's hover waited |\n|---|---|---|---|`,
  );
  for (const shape of Object.values(SHAPES) as Shape[]) {
    await shapeRow(shape, shape.issueSize);
    await shapeRow(shape, shape.issueSize * 10);
  }
  await churnRow(6_500_000);
  await churnRow(65_000_000);
  if (isCurrentBuild)
    await specialSchemaRow('schema → /dev/zero', (p) => symlinkSync('/dev/zero', p));
  await specialSchemaRow('schema is a FIFO', (p) => execFileSync('mkfifo', [p]));

  const ws = mkdtempSync(join(tmpdir(), 'cleanrooms-bench-cli-'));
  mkdirSync(join(ws, '.git'));
  writeFileSync(join(ws, 'cleanrooms.schema.json'), GOOD_SCHEMA);
  writeFileSync(join(ws, 'good.cleanrooms.sql'), PROBE_TEMPLATE);
  execFileSync('mkfifo', [join(ws, 'pipe.cleanrooms.sql')]);
  cliRow('CLI: a FIFO among the templates', [ws], ws);
  cliRow(
    'CLI: a path through a file (ENOTDIR)',
    [join(ws, 'good.cleanrooms.sql', 'x.cleanrooms.sql'), join(ws, 'good.cleanrooms.sql')],
    ws,
  );
  if (isCurrentBuild)
    cliRow(
      'CLI: --schema /dev/zero',
      ['--schema', '/dev/zero', join(ws, 'good.cleanrooms.sql')],
      ws,
    );
  writeFileSync(
    join(ws, 'evil.cleanrooms.sql'),
    '-- @name Evil\u001b[2K\u0007\nSELECT COUNT(DISTINCT user_id) FROM socialco_impressions',
  );
  cliRow('CLI: ESC/BEL in a template name', [join(ws, 'evil.cleanrooms.sql')], ws);
  rmSync(ws, { recursive: true, force: true });
}

void main().then(() => process.exit(0));

// `npm run bench`: measures analysis time, edit-to-diagnostics latency against the peer
// (sql-language-server), start-up, bundle size, memory, the 500 KB case and Run Locally on 1M rows; prints the tables
// and writes them to bench/results.md, the numbers to bench/results.json. Numbers, not
// pass/fail: goals are reported as met or missed.
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analysisBench, type AnalysisRow } from './analysis';
import { localRunBench, LOCAL_ROWS } from './localRun';
import {
  bigDocument,
  makeWorkspace,
  MANY_CTE_TYPED,
  rssOverEdits,
  startup,
  typingLatency,
  TYPED_CHARS,
  type BigDocResult,
  type RssResult,
  type StartupResult,
  type TypingResult,
} from './lspBench';
import { ourServer } from './lspSession';
import { manyCteRows, manyCteRuns, MANY_CTE_HEAD } from './manyCte';
import { ensurePeer } from './peer';
import { median, ms } from './stats';
import { benchTemplates, manyCteTemplate, measure, peerParsableEightKb } from './templates';

const manyCteTemplateBytes = () => measure.bytes(manyCteTemplate()).toLocaleString('en-US');

const OURS = ourServer('ours (dist/server.js)', 'dist/server.js');
/** Ours with no storage folder: no code cache, the whole bundle compiled at every start. */
const OURS_COLD = ourServer('ours, no code cache (cold)', 'dist/server.js', { cache: false });
const OUR_LANGUAGE = 'cleanrooms-sql';
const PEER_LANGUAGE = 'sql';
const MB = 1024 * 1024;

type Outcome<T> = { ok: T } | { error: string };

async function attempt<T>(what: string, f: () => T | Promise<T>): Promise<Outcome<T>> {
  console.error(`bench: ${what}...`);
  try {
    return { ok: await f() };
  } catch (e) {
    return { error: (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 300) };
  }
}

/** Median ms to spawn `node -e 0` and see it exit: the floor under any server's start-up here. */
function bareNodeMs(runs = 5): number {
  const times = Array.from({ length: runs }, () => {
    const t0 = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    return performance.now() - t0;
  });
  return ms(median(times));
}

function distSizes(): Array<{ file: string; bytes: number }> {
  return readdirSync('dist')
    .filter((f) => f.endsWith('.js'))
    .sort()
    .map((file) => ({ file: `dist/${file}`, bytes: statSync(join('dist', file)).size }));
}

const fmt = (x: number | undefined) =>
  x === undefined || Number.isNaN(x) ? 'n/a' : x >= 100 ? x.toFixed(0) : x.toFixed(2);
const table = (head: string[], rows: Array<Array<string | number>>) =>
  [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
const failed = (o: Outcome<unknown>) => ('error' in o ? `not measured: ${o.error}` : '');

async function main(): Promise<void> {
  const templates = benchTemplates();
  const eightKb = templates.find((t) => t.label.startsWith('8 KB'))!.text;
  const big = templates.find((t) => t.label === '500 KB')!.text;
  const loadBefore = loadavg()[0];
  const dir = mkdtempSync(join(tmpdir(), 'cleanrooms-bench-'));
  const ws = makeWorkspace(dir, {});

  const analysis = await attempt('analysis time (analyze())', analysisBench);
  const peer = ensurePeer();
  const ourTyping = await attempt('typing latency, ours', () =>
    typingLatency(OURS, ws, OUR_LANGUAGE, eightKb),
  );
  const peerTyping: Outcome<TypingResult> =
    'command' in peer
      ? await attempt('typing latency, peer', () =>
          typingLatency(peer.command, ws, PEER_LANGUAGE, eightKb),
        )
      : { error: peer.error };
  // The peer's parser stops at the first window function, so it also gets a text it parses whole.
  const parsable = peerParsableEightKb();
  const ourTypingParsable = await attempt('typing latency, ours, no window functions', () =>
    typingLatency(OURS, ws, OUR_LANGUAGE, parsable),
  );
  const peerTypingParsable: Outcome<TypingResult> =
    'command' in peer
      ? await attempt('typing latency, peer, no window functions', () =>
          typingLatency(peer.command, ws, PEER_LANGUAGE, parsable),
        )
      : { error: peer.error };
  const manyCte = await attempt('many-CTE probe (issue 15), ours and the peer', () =>
    manyCteRuns(2),
  );
  const bareNode = bareNodeMs();
  const ourStart = await attempt('start-up, ours', () => startup(OURS, ws, OUR_LANGUAGE, eightKb));
  const ourColdStart = await attempt('start-up, ours without a code cache', () =>
    startup(OURS_COLD, ws, OUR_LANGUAGE, eightKb),
  );
  const peerStart: Outcome<StartupResult> =
    'command' in peer
      ? await attempt('start-up, peer', () => startup(peer.command, ws, PEER_LANGUAGE, eightKb))
      : { error: peer.error };
  const rss = await attempt('RSS over 1,000 edits, ours', () =>
    rssOverEdits(OURS, ws, OUR_LANGUAGE, eightKb),
  );
  const bigDoc = await attempt('500 KB over LSP, ours', () =>
    bigDocument(OURS, ws, OUR_LANGUAGE, eightKb, big),
  );
  const localRun = await attempt(
    `Run Locally on ${LOCAL_ROWS.toLocaleString('en-US')} generated rows`,
    () => localRunBench(),
  );
  const sizes = distSizes();
  const distTotal = sizes.reduce((a, s) => a + s.bytes, 0);
  rmSync(dir, { recursive: true, force: true });

  // Other processes on the machine inflate every timing: the 1-minute load average says how much.
  const load = {
    before: Math.round(loadBefore * 10) / 10,
    after: Math.round(loadavg()[0] * 10) / 10,
  };
  const out: string[] = [];
  out.push(
    `## Bench (${new Date().toISOString().slice(0, 10)}, Node ${process.versions.node}, ${cpus().length} × ${cpus()[0]?.model.trim()}, load average ${load.before} → ${load.after})`,
  );

  out.push('\n### Analysis time: analyze() = template parse + SQL parse + all rules (ms)');
  if ('ok' in analysis)
    out.push(
      table(
        ['template', 'bytes', 'lines', 'verdict', 'cold (1st run)', 'p50', 'p95', 'max', 'runs'],
        analysis.ok.map((r) => [
          r.label,
          r.bytes,
          r.lines,
          r.verdict,
          fmt(r.coldMs),
          fmt(r.warm.p50),
          fmt(r.warm.p95),
          fmt(r.warm.max),
          r.warm.n,
        ]),
      ),
    );
  else out.push(failed(analysis));

  const ratio = typingSection(out, '8 KB DP template', ourTyping, peerTyping);
  const ratioParsable = typingSection(
    out,
    '8 KB DP template without window functions (the peer parses all of it, then lints)',
    ourTypingParsable,
    peerTypingParsable,
  );

  out.push(
    `\n### Many CTEs (issue 15's probe): 40 CTEs, ${manyCteTemplateBytes()} bytes, last ${MANY_CTE_TYPED} characters typed one by one, full document per change (two fresh servers each, alternating)`,
  );
  if ('ok' in manyCte) {
    const { ours: o, peer: p } = manyCte.ok;
    out.push(
      table(MANY_CTE_HEAD, [
        ...manyCteRows(o),
        ...('error' in p
          ? [['sql-language-server 1.7.1', `not measured: ${p.error}`, '', '', '', '', '', '']]
          : manyCteRows(p)),
      ]),
    );
  } else out.push(failed(manyCte));

  out.push('\n### Start-up (ms; first run / median of 5)');
  out.push(
    table(
      ['server', 'spawn → initialize answered', 'didOpen (8 KB) → first diagnostics'],
      [ourStart, ourColdStart, peerStart]
        .map((o, i) =>
          'ok' in o
            ? [
                o.ok.server,
                `${fmt(o.ok.initializeMs.first)} / ${fmt(o.ok.initializeMs.median)}`,
                `${fmt(o.ok.firstDiagnosticsMs.first)} / ${fmt(o.ok.firstDiagnosticsMs.median)}`,
              ]
            : [[OURS.label, OURS_COLD.label, 'sql-language-server 1.7.1'][i], failed(o), ''],
        )
        .concat([['baseline: `node -e 0`, spawn → exit (median)', fmt(bareNode), '']]),
    ),
  );

  out.push('\n### Bundle size');
  // .vscodeignore ships extension.js, server.js, languageServer.js and localEngine.js (with sql-wasm.wasm); cli.js is the npm `bin` only.
  const shipped = sizes
    .filter((s) => /\/(extension|server|languageServer|localEngine)\.js$/.test(s.file))
    .reduce((a, s) => a + s.bytes, 0);
  out.push(
    table(
      ['file', 'bytes'],
      [
        ...sizes.map((s) => [s.file, s.bytes]),
        ['**total**', distTotal],
        [
          'in the .vsix (extension.js + server.js + languageServer.js + localEngine.js; sql-wasm.wasm comes on top)',
          shipped,
        ],
      ],
    ),
  );

  out.push('\n### Server RSS over 1,000 edits (MB, VmRSS of the server pid, every 100 edits)');
  if ('ok' in rss) {
    out.push(
      table(
        ['edits', ...rss.ok.samples.map(([n]) => String(n))],
        [['RSS', ...rss.ok.samples.map(([, v]) => v.toFixed(1))]],
      ),
    );
    out.push(
      `Max ${rss.ok.maxMb.toFixed(1)} MB; growth from edit 100 to edit ${rss.ok.edits}: ${rss.ok.growthMb.toFixed(1)} MB`,
    );
  } else out.push(failed(rss));

  out.push('\n### 500 KB over LSP (ms)');
  if ('ok' in bigDoc)
    out.push(
      table(
        ['case', 'ms'],
        [
          ['didOpen 500 KB → its diagnostics', fmt(bigDoc.ok.bigAloneMs)],
          [
            '500 KB opened, then at once a 1-char edit in another document → that edit’s diagnostics',
            fmt(bigDoc.ok.otherDocEditMs),
          ],
          [
            'document replaced by 500 KB, then at once by 8 KB → the 8 KB version’s diagnostics',
            fmt(bigDoc.ok.sameDocEditMs),
          ],
        ],
      ),
    );
  else out.push(failed(bigDoc));

  out.push(
    `\n### Run Locally: ${LOCAL_ROWS.toLocaleString('en-US')} generated rows, COUNT(DISTINCT) + COUNT(*) GROUP BY over 40 campaigns (ms)`,
  );
  if ('ok' in localRun) {
    const l = localRun.ok;
    out.push(
      table(
        ['measure', 'value'],
        [
          ['cold engine: worker start + WebAssembly load + empty query', fmt(l.coldEngineMs)],
          [
            `whole run in the worker (${(l.csvBytes / MB).toFixed(1)} MB CSV: read, insert, query; ${l.groups} groups)`,
            fmt(l.workerMs),
          ],
          ['of which, in-process: reading and typing the CSV', fmt(l.readCsvMs)],
          ['of which, in-process: SQLite insert + GROUP BY', fmt(l.insertAndQueryMs)],
          [`SELECT * (${l.rows} rows) through the worker, received in chunks`, fmt(l.allRowsMs)],
          ['longest event-loop stall in the host meanwhile', fmt(l.allRowsMaxStallMs)],
          ['results table sort of all rows by a text column (sliced)', fmt(l.sortMs)],
          ['longest event-loop stall in the host meanwhile', fmt(l.sortMaxStallMs)],
          [
            'dist/localEngine.js + dist/sql-wasm.wasm (bytes)',
            `${l.bundleBytes['dist/localEngine.js']} + ${l.bundleBytes['dist/sql-wasm.wasm']}`,
          ],
        ],
      ),
    );
  } else out.push(failed(localRun));

  const goals = [
    ...evaluateGoals(analysis, ourTyping, ratio, ourStart, distTotal, rss, bigDoc),
    ...manyCteGoals(manyCte),
  ];
  out.push('\n### Goals');
  out.push(
    table(
      ['goal', 'measured', 'met?'],
      goals.map((g) => [
        g.goal,
        g.measured,
        g.met === undefined ? 'not measured' : g.met ? 'met' : '**missed**',
      ]),
    ),
  );

  const text = out.join('\n');
  console.log(text);
  writeFileSync('bench/results.md', `${text}\n`);
  const pick = <T>(o: Outcome<T>) => ('ok' in o ? o.ok : { error: o.error });
  writeFileSync(
    'bench/results.json',
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.versions.node,
        cpus: cpus().length,
        cpu: cpus()[0]?.model.trim(),
        loadAverage: load,
        typedChars: TYPED_CHARS,
        analysis: pick(analysis),
        typing: { ours: pick(ourTyping), peer: pick(peerTyping), ratio },
        typingNoWindows: {
          ours: pick(ourTypingParsable),
          peer: pick(peerTypingParsable),
          ratio: ratioParsable,
        },
        manyCte: pick(manyCte),
        startup: {
          ours: pick(ourStart),
          oursCold: pick(ourColdStart),
          peer: pick(peerStart),
          bareNodeMs: bareNode,
        },
        dist: { files: sizes, total: distTotal },
        rss: pick(rss),
        bigDocument: pick(bigDoc),
        localRun: pick(localRun),
        goals,
      },
      null,
      2,
    )}\n`,
  );
  console.error('bench: wrote bench/results.md and bench/results.json');
}

/** One typing comparison: the table, what each server reported at the end, and peer ÷ ours. */
function typingSection(
  out: string[],
  title: string,
  ours: Outcome<TypingResult>,
  peer: Outcome<TypingResult>,
): { p50: number; p95: number } | undefined {
  out.push(
    `\n### Edit-to-diagnostics over LSP/stdio (ms): ${title}, last ${TYPED_CHARS} characters typed one by one`,
  );
  const rows = [ours, peer].map((o, i) =>
    'ok' in o
      ? [
          o.ok.server,
          `${o.ok.diagnosticsMode}, sync ${o.ok.syncKind === 2 ? 'incremental' : 'full'}`,
          o.ok.edits,
          fmt(o.ok.latency.p50),
          fmt(o.ok.latency.p95),
          fmt(o.ok.latency.max),
        ]
      : [i === 0 ? OURS.label : 'sql-language-server 1.7.1', failed(o), '', '', '', ''],
  );
  out.push(table(['server', 'diagnostics', 'edits', 'p50', 'p95', 'max'], rows));
  for (const o of [ours, peer])
    if ('ok' in o)
      out.push(
        `- ${o.ok.server}, diagnostics on the finished text: ${o.ok.finalDiagnostics.count}${o.ok.finalDiagnostics.first.map((m) => `; “${m}”`).join('')}`,
      );
  const ratio =
    'ok' in ours && 'ok' in peer
      ? {
          p50: peer.ok.latency.p50 / ours.ok.latency.p50,
          p95: peer.ok.latency.p95 / ours.ok.latency.p95,
        }
      : undefined;
  out.push(
    ratio
      ? `\nPeer ÷ ours: p50 ${ratio.p50.toFixed(1)}×, p95 ${ratio.p95.toFixed(1)}×`
      : '\nPeer ÷ ours: n/a (one side not measured)',
  );
  return ratio;
}

interface Goal {
  goal: string;
  measured: string;
  met?: boolean;
}

function evaluateGoals(
  analysis: Outcome<AnalysisRow[]>,
  typing: Outcome<TypingResult>,
  ratio: { p50: number; p95: number } | undefined,
  start: Outcome<StartupResult>,
  distTotal: number,
  rss: Outcome<RssResult>,
  bigDoc: Outcome<BigDocResult>,
): Goal[] {
  const row = (label: string) =>
    'ok' in analysis ? analysis.ok.find((r) => r.label === label) : undefined;
  const eight = row('8 KB (DP max)');
  const big = row('500 KB');
  const bigWorst = big ? Math.max(big.coldMs, big.warm.max) : undefined;
  const t = 'ok' in typing ? typing.ok.latency : undefined;
  const s = 'ok' in start ? start.ok.initializeMs.median : undefined;
  const r = 'ok' in rss ? rss.ok : undefined;
  const b = 'ok' in bigDoc ? bigDoc.ok : undefined;
  const newer = b ? Math.max(b.otherDocEditMs, b.sameDocEditMs) : undefined;
  return [
    {
      goal: '8 KB analysis p95 ≤ 10 ms',
      measured: eight ? `${fmt(eight.warm.p95)} ms` : 'n/a',
      met: eight ? eight.warm.p95 <= 10 : undefined,
    },
    {
      goal: 'edit-to-diagnostics p95 ≤ 25 ms',
      measured: t ? `${fmt(t.p95)} ms` : 'n/a',
      met: t ? t.p95 <= 25 : undefined,
    },
    {
      goal: '≥ 3× faster than sql-language-server (p50 and p95)',
      measured: ratio ? `${ratio.p50.toFixed(1)}× / ${ratio.p95.toFixed(1)}×` : 'n/a',
      met: ratio ? ratio.p50 >= 3 && ratio.p95 >= 3 : undefined,
    },
    {
      goal: '500 KB analysed ≤ 1 s (cold and warm max)',
      measured: bigWorst !== undefined ? `${fmt(bigWorst)} ms` : 'n/a',
      met: bigWorst !== undefined ? bigWorst <= 1000 : undefined,
    },
    {
      goal: 'a newer edit is not delayed by a 500 KB analysis (its diagnostics ≤ 50 ms)',
      measured: newer !== undefined ? `${fmt(newer)} ms` : 'n/a',
      met: newer !== undefined ? newer <= 50 : undefined,
    },
    {
      goal: 'server start (spawn → initialize, median) ≤ 150 ms',
      measured: s !== undefined ? `${fmt(s)} ms` : 'n/a',
      met: s !== undefined ? s <= 150 : undefined,
    },
    {
      goal: 'dist/*.js total ≤ 1.5 MB (1,572,864 bytes)',
      measured: `${(distTotal / MB).toFixed(2)} MB`,
      met: distTotal <= 1.5 * MB,
    },
    {
      goal: 'RSS ≤ 100 MB and flat (growth ≤ 10 MB from edit 100 to 1,000)',
      measured: r ? `max ${r.maxMb.toFixed(1)} MB, growth ${r.growthMb.toFixed(1)} MB` : 'n/a',
      met: r ? r.maxMb <= 100 && r.growthMb <= 10 : undefined,
    },
  ];
}

/** Issue 15's bar on its probe, from the median over the runs of each figure. */
function manyCteGoals(o: Outcome<Awaited<ReturnType<typeof manyCteRuns>>>): Goal[] {
  const ours = 'ok' in o ? o.ok.ours.filter((r) => r.server === OURS.label) : [];
  const peer = 'ok' in o && !('error' in o.ok.peer) ? o.ok.peer : [];
  const p50 = ours.length ? median(ours.map((r) => r.latency.p50)) : undefined;
  const p95 = ours.length ? median(ours.map((r) => r.latency.p95)) : undefined;
  const peerP50 = peer.length ? median(peer.map((r) => r.latency.p50)) : undefined;
  return [
    {
      goal: 'many CTEs: p95 ≤ 16 ms (one frame)',
      measured: p95 !== undefined ? `${fmt(p95)} ms` : 'n/a',
      met: p95 !== undefined ? p95 <= 16 : undefined,
    },
    {
      goal: 'many CTEs: ≥ 3× faster than sql-language-server at p50',
      measured:
        p50 !== undefined && peerP50 !== undefined ? `${(peerP50 / p50).toFixed(1)}×` : 'n/a',
      met: p50 !== undefined && peerP50 !== undefined ? peerP50 / p50 >= 3 : undefined,
    },
  ];
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);

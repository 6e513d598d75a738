// Issue 15's probe on its own: `node --import tsx bench/manyCte.ts [runs]` (after `npm run
// build`) prints init / p50 / p95 / max / RSS for ours and the peer, `runs` fresh servers each.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeWorkspace, manyCteProbe, type ManyCteResult } from './lspBench';
import { ourServer, type ServerCommand } from './lspSession';
import { ensurePeer } from './peer';
import { manyCteTemplate } from './templates';

/**
 * Ours, started as the extension starts it; `BENCH_NODE_DEFAULTS=1` adds ours with node's default
 * heap and malloc settings, `BENCH_BASELINE=<dir>` adds `<dir>/dist/server.js` (e.g. an older build).
 */
const SERVERS: ServerCommand[] = [
  ourServer('ours (dist/server.js)', 'dist/server.js'),
  ...(process.env.BENCH_NODE_DEFAULTS
    ? [ourServer('ours, node defaults', 'dist/server.js', { nodeDefaults: true })]
    : []),
  ...(process.env.BENCH_BASELINE
    ? [
        ourServer(
          `baseline (${process.env.BENCH_BASELINE})`,
          join(process.env.BENCH_BASELINE, 'dist/server.js'),
        ),
      ]
    : []),
];

/** `runs` probes per server, alternating ours and the peer so both see the same load. */
export async function manyCteRuns(
  runs: number,
): Promise<{ ours: ManyCteResult[]; peer: ManyCteResult[] | { error: string } }> {
  const dir = mkdtempSync(join(tmpdir(), 'cleanrooms-many-cte-'));
  const ws = makeWorkspace(dir, {});
  const text = manyCteTemplate();
  const peer = ensurePeer();
  const ours: ManyCteResult[] = [];
  const theirs: ManyCteResult[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      for (const server of SERVERS)
        ours.push(await manyCteProbe(server, ws, 'cleanrooms-sql', text));
      if ('command' in peer) theirs.push(await manyCteProbe(peer.command, ws, 'sql', text));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { ours, peer: 'command' in peer ? theirs : { error: peer.error } };
}

export const MANY_CTE_HEAD = [
  'server',
  'init',
  'p50',
  'p95',
  'max',
  'server CPU per edit',
  'RSS after 1,000 edits (MB)',
  'diagnostics at the end',
];

export function manyCteRows(results: ManyCteResult[]): Array<Array<string | number>> {
  return results.map((r) => [
    r.server,
    r.initializeMs.toFixed(0),
    r.latency.p50.toFixed(2),
    r.latency.p95.toFixed(2),
    r.latency.max.toFixed(2),
    r.cpuMsPerEdit.toFixed(2),
    r.rssMb.toFixed(1),
    r.finalDiagnostics,
  ]);
}

if (process.argv[1]?.endsWith('manyCte.ts')) {
  manyCteRuns(Number(process.argv[2] ?? 1)).then(({ ours, peer }) => {
    const rows = [
      ...manyCteRows(ours),
      ...('error' in peer ? [[`peer: ${peer.error}`]] : manyCteRows(peer)),
    ];
    console.log(`| ${MANY_CTE_HEAD.join(' | ')} |\n|${MANY_CTE_HEAD.map(() => '---').join('|')}|`);
    for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  });
}

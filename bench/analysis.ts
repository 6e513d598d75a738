// Analysis time: analyze() (template parse, SQL parse, every rule) on the generated templates.
// The cold figure is the first call in a fresh process, so it includes the parser's JIT
// warm-up; the warm figures come from one long-lived process after warm-up calls.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { analyze } from '../server/src/core/analyze';
import { parseSchema } from '../server/src/core/schema/parse';
import { benchTemplates, measure, SCHEMA_JSON } from './templates';
import { ms, summarize, type Summary } from './stats';

export interface AnalysisRow {
  label: string;
  bytes: number;
  lines: number;
  verdict: string;
  diagnostics: number;
  coldMs: number;
  warm: Summary;
}

/** Warm-up calls and measured calls per size, scaled down for the big ones to bound the run. */
const RUNS: Record<string, [warmup: number, runs: number]> = {
  '20 lines': [50, 500],
  '200 lines': [30, 300],
  '8 KB (DP max)': [30, 300],
  '100 KB': [2, 10],
  '500 KB': [1, 5],
};
/** Measured calls stop early once a size has used this much time (at least 3 calls are made). */
const BUDGET_MS = 20_000;

function coldMs(index: number): number {
  const res = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'bench/analysis.ts', '--cold', String(index)],
    { encoding: 'utf8', timeout: 120_000 },
  );
  const m = /^cold (\S+)$/m.exec(res.stdout ?? '');
  if (!m) throw new Error(`cold analysis run failed: ${res.stderr}`);
  return Number(m[1]);
}

export function analysisBench(): AnalysisRow[] {
  const schema = parseSchema(SCHEMA_JSON).schema;
  return benchTemplates().map((t, index) => {
    const cold = coldMs(index);
    const [warmup, runs] = RUNS[t.label];
    let result = analyze(t.text, schema);
    for (let i = 1; i < warmup; i++) result = analyze(t.text, schema);
    const samples: number[] = [];
    const began = performance.now();
    for (let i = 0; i < runs && (i < 3 || performance.now() - began < BUDGET_MS); i++) {
      const t0 = performance.now();
      analyze(t.text, schema);
      samples.push(performance.now() - t0);
    }
    const warm = summarize(samples);
    return {
      label: t.label,
      bytes: measure.bytes(t.text),
      lines: measure.lines(t.text),
      verdict: result.verdict,
      diagnostics: result.diagnostics.length,
      coldMs: ms(cold),
      warm: { n: warm.n, p50: ms(warm.p50), p95: ms(warm.p95), max: ms(warm.max) },
    };
  });
}

// `--cold N`: time the first analyze() of template N in this fresh process.
if (process.argv[2] === '--cold') {
  const t = benchTemplates()[Number(process.argv[3])];
  const schema = parseSchema(SCHEMA_JSON).schema;
  const t0 = performance.now();
  analyze(t.text, schema);
  console.log(`cold ${performance.now() - t0}`);
}

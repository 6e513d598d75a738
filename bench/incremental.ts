// Per-keystroke analysis cost on the many-CTE template (issue 15), from scratch (analyze()) and
// incremental (createIncrementalAnalyzer(), as the language server runs it per document): text
// typed one character at a time inside one CTE (the first, the 20th, the last) and at the end of
// the final SELECT. `node --import tsx bench/incremental.ts [rounds]`.
import { analyze, createIncrementalAnalyzer } from '../server/src/core/analyze';
import { parseSchema } from '../server/src/core/schema/parse';
import { manyCteTemplate, SCHEMA_JSON } from './templates';
import { summarize } from './stats';

const rounds = Number(process.argv[2] ?? 5);
const schema = parseSchema(SCHEMA_JSON).schema;
const template = manyCteTemplate();

/** Versions of the text while `typed` is typed at `at`, one character per version. */
function typing(text: string, at: number, typed: string): string[] {
  return Array.from(
    { length: typed.length },
    (_, k) => text.slice(0, at) + typed.slice(0, k + 1) + text.slice(at),
  );
}

/** The versions while the last 150 characters are typed (the LSP probe's edit). */
function typingTail(text: string): string[] {
  return Array.from({ length: 150 }, (_, k) => text.slice(0, text.length - 150 + k + 1));
}

const inCte = (n: number) => {
  const at = template.indexOf(`WHERE u.region = :region`, template.indexOf(`c${n} AS (`));
  return typing(template, at, "u.age_band <> 'unknown' AND ");
};

const scenarios = [
  { label: 'inside the first CTE (c1)', versions: inCte(1) },
  { label: 'inside the 20th CTE (c20)', versions: inCte(20) },
  { label: 'inside the last CTE (c40)', versions: inCte(40) },
  { label: 'the final SELECT (last 150 characters)', versions: typingTail(template) },
];

type Run = (text: string) => unknown;

/** Milliseconds per version (wall) over `rounds` replays, and CPU milliseconds per version. */
function measure(versions: string[], fresh: () => Run): { wall: number[]; cpu: number } {
  const wall: number[] = [];
  let cpu = 0;
  for (let r = 0; r < rounds; r++) {
    const run = fresh();
    // The version before the first keystroke, as the editor had analysed it.
    run(versions[0].slice(0, -1));
    const before = process.cpuUsage();
    for (const v of versions) {
      const t = performance.now();
      run(v);
      wall.push(performance.now() - t);
    }
    const used = process.cpuUsage(before);
    cpu += (used.user + used.system) / 1000;
  }
  return { wall, cpu: cpu / (versions.length * rounds) };
}

const scratch = () => (text: string) => analyze(text, schema);
const incremental = () => {
  const analyzer = createIncrementalAnalyzer();
  return (text: string) => analyzer(text, schema);
};

// Warm-up: both paths, every scenario, so the JIT and the syntax gate's cache are settled.
for (const s of scenarios) {
  measure(s.versions, scratch);
  measure(s.versions, incremental);
}

const fmt = (n: number) => n.toFixed(2);
console.log(`many-CTE template, ${template.length} characters, ${rounds} rounds per row`);
console.log('| typing | analysis | p50 ms | p95 ms | CPU ms per keystroke |');
console.log('|---|---|---|---|---|');
for (const s of scenarios) {
  for (const [label, fresh] of [
    ['from scratch', scratch],
    ['incremental', incremental],
  ] as const) {
    const { wall, cpu } = measure(s.versions, fresh);
    const { p50, p95 } = summarize(wall);
    console.log(`| ${s.label} | ${label} | ${fmt(p50)} | ${fmt(p95)} | ${fmt(cpu)} |`);
  }
}

// Runs test suites (folders under test/) with node's test runner and tsx, one process per
// suite, then prints one closing line with the totals of all suites.
// Usage: node scripts/run-tests.mjs [suite ...]   (default: every suite in SUITES order)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const SUITES = ['unit', 'lsp', 'emulator', 'aws', 'robustness', 'package', 'e2e'];
const requested = process.argv.slice(2);
const suites = requested.length ? requested : SUITES;
const unknown = suites.filter((s) => !SUITES.includes(s));
if (unknown.length) {
  console.error(`run-tests: unknown suite(s) ${unknown.join(', ')}; known: ${SUITES.join(', ')}`);
  process.exit(2);
}

function testFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .flatMap((name) => {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) return testFiles(p);
      return /\.test\.(ts|mts)$/.test(name) ? [p] : [];
    })
    .sort();
}

let pass = 0,
  fail = 0,
  skipped = 0;
for (const suite of suites) {
  const files = testFiles(join('test', suite));
  if (!files.length) continue;
  console.log(`\n=== ${suite}: ${files.length} file(s)`);
  // e2e drives one browser and one code-server at a time: no file concurrency there.
  const concurrency = suite === 'e2e' ? ['--test-concurrency=1'] : [];
  const res = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=spec', ...concurrency, ...files],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  process.stdout.write(res.stdout ?? '');
  const count = (label) =>
    Number((res.stdout ?? '').match(new RegExp(`ℹ ${label} (\\d+)`))?.[1] ?? 0);
  pass += count('pass');
  fail += count('fail') + count('cancelled');
  skipped += count('skipped');
  if (res.status !== 0 && count('fail') + count('cancelled') === 0) fail += 1; // crashed runner
}
console.log(`\ntotal: ${pass} passed, ${fail} failed, ${skipped} skipped`);
// A run that executed nothing must not pass as green.
process.exit(fail || pass === 0 ? 1 : 0);

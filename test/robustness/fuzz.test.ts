// Property-based fuzzing of dist/server.js over real LSP/stdio: random edit sequences on real
// templates (insertions and deletions anywhere, unterminated strings and comments, unicode with
// surrogate pairs and RTL, NUL bytes), plus a 1 MB single line and binary files. After every
// edit a random request at a random position must be answered within 2 s; the final version's
// diagnostics must arrive with every range inside the document; the server must never crash.
// Hostile shapes (issue 11: constructs nested deep, lists made wide, text repeated) are drawn
// from shapes.ts at random sizes, mutated by a few edits, and must be answered the same way.
// Seeded and bounded: FUZZ_RUNS (default 60) and FUZZ_SEED override; `npm run fuzz` runs longer
// and draws larger sizes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { InitializeResult } from 'vscode-languageserver-protocol';
import type { LspClient } from '../support/lspClient';
import { templateWithCtes } from '../../bench/templates';
import { NESTING, REPETITION, WIDTH } from './shapes';
import { loadCorpus } from '../corpus/corpus';
import {
  assertAnswered,
  assertNotCrashed,
  assertRangesInside,
  EXAMPLES,
  positionAt,
  scratchWorkspace,
  startInitialized,
  type RequestKind,
  type Workspace,
} from './support';

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const DIAGNOSTICS_MS = 10_000;

// The repository's DP corpus (test/corpus/), each query under a small header.
const corpusTemplates = loadCorpus().map((c) => `-- @name ${c.id}\n${c.sql}\n`);

const SEEDS: string[] = [
  ...readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.cleanrooms.sql'))
    .sort()
    .map((f) => readFileSync(join(EXAMPLES, f), 'utf8')),
  templateWithCtes(6),
  ...corpusTemplates,
];

// Fragments people (and broken files) actually produce, beside fully random strings.
const FRAGMENTS = [
  "'unterminated string",
  '/* unterminated comment',
  '"unterminated identifier',
  '-- trailing comment',
  '*/',
  "''",
  ':',
  ':start_date',
  '::int',
  '-- @param x INTEGER = ',
  '-- @name ',
  'WITH c AS (',
  ')',
  '(((',
  'SELECT',
  ' UNION ALL ',
  '\u0000',
  '\u0000\u0000\u0000',
  '😀',
  '𝒳𝒴',
  '\uD83D', // lone high surrogate
  '\uDE00', // lone low surrogate
  'مرحبا بالعالم',
  'שלום',
  '\u202Eevil\u202C',
  'e\u0301\u0301',
  '\r\n',
  '\r',
  '\t',
  '\uFEFF',
];

type Op =
  { kind: 'insert'; at: number; text: string } | { kind: 'delete'; at: number; length: number };
interface Step {
  op: Op;
  request?: { kind: RequestKind; at: number };
}

const AT = fc.double({ min: 0, max: 1, noNaN: true });
const INSERTED = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);
const OP: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: AT, text: INSERTED }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: AT,
    length: fc.integer({ min: 1, max: 200 }),
  }),
);
const STEP: fc.Arbitrary<Step> = fc.record(
  {
    op: OP,
    request: fc.record({
      kind: fc.constantFrom<RequestKind>('hover', 'completion', 'documentSymbol', 'codeAction'),
      at: AT,
    }),
  },
  { requiredKeys: ['op'] },
);

function apply(text: string, op: Op): string {
  const at = Math.floor(op.at * text.length);
  return op.kind === 'insert'
    ? text.slice(0, at) + op.text + text.slice(at)
    : text.slice(0, at) + text.slice(at + op.length);
}

let client: LspClient;
let init: InitializeResult;
let ws: Workspace;
let docs = 0;

before(async () => {
  ws = scratchWorkspace();
  ({ client, init } = await startInitialized());
});

after(async () => {
  await client?.dispose();
  ws?.dispose();
});

/** Opens `text` as a new template, runs `steps`, then checks the final version's diagnostics. */
async function drive(text: string, steps: Step[], context: string): Promise<void> {
  const uri = ws.uri(`fuzz-${++docs}.cleanrooms.sql`);
  let version = 1;
  client.open(uri, text, version);
  for (const [i, step] of steps.entries()) {
    text = apply(text, step.op);
    client.change(uri, ++version, text);
    if (step.request)
      await assertAnswered(
        client,
        init,
        step.request.kind,
        uri,
        positionAt(text, Math.floor(step.request.at * text.length)),
        `${context}, step ${i}`,
      );
  }
  const last = version;
  const published = await client.waitForDiagnostics(uri, (p) => p.version === last, DIAGNOSTICS_MS);
  assertRangesInside(published, text, context);
  client.close(uri);
  assertNotCrashed(client, context);
}

test(
  `random edit sequences on real templates (seed ${SEED}, ${RUNS} runs)`,
  { timeout: 30_000 + RUNS * 2_000 },
  async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(SEEDS.length - 1),
        fc.array(STEP, { minLength: 1, maxLength: 25 }),
        async (seedIndex, steps) => {
          await drive(SEEDS[seedIndex], steps, `template ${seedIndex}`);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  },
);

// Sizes for the hostile shapes: bounded in `npm test` so the sample runs in seconds; `npm run fuzz`
// (FUZZ_RUNS ≥ 200) goes past the parser's nesting limit and to texts of several 100 KB.
const LONG_RUN = RUNS >= 200;
const HOSTILE: fc.Arbitrary<{ family: string; name: string; text: string }> = fc.oneof(
  ...(
    [
      ['nested', NESTING, LONG_RUN ? 1000 : 300],
      ['wide', WIDTH, LONG_RUN ? 10_000 : 2000],
      ['repeated', REPETITION, LONG_RUN ? 50_000 : 10_000],
    ] as const
  ).map(([family, builders, max]) =>
    fc
      .record({
        name: fc.constantFrom(...Object.keys(builders)),
        size: fc.integer({ min: 1, max }),
      })
      .map(({ name, size }) => ({ family, name: `${name}(${size})`, text: builders[name](size) })),
  ),
);

test(
  `hostile shapes: deep, wide, repeated (seed ${SEED}, ${Math.ceil(RUNS / 4)} runs)`,
  { timeout: 60_000 + RUNS * 4_000 },
  async () => {
    await fc.assert(
      fc.asyncProperty(HOSTILE, fc.array(STEP, { maxLength: 4 }), async (shape, steps) => {
        await drive(shape.text, steps, `${shape.family} ${shape.name}`);
      }),
      { seed: SEED, numRuns: Math.ceil(RUNS / 4) },
    );
  },
);

/** Requests at the start, middle and end of a document that was just opened, each within 2 s. */
async function openAndProbe(text: string, name: string, on = { client, init }): Promise<void> {
  const uri = ws.uri(name);
  on.client.open(uri, text, 1);
  for (const at of [0, Math.floor(text.length / 2), text.length])
    for (const kind of ['hover', 'completion', 'documentSymbol', 'codeAction'] as const)
      await assertAnswered(on.client, on.init, kind, uri, positionAt(text, at), name);
  const published = await on.client.waitForDiagnostics(uri, (p) => p.version === 1, DIAGNOSTICS_MS);
  assertRangesInside(published, text, name);
  on.client.close(uri);
  assertNotCrashed(on.client, name);
}

test('a 1 MB single line', { timeout: 60_000 }, async () => {
  const line = `SELECT COUNT(DISTINCT user_id) FROM socialco_impressions WHERE device_type IN (${"'mobile', ".repeat(100_000)}'tv')`;
  assert.ok(line.length > 1_000_000 && !line.includes('\n'));
  // Its own server, so a server still busy with it cannot fail the tests after it.
  const own = await startInitialized();
  try {
    await openAndProbe(line, 'one-line.cleanrooms.sql', own);
  } finally {
    await own.client.dispose();
  }
});

test('NUL bytes through a real template', { timeout: 20_000 }, async () => {
  const text = SEEDS[0].replace(/ /g, (s, i: number) => (i % 7 === 0 ? '\u0000' : s));
  await openAndProbe(text, 'nul.cleanrooms.sql');
});

/** 64 KB of seeded pseudo-random bytes: what a binary file renamed to .cleanrooms.sql holds. */
function binaryBytes(): Buffer {
  const out = Buffer.alloc(64 * 1024);
  let s = 0x2f6b1d3;
  for (let i = 0; i < out.length; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

test(
  'a binary file renamed to .cleanrooms.sql (decoded as UTF-8 and as Latin-1)',
  { timeout: 30_000 },
  async () => {
    const bytes = binaryBytes();
    await openAndProbe(bytes.toString('utf8'), 'binary-utf8.cleanrooms.sql');
    await openAndProbe(bytes.toString('latin1'), 'binary-latin1.cleanrooms.sql');
  },
);

test('the server is still answering after all of it', { timeout: 10_000 }, async () => {
  const uri = ws.uri('after.cleanrooms.sql');
  client.open(uri, SEEDS[0], 1);
  const published = await client.waitForDiagnostics(uri, (p) => p.version === 1, DIAGNOSTICS_MS);
  assertRangesInside(published, SEEDS[0], 'after');
  assertNotCrashed(client, 'after');
});

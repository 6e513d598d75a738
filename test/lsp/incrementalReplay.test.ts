// What the server reuses between keystrokes (incremental sync, the per-document analysis cache,
// the syntax gate's per-piece parse cache) must never change a result: random edit sequences on a
// many-CTE template are replayed over real LSP, and every version's pushed diagnostics must equal
// those of a from-scratch analysis of that version's text, computed afterwards in this process in
// reverse order (so this side's caches see a different history).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { analyze } from '../../server/src/core/analyze';
import { parseSchema } from '../../server/src/core/schema/parse';
import { lineIndex } from '../../server/src/core/text';
import { toLspDiagnostic } from '../../server/src/features/convert';
import { SCHEMA, useServer } from './fixtures';

const DOCS = 'file:///ext/docs/diagnostics.md';
const OPTIONS = { subqueries: 'current-docs' as const, overflowWarnings: false };
const STEPS = Number(process.env.REPLAY_STEPS ?? 60);

/** 12 user-level CTEs, each joining the previous one to `impressions` again. */
function manyCtes(): string {
  const ctes = Array.from({ length: 12 }, (_, k) => {
    const i = k + 1;
    const from = i === 1 ? 'impressions' : `c${i - 1}`;
    return `c${i} AS (\n  SELECT p.user_id, p.campaign_id\n  FROM ${from} p\n  JOIN impressions q ON q.user_id = p.user_id\n  WHERE q.ts >= :since\n)`;
  });
  return `-- @name Reach\n-- @param since DATE = '2024-01-01'\nWITH ${ctes.join(',\n')}\nSELECT campaign_id, COUNT(DISTINCT user_id) AS reach\nFROM c12\nGROUP BY campaign_id\n`;
}

/** Seeded, so a failure replays: the seed is in the assertion message. */
function rng(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return Math.floor((s / 2 ** 32) * n);
  };
}

const SNIPPETS = [
  'x',
  ' ',
  ',',
  '(',
  ')',
  "'",
  '\n',
  '--',
  'SELECT ',
  'user_id',
  ' JOIN c1 ON 1 = 1',
  'COUNT(',
  ':since',
  'AS (',
];

interface Edit {
  start: number;
  end: number;
  insert: string;
  full: boolean;
}

function randomEdit(text: string, pick: (n: number) => number): Edit {
  const start = pick(text.length + 1);
  const full = pick(5) === 0;
  if (pick(3) === 0)
    return { start, end: Math.min(text.length, start + 1 + pick(12)), insert: '', full };
  return { start, end: start, insert: SNIPPETS[pick(SNIPPETS.length)], full };
}

const positionAt = (text: string, offset: number) => lineIndex(text).position(offset);

function fromScratch(uri: string, schemaUri: string, text: string): Diagnostic[] {
  const { schema } = parseSchema(SCHEMA);
  const targets = {
    uri,
    index: lineIndex(text),
    schema: { uri: schemaUri, index: lineIndex(SCHEMA) },
    docsUri: DOCS,
  };
  return analyze(text, schema, OPTIONS).diagnostics.map((d) => toLspDiagnostic(d, targets));
}

describe('incremental analysis equals from-scratch analysis over random edit sequences', () => {
  const session = useServer();

  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: ${STEPS} random edits, ranged and full-text changes`, async () => {
      const pick = rng(seed);
      const uri = session.ws.uri(`replay-${seed}.cleanrooms.sql`);
      const texts = [manyCtes()];
      const pushed: Diagnostic[][] = [];
      session.client.open(uri, texts[0]);
      pushed.push(
        (await session.client.waitForDiagnostics(uri, (p) => p.version === 1, 10_000)).diagnostics,
      );
      for (let v = 2; v <= STEPS + 1; v++) {
        const before = texts[texts.length - 1];
        const e = randomEdit(before, pick);
        const after = before.slice(0, e.start) + e.insert + before.slice(e.end);
        const change: TextDocumentContentChangeEvent = e.full
          ? { text: after }
          : {
              range: { start: positionAt(before, e.start), end: positionAt(before, e.end) },
              text: e.insert,
            };
        session.client.change(uri, v, [change]);
        texts.push(after);
        pushed.push(
          (await session.client.waitForDiagnostics(uri, (p) => p.version === v, 10_000))
            .diagnostics,
        );
      }
      session.client.close(uri);
      for (let i = texts.length - 1; i >= 0; i--) {
        assert.deepEqual(
          pushed[i],
          fromScratch(uri, session.ws.schemaUri, texts[i]),
          `seed ${seed}, version ${i + 1}:\n${texts[i]}`,
        );
      }
    });
  }
});

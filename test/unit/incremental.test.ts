// The incremental analyzer (createIncrementalAnalyzer) reuses the tokens and the built, resolved
// CTEs the previous version of a document left. It must never change a result: random edit
// sequences (seeded) are replayed over the examples, a sample of the corpus and the bench's
// templates, and at every step its result must deep-equal a from-scratch analyze() of the same
// text: diagnostics (spans, messages, severities, fixes, related), verdict, parameter references
// and the model the editor features read.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyze, createIncrementalAnalyzer } from '../../server/src/core/analyze';
import { lex, paramRefs, type Token } from '../../server/src/core/sql/lexer';
import { parseSchema } from '../../server/src/core/schema/parse';
import type { AnalyzeOptions, Schema } from '../../server/src/core/types';
import { manyCteTemplate, SCHEMA_JSON, templateWithCtes } from '../../bench/templates';
import { loadCorpus, type CorpusCase } from '../corpus/corpus';

const ROOT = join(import.meta.dirname, '..', '..');
const STEPS = Number(process.env.REPLAY_STEPS ?? 120);

/** Seeded, so a failure replays: the seed and step are in the assertion message. */
function rng(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return Math.floor((s / 2 ** 32) * n);
  };
}

const CHARS = ['x', '1', ' ', '\n', ',', '(', ')', "'", '"', '.', '-', '*', '/', ':', ';', 'é'];
/** Pasted fragments: new CTEs, splits, broken and half-typed SQL, comments, strings. */
const FRAGMENTS = [
  'user_id',
  ' AS m2',
  'SELECT ',
  ', extra AS (SELECT user_id, campaign_id FROM socialco_impressions)',
  ')\n, split AS (SELECT user_id FROM c1',
  'COUNT(DISTINCT user_id)',
  ' JOIN socialco_users v ON v.user_id = p.user_id',
  ' ORDER BY 1 LIMIT 5',
  'ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY campaign_id)',
  '(SELECT MAX(user_id) FROM socialco_users)',
  ' WHERE EXISTS (SELECT 1 FROM socialco_users)',
  "'%' || :region || '%'",
  '/* block */',
  '/* open',
  '-- trailing\n',
  'x::int',
  'TOP 5 ',
  'CONVERT(int, 1)',
  'SYSDATE',
  ' GROUP BY ROLLUP(user_id)',
  '((((',
  '))',
  ';\nSELECT 1',
  '"Quoted Name"',
  ':new_param',
  '\n-- @param added STRING\n',
];

interface Doc {
  label: string;
  text: string;
  schema: Schema | undefined;
}

/** Where edits land: the header, token boundaries, between CTEs, the final query, anywhere. */
function position(text: string, pick: (n: number) => number): number {
  const tokens: Token[] = lex(text);
  const code = tokens.filter((t) => t.kind !== 'comment');
  const kind = pick(6);
  if (kind === 0) {
    // The header: before the first line that is not a comment.
    const body = text.search(/^(?!\s*--)\S/m);
    return pick(Math.max(1, body < 0 ? text.length : body));
  }
  if (kind === 1 && code.length) {
    const t = code[pick(code.length)];
    return pick(2) ? t.span.start : t.span.end;
  }
  if (kind === 2) {
    // Next to a comma or closing parenthesis at depth 0: between CTEs.
    let depth = 0;
    const between: number[] = [];
    for (const t of code) {
      if (t.text === '(') depth++;
      else if (t.text === ')') depth--;
      if (depth <= 1 && (t.text === ',' || t.text === ')')) between.push(t.span.start);
    }
    if (between.length) return between[pick(between.length)] + pick(3) - 1;
  }
  if (kind === 3) {
    // The final query: after the last SELECT.
    const last = text.lastIndexOf('SELECT');
    if (last >= 0) return last + pick(text.length - last + 1);
  }
  return pick(text.length + 1);
}

/** One random edit of `text`. */
function edit(text: string, pick: (n: number) => number): string {
  const at = Math.max(0, Math.min(text.length, position(text, pick)));
  const kind = pick(8);
  const frag = () => FRAGMENTS[pick(FRAGMENTS.length)];
  const char = () => CHARS[pick(CHARS.length)];
  switch (kind) {
    case 0:
    case 1:
      return text.slice(0, at) + char() + text.slice(at);
    case 2:
      return text.slice(0, at) + text.slice(at + 1);
    case 3:
      return text.slice(0, at) + char() + text.slice(at + 1);
    case 4:
      return text.slice(0, at) + frag() + text.slice(at);
    case 5:
      // A range deleted: may merge two CTEs or cut one in half.
      return text.slice(0, at) + text.slice(at + 1 + pick(60));
    case 6: {
      // A word replaced: renames a CTE, a column or a keyword.
      const word = /[A-Za-z_][A-Za-z_0-9]*/g;
      word.lastIndex = at;
      const m = word.exec(text);
      if (!m) return text + char();
      const names = ['c2', 'c_new', 'user_id', 'SELECT', 'FROM', 'socialco_users', 'x'];
      return text.slice(0, m.index) + names[pick(names.length)] + text.slice(m.index + m[0].length);
    }
    default: {
      // A piece of the text itself pasted elsewhere (a copied CTE).
      const from = pick(text.length + 1);
      return text.slice(0, at) + text.slice(from, from + 1 + pick(200)) + text.slice(at);
    }
  }
}

function withoutTable(schema: Schema, name: string): Schema {
  return { tables: schema.tables.filter((t) => t.name !== name) };
}

const OPTION_SETS: AnalyzeOptions[] = [
  { subqueries: 'current-docs', overflowWarnings: false },
  { subqueries: 'strict', overflowWarnings: true },
  { subqueries: 'current-docs', overflowWarnings: false, fullSyntax: true },
];

/**
 * Replays `steps` edits. Every so often the schema changes (another object with the same content,
 * a table removed, none) or the settings do, and now and then the text goes back to an earlier
 * version (a broken query fixed again, as undo does).
 */
function replay(doc: Doc, seed: number, steps: number): { checked: number; reused: number } {
  const pick = rng(seed);
  const incremental = createIncrementalAnalyzer();
  const schemaJson = doc.schema ? JSON.stringify(doc.schema) : undefined;
  let schema = doc.schema;
  let options = OPTION_SETS[0];
  let text = doc.text;
  const history: string[] = [];
  let checked = 0;
  /** Steps whose model shares CTE objects with the previous step's: the reuse was exercised. */
  let reused = 0;
  let before: Set<unknown> = new Set();
  for (let step = 0; step <= steps; step++) {
    if (step > 0) {
      const roll = pick(40);
      if (roll === 0 && schemaJson) schema = JSON.parse(schemaJson) as Schema;
      else if (roll === 1 && doc.schema && doc.schema.tables.length)
        schema = withoutTable(doc.schema, doc.schema.tables[pick(doc.schema.tables.length)].name);
      else if (roll === 2) schema = schema ? undefined : doc.schema;
      else if (roll === 3) options = OPTION_SETS[pick(OPTION_SETS.length)];
      else if (roll <= 7 && history.length) text = history[pick(history.length)];
      else text = edit(text, pick);
      if (pick(4) === 0) history.push(text);
    }
    const got = incremental(text, schema, options);
    const want = analyze(text, schema, options);
    const where = `${doc.label}, seed ${seed}, step ${step}`;
    assert.deepStrictEqual(got.diagnostics, want.diagnostics, `diagnostics differ (${where})`);
    assert.equal(got.verdict, want.verdict, `verdict differs (${where})`);
    assert.deepStrictEqual(got.paramRefs, want.paramRefs, `parameter references differ (${where})`);
    assert.deepStrictEqual(got.model, want.model, `model differs (${where})`);
    checked++;
    const ctes = got.model?.ctes ?? [];
    if (ctes.some((c) => before.has(c))) reused++;
    before = new Set(ctes);
  }
  return { checked, reused };
}

function schemaOf(json: string): Schema {
  return parseSchema(json).schema;
}

function corpusDoc(c: CorpusCase): Doc {
  const params = [...new Set(paramRefs(lex(c.sql)).map((p) => p.name))];
  const text = [
    `-- @name corpus_${c.id}`,
    ...params.map((p) => `-- @param ${p} STRING`),
    c.sql,
  ].join('\n');
  const tables = Object.entries(c.tables).map(([name, t]) => ({
    name,
    analysisRuleType: t.analysisRuleType ?? 'CUSTOM',
    ...(t.userIdColumn ? { differentialPrivacy: { userIdColumn: t.userIdColumn } } : {}),
    ...(t.owner ? { creatorAccountId: t.owner } : {}),
    columns: t.columns.map((name) => ({ name })),
  }));
  return { label: `corpus ${c.id}`, text, schema: schemaOf(JSON.stringify({ tables })) };
}

describe('incremental analysis equals a from-scratch analysis at every step', () => {
  const benchSchema = schemaOf(SCHEMA_JSON);

  it("bench's many-CTE template (issue 15)", () => {
    const doc = { label: 'manyCteTemplate', text: manyCteTemplate(), schema: benchSchema };
    // The same with what the builder adds after parsing (rule 37's constructs), subqueries and
    // an unplaced token in its first CTEs, which the later steps reuse.
    const marked = {
      label: 'manyCteTemplate with rule-37 constructs',
      text: doc.text
        .replace(
          'c2 AS (\n  SELECT ',
          'c2 AS (\n  SELECT p.m::int AS i, SYSDATE AS d, 2 ^ 3 AS e, ',
        )
        .replace(
          'c3 AS (\n  SELECT ',
          'c3 AS (\n  SELECT (SELECT MAX(user_id) FROM socialco_users) AS mx, ',
        )
        .replace('c4 AS (\n  SELECT ', 'c4 AS (\n  SELECT TOP 3 CONVERT(int, p.m) AS v, ? AS q, '),
      schema: benchSchema,
    };
    assert.notEqual(marked.text, doc.text);
    let reused = 0;
    for (const seed of [1, 2, 3, 4]) reused += replay(doc, seed, STEPS * 2).reused;
    for (const seed of [5, 6]) reused += replay(marked, seed, STEPS * 2).reused;
    // The reuse must have been exercised (not most steps: random edits soon leave, say, an
    // unclosed quote in an early CTE, and then no CTE after it parses as one).
    assert.ok(reused > STEPS / 2, `only ${reused} steps reused CTEs`);
  });

  it("bench's generated templates (UNION ALL, windows, per-user aggregation)", () => {
    for (const [ctes, seed] of [
      [6, 11],
      [15, 12],
    ])
      replay(
        { label: `templateWithCtes(${ctes})`, text: templateWithCtes(ctes), schema: benchSchema },
        seed,
        STEPS,
      );
  });

  it('the examples', () => {
    const dir = join(ROOT, 'examples');
    const schema = schemaOf(readFileSync(join(dir, 'cleanrooms.schema.json'), 'utf8'));
    const files = readdirSync(dir).filter((f) => f.endsWith('.cleanrooms.sql'));
    assert.ok(files.length >= 3);
    for (const [k, f] of files.entries())
      replay({ label: f, text: readFileSync(join(dir, f), 'utf8'), schema }, 100 + k, STEPS);
  });

  it('a sample of the corpus', () => {
    const corpus = loadCorpus();
    // Every 9th case, and the longest ones: the CTE-heavy shapes.
    const longest = [...corpus].sort((a, b) => b.sql.length - a.sql.length).slice(0, 6);
    const sample = [...new Set([...corpus.filter((_, k) => k % 9 === 0), ...longest])];
    assert.ok(sample.length >= 20);
    for (const [k, c] of sample.entries()) replay(corpusDoc(c), 1000 + k, Math.ceil(STEPS / 3));
  });
});

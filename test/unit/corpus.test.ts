// Every case of the repository's DP corpus (test/corpus/) gets its expected verdict through the
// real CLI (dist/cli.js check --format json), as an author would run it: a cleanrooms.schema.json
// built from the case's tables and a template file declaring every parameter the SQL uses. A
// VALID case may not carry an error of any kind. All disagreements are reported in one failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lex, paramRefs } from '../../server/src/core/sql/lexer';
import { PARAMETER_TYPES } from '../../server/src/core/rules/params/context';
import { loadCorpus, type CorpusCase } from '../corpus/corpus';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const VERDICTS = ['VALID', 'INVALID', 'UNABLE_TO_VALIDATE'];

/** `npm test` builds first; a direct run of this file builds when dist/cli.js is missing. */
function ensureBuilt(): void {
  if (existsSync(CLI)) return;
  const r = spawnSync(process.execPath, ['esbuild.mjs'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(r.status, 0, r.stderr);
}

function schemaJson(tables: CorpusCase['tables']): string {
  return JSON.stringify(
    {
      tables: Object.entries(tables).map(([name, t]) => ({
        name,
        analysisRuleType: t.analysisRuleType ?? 'CUSTOM',
        ...(t.userIdColumn ? { differentialPrivacy: { userIdColumn: t.userIdColumn } } : {}),
        ...(t.owner ? { creatorAccountId: t.owner } : {}),
        columns: t.columns.map((c) => ({ name: c })),
      })),
    },
    null,
    2,
  );
}

function templateText(c: CorpusCase): string {
  const params = [...new Set(paramRefs(lex(c.sql)).map((p) => p.name))];
  return [
    `-- @name corpus_${c.id}`,
    ...params.map((p) => `-- @param ${p} ${c.params?.[p] ?? 'STRING'}`),
    c.sql,
  ].join('\n');
}

interface JsonDiagnostic {
  code: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

const corpus = loadCorpus();

test('the corpus has at least 180 well-formed cases, 45% of them VALID, with unique ids', () => {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const c of corpus) {
    if (seen.has(c.id)) problems.push(`${c.id}: duplicate id`);
    seen.add(c.id);
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(c.id) || c.id.length > 100)
      problems.push(
        `${c.id}: id must be lower-case words joined by single hyphens, at most 100 characters`,
      );
    if (!VERDICTS.includes(c.expected))
      problems.push(`${c.id}: expected '${c.expected}' is not a verdict`);
    const rule = Number(c.rule);
    if (!Number.isInteger(rule) || rule < 1 || rule > 44)
      problems.push(`${c.id}: rule '${c.rule}' is not a rule number of dp-rules.md`);
    if (!c.sql.trim() || !c.source.trim()) problems.push(`${c.id}: empty sql or source`);
    if (c.codes && (c.expected !== 'INVALID' || !c.codes.every((k) => /^[A-Z]{2,3}\d{3}$/.test(k))))
      problems.push(`${c.id}: codes are for INVALID cases and look like DP015`);
    const used = new Set(paramRefs(lex(c.sql)).map((p) => p.name));
    for (const [name, type] of Object.entries(c.params ?? {})) {
      if (!used.has(name)) problems.push(`${c.id}: parameter '${name}' is typed but not used`);
      if (!(PARAMETER_TYPES as readonly string[]).includes(type))
        problems.push(`${c.id}: '${type}' is not a parameter type`);
    }
    for (const [name, t] of Object.entries(c.tables)) {
      if (t.userIdColumn !== null && !t.columns.includes(t.userIdColumn))
        problems.push(`${c.id}: ${name}'s user id column is not among its columns`);
      if (t.owner !== undefined && !/^\d{12}$/.test(t.owner))
        problems.push(`${c.id}: ${name}'s owner is not a 12-digit account id`);
    }
  }
  assert.deepEqual(problems, []);
  const valid = corpus.filter((c) => c.expected === 'VALID').length;
  assert.ok(corpus.length >= 180, `${corpus.length} cases`);
  assert.ok(valid / corpus.length >= 0.45, `${valid} of ${corpus.length} cases are VALID`);
});

test('every corpus case gets its expected verdict through the CLI', { timeout: 600_000 }, (t) => {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'dp-corpus-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // One CLI run per distinct schema (cases that share tables share a run).
  const groups = new Map<string, CorpusCase[]>();
  for (const c of corpus) {
    const key = schemaJson(c.tables);
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const failures: string[] = [];
  let g = 0;
  for (const [schema, cases] of groups) {
    const schemaPath = join(dir, `schema-${g++}.json`);
    writeFileSync(schemaPath, schema);
    const files = cases.map((c) => {
      const path = join(dir, `${c.id}.cleanrooms.sql`);
      writeFileSync(path, templateText(c));
      return path;
    });
    const r = spawnSync(
      process.execPath,
      [CLI, 'check', '--format', 'json', '--schema', schemaPath, ...files],
      {
        encoding: 'utf8',
        timeout: 120_000,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    if (r.status !== 0 && r.status !== 1) {
      failures.push(
        `${cases.map((c) => c.id).join(', ')}: CLI exit ${r.status}: ${r.stderr.trim()}`,
      );
      continue;
    }
    const doc = JSON.parse(r.stdout) as {
      files: { path: string; verdict: string; diagnostics: JsonDiagnostic[] }[];
    };
    cases.forEach((c, i) => {
      const file = doc.files.find((f) => f.path === files[i]);
      const where = `${c.id} (${c.file}, rule ${c.rule})`;
      if (!file) return failures.push(`${where}: not in the CLI output`);
      const bodyLine = templateText(c).split('\n').length - c.sql.split('\n').length;
      const summary = file.diagnostics
        .map(
          (d) =>
            `\n      ${d.severity} ${d.code} at body ${d.range.start.line - bodyLine + 1}:${d.range.start.character + 1}: ${d.message}`,
        )
        .join('');
      const errors = file.diagnostics.filter((d) => d.severity === 'error');
      if (file.verdict !== c.expected)
        failures.push(`${where}: expected ${c.expected}, got ${file.verdict}${summary}`);
      else if (c.expected === 'VALID' && errors.length)
        failures.push(
          `${where}: expected VALID without errors, got ${errors.length} error(s)${summary}`,
        );
      else if (c.expected === 'INVALID') {
        const lines = templateText(c).split('\n');
        const last = lines.length - 1;
        const wholeBody = (d: JsonDiagnostic) =>
          d.range.start.line === bodyLine &&
          d.range.start.character === 0 &&
          d.range.end.line === last &&
          d.range.end.character === lines[last].length;
        if (!errors.some((d) => !wholeBody(d)))
          failures.push(`${where}: INVALID but no error narrower than the whole body${summary}`);
        const missing = (c.codes ?? []).filter((k) => !errors.some((d) => d.code === k));
        if (missing.length)
          failures.push(`${where}: INVALID without error ${missing.join(', ')}${summary}`);
      }
    });
  }
  if (failures.length)
    assert.fail(
      `${failures.length} of ${corpus.length} corpus cases disagree:\n  ${failures.join('\n  ')}`,
    );
});

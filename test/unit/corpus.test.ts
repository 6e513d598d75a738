// Every entry of the DP corpus gets its expected verdict through the real CLI (dist/cli.js), as
// an author would run it: a cleanrooms.schema.json built from the entry's tables and a template
// file declaring every parameter the SQL uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lex, paramRefs } from '../../server/src/core/sql/lexer';

interface Entry {
  id: string;
  sql: string;
  tables: Record<string, { userIdColumn: string | null; columns: string[]; owner?: string }>;
  expected: 'VALID' | 'INVALID' | 'UNABLE_TO_VALIDATE';
}

const ROOT = join(import.meta.dirname, '..', '..');
const CORPUS = join(ROOT, '..', 'shared', 'corpus', 'dp-dev.json');
const CLI = join(ROOT, 'dist', 'cli.js');

/** `npm test` builds first; a direct run of this file builds when dist/cli.js is missing. */
function ensureBuilt(): void {
  if (existsSync(CLI)) return;
  const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
}

function schemaJson(tables: Entry['tables']): string {
  return JSON.stringify(
    {
      tables: Object.entries(tables).map(([name, t]) => ({
        name,
        ...(t.userIdColumn ? { differentialPrivacy: { userIdColumn: t.userIdColumn } } : {}),
        ...(t.owner ? { creatorAccountId: t.owner } : {}),
        columns: t.columns.map((c) => ({ name: c })),
      })),
    },
    null,
    2,
  );
}

function templateText(id: string, sql: string): string {
  const params = [...new Set(paramRefs(lex(sql)).map((p) => p.name))];
  return [`-- @name corpus_${id}`, ...params.map((p) => `-- @param ${p} STRING`), sql].join('\n');
}

interface JsonDiagnostic {
  code: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

const corpus: Entry[] = existsSync(CORPUS) ? JSON.parse(readFileSync(CORPUS, 'utf8')) : [];

test('the corpus is present', () => assert.ok(corpus.length > 0, `missing ${CORPUS}`));

test('every corpus entry gets its expected verdict through the CLI', { timeout: 300_000 }, () => {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'dp-corpus-'));
  // One CLI run per distinct schema (entries that share tables share a run).
  const groups = new Map<string, Entry[]>();
  for (const e of corpus) {
    const key = schemaJson(e.tables);
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  let g = 0;
  const failures: string[] = [];
  for (const [schema, entries] of groups) {
    const schemaPath = join(dir, `schema-${g++}.json`);
    writeFileSync(schemaPath, schema);
    const files = entries.map((e) => {
      const path = join(dir, `${e.id}.cleanrooms.sql`);
      writeFileSync(path, templateText(e.id, e.sql));
      return path;
    });
    const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '--schema', schemaPath, ...files], { encoding: 'utf8', timeout: 60_000 });
    assert.ok(r.status === 0 || r.status === 1, `CLI exit ${r.status}: ${r.stderr}`);
    const doc = JSON.parse(r.stdout) as { files: { path: string; verdict: string; diagnostics: JsonDiagnostic[] }[] };
    entries.forEach((e, i) => {
      const file = doc.files.find((f) => f.path === files[i]);
      if (!file) return failures.push(`${e.id}: not in the CLI output`);
      const errors = file.diagnostics.filter((d) => d.severity === 'error');
      const summary = file.diagnostics.map((d) => `${d.severity} ${d.code} ${d.message}`).join('\n    ');
      if (file.verdict !== e.expected) failures.push(`${e.id}: verdict ${file.verdict}, expected ${e.expected}\n    ${summary}`);
      if (e.expected === 'VALID' && errors.length) failures.push(`${e.id}: VALID but has errors\n    ${summary}`);
      if (e.expected === 'INVALID') {
        const lines = templateText(e.id, e.sql).split('\n');
        const bodyLine = lines.length - e.sql.split('\n').length;
        const last = lines.length - 1;
        const wholeBody = (d: JsonDiagnostic) =>
          d.range.start.line === bodyLine && d.range.start.character === 0 && d.range.end.line === last && d.range.end.character === lines[last].length;
        if (!errors.some((d) => !wholeBody(d))) failures.push(`${e.id}: no error narrower than the whole body\n    ${summary}`);
      }
    });
  }
  assert.deepEqual(failures, []);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DIAGNOSTIC_CODES } from '../../server/src/core/codes';
import { ANALYSIS_RULE_CHECKS } from '../../server/src/core/rules/analysisRule';
import { DP_RULES } from '../../server/src/core/rules/dp';
import { TEMPLATE_CHECKS } from '../../server/src/core/rules/templateChecks';

// Any quoted letters-and-three-digits literal: a new family of codes is caught too.
const CODE = /'([A-Z]{2,4}\d{3})'/g;
const docs = readFileSync('docs/diagnostics.md', 'utf8');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

test('every code the sources emit is in the registry', () => {
  const known = new Set(DIAGNOSTIC_CODES.map((c) => c.code));
  const emitted = new Set(
    sources('server/src').flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(CODE)].map((m) => m[1]),
    ),
  );
  assert.ok(emitted.size > 40, `found only ${emitted.size} codes in server/src`);
  assert.deepEqual([...emitted].filter((c) => !known.has(c)).sort(), []);
});

test('the rule modules describe exactly the codes they report', () => {
  const described = [
    ...TEMPLATE_CHECKS.flatMap((c) => [c, ...(c.also ?? [])]),
    ...ANALYSIS_RULE_CHECKS,
    ...DP_RULES,
  ].map((c) => c.code);
  // SQL000 is the internal-error code the rule runners report for a check that throws.
  const reported = new Set(
    sources('server/src/core/rules').flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(CODE)].map((m) => m[1]).filter((c) => c !== 'SQL000'),
    ),
  );
  assert.deepEqual([...new Set(described)].sort(), [...reported].sort());
});

test('codes and names are unique; names are identifiers', () => {
  assert.equal(new Set(DIAGNOSTIC_CODES.map((c) => c.code)).size, DIAGNOSTIC_CODES.length);
  assert.equal(new Set(DIAGNOSTIC_CODES.map((c) => c.name)).size, DIAGNOSTIC_CODES.length);
  for (const c of DIAGNOSTIC_CODES) assert.match(c.name, /^[A-Z][A-Za-z0-9]+$/, c.code);
});

test('the registry is the docs tables, row for row, and every code has its section', () => {
  const rows = [
    ...docs.matchAll(/^\| \[([A-Z]+\d{3})\]\(#([a-z]+\d{3})\) \|.*\| ([^|]+) \|$/gm),
  ].map((m) => {
    assert.equal(m[2], m[1].toLowerCase(), `${m[1]}'s link`);
    return { code: m[1], summary: m[3].trim() };
  });
  assert.deepEqual(
    rows,
    DIAGNOSTIC_CODES.map(({ code, summary }) => ({ code, summary })),
  );
  for (const { code } of DIAGNOSTIC_CODES)
    assert.match(docs, new RegExp(`^### ${code}$`, 'm'), `docs/diagnostics.md has no ### ${code}`);
});

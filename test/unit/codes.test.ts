import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DIAGNOSTIC_CODES } from '../../server/src/core/codes';

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

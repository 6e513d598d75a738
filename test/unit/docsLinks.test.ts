// Every diagnostic code has its section in docs/diagnostics.md, and the client's links land on it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { headingLines, withLineLinks } from '../../client/src/docsLinks';
import { docsLink } from '../../server/src/features/convert';

const root = join(__dirname, '../..');
const doc = readFileSync(join(root, 'docs/diagnostics.md'), 'utf8');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

test('every code the server emits has a ### heading in docs/diagnostics.md', () => {
  const codes = new Set(
    sources(join(root, 'server/src')).flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/code: '([A-Z]{2,4}\d{3})'/g)].map((m) => m[1]),
    ),
  );
  assert.ok(codes.size > 30, `${codes.size} codes found`);
  const lines = headingLines(doc);
  const missing = [...codes].filter((c) => !lines.has(c.toLowerCase()));
  assert.deepEqual(missing, []);
});

test('the anchor links the server writes open the section line in VS Code', () => {
  const docsUri = 'file:///ext/docs/diagnostics.md';
  const lines = headingLines(doc);
  const hover = `**DP015** (DP rule 15): [DP015 in docs/diagnostics.md](${docsLink(docsUri, 'DP015')}) and [x](${docsLink(docsUri, 'XYZ999')})`;
  const out = withLineLinks(hover, docsUri, lines);
  const line = Number(/diagnostics\.md#L(\d+)\)/.exec(out)?.[1]);
  assert.equal(doc.split('\n')[line - 1], '### DP015');
  // An anchor with no heading stays as it was.
  assert.match(out, /diagnostics\.md#xyz999\)$/);
  assert.equal(withLineLinks('no links here', docsUri, lines), 'no links here');
});

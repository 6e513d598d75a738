// `.cleanrooms.sql` files get their own icon: the language contribution names a light and a dark SVG that ship.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(__dirname, '../..');

test('the cleanrooms-sql language has a light and a dark icon in the package', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const language = manifest.contributes.languages.find(
    (l: { id: string }) => l.id === 'cleanrooms-sql',
  );
  for (const theme of ['light', 'dark']) {
    const path = language.icon?.[theme] as string | undefined;
    assert.ok(path, `no ${theme} icon`);
    const svg = readFileSync(join(root, path), 'utf8');
    assert.match(svg, /^<svg [^>]*viewBox="0 0 16 16"/);
  }
  assert.notEqual(language.icon.light, language.icon.dark);
  assert.match(readFileSync(join(root, '.vscodeignore'), 'utf8'), /^!images\/\*\*$/m);
  assert.ok(existsSync(join(root, 'images')));
});

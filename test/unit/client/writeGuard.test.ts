// Writes with text from AWS on real folders and links: a dangling link to a file outside the
// workspace, a link to an existing file, a linked folder, a path that climbs out. Each must be
// refused with the reason, and nothing may appear or change outside the workspace folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeInsideRoot, WriteRefused } from '../../../client/src/writeGuard';

const FROM_AWS = '-- @name Unique reach\nSELECT 1 -- text a collaboration member chose\n';

function setup() {
  const base = mkdtempSync(join(tmpdir(), 'write-guard-'));
  const root = join(base, 'workspace');
  const outside = join(base, 'home');
  mkdirSync(root);
  mkdirSync(outside);
  return { root, outside };
}

async function assertRefused(path: string, root: string, reason: RegExp) {
  await assert.rejects(
    writeInsideRoot(path, FROM_AWS, root),
    (e: unknown) => e instanceof WriteRefused && reason.test(e.message),
  );
}

test('a new file and an existing regular file inside the folder are written', async () => {
  const { root } = setup();
  await writeInsideRoot(join(root, 'new.cleanrooms.sql'), FROM_AWS, root);
  assert.equal(readFileSync(join(root, 'new.cleanrooms.sql'), 'utf8'), FROM_AWS);
  writeFileSync(
    join(root, 'old.cleanrooms.sql'),
    'older and longer text than the new one, truncated on write',
  );
  await writeInsideRoot(join(root, 'old.cleanrooms.sql'), FROM_AWS, root);
  assert.equal(readFileSync(join(root, 'old.cleanrooms.sql'), 'utf8'), FROM_AWS);
});

test('a dangling link to a file outside: refused, the outside file is not created', async () => {
  const { root, outside } = setup();
  const bashrc = join(outside, '.bashrc');
  symlinkSync(bashrc, join(root, 'Unique_reach.cleanrooms.sql'));
  await assertRefused(
    join(root, 'Unique_reach.cleanrooms.sql'),
    root,
    /is a symbolic link \(to .*\.bashrc\)/,
  );
  assert.equal(existsSync(bashrc), false);
});

test('a link to an existing file (outside or inside): refused, the file unchanged', async () => {
  const { root, outside } = setup();
  writeFileSync(join(outside, '.bashrc'), 'export PATH=...\n');
  symlinkSync(join(outside, '.bashrc'), join(root, 'a.cleanrooms.sql'));
  await assertRefused(join(root, 'a.cleanrooms.sql'), root, /symbolic link/);
  assert.equal(readFileSync(join(outside, '.bashrc'), 'utf8'), 'export PATH=...\n');
  writeFileSync(join(root, 'real.json'), '{}');
  symlinkSync('real.json', join(root, 'cleanrooms.schema.json'));
  await assertRefused(join(root, 'cleanrooms.schema.json'), root, /symbolic link/);
  assert.equal(readFileSync(join(root, 'real.json'), 'utf8'), '{}');
});

test('a linked folder that leads outside: refused, nothing written there', async () => {
  const { root, outside } = setup();
  symlinkSync(outside, join(root, 'sub'));
  await assertRefused(
    join(root, 'sub', 'cleanrooms.schema.json'),
    root,
    /leads outside the workspace folder/,
  );
  assert.equal(existsSync(join(outside, 'cleanrooms.schema.json')), false);
  // Also when the folder under the link does not exist yet.
  await assertRefused(join(root, 'sub', 'deeper', 'x.cleanrooms.sql'), root, /leads outside/);
});

test('a linked folder that stays inside the workspace is fine', async () => {
  const { root } = setup();
  mkdirSync(join(root, 'real'));
  symlinkSync(join(root, 'real'), join(root, 'alias'));
  await writeInsideRoot(join(root, 'alias', 't.cleanrooms.sql'), FROM_AWS, root);
  assert.equal(readFileSync(join(root, 'real', 't.cleanrooms.sql'), 'utf8'), FROM_AWS);
});

test('a path that climbs out of the folder, and a folder in the way: refused', async () => {
  const { root, outside } = setup();
  await assertRefused(
    join(root, '..', 'home', 'x.cleanrooms.sql'),
    root,
    /outside the workspace folder/,
  );
  assert.equal(existsSync(join(outside, 'x.cleanrooms.sql')), false);
  mkdirSync(join(root, 'dir.cleanrooms.sql'));
  await assertRefused(join(root, 'dir.cleanrooms.sql'), root, /not a regular file/);
});

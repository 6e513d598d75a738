// Local runs read only regular files, never through a symbolic link, and no more than the cap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSampleFile } from '../../../client/src/local/readSample';

const dir = mkdtempSync(join(tmpdir(), 'read-sample-'));

test('a regular file is read; a missing one is undefined', async () => {
  writeFileSync(join(dir, 'users.csv'), 'user_id\nu1\n');
  assert.equal(await readSampleFile(join(dir, 'users.csv')), 'user_id\nu1\n');
  assert.equal(await readSampleFile(join(dir, 'nope.csv')), undefined);
});

test('a symbolic link is refused, even to a readable file, and so is a dangling one', async () => {
  const secret = join(mkdtempSync(join(tmpdir(), 'outside-')), 'secret.txt');
  writeFileSync(secret, 'do not show');
  symlinkSync(secret, join(dir, 'linked.csv'));
  symlinkSync(join(dir, 'gone'), join(dir, 'dangling.csv'));
  await assert.rejects(readSampleFile(join(dir, 'linked.csv')), /symbolic link/);
  await assert.rejects(readSampleFile(join(dir, 'dangling.csv')), /symbolic link/);
});

test('a FIFO, a device and a folder are refused without blocking; a file over the cap is refused', async () => {
  execFileSync('mkfifo', [join(dir, 'fifo.csv')]);
  await assert.rejects(readSampleFile(join(dir, 'fifo.csv')), /not a regular file/);
  await assert.rejects(readSampleFile('/dev/zero'), /not a regular file/);
  await assert.rejects(readSampleFile(dir), /not a regular file/);
  writeFileSync(join(dir, 'big.csv'), 'x'.repeat(2048));
  await assert.rejects(readSampleFile(join(dir, 'big.csv'), 1024), /larger than/);
});

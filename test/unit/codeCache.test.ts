// The server's V8 code cache store (server/src/codeCache.ts): only with a storage folder, only in a
// real folder of this user's, never through a symbolic link.
import assert from 'node:assert/strict';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { codeCacheFile, readCodeCache, writeCodeCache } from '../../server/src/codeCache';
import { CODE_CACHE_ARG } from '../../common/serverProcess';

describe('code cache store', () => {
  let root: string;
  let storage: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'cr-code-cache-'));
    storage = join(root, 'storage');
    mkdirSync(storage);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const fileFor = (bundleHash: string) =>
    codeCacheFile([`${CODE_CACHE_ARG}=${storage}`], bundleHash)!;

  it('has no file without a storage folder argument', () => {
    assert.equal(codeCacheFile(['--stdio'], 'x'), undefined);
    assert.equal(codeCacheFile(['--stdio', `${CODE_CACHE_ARG}=`], 'x'), undefined);
  });

  it("names the file by the bundle's hash, inside the storage folder", () => {
    const a = fileFor('a');
    assert.equal(dirname(dirname(a)), storage);
    assert.notEqual(a, fileFor('b'));
  });

  it('writes to a private folder and reads back what it wrote', () => {
    const file = fileFor('source');
    assert.equal(readCodeCache(file), undefined);
    assert.equal(writeCodeCache(file, Buffer.from('compiled')), true);
    assert.equal(readCodeCache(file)?.toString(), 'compiled');
    assert.equal(statSync(dirname(file)).mode & 0o777, 0o700);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    // No temp file is left beside it.
    assert.deepEqual(readdirSync(dirname(file)), [file.split('/').pop()]);
  });

  it("replaces another version's cache", () => {
    const old = fileFor('old');
    writeCodeCache(old, Buffer.from('old'));
    const current = fileFor('new');
    writeCodeCache(current, Buffer.from('new'));
    assert.equal(existsSync(old), false);
    assert.equal(readCodeCache(current)?.toString(), 'new');
  });

  it('neither writes nor reads through a cache folder that is a symbolic link', () => {
    const elsewhere = join(root, 'elsewhere');
    mkdirSync(elsewhere, { mode: 0o700 });
    const file = fileFor('source');
    symlinkSync(elsewhere, dirname(file));
    assert.equal(writeCodeCache(file, Buffer.from('compiled')), false);
    assert.deepEqual(readdirSync(elsewhere), []);
    writeFileSync(join(elsewhere, file.split('/').pop()!), 'planted');
    assert.equal(readCodeCache(file), undefined);
  });

  it('does not read a cache file that is a symbolic link, and replaces the link, not its target', () => {
    const file = fileFor('source');
    mkdirSync(dirname(file), { mode: 0o700 });
    const target = join(root, 'target');
    writeFileSync(target, 'planted');
    symlinkSync(target, file);
    assert.equal(readCodeCache(file), undefined);
    assert.equal(writeCodeCache(file, Buffer.from('compiled')), true);
    assert.equal(readFileSync(target, 'utf8'), 'planted');
    assert.equal(readCodeCache(file)?.toString(), 'compiled');
  });

  it('ignores a folder others can write to', () => {
    const file = fileFor('source');
    writeCodeCache(file, Buffer.from('compiled'));
    chmodSync(dirname(file), 0o777);
    assert.equal(readCodeCache(file), undefined);
    assert.equal(writeCodeCache(file, Buffer.from('again')), false);
  });
});

// The built CLI (dist/cli.js) on paths a cloned repository can hold: FIFOs, devices, folders it
// cannot list, paths through a file, control characters in template text, and schema files
// planted above the checkout. Each must be reported per path without hanging, the other files
// still checked, exit 2 at the end, and nothing from a file reaching the terminal raw.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CLI = resolve('dist/cli.js');
const SCHEMA = JSON.stringify({
  tables: [
    {
      name: 'imps',
      differentialPrivacy: { userIdColumn: 'user_id' },
      columns: [{ name: 'user_id' }],
    },
  ],
});
const GOOD = '-- @name Good\nSELECT COUNT(DISTINCT user_id) FROM imps';
const isRoot = process.getuid?.() === 0;

before(() => {
  // `npm test` builds first; a direct run of this file builds when dist/cli.js is missing.
  if (!existsSync(CLI))
    assert.equal(
      spawnSync('npm', ['run', 'build'], { stdio: 'inherit' }).status,
      0,
      'npm run build failed',
    );
});

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, 'check', ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 20_000,
  });
  assert.equal(r.signal, null, `dist/cli.js ${args.join(' ')} was killed (hung?)`);
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function checkout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cli-hostile-'));
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, 'cleanrooms.schema.json'), SCHEMA);
  writeFileSync(join(dir, 'good.cleanrooms.sql'), GOOD);
  return dir;
}

test('a FIFO, a path through a file and a link loop: each reported, the good file still checked, exit 2', () => {
  const dir = checkout();
  execFileSync('mkfifo', [join(dir, 'pipe.cleanrooms.sql')]);
  symlinkSync('loop.cleanrooms.sql', join(dir, 'loop.cleanrooms.sql'));
  const through = join(dir, 'good.cleanrooms.sql', 'x.cleanrooms.sql');
  const r = cli(['--format', 'json', dir, through], dir);
  assert.equal(r.code, 2, r.err);
  const doc = JSON.parse(r.out);
  assert.deepEqual(
    doc.files.map((f: { path: string; verdict: string }) => [f.path, f.verdict]),
    [[join(dir, 'good.cleanrooms.sql'), 'VALID']],
  );
  const errors = doc.errors as { path: string; message: string }[];
  assert.match(errors.find((e) => e.path.endsWith('pipe.cleanrooms.sql'))!.message, /FIFO/);
  assert.match(errors.find((e) => e.path.endsWith('loop.cleanrooms.sql'))!.message, /ELOOP/);
  assert.match(errors.find((e) => e.path === through)!.message, /ENOTDIR/);
  for (const e of errors)
    assert.ok(r.err.includes(`cannot check '${e.path}': ${e.message}`), r.err);
});

test(
  'a folder that cannot be listed is reported, the rest still checked',
  { skip: isRoot && 'root can list any folder' },
  () => {
    const dir = checkout();
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0);
    try {
      const r = cli([dir], dir);
      assert.equal(r.code, 2);
      assert.match(
        r.err,
        new RegExp(`cannot check '${locked}': cannot list this folder \\(EACCES\\)`),
      );
      assert.match(r.err, /good\.cleanrooms\.sql: VALID/);
    } finally {
      chmodSync(locked, 0o700);
    }
  },
);

test('ESC, BEL and bidi overrides from a template are escaped in text output; JSON stays JSON', () => {
  const dir = checkout();
  const name = 'Evil\u001b[2K\u0007\u009b\u202e';
  writeFileSync(
    join(dir, 'evil.cleanrooms.sql'),
    `-- @name ${name}\nSELECT COUNT(DISTINCT user_id) FROM imps`,
  );
  const text = cli([join(dir, 'evil.cleanrooms.sql')], dir);
  assert.equal(text.code, 1);
  for (const raw of ['\u001b', '\u0007', '\u009b', '\u202e'])
    assert.ok(
      !text.out.includes(raw) && !text.err.includes(raw),
      `raw U+${raw.charCodeAt(0).toString(16)} in the output`,
    );
  assert.match(text.out, /Evil\\x1b\[2K\\x07\\x9b\\u202e/);

  const json = cli(['--format', 'json', join(dir, 'evil.cleanrooms.sql')], dir);
  for (const raw of ['\u001b', '\u0007', '\u009b', '\u202e']) assert.ok(!json.out.includes(raw));
  const messages = JSON.parse(json.out)
    .files[0].diagnostics.map((d: { message: string }) => d.message)
    .join('\n');
  assert.ok(messages.includes(name), 'the JSON strings still hold the characters themselves');
});

test('--schema /dev/zero and a FIFO schema: refused at once with SCF001, not read', () => {
  const dir = checkout();
  const zero = cli(
    ['--format', 'json', '--schema', '/dev/zero', join(dir, 'good.cleanrooms.sql')],
    dir,
  );
  assert.equal(zero.code, 1);
  const doc = JSON.parse(zero.out);
  assert.match(doc.schemas[0].diagnostics[0].message, /a device, not a regular file/);
  assert.equal(doc.files[0].verdict, 'UNABLE_TO_VALIDATE');

  const sub = join(dir, 'sub');
  mkdirSync(sub);
  execFileSync('mkfifo', [join(sub, 'cleanrooms.schema.json')]);
  writeFileSync(join(sub, 't.cleanrooms.sql'), GOOD);
  const fifo = JSON.parse(cli(['--format', 'json', sub], dir).out);
  assert.match(fifo.schemas[0].diagnostics[0].message, /FIFO/);
});

test('the schema search stops at the git root, or the current directory outside a checkout', () => {
  const shared = mkdtempSync(join(tmpdir(), 'cli-shared-'));
  writeFileSync(join(shared, 'cleanrooms.schema.json'), SCHEMA); // planted above the checkout
  const repo = join(shared, 'repo');
  mkdirSync(join(repo, '.git'), { recursive: true });
  writeFileSync(join(repo, 't.cleanrooms.sql'), GOOD);
  const inRepo = JSON.parse(cli(['--format', 'json', repo], repo).out);
  assert.equal(
    inRepo.files[0].verdict,
    'UNABLE_TO_VALIDATE',
    'the planted schema above the git root was used',
  );

  const plain = join(shared, 'plain');
  mkdirSync(join(plain, 'sub'), { recursive: true });
  writeFileSync(join(plain, 'sub', 't.cleanrooms.sql'), GOOD);
  writeFileSync(join(plain, 'cleanrooms.schema.json'), SCHEMA);
  assert.equal(
    JSON.parse(cli(['--format', 'json', 'sub'], plain).out).files[0].verdict,
    'VALID',
    'the schema in the current directory',
  );
  assert.equal(
    JSON.parse(cli(['--format', 'json', join(plain, 'sub')], join(plain, 'sub')).out).files[0]
      .verdict,
    'UNABLE_TO_VALIDATE',
    'above the current directory',
  );
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { run } from '../../server/src/cli';

const SCHEMA = JSON.stringify({
  tables: [
    {
      name: 'imps',
      differentialPrivacy: { userIdColumn: 'user_id' },
      columns: [{ name: 'user_id' }, { name: 'c' }],
    },
  ],
});

/** A checkout: the schema search climbs to its git root, not above. */
function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cli-'));
  mkdirSync(join(dir, '.git'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

async function check(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(
    ['check', ...args],
    (s) => out.push(s),
    (s) => err.push(s),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test('json: one document, 0-based UTF-16 ranges, exit 1 on errors', async () => {
  const dir = workspace({
    'cleanrooms.schema.json': SCHEMA,
    'sub/a.cleanrooms.sql':
      "-- @name A\n-- @description é\nSELECT COUNT(DISTINCT user_id) FROM imps WHERE c = '😀' OR c = :undeclared",
    'sub/ignored.sql': 'not a template',
  });
  const r = await check(['--format', 'json', dir]);
  assert.equal(r.code, 1);
  const doc = JSON.parse(r.out);
  assert.equal(doc.files.length, 1);
  const [file] = doc.files;
  assert.equal(file.path, join(dir, 'sub/a.cleanrooms.sql'));
  assert.equal(file.verdict, 'VALID');
  const d = file.diagnostics.find((x: { code: string }) => x.code === 'PAR001');
  // The surrogate pair before it counts as two UTF-16 code units.
  assert.deepEqual(d.range, { start: { line: 2, character: 63 }, end: { line: 2, character: 74 } });
  assert.equal(d.severity, 'error');
  assert.equal(
    d.message,
    "Parameter ':undeclared' is not declared. Add `-- @param undeclared VARCHAR` to the header.",
  );
});

test('text: file:line:col severity code message, exit 0 with warnings only', async () => {
  const dir = workspace({
    'cleanrooms.schema.json': SCHEMA,
    't.cleanrooms.sql':
      '-- @name T\n-- @param unused VARCHAR\nSELECT COUNT(DISTINCT user_id) FROM imps',
  });
  const r = await check([join(dir, 't.cleanrooms.sql')]);
  assert.equal(r.code, 0);
  assert.equal(
    r.out,
    `${join(dir, 't.cleanrooms.sql')}:2:11 warning PAR002 Parameter 'unused' is declared but never used. Reference it as :unused in the SQL, or remove the declaration.`,
  );
  assert.match(r.err, /1 template\(s\), 0 error\(s\), 1 warning\(s\)/);
});

test('--schema overrides the nearest schema; schema problems are reported', async () => {
  const dir = workspace({
    'cleanrooms.schema.json': '{ not json',
    'other.json': SCHEMA,
    't.cleanrooms.sql': '-- @name T\nSELECT COUNT(DISTINCT user_id) FROM imps',
  });
  const nearest = JSON.parse((await check(['--format', 'json', dir])).out);
  assert.equal(nearest.schemas[0].diagnostics[0].code, 'SCF001');
  assert.equal(nearest.files[0].verdict, 'UNABLE_TO_VALIDATE');
  const override = JSON.parse(
    (await check(['--format', 'json', '--schema', join(dir, 'other.json'), dir])).out,
  );
  assert.equal(override.schemas, undefined);
  assert.equal(override.files[0].verdict, 'VALID');
});

test('exit 2 with a one-line reason for bad usage and unreadable paths', async () => {
  for (const args of [
    [],
    ['--format', 'xml', '.'],
    ['--bogus', '.'],
    ['/no/such/path'],
    ['--schema', '/no/such.json', '.'],
  ]) {
    const r = await check(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err.split('\n')[0], /^cleanrooms-templates: /);
  }
  const out: string[] = [];
  assert.equal(
    await run(
      ['lint'],
      (s) => out.push(s),
      (s) => out.push(s),
    ),
    2,
  );
  const empty = await check([workspace({ 'notes.txt': 'x' })]);
  assert.equal(empty.code, 2);
  assert.match(empty.err, /no \*\.cleanrooms\.sql files under/);
});

test('--help prints the usage to stdout and exits 0', async () => {
  for (const args of [['--help'], ['check', '--help']]) {
    const out: string[] = [];
    const err: string[] = [];
    assert.equal(
      await run(
        args,
        (s) => out.push(s),
        (s) => err.push(s),
      ),
      0,
    );
    assert.match(out.join('\n'), /^usage: cleanrooms-templates check/);
    assert.deepEqual(err, []);
  }
});

test(
  'the bundled dist/cli.js keeps the contract',
  { skip: !existsSync('dist/cli.js') && 'run npm run build first' },
  () => {
    const dir = workspace({
      'cleanrooms.schema.json': SCHEMA,
      'a.cleanrooms.sql': '-- @name A\nSELECT COUNT(DISTINCT user_id) FROM imps',
    });
    const ok = spawnSync(process.execPath, ['dist/cli.js', 'check', '--format', 'json', dir], {
      encoding: 'utf8',
    });
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(JSON.parse(ok.stdout).files[0].verdict, 'VALID');
    const bad = spawnSync(
      process.execPath,
      ['dist/cli.js', 'check', join(dir, 'missing.cleanrooms.sql')],
      { encoding: 'utf8' },
    );
    assert.equal(bad.status, 2);
    assert.equal(bad.stdout, '');
  },
);

test('DP044 is a hint unless --overflow-warnings, as in the editor; neither changes the exit status', async () => {
  const dir = workspace({
    'cleanrooms.schema.json': SCHEMA,
    'a.cleanrooms.sql': '-- @name A\nSELECT c, SUM(1) AS n FROM imps GROUP BY c',
  });
  const severities = async (args: string[]) => {
    const r = await check(['--format', 'json', ...args, dir]);
    assert.equal(r.code, 0);
    return JSON.parse(r.out)
      .files[0].diagnostics.filter((d: { code: string }) => d.code === 'DP044')
      .map((d: { severity: string }) => d.severity);
  };
  assert.deepEqual(await severities([]), ['hint']);
  assert.deepEqual(await severities(['--overflow-warnings']), ['warning']);
  assert.deepEqual(await severities(['--overflow-warnings', '--subqueries', 'strict']), [
    'warning',
  ]);
});

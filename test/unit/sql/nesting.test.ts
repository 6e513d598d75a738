// One nesting limit for every kind of nesting: past it, a SQL003 error on the place where the
// limit is crossed and an INVALID verdict, never a stack overflow (which would read as SQL000 /
// UNABLE_TO_VALIDATE, and let one more level turn a failing CI check into a passing one).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../../server/src/cli';
import { MAX_NESTING } from '../../../server/src/core/sql/parens';
import { check } from '../dp/helpers';

const PREFIX = 'SELECT COUNT(*) FROM members WHERE ';

/** Each shape nests `n` levels; each level starts with `level`, and SQL003 points at it when `exact`. */
const SHAPES: { kind: string; level: string; exact?: boolean; make: (n: number) => string }[] = [
  {
    kind: 'function calls',
    level: 'ABS',
    exact: true,
    make: (n) => `${PREFIX}${'ABS('.repeat(n)}age${')'.repeat(n)} > 1`,
  },
  { kind: 'NOT', level: 'NOT', exact: true, make: (n) => `${PREFIX}${'NOT '.repeat(n)}age > 1` },
  {
    kind: 'unary minus',
    level: '-',
    exact: true,
    make: (n) => `${PREFIX}${'- '.repeat(n)}age > 1`,
  },
  {
    kind: 'CAST',
    level: 'CAST',
    exact: true,
    make: (n) => `${PREFIX}${'CAST('.repeat(n)}age${' AS INT)'.repeat(n)} = 1`,
  },
  {
    kind: 'parentheses',
    level: '(',
    exact: true,
    make: (n) => `${PREFIX}${'('.repeat(n)}age${')'.repeat(n)} = 1`,
  },
  {
    kind: 'CASE',
    level: 'CASE',
    make: (n) => `${PREFIX}${'CASE WHEN age > 1 THEN '.repeat(n)}1${' END'.repeat(n)} = 1`,
  },
  {
    kind: 'subqueries',
    level: 'SELECT',
    make: (n) =>
      `${PREFIX}age IN ${'(SELECT age FROM members WHERE age IN '.repeat(n)}(1)${')'.repeat(n)}`,
  },
  {
    kind: 'nested FROM (SELECT ...)',
    level: 'SELECT',
    make: (n) =>
      `SELECT COUNT(*) FROM ${'(SELECT loyalty_number FROM '.repeat(n)}members${') t'.repeat(n)}`,
  },
];

for (const shape of SHAPES) {
  test(`${shape.kind}: past the limit, SQL003 where it is crossed, INVALID, at every size`, () => {
    for (const n of [1200, 2500, 12_000, 25_000]) {
      const started = performance.now();
      const c = check(shape.make(n));
      const ms = performance.now() - started;
      const [d] = c.find('SQL003');
      assert.ok(d, `${shape.kind} ×${n}: ${c.diagnostics.map((x) => x.code).join(', ')}`);
      assert.equal(d.severity, 'error');
      assert.equal(c.verdict, 'INVALID');
      assert.deepEqual(c.find('SQL000'), []);
      assert.match(d.message, new RegExp(`more than ${MAX_NESTING} levels`));
      // The place: inside the nesting, after at least MAX_NESTING / 2 levels have opened.
      const before = c.template.body.slice(0, d.span.start - c.template.bodyStart);
      assert.ok(
        before.split(shape.level).length - 1 >= MAX_NESTING / 2,
        `${shape.kind}: at ${before.length}`,
      );
      if (shape.exact) assert.equal(d.text, shape.level);
      assert.ok(ms < 5000, `${shape.kind} ×${n}: ${ms} ms`);
    }
  });
}

test('nesting well under the limit is analysed normally', () => {
  for (const shape of SHAPES) {
    const c = check(shape.make(40));
    assert.deepEqual(
      [...c.find('SQL003'), ...c.find('SQL000'), ...c.find('SQL001')],
      [],
      shape.kind,
    );
  }
});

test('the CLI fails the check (exit 1) on a template nested past the limit', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nesting-'));
  writeFileSync(
    join(dir, 'cleanrooms.schema.json'),
    JSON.stringify({
      tables: [
        {
          name: 'members',
          differentialPrivacy: { userIdColumn: 'loyalty_number' },
          columns: [{ name: 'loyalty_number' }, { name: 'age' }],
        },
      ],
    }),
  );
  writeFileSync(join(dir, 'deep.cleanrooms.sql'), `-- @name deep\n${SHAPES[1].make(2500)}`);
  const out: string[] = [];
  const code = await run(
    ['check', '--format', 'json', dir],
    (t) => out.push(t),
    () => undefined,
  );
  assert.equal(code, 1);
  const [file] = JSON.parse(out.join('\n')).files;
  assert.equal(file.verdict, 'INVALID');
  assert.ok(file.diagnostics.some((d: { code: string }) => d.code === 'SQL003'));
});

// Every DP rule runs on its own: one that throws costs its own verdict (SQL000, an error) and
// nothing else. Codes and rule numbers are stated once per rule (test/unit/codes.test.ts checks
// that every code is documented).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../../server/src/cli';
import { DP_RULES } from '../../../server/src/core/rules/dp';
import { checkSql } from '../../../server/src/core/sql/check';
import type { Schema } from '../../../server/src/core/types';
import { check, templateOf } from './helpers';

/** Runs `body` while the rule with `code` throws. */
function whileBroken<T>(code: string, body: () => T): T {
  const rule = DP_RULES.find((r) => r.code === code)!;
  const original = rule.check;
  rule.check = () => {
    throw new Error('boom');
  };
  let result: T;
  try {
    result = body();
  } catch (e) {
    rule.check = original;
    throw e;
  }
  if (!(result instanceof Promise)) {
    rule.check = original;
    return result;
  }
  return result.finally(() => (rule.check = original)) as T;
}

const INVALID_TWICE = 'SELECT city, MAX(salary) AS m FROM members CROSS JOIN members m2';

test('a throwing rule gives SQL000 for that rule; the other rules still report', () => {
  const before = check(INVALID_TWICE);
  assert.ok(before.find('DP028').length && before.find('DP024').length);
  const c = whileBroken('DP028', () => check(INVALID_TWICE));
  const [d] = c.find('SQL000');
  assert.equal(d?.severity, 'error');
  assert.deepEqual(d.rules, [28, 30]);
  assert.match(d.message, /DP028/);
  assert.deepEqual(c.find('DP028'), []);
  assert.deepEqual(
    c.find('DP024').map((x) => x.text),
    before.find('DP024').map((x) => x.text),
  );
  assert.equal(c.verdict, 'INVALID', 'the working rules still decide');
});

test('a throwing rule on an otherwise valid query: never VALID', () => {
  const sql = 'SELECT city, COUNT(DISTINCT loyalty_number) AS n FROM members GROUP BY city';
  assert.equal(check(sql).verdict, 'VALID');
  for (const rule of DP_RULES) {
    const c = whileBroken(rule.code, () => check(sql));
    assert.equal(c.find('SQL000').length, 1, rule.code);
    assert.equal(c.verdict, 'UNABLE_TO_VALIDATE', rule.code);
  }
});

test('the CLI exits 1 on SQL000, as for any error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'guards-'));
  writeFileSync(
    join(dir, 'cleanrooms.schema.json'),
    JSON.stringify({
      tables: [
        {
          name: 'members',
          differentialPrivacy: { userIdColumn: 'loyalty_number' },
          columns: [{ name: 'loyalty_number' }, { name: 'city' }],
        },
      ],
    }),
  );
  writeFileSync(
    join(dir, 'a.cleanrooms.sql'),
    '-- @name a\nSELECT city, COUNT(DISTINCT loyalty_number) AS n FROM members GROUP BY city',
  );
  const quiet = () => undefined;
  assert.equal(await run(['check', dir], quiet, quiet), 0);
  // The CLI reads files asynchronously: the rule stays broken until its run has finished.
  assert.equal(await whileBroken('DP029', () => run(['check', dir], quiet, quiet)), 1);
});

test('every diagnostic carries the code and rule numbers its rule states, once per rule', () => {
  const codes = DP_RULES.map((r) => r.code);
  assert.equal(new Set(codes).size, codes.length, 'one rule per code');
  for (const r of DP_RULES)
    assert.ok(
      /^DP\d{3}$/.test(r.code) && r.rules.includes(Number(r.code.slice(2))),
      `${r.code} names its own rule`,
    );
  const c = check(
    `WITH a AS (SELECT city FROM members ORDER BY city LIMIT 3) SELECT AVG(COUNT(*)), MAX(age) FROM a, members m2 GROUP BY ROLLUP (city)`,
  );
  const dp = c.diagnostics.filter((d) => d.code.startsWith('DP'));
  assert.ok(dp.length >= 5);
  for (const d of dp)
    assert.deepEqual(d.rules, DP_RULES.find((r) => r.code === d.code)?.rules, d.code);
});

test('an internal failure outside the rules (model, resolution) is SQL000 too: never VALID', () => {
  const template = templateOf(
    'SELECT city, COUNT(DISTINCT loyalty_number) AS n FROM members GROUP BY city',
  );
  const schema = {
    get tables(): never {
      throw new Error('broken schema object');
    },
  } as unknown as Schema;
  const res = checkSql({ template, schema, options: { subqueries: 'current-docs' } });
  assert.deepEqual(
    res.diagnostics.map((d) => [d.code, d.severity]),
    [['SQL000', 'error']],
  );
  assert.equal(res.verdict, 'UNABLE_TO_VALIDATE');
});

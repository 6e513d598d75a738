// The verdict may only be VALID when the model holds every token of the body: the builder records
// whatever it passes over, and the checks below hold that record empty for every real query of
// the repository (examples/ and the test corpus) and non-empty where a token is left out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { buildModel } from '../../../server/src/core/sql/build';
import { lex } from '../../../server/src/core/sql/lexer';
import { parseTemplate } from '../../../server/src/core/template/parse';
import { check } from '../dp/helpers';

const ROOT = join(import.meta.dirname, '..', '..', '..');

function filesUnder(dir: string, ends: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    if (statSync(p).isDirectory()) return filesUnder(p, ends);
    return name.endsWith(ends) ? [p] : [];
  });
}

/** Every `sql` string in a JSON document (corpus files hold lists of cases with a `sql` field). */
function sqlStrings(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(sqlStrings);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) =>
      k === 'sql' && typeof v === 'string' ? [v] : sqlStrings(v),
    );
  }
  return [];
}

function repoQueries(): { where: string; body: string; base: number; text: string }[] {
  const templates = [
    ...filesUnder(join(ROOT, 'examples'), '.cleanrooms.sql'),
    ...filesUnder(join(ROOT, 'test'), '.cleanrooms.sql'),
  ].map((path) => {
    const text = readFileSync(path, 'utf8');
    const { template } = parseTemplate(text);
    return { where: path, body: template.body, base: template.bodyStart, text };
  });
  const corpus = filesUnder(join(ROOT, 'test', 'corpus'), '.json').flatMap((path) =>
    sqlStrings(JSON.parse(readFileSync(path, 'utf8'))).map((sql, k) => ({
      where: `${path} #${k}`,
      body: sql,
      base: 0,
      text: sql,
    })),
  );
  return [...templates, ...corpus];
}

test('the model accounts for every token of every query in examples/ and the test corpus', () => {
  const queries = repoQueries();
  assert.ok(
    queries.filter((q) => q.where.includes(`${join(ROOT, 'examples')}`)).length >= 5,
    'the examples are found',
  );
  const missing: string[] = [];
  for (const q of queries) {
    const model = buildModel(lex(q.body, q.base), q.text);
    // Other statements (INSERT, DELETE, ...) are not modelled: DP011 rejects them whole.
    if (!['SELECT', 'WITH', '('].includes(model.statement.value)) continue;
    for (const u of model.unplaced)
      missing.push(`${q.where}: '${q.text.slice(u.span.start, u.span.end)}' (${u.reason})`);
  }
  assert.deepEqual(missing, []);
});

test('a keyword spelled output alias does not drop the rest of the query', () => {
  for (const alias of [
    'top',
    'first',
    'last',
    'rows',
    'range',
    'filter',
    'partition',
    'over',
    'semi',
  ]) {
    const missingTable = check(`SELECT COUNT(*) AS ${alias} FROM nosuch`);
    assert.equal(missingTable.find('SCH001')[0]?.text, 'nosuch', alias);
    assert.equal(missingTable.verdict, 'UNABLE_TO_VALIDATE', alias);
    const dp = check(`SELECT MAX(timestamp) AS ${alias} FROM socialco_impressions`);
    assert.equal(dp.find('DP028')[0]?.text, 'MAX(timestamp)', alias);
    assert.equal(dp.verdict, 'INVALID', alias);
  }
  assert.equal(check('SELECT city, COUNT(*) top FROM members GROUP BY city').verdict, 'VALID');
});

test('tokens the builder cannot place are reported where they are, and the verdict is not VALID', () => {
  const c = check('SELECT COUNT(DISTINCT loyalty_number) AS n INTO x FROM members');
  const [d] = c.find('SQL004');
  assert.equal(d?.text, 'INTO x FROM members');
  assert.equal(c.verdict, 'UNABLE_TO_VALIDATE');
});

test('on token soup, a VALID verdict always comes with a complete model', () => {
  const WORDS = [
    'SELECT',
    'COUNT(*)',
    'AS',
    'top',
    'first',
    'FROM',
    'members',
    'WHERE',
    'city',
    '=',
    "'x'",
    'GROUP',
    'BY',
    'WITH',
    'ROLLUP',
    'WINDOW',
    'INTO',
    ',',
    '(',
    ')',
    'LEFT',
    'JOIN',
    'ON',
    'ORDER',
    'LIMIT',
    '1',
    'OVER',
    'ROWS',
  ];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 25 }), (words) => {
      const c = check(['SELECT', ...words].join(' '));
      if (c.verdict === 'VALID') assert.deepEqual(c.model?.unplaced, [], words.join(' '));
    }),
    { numRuns: 500 },
  );
});

test('a parenthesized branch of a set operation keeps every select and clause it holds', () => {
  const c = check(
    'WITH c AS ((SELECT loyalty_number FROM members ORDER BY age LIMIT 3) UNION (SELECT city FROM members)) SELECT COUNT(*) AS n FROM c',
  );
  assert.equal(c.find('DP021')[0]?.text, 'ORDER BY age');
  assert.equal(c.find('DP022')[0]?.text, 'LIMIT 3');
  assert.equal(c.find('DP015')[0]?.text, 'city', 'the second branch does not select the user id');
  assert.equal(c.model?.ctes[0].query.selects.length, 2);
});

test('QUALIFY is part of the select the rules read', () => {
  const c = check('SELECT city, COUNT(*) AS n FROM members GROUP BY city QUALIFY MAX(age) > 1');
  assert.equal(c.find('DP028')[0]?.text, 'MAX(age)');
  assert.equal(c.verdict, 'INVALID');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { check } from '../dp/helpers';

const WORDS = [
  'SELECT',
  'WITH',
  'AS',
  'FROM',
  'WHERE',
  'GROUP',
  'BY',
  'ORDER',
  'HAVING',
  'JOIN',
  'ON',
  'USING',
  'UNION',
  'ALL',
  'LIMIT',
  'OVER',
  'PARTITION',
  'COUNT',
  'SUM',
  'DISTINCT',
  'CASE',
  'WHEN',
  'THEN',
  'END',
  'IN',
  'EXISTS',
  'NOT',
  'AND',
  'OR',
  'members',
  'socialco_users',
  'user_id',
  'loyalty_number',
  'city',
  'x',
  '(',
  ')',
  ',',
  ';',
  '*',
  '=',
  '::',
  '^',
  "'s'",
  '"q"',
  ':p',
  '1',
  '--c\n',
  '/*',
  '\u0000',
  'é',
  '😀',
];

test('checkSql never throws and always returns a verdict on token soup', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...WORDS), { maxLength: 60 }), (words) => {
      const c = check(words.join(' '));
      assert.match(c.verdict, /^(VALID|INVALID|UNABLE_TO_VALIDATE)$/);
      for (const d of c.diagnostics)
        assert.ok(
          d.span.start >= c.template.bodyStart &&
            d.span.end <= c.template.text.length &&
            d.span.start <= d.span.end,
        );
      assert.ok(!c.diagnostics.some((d) => d.code === 'SQL000'), JSON.stringify(words));
    }),
    { numRuns: 400 },
  );
});

test('checkSql never throws on arbitrary strings', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (s) => {
      const c = check(s);
      assert.ok(!c.diagnostics.some((d) => d.code === 'SQL000'));
    }),
    { numRuns: 300 },
  );
});

test('pathological inputs stay bounded', () => {
  const inputs = [
    '('.repeat(100_000) + 'SELECT',
    'SELECT COUNT(*) FROM members WHERE ' +
      Array.from({ length: 20_000 }, (_, k) => `city = 'c${k}'`).join(' OR '),
    'WITH ' +
      Array.from(
        { length: 1500 },
        (_, k) => `c${k} AS (SELECT loyalty_number FROM members WHERE age > ${k})`,
      ).join(',\n') +
      ' SELECT COUNT(*) FROM c0',
    'SELECT COUNT(*) FROM members WHERE city = :p -- comment\n'.repeat(9000).slice(0, 500_000),
  ];
  for (const sql of inputs) {
    const started = performance.now();
    const c = check(sql);
    const ms = performance.now() - started;
    assert.ok(ms < 5000, `${ms} ms`);
    assert.ok(
      !c.diagnostics.some((d) => d.code === 'SQL000'),
      c.diagnostics.map((d) => d.message).join('\n'),
    );
  }
});

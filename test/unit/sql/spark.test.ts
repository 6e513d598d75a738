// Valid Spark SQL that node-sql-parser's redshift grammar does not take passes the syntax gate
// through same-length stand-ins (sparkForms.ts), the model reads it from the original text, and
// a malformed variant of each form is still SQL001 at the offending token.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lex, codeTokens } from '../../../server/src/core/sql/lexer';
import { parserFriendly } from '../../../server/src/core/sql/parse';
import { check, TABLES, type CorpusTable } from '../dp/helpers';

/** A DP table whose columns are spelled like Spark's non-reserved keywords. */
const EVENTS: Record<string, CorpusTable> = {
  ...TABLES,
  app_events: {
    userIdColumn: 'user_id',
    columns: [
      'user_id',
      'session',
      'limit',
      'desc',
      'window',
      'set',
      'nulls',
      'asc',
      'update',
      'true',
    ],
  },
};

const VALID: [string, string][] = [
  [
    'alias AS limit',
    'SELECT city, COUNT(DISTINCT loyalty_number) AS limit FROM members GROUP BY city',
  ],
  [
    'aliases spelled like clause keywords',
    'SELECT city AS desc, COUNT(*) AS window, SUM(salary) AS nulls, AVG(age) AS asc, STDDEV(age) AS true FROM members GROUP BY city',
  ],
  [
    'statement keywords as aliases',
    'SELECT city AS session, COUNT(*) AS set, SUM(age) AS update, AVG(age) AS delete, COUNT(city) AS show FROM members GROUP BY city',
  ],
  [
    'keyword-named columns in every clause',
    'WITH s AS (SELECT user_id, session, limit, desc FROM app_events WHERE limit > 1 AND desc <> session) SELECT session, COUNT(DISTINCT user_id) AS users, AVG(limit) AS l FROM s GROUP BY session, desc ORDER BY session, desc DESC',
  ],
  [
    'keyword-named columns qualified',
    'SELECT e.window, e.set, e.nulls, COUNT(DISTINCT e.user_id) AS n FROM app_events e GROUP BY e.window, e.set, e.nulls ORDER BY e.nulls NULLS LAST LIMIT 10',
  ],
  [
    'keyword-named table alias and CTE',
    'WITH session AS (SELECT user_id, limit FROM app_events AS update) SELECT COUNT(DISTINCT session.user_id) AS n FROM session',
  ],
  ['keyword column after an operator', 'SELECT SUM(limit * 2 + desc) AS total FROM app_events'],
  [
    'backquoted identifiers',
    'SELECT `city`, COUNT(DISTINCT `loyalty_number`) AS `reach`, SUM(`m`.`salary`) AS `select` FROM `members` AS `m` GROUP BY `city`',
  ],
  [
    'CAST to Spark types',
    'SELECT CAST(age AS STRING) AS a, CAST(age AS LONG) AS b, CAST(age AS SHORT) AS c, CAST(age AS BYTE) AS d, CAST(age AS DEC(10, 2)) AS e, TRY_CAST(city AS TIMESTAMP_NTZ) AS f, CAST(CAST(age AS LONG) + SUBSTRING(CAST(age AS STRING) FROM 1 FOR 1) AS STRING) AS g, COUNT(*) AS n FROM members GROUP BY 1, 2, 3, 4, 5, 6, 7',
  ],
  [
    'CAST to STRING inside CASE and GROUP BY',
    "SELECT CASE WHEN age >= 5 THEN '5+' ELSE CAST(age AS STRING) END AS band, COUNT(*) AS n FROM members GROUP BY CASE WHEN age >= 5 THEN '5+' ELSE CAST(age AS STRING) END",
  ],
  [
    'SUBSTRING FROM FOR',
    'SELECT SUBSTRING(city FROM 1 FOR 4) AS c1, SUBSTR(city FROM 2) AS c2, COUNT(*) AS n FROM members GROUP BY 1, 2',
  ],
  [
    'IGNORE NULLS before OVER',
    'WITH w AS (SELECT loyalty_number, FIRST(salary) IGNORE NULLS OVER (PARTITION BY loyalty_number ORDER BY age ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS f, LAST(salary) RESPECT NULLS OVER (PARTITION BY loyalty_number ORDER BY age ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS l FROM members) SELECT AVG(f) AS af, AVG(l) AS al FROM w',
  ],
  [
    'typed number literals',
    'SELECT city, SUM(salary * 2L + 1.5D - 3BD + 1S + 1Y + 0.5F) AS s FROM members WHERE age > 10L GROUP BY city',
  ],
  [
    'plural interval units',
    "SELECT COUNT(*) AS n FROM athletic_brand_sales WHERE timestamp > CURRENT_DATE - INTERVAL 7 DAYS AND timestamp < CURRENT_DATE + INTERVAL '2' WEEKS",
  ],
  [
    'Spark operators',
    "SELECT city, COUNT(*) AS n FROM members WHERE age == 30 AND (age & 1) = 0 AND (age | 2) > 0 AND city REGEXP '^[A-Z]' AND city NOT REGEXP 'x' AND salary IS NOT DISTINCT FROM age GROUP BY city",
  ],
  [
    'IS [NOT] DISTINCT FROM any operand, POSITION(a IN b) with any operands',
    'SELECT city, COUNT(*) AS n FROM members WHERE city IS DISTINCT FROM :c AND age IS NOT DISTINCT FROM (salary + 1) AND POSITION(city IN education) > 0 AND POSITION(:c IN city) = 1 GROUP BY city',
  ],
  [
    'EXTRACT with Spark field names',
    'SELECT EXTRACT(DAYOFWEEK FROM timestamp) AS dow, EXTRACT(d FROM timestamp) AS d, EXTRACT(HOURS FROM timestamp) AS h, COUNT(*) AS n FROM athletic_brand_sales GROUP BY 1, 2, 3',
  ],
  [
    'ALL inside an aggregate',
    'SELECT city, COUNT(ALL salary) AS n, STDDEV(ALL salary) AS s FROM members GROUP BY city',
  ],
  [
    'integer division',
    'SELECT city, SUM(salary DIV 1000) AS k, AVG(age div 10) AS d FROM members WHERE age DIV 10 = 3 GROUP BY city',
  ],
  [
    'SELECT ALL and set operations with ALL / DISTINCT',
    'WITH a AS (SELECT ALL loyalty_number FROM members INTERSECT ALL SELECT loyalty_number FROM members EXCEPT DISTINCT SELECT loyalty_number FROM members WHERE age > 1) SELECT COUNT(*) AS n FROM a',
  ],
];

test('valid Spark SQL the redshift grammar lacks passes the syntax gate and gets its DP verdict', () => {
  for (const [what, sql] of VALID) {
    const c = check(sql, EVENTS);
    assert.deepEqual(c.find('SQL001'), [], what);
    assert.deepEqual(
      c.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`),
      [],
      what,
    );
    assert.equal(c.verdict, 'VALID', what);
  }
});

test('the stand-in text keeps the length and every line break, and leaves the original text alone', () => {
  for (const [what, sql] of VALID) {
    const body = sql.replace(/ FROM /g, '\n  FROM ');
    const friendly = parserFriendly(body, codeTokens(lex(body)));
    assert.equal(friendly.length, body.length, what);
    assert.deepEqual(
      [...friendly.matchAll(/\n/g)].map((m) => m.index),
      [...body.matchAll(/\n/g)].map((m) => m.index),
      what,
    );
    assert.notEqual(friendly, body, `${what}: nothing was rewritten`);
  }
});

test('an error after a rewritten form is reported at its exact token', () => {
  for (const [what, sql] of VALID) {
    const bad = `${sql} )`;
    const c = check(bad, EVENTS);
    const [d] = c.find('SQL001');
    assert.ok(d, what);
    assert.equal(d.text, ')', what);
    assert.equal(d.span.start - c.template.bodyStart, bad.length - 1, what);
  }
});

test('the model reads keyword-spelled names from the original text', () => {
  const c = check(
    'SELECT session AS limit, COUNT(DISTINCT e.user_id) AS desc FROM app_events AS e GROUP BY session',
    EVENTS,
  );
  const select = c.model!.final.selects[0];
  assert.deepEqual(
    select.items.map((i) => i.alias?.value),
    ['limit', 'desc'],
  );
  assert.deepEqual(
    c.model!.tables.map((t) => t.kind === 'table' && [t.name, t.alias?.value]),
    [['app_events', 'e']],
  );
  assert.equal(c.verdict, 'VALID');
  const bare = check(
    'SELECT limit, desc, COUNT(DISTINCT user_id) AS n FROM window GROUP BY limit, desc',
    { window: EVENTS.app_events },
  );
  assert.deepEqual(
    bare.model!.final.selects[0].items.map((i) => i.outputName),
    ['limit', 'desc', 'n'],
  );
  assert.deepEqual(
    bare.model!.tables.map((t) => t.kind === 'table' && t.name),
    ['window'],
  );
  assert.equal(bare.verdict, 'VALID');
});

test('a keyword-spelled alias on an unknown table is UNABLE_TO_VALIDATE, not a syntax error', () => {
  const c = check(
    'SELECT event_type, COUNT(*) AS limit FROM nosuch_events GROUP BY event_type',
    EVENTS,
  );
  assert.deepEqual(c.find('SQL001'), []);
  assert.equal(c.verdict, 'UNABLE_TO_VALIDATE');
});

test('DIV divides between operands and is a name elsewhere', () => {
  const c = check(
    'WITH d AS (SELECT loyalty_number, salary DIV 1000 AS div FROM members) SELECT SUM(div) AS s FROM d',
    EVENTS,
  );
  const [item] = c.model!.ctes[0].query.selects[0].items.slice(1);
  assert.equal(item.expr.kind === 'operator' && item.expr.op, 'DIV');
  assert.equal(item.alias?.value, 'div');
  assert.equal(c.verdict, 'VALID');
  // An implicit alias `div` is not a division: the final SELECT then does not aggregate.
  assert.deepEqual(
    check('SELECT city div FROM members', EVENTS)
      .find('DP029')
      .map((d) => d.code),
    ['DP029'],
  );
});

const MALFORMED: [string, string, string][] = [
  [
    'SELECT city, COUNT(*) AS from FROM members GROUP BY city',
    'from',
    'a word reserved in Spark is no alias',
  ],
  [
    'SELECT city, COUNT(*) AS offset FROM members GROUP BY city',
    'offset',
    'OFFSET is reserved in Spark ANSI mode',
  ],
  ['SELECT city, COUNT(*) AS select FROM members GROUP BY city', 'select', 'SELECT is no alias'],
  [
    'SELECT city FROM members ORDER BY city DESC DESC',
    'DESC',
    'a keyword after its keyword use is still a keyword',
  ],
  [
    'SELECT city, COUNT(*) FROM members GROUP BY city ORDER BY NULLS FIRST',
    'FIRST',
    'NULLS where an operand starts is a name, so FIRST has nothing to order',
  ],
  ['SELECT city FROM members LIMIT', 'LIMIT', 'LIMIT with no count'],
  ['SELECT CAST(age AS STRING FROM members', 'FROM', 'CAST with no closing parenthesis'],
  ['SELECT CAST(age STRING) FROM members', 'STRING', 'CAST with no AS'],
  ['SELECT SUBSTRING(city FROM FOR 2) FROM members', 'FOR', 'SUBSTRING with no start'],
  ['SELECT TRY_CAST(age AS INT FROM members', 'FROM', 'TRY_CAST with no closing parenthesis'],
  [
    'SELECT COUNT(*) FROM members WHERE age > CURRENT_DATE - INTERVAL 7 FORTNIGHTS',
    'FORTNIGHTS',
    'an interval unit Spark does not have',
  ],
  ['SELECT `city` `x` `y` FROM members', '`y`', 'backquoted names in a row'],
  ['SELECT city FROM members WHERE age == = 1', '=', 'a doubled comparison'],
  [
    'SELECT city, SUM(salary DIV DIV 2) FROM members GROUP BY city',
    'DIV',
    'DIV with no left operand',
  ],
  [
    'SELECT EXTRACT(DAYOFWEEK timestamp) FROM athletic_brand_sales',
    'timestamp',
    'EXTRACT with no FROM',
  ],
  ['SELECT COUNT(ALL) FROM members', ')', 'ALL with no argument'],
  [
    'SELECT COUNT(*) FROM members; DROP TABLE members',
    ';',
    'a second statement keeps its keywords',
  ],
];

test('malformed counterparts are still SQL001 at the offending token', () => {
  for (const [sql, text, what] of MALFORMED) {
    const c = check(sql, EVENTS);
    const ds = c.find('SQL001');
    if (what === 'a second statement keeps its keywords') {
      // Not a syntax error: the extra statement is DP012's, and DROP is not read as a name.
      assert.deepEqual(ds, [], what);
      assert.ok(c.find('DP012').length, what);
      continue;
    }
    assert.equal(ds.length, 1, what);
    assert.equal(ds[0].text, text, what);
    assert.equal(c.verdict, 'INVALID', what);
  }
});

test('an unterminated backquoted name asks for the closing backquote', () => {
  const [d] = check('SELECT `city FROM members', EVENTS).find('SQL001');
  assert.equal(d.message, 'Unterminated quoted identifier: add the closing `.');
});

test('a backslash escapes the next character of a string literal, as in Spark', () => {
  assert.deepEqual(
    lex("'it\\'s' x 'C:\\\\' 'it''s' 'end\\").map((t) => [t.kind, t.text, !!t.unterminated]),
    [
      ['string', "'it\\'s'", false],
      ['word', 'x', false],
      ['string', "'C:\\\\'", false],
      ['string', "'it''s'", false],
      ['string', "'end\\", true],
    ],
  );
  assert.equal(lex("'end\\").at(-1)!.span.end, 5);
  const c = check(
    "SELECT city, COUNT(*) AS n FROM members WHERE city <> 'O\\'Hare' AND city LIKE 'a\\_b%' GROUP BY city",
  );
  assert.deepEqual(c.find('SQL001'), []);
  assert.equal(c.verdict, 'VALID');
});

test('typed number literals are one token', () => {
  assert.deepEqual(
    lex('10L 1.5d 3BD 2e3 7Lx 5 L').map((t) => [t.kind, t.text]),
    [
      ['number', '10L'],
      ['number', '1.5d'],
      ['number', '3BD'],
      ['number', '2e3'],
      ['number', '7'],
      ['word', 'Lx'],
      ['number', '5'],
      ['word', 'L'],
    ],
  );
});

test('long runs of operators before a keyword-spelled name neither overflow the stack nor take long', () => {
  const sql = `SELECT city, COUNT(*) AS n FROM members WHERE age = 1 ${'* '.repeat(100_000)}limit GROUP BY city`;
  const started = Date.now();
  const c = check(sql);
  assert.deepEqual(c.find('SQL000'), []);
  assert.equal(c.find('SQL001').length + c.find('SQL002').length > 0, true);
  assert.ok(Date.now() - started < 5000, `${Date.now() - started} ms`);
});

test('x::STRING parses, so the DP rule (not a syntax error) reports the :: operator', () => {
  const c = check("SELECT city, COUNT(*) AS n FROM members WHERE age::STRING = '1' GROUP BY city");
  assert.deepEqual(c.find('SQL001'), []);
  assert.equal(c.find('DP037')[0]?.severity, 'error');
});

test('nested bracketed comments are one comment, as Spark reads them', () => {
  const c = check(
    'SELECT city /* outer /* inner */ still a comment */, COUNT(*) AS n FROM members GROUP BY city',
    EVENTS,
  );
  assert.deepEqual(
    c.diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
  assert.equal(c.verdict, 'VALID');
  const open = check('SELECT COUNT(*) AS n /* a /* b */ FROM members', EVENTS);
  assert.match(open.find('SQL001')[0].message, /Unterminated comment/);
});

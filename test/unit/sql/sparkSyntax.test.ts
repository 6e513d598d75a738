// Spark SQL forms an audit found the syntax gate or the model builder wrongly rejected: each passes
// the gate through a same-length stand-in (sparkForms.ts) and is placed in the model (build.ts).
// Forms Clean Rooms does not take get a message naming the form (unsupportedForms.ts), at the form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lex, codeTokens } from '../../../server/src/core/sql/lexer';
import { parserFriendly } from '../../../server/src/core/sql/parse';
import { check, TABLES, type CorpusTable } from '../dp/helpers';

/** A non-DP table with Spark's complex types, next to the DP tables of the helpers. */
const WITH_ARRAYS: Record<string, CorpusTable> = {
  ...TABLES,
  catalog: { userIdColumn: null, columns: ['sku', 'tags', 'attrs', 'price'] },
};

const VALID: [string, string][] = [
  [
    'bare CURRENT_USER and SESSION_USER',
    'SELECT city, CURRENT_USER AS u, COUNT(DISTINCT loyalty_number) AS n FROM members WHERE city <> SESSION_USER GROUP BY city',
  ],
  [
    'a backquoted function name',
    'SELECT city, `count`(DISTINCT loyalty_number) AS n, `sum`(salary) AS s FROM members GROUP BY city',
  ],
  [
    'backquoted window functions',
    'WITH w AS (SELECT loyalty_number, `row_number`() OVER (PARTITION BY loyalty_number ORDER BY age) AS r, `percent_rank`() OVER (PARTITION BY loyalty_number ORDER BY age) AS p, `sum`(salary) OVER (PARTITION BY loyalty_number) AS s FROM members) SELECT COUNT(DISTINCT loyalty_number) AS n, AVG(s) AS a FROM w WHERE r = 1',
  ],
  [
    'TIMESTAMP_NTZ and TIMESTAMP_LTZ literals',
    "SELECT COUNT(DISTINCT loyalty_number) AS n FROM members WHERE age < TIMESTAMP_NTZ '2024-01-01 00:00:00' OR age > timestamp_ltz '2024-01-01 00:00:00'",
  ],
  ['a binary literal', "SELECT sku FROM catalog WHERE tags <> X'0A1F'"],
  [
    'CAST to ARRAY<>, MAP<> and STRUCT<> types and to BINARY',
    'SELECT CAST(tags AS ARRAY<STRING>) AS t, CAST(attrs AS MAP<STRING, ARRAY<INT>>) AS a, CAST(sku AS STRUCT<x: INT, y: STRING>) AS s, CAST(sku AS BINARY) AS b FROM catalog',
  ],
];

test('Spark forms the gate rejected pass it and get their verdict', () => {
  for (const [what, sql] of VALID) {
    const c = check(sql, WITH_ARRAYS);
    assert.deepEqual(
      c.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`),
      [],
      what,
    );
    assert.equal(c.verdict, 'VALID', what);
  }
});

test('their stand-ins keep the length and rewrite the text', () => {
  for (const [what, sql] of VALID) {
    const friendly = parserFriendly(sql, codeTokens(lex(sql)));
    assert.equal(friendly.length, sql.length, what);
    assert.notEqual(friendly, sql, `${what}: nothing was rewritten`);
  }
});

test('CURRENT_USER stands in as CURRENT_DATE; a call CURRENT_USER() and a qualified name are left alone', () => {
  const sql = 'SELECT CURRENT_USER, current_user(), t.session_user FROM t';
  assert.equal(
    parserFriendly(sql, codeTokens(lex(sql))),
    'SELECT CURRENT_DATE, current_user(), t.session_user FROM t',
  );
});

test('a backquoted function is the call it names, so its rules apply', () => {
  const c = check('SELECT `max`(salary) AS m, COUNT(DISTINCT loyalty_number) AS n FROM members');
  assert.deepEqual(
    c.find('DP028').map((d) => d.text),
    ['`max`(salary)'],
  );
});

test('a computed subscript keeps its index checked; fields after a subscript or call pass', () => {
  const sql = 'SELECT arr[i + 1], m[k][j - 1], arr[0].x.y, f(a).z FROM t';
  assert.equal(
    parserFriendly(sql, codeTokens(lex(sql))),
    'SELECT arr(i + 1), m(k)[0    ], arr[0]    , f(a)   FROM t',
  );
  const [d] = check('SELECT tags[price + ] AS t FROM catalog', WITH_ARRAYS).find('SQL001');
  assert.equal(d?.text, ']');
});

const PLACED: [string, string][] = [
  [
    'computed subscripts and fields of a subscript or call',
    "SELECT tags[price - 1] AS t, attrs['a'][0].b.c AS v, named_struct('x', price).x AS x FROM catalog",
  ],
  [
    'a subscript of an array and a map',
    "SELECT tags[0] AS first_tag, attrs['color'] AS color FROM catalog",
  ],
  [
    'a derived table with a column list',
    'SELECT s, p FROM (SELECT sku, price FROM catalog) AS t (s, p) WHERE p > 1',
  ],
  ['VALUES as a table', "SELECT col1, col2 FROM VALUES ('a', 1), ('b', 2)"],
  [
    'parenthesized VALUES with an alias and column list, joined to DP data in a CTE',
    "WITH v AS (SELECT * FROM (VALUES ('Austin', 1)) AS my_table (name, id)) SELECT m.age, COUNT(DISTINCT m.loyalty_number) AS n FROM members m JOIN v ON m.city = v.name GROUP BY m.age",
  ],
];

test('Spark forms the builder left unplaced are read into the model', () => {
  for (const [what, sql] of PLACED) {
    const c = check(sql, WITH_ARRAYS);
    assert.deepEqual(c.find('SQL004'), [], what);
    assert.equal(c.verdict, 'VALID', what);
  }
});

test("a derived table's column list names its columns: the old names are unknown there", () => {
  const c = check('SELECT t.sku FROM (SELECT sku, price FROM catalog) AS t (s, p)', WITH_ARRAYS);
  assert.deepEqual(
    c.find('SCH002').map((d) => d.text),
    ['t.sku'],
  );
  assert.equal(c.verdict, 'UNABLE_TO_VALIDATE');
});

test('VALUES columns are col1, col2, ... unless a column list renames them', () => {
  const c = check("SELECT col3 FROM VALUES ('a', 1)", WITH_ARRAYS);
  assert.deepEqual(
    c.find('SCH002').map((d) => d.text),
    ['col3'],
  );
});

const UNSUPPORTED: [string, string, RegExp][] = [
  [
    'SELECT e, COUNT(DISTINCT loyalty_number) AS n FROM members LATERAL VIEW explode(array(city)) t AS e GROUP BY e',
    'LATERAL VIEW',
    /^LATERAL VIEW is not supported/,
  ],
  [
    'SELECT city, COUNT(DISTINCT loyalty_number) AS n FROM members GROUP BY ALL',
    'GROUP BY ALL',
    /^GROUP BY ALL is not supported here.*List the grouping expressions/,
  ],
  [
    'WITH c AS (SELECT loyalty_number, city FROM members GROUP BY ALL) SELECT city, COUNT(*) AS n FROM c GROUP BY city',
    'GROUP BY ALL',
    /^GROUP BY ALL/,
  ],
  ['SELECT sku FROM catalog ORDER BY ALL', 'ORDER BY ALL', /^ORDER BY ALL/],
  ['SELECT sku FROM catalog DISTRIBUTE BY sku', 'DISTRIBUTE BY', /^DISTRIBUTE BY is not supported/],
  ['SELECT sku FROM catalog CLUSTER BY sku', 'CLUSTER BY', /^CLUSTER BY/],
  ['SELECT sku FROM catalog SORT BY sku', 'SORT BY', /^SORT BY.*Use ORDER BY/],
  ["SELECT * FROM catalog PIVOT (SUM(price) FOR sku IN ('a', 'b'))", 'PIVOT', /^PIVOT/],
  ['SELECT * FROM catalog UNPIVOT (v FOR k IN (sku, price))', 'UNPIVOT', /^UNPIVOT/],
  ['SELECT sku FROM catalog TABLESAMPLE (10 PERCENT)', 'TABLESAMPLE', /^TABLESAMPLE/],
  [
    'SELECT sku, ROW_NUMBER() OVER (ORDER BY price) AS rn FROM catalog QUALIFY rn = 1',
    'QUALIFY',
    /^QUALIFY.*CTE/,
  ],
  [
    'SELECT sku FROM catalog c, LATERAL (SELECT c.price * 2 AS double_price) d',
    'LATERAL',
    /^LATERAL subqueries are not supported/,
  ],
  [
    'SELECT COUNT(DISTINCT loyalty_number) AS n FROM members WHERE city <=> education',
    '<=>',
    /IS NOT DISTINCT FROM/,
  ],
];

test('a Spark form Clean Rooms does not take is named in the SQL001 message, at the form', () => {
  for (const [sql, text, message] of UNSUPPORTED) {
    const ds = check(sql, WITH_ARRAYS).find('SQL001');
    assert.equal(ds.length, 1, sql);
    assert.equal(ds[0].text, text, sql);
    assert.match(ds[0].message, message, sql);
  }
});

test('the same words as names are not taken for those forms', () => {
  for (const sql of [
    'SELECT sku AS qualify, price AS pivot FROM catalog ORDER BY qualify',
    'SELECT sort, cluster FROM (SELECT sku AS sort, price AS cluster FROM catalog) t',
    'SELECT city, COUNT(ALL salary) AS n FROM members GROUP BY city',
    'SELECT t.qualify, t.lateral FROM (SELECT price AS qualify, sku AS lateral FROM catalog) t WHERE t.qualify > 1',
  ]) {
    const c = check(sql, WITH_ARRAYS);
    assert.deepEqual(c.find('SQL001'), [], sql);
    assert.equal(c.verdict, 'VALID', sql);
  }
});

test('an INTERVAL with the unit inside the quotes is DP037 in any case and spacing', () => {
  for (const [interval, fix] of [
    ["interval '7 days'", "INTERVAL '7' DAYS"],
    ["INTERVAL  '1 second'", "INTERVAL '1' SECOND"],
    ["INTERVAL '3 hours, 35 minutes'", undefined],
  ] as const) {
    const c = check(
      `SELECT COUNT(DISTINCT user_id) AS n FROM socialco_impressions WHERE timestamp > CURRENT_DATE - ${interval}`,
    );
    const [d] = c.find('DP037');
    assert.equal(d?.text, interval, interval);
    assert.equal(d.fixes?.[0]?.edits[0].newText, fix, interval);
    assert.equal(c.verdict, 'INVALID', interval);
  }
  const spark = check(
    "SELECT COUNT(DISTINCT user_id) AS n FROM socialco_impressions WHERE timestamp > CURRENT_DATE - INTERVAL '7' DAY",
  );
  assert.equal(spark.verdict, 'VALID');
});

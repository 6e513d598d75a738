// RUL001: a disallowed output column in the final SELECT, however it gets there (the User Guide's
// "Configured table disallowed columns" examples, plus CTE and set-operation chains).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, table } from './helpers';

// The User Guide's example: users(age, gender, email, name) with age and name disallowed; pets
// without constraints.
const schema = {
  tables: [
    table('users', ['age', 'gender', 'email', 'name'], {
      disallowedOutputColumns: ['age', 'name'],
    }),
    table('pets', ['age', 'gender', 'owner_name']),
  ],
};
const texts = (sql: string) =>
  run(sql, schema)
    .found('RUL001')
    .map((d) => d.text);

test('blocked: direct, *, transformed, aliased through a derived table or a CTE, window keys', () => {
  assert.deepEqual(texts('SELECT age FROM users'), ['age']);
  assert.deepEqual(texts('SELECT * FROM users'), ['*']);
  assert.deepEqual(texts('SELECT COUNT(age) FROM users'), ['age']);
  assert.deepEqual(texts('SELECT count_age FROM (SELECT COUNT(age) AS count_age FROM users)'), [
    'count_age',
  ]);
  assert.deepEqual(texts('SELECT CONCAT(name, email) FROM users'), ['name']);
  assert.deepEqual(
    texts('WITH cte AS (SELECT age AS age_alias FROM users) SELECT age_alias FROM cte'),
    ['age_alias'],
  );
  assert.deepEqual(
    texts('SELECT LISTAGG(gender) WITHIN GROUP (ORDER BY age) OVER (PARTITION BY age) FROM users'),
    ['age', 'age'],
  );
});

test('named windows: the WINDOW clause a call names is part of its output, each key reported once', () => {
  const sql = (windows: string, calls = 'COUNT(email) OVER w, RANK() OVER w') =>
    `SELECT ${calls} FROM users WINDOW ${windows}`;
  assert.deepEqual(texts(sql('w AS (PARTITION BY age ORDER BY name)')), ['age', 'name']);
  assert.deepEqual(texts(sql('w AS (PARTITION BY gender ORDER BY age)', 'COUNT(email) OVER W')), [
    'age',
  ]);
  assert.deepEqual(
    texts(sql('v AS (PARTITION BY age), w AS (PARTITION BY gender)', 'COUNT(email) OVER v')),
    ['age'],
  );
  assert.deepEqual(
    texts(
      'WITH c AS (SELECT COUNT(email) OVER w AS n FROM users WINDOW w AS (PARTITION BY age)) SELECT n FROM c',
    ),
    ['n'],
  );
  // A window no call names computes nothing the query outputs.
  assert.deepEqual(texts(sql('v AS (PARTITION BY age), w AS (PARTITION BY gender)')), []);
  assert.deepEqual(texts('SELECT email FROM users WINDOW w AS (PARTITION BY age)'), []);
});

test('allowed: the column in joins, filters, sort keys and CTE projections only', () => {
  assert.deepEqual(
    texts(
      'SELECT u.email, p.gender, p.age FROM users AS u JOIN pets AS p ON u.name = p.owner_name',
    ),
    [],
  );
  assert.deepEqual(
    texts('SELECT u.email, u.gender FROM users u WHERE u.name = :n ORDER BY u.age'),
    [],
  );
  assert.deepEqual(
    texts('WITH c AS (SELECT name, email FROM users) SELECT email FROM c WHERE name IS NOT NULL'),
    [],
  );
  assert.deepEqual(texts('SELECT gender, COUNT(*) FROM users GROUP BY gender'), []);
});

test('through chains: CTE over CTE, column lists, qualified and unqualified *, set operations, scalar subqueries', () => {
  assert.deepEqual(
    texts(
      'WITH a AS (SELECT name AS n FROM users), b AS (SELECT UPPER(n) AS shout FROM a) SELECT shout FROM b',
    ),
    ['shout'],
  );
  assert.deepEqual(texts('WITH a (x, y) AS (SELECT email, age FROM users) SELECT x FROM a'), []);
  assert.deepEqual(texts('WITH a (x, y) AS (SELECT email, age FROM users) SELECT y FROM a'), ['y']);
  assert.deepEqual(texts('WITH a AS (SELECT * FROM users) SELECT * FROM a'), ['*']);
  assert.deepEqual(texts('SELECT p.* FROM users u JOIN pets p ON u.name = p.owner_name'), []);
  assert.deepEqual(texts('SELECT u.* FROM users u JOIN pets p ON u.name = p.owner_name'), ['u.*']);
  assert.deepEqual(
    texts(
      'WITH a AS (SELECT email AS v FROM users UNION ALL SELECT name FROM users) SELECT v FROM a',
    ),
    ['v'],
  );
  assert.deepEqual(texts('SELECT gender, (SELECT MAX(age) FROM users) AS oldest FROM pets'), [
    '(SELECT MAX(age) FROM users)',
  ]);
});

test('the message names the column, its table and the way out; the rule is an error outside the verdict', () => {
  const r = run('WITH cte AS (SELECT age AS a FROM users) SELECT a FROM cte', schema);
  const [d] = r.found('RUL001');
  assert.equal(d.severity, 'error');
  assert.match(d.message, /^'a' carries 'age' of 'users', which is a disallowed output column/);
  assert.match(d.message, /will refuse to run this query/);
  assert.equal(
    r.result.verdict,
    'VALID',
    'the DIFFERENTIAL_PRIVACY verdict is about DP rules only',
  );
  const [direct] = run('SELECT age FROM users', schema).found('RUL001');
  assert.match(direct.message, /^Column 'age' of 'users' is a disallowed output column/);
  const [star] = run('SELECT * FROM users', schema).found('RUL001');
  assert.match(star.message, /^SELECT \* outputs 'age' of 'users', 'name' of 'users'/);
});

test('a table whose columns the schema does not list: * still outputs its disallowed columns; names compare case-insensitively', () => {
  const bare = { tables: [table('users', [], { disallowedOutputColumns: ['email'] })] };
  assert.deepEqual(
    run('SELECT * FROM users', bare)
      .found('RUL001')
      .map((d) => d.text),
    ['*'],
  );
  assert.deepEqual(
    run('WITH c AS (SELECT * FROM users) SELECT EMAIL FROM c', bare)
      .found('RUL001')
      .map((d) => d.text),
    ['EMAIL'],
  );
  assert.deepEqual(run('SELECT city FROM users', bare).found('RUL001'), []);
});

test('nothing without disallowed columns, or when the body does not parse', () => {
  assert.deepEqual(
    run('SELECT age FROM users', { tables: [table('users', ['age'])] }).found('RUL001'),
    [],
  );
  assert.deepEqual(run('SELECT age FROM users WHERE', schema).found('RUL001'), []);
});

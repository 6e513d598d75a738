// SCH002: a column no table in scope has, reported only when every column list in scope is
// complete, and never for the names Spark resolves otherwise (aliases, outer columns, USING,
// struct fields, lambdas, date parts, niladic functions, parameters, any spelling of a known name).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, TABLES } from './helpers';

const SI = 'socialco_impressions';
const SU = 'socialco_users';

/** The texts SCH002 marks in `sql`. */
function flagged(sql: string, tables = TABLES): string[] {
  return check(sql, tables)
    .find('SCH002')
    .map((d) => d.text);
}

test('SCH002: an unknown column of a schema table leaves the verdict open', () => {
  const c = check(`SELECT COUNT(DISTINCT user_id) FROM ${SI} WHERE nosuch_col = 1`);
  const [d] = c.find('SCH002');
  assert.equal(d.text, 'nosuch_col');
  assert.equal(d.severity, 'warning');
  assert.match(
    d.message,
    /Column 'nosuch_col' is not in table 'socialco_impressions' in cleanrooms\.schema\.json/,
  );
  assert.match(d.message, /Refresh Schema/);
  assert.equal(c.verdict, 'UNABLE_TO_VALIDATE');
  const good = check(`SELECT COUNT(DISTINCT user_id) FROM ${SI} WHERE campaign_id = 1`);
  assert.deepEqual(good.find('SCH002'), []);
  assert.equal(good.verdict, 'VALID');
});

test('SCH002: an INVALID query stays INVALID', () => {
  const c = check(`SELECT user_id, nosuch FROM ${SI}`);
  assert.deepEqual(
    c.find('SCH002').map((d) => d.text),
    ['nosuch'],
  );
  assert.equal(c.verdict, 'INVALID');
});

test('SCH002: a qualified name whose alias is known but whose column is not', () => {
  assert.deepEqual(
    flagged(`SELECT a.devic, COUNT(DISTINCT a.user_id) FROM ${SI} a GROUP BY a.devic`),
    ['a.devic', 'a.devic'],
  );
  const [d] = check(
    `SELECT COUNT(DISTINCT a.user_id) FROM ${SI} a JOIN ${SU} b ON a.user_id = b.user_id WHERE b.device_type = 'tv'`,
  ).find('SCH002');
  // The message names the table the alias stands for, not every table in scope.
  assert.match(d.message, /Column 'b\.device_type' is not in table 'socialco_users'/);
  assert.deepEqual(
    flagged(`SELECT a.device_type, COUNT(DISTINCT a.user_id) FROM ${SI} a GROUP BY a.device_type`),
    [],
  );
});

test('SCH002: names fold case, quoted or not', () => {
  assert.deepEqual(
    flagged(
      `SELECT COUNT(DISTINCT "USER_ID") FROM ${SI} WHERE \`Device_Type\` = 'x' AND DEVICE_TYPE = 'y' AND A.Campaign_ID = 1`.replace(
        SI,
        `${SI} a`,
      ),
    ),
    [],
  );
  assert.deepEqual(
    flagged(`SELECT COUNT(DISTINCT user_id) FROM ${SI} WHERE \`Device_Typo\` = 'x'`),
    ['`Device_Typo`'],
  );
});

test('SCH002: select-list aliases in GROUP BY, HAVING, ORDER BY and later items', () => {
  assert.deepEqual(
    flagged(
      `SELECT device_type AS d, COUNT(DISTINCT user_id) AS n FROM ${SI} GROUP BY d HAVING n > 1 ORDER BY n DESC, d`,
    ),
    [],
  );
  assert.deepEqual(flagged(`SELECT device_type AS d, upper(d) AS e FROM ${SI}`), []);
  // An item's own alias is not in scope inside it.
  assert.deepEqual(flagged(`SELECT upper(dev) AS dev FROM ${SI}`), ['dev']);
  assert.deepEqual(
    flagged(
      `SELECT device_type AS d, COUNT(DISTINCT user_id) AS n FROM ${SI} GROUP BY d ORDER BY reach`,
    ),
    ['reach'],
  );
});

test('SCH002: correlated subqueries read the enclosing select', () => {
  const outer = `SELECT COUNT(DISTINCT user_id) FROM ${SI} i WHERE EXISTS (SELECT 1 FROM ${SU} u WHERE u.user_id = i.user_id AND `;
  assert.deepEqual(flagged(`${outer}campaign_id = 'x')`), []);
  assert.deepEqual(flagged(`${outer}i.campaign_id = 'x')`), []);
  const [d] = check(`${outer}nosuch = 'x')`).find('SCH002');
  assert.equal(d.text, 'nosuch');
  // Both FROM lists were searched.
  assert.match(d.message, /any of table 'socialco_users', table 'socialco_impressions'/);
  assert.deepEqual(flagged(`${outer}i.regio = 'x')`), ['i.regio']);
});

test('SCH002: USING and NATURAL join columns', () => {
  assert.deepEqual(
    flagged(
      `SELECT COUNT(DISTINCT user_id) FROM ${SI} JOIN ${SU} USING (user_id) WHERE region = 'x'`,
    ),
    [],
  );
  assert.deepEqual(
    flagged(`SELECT COUNT(DISTINCT user_id) FROM ${SI} NATURAL JOIN ${SU} WHERE region = 'x'`),
    [],
  );
  assert.deepEqual(
    flagged(
      `SELECT COUNT(DISTINCT user_id) FROM ${SI} JOIN ${SU} USING (user_id) WHERE regoin = 'x'`,
    ),
    ['regoin'],
  );
});

test('SCH002: struct fields are not judged', () => {
  assert.deepEqual(
    flagged(
      `SELECT COUNT(DISTINCT i.user_id) FROM ${SI} i WHERE i.device_type.os = 'x' OR device_type.os = 'y' OR i.nosuch.os = 'z'`,
    ),
    [],
  );
  // `a.f` is field f of a column named `a` when table `a` lacks f.
  const tables = { ...TABLES, t: { userIdColumn: null, columns: ['a', 'k'] } };
  assert.deepEqual(
    flagged(`SELECT a.f FROM t JOIN athletic_brand_sales a ON a.sale_id = t.k`, tables),
    [],
  );
  assert.deepEqual(flagged(`SELECT a.f FROM athletic_brand_sales a`, tables), ['a.f']);
});

test('SCH002: lambda variables are not columns', () => {
  for (const sql of [
    `SELECT COUNT(DISTINCT user_id) FROM ${SI} WHERE exists(array(1), x -> x = 1)`,
    `SELECT COUNT(DISTINCT user_id) FROM ${SI} WHERE aggregate(array(1), 0, (acc, x) -> acc + x) > 0`,
  ]) {
    const c = check(sql);
    assert.deepEqual(c.find('SCH002'), [], sql);
    assert.notEqual(c.verdict, 'VALID', sql);
  }
});

test('SCH002: window names, date parts, niladic functions, literals and parameters', () => {
  for (const sql of [
    `SELECT COUNT(DISTINCT user_id) OVER w AS n FROM ${SI} WINDOW w AS (PARTITION BY campaign_id)`,
    `SELECT EXTRACT(YEAR FROM timestamp) AS y, DATEADD(day, 1, timestamp) AS d, DATEDIFF(month, timestamp, timestamp) AS m, DATE_PART(week, timestamp) AS w, COUNT(DISTINCT user_id) FROM ${SI} GROUP BY 1, 2, 3, 4`,
    `SELECT COUNT(DISTINCT user_id) FROM ${SI} WHERE timestamp < CURRENT_DATE AND timestamp < CURRENT_TIMESTAMP AND timestamp < \`current_date\` AND device_type <> USER AND device_type IS NOT NULL AND TRUE`,
    `SELECT COUNT(DISTINCT user_id) FROM ${SI} WHERE campaign_id = :start_date AND TRIM(BOTH ' ' FROM device_type) = 'x' AND POSITION('a' IN device_type) > 0 AND SUBSTRING(device_type FROM 1 FOR 2) = 'x'`,
  ])
    assert.deepEqual(flagged(sql), [], sql);
  assert.deepEqual(
    flagged(
      `SELECT COUNT(DISTINCT user_id) OVER w AS n FROM ${SI} WINDOW w AS (PARTITION BY campaignid)`,
    ),
    ['campaignid'],
  );
  assert.deepEqual(
    flagged(
      `SELECT EXTRACT(YEAR FROM timestmp) AS y, COUNT(DISTINCT user_id) FROM ${SI} GROUP BY 1`,
    ),
    ['timestmp'],
  );
});

test('SCH002: CTE and derived-table outputs', () => {
  const cte = `WITH c AS (SELECT user_id, device_type AS dev FROM ${SI}) `;
  assert.deepEqual(flagged(`${cte}SELECT COUNT(DISTINCT user_id), dev FROM c GROUP BY dev`), []);
  const [d] = check(
    `${cte}SELECT COUNT(DISTINCT user_id), device_type FROM c GROUP BY device_type`,
  ).find('SCH002');
  assert.equal(d.text, 'device_type');
  assert.match(d.message, /Column 'device_type' is not in CTE 'c': Spark cannot resolve/);
  // A column list renames the outputs.
  assert.deepEqual(
    flagged(
      `WITH c (uid, dev) AS (SELECT user_id, device_type FROM ${SI}) SELECT COUNT(DISTINCT uid), dev, device_type FROM c GROUP BY dev, device_type`,
    ),
    ['device_type', 'device_type'],
  );
  // `*` over a schema table with columns is known.
  assert.deepEqual(
    flagged(
      `WITH c AS (SELECT * FROM ${SI}) SELECT COUNT(DISTINCT user_id) FROM c WHERE regin = 1`,
    ),
    ['regin'],
  );
  assert.deepEqual(
    flagged(
      `SELECT COUNT(DISTINCT user_id), dev FROM (SELECT user_id, device_type AS dev FROM ${SI}) t GROUP BY dev`,
    ),
    [],
  );
  assert.deepEqual(
    flagged(
      `SELECT COUNT(DISTINCT user_id), t.device_type FROM (SELECT user_id, device_type AS dev FROM ${SI}) t GROUP BY t.device_type`,
    ),
    ['t.device_type', 't.device_type'],
  );
  // Set operations are named by their first select.
  assert.deepEqual(
    flagged(
      `SELECT COUNT(DISTINCT user_id) FROM (SELECT user_id, device_type d FROM ${SI} UNION ALL SELECT user_id, region FROM ${SU}) x WHERE d = 'a'`,
    ),
    [],
  );
});

test('SCH002: unnamed outputs are known only for plain names', () => {
  const cte = `WITH c AS (SELECT user_id, COUNT(*) FROM ${SI} GROUP BY user_id) `;
  assert.deepEqual(flagged(`${cte}SELECT COUNT(DISTINCT user_id), AVG(n) FROM c`), ['n']);
  // Spark's own name for the unaliased expression.
  assert.deepEqual(flagged(`${cte}SELECT COUNT(DISTINCT user_id), AVG(\`count(1)\`) FROM c`), []);
  // A literal is named after its value ('abc' is named abc): nothing is known.
  assert.deepEqual(
    flagged(
      `WITH c AS (SELECT user_id, 'abc' FROM ${SI}) SELECT COUNT(DISTINCT user_id), MAX(abc) FROM c`,
    ),
    [],
  );
});

test('SCH002: nothing is said when a column list in scope is unknown', () => {
  const noColumns = { ...TABLES, bare: { userIdColumn: null, columns: [] } };
  for (const [sql, tables] of [
    [
      `SELECT COUNT(DISTINCT user_id) FROM ${SI} JOIN bare b ON b.k = user_id WHERE nosuch = 1`,
      noColumns,
    ],
    [
      `SELECT COUNT(DISTINCT user_id) FROM ${SI} JOIN unknown_t u ON u.k = user_id WHERE nosuch = 1`,
      TABLES,
    ],
    [
      `WITH c AS (SELECT * FROM unknown_t) SELECT COUNT(DISTINCT user_id) FROM c WHERE nosuch = 1`,
      TABLES,
    ],
    [`SELECT COUNT(DISTINCT user_id) FROM (SELECT * FROM bare) t WHERE nosuch = 1`, noColumns],
  ] as const)
    assert.deepEqual(flagged(sql, tables), [], sql);
  // Without a schema file nothing is known either (SCH001 says why).
  const c = check(`SELECT COUNT(DISTINCT user_id) FROM ${SI} WHERE nosuch = 1`, null);
  assert.deepEqual(c.find('SCH002'), []);
  assert.equal(c.find('SCH001').length, 1);
});

test('SCH002: the message names each reference in scope once, at most four', () => {
  const [self] = check(
    `SELECT COUNT(DISTINCT a.user_id) FROM ${SI} a JOIN ${SI} b ON a.user_id = b.user_id WHERE nosuch = 1`,
  ).find('SCH002');
  assert.match(
    self.message,
    /Column 'nosuch' is not in table 'socialco_impressions' in cleanrooms/,
  );
  const tables = Object.fromEntries(
    ['t1', 't2', 't3', 't4', 't5'].map((n) => [n, { userIdColumn: null, columns: ['k'] }]),
  );
  const [wide] = check(
    'SELECT x FROM t1 JOIN t2 ON t1.k = t2.k JOIN t3 ON t3.k = t1.k JOIN t4 ON t4.k = t1.k JOIN t5 ON t5.k = t1.k',
    tables,
  ).find('SCH002');
  assert.match(
    wide.message,
    /not in any of table 't1', table 't2', table 't3', table 't4', … in cleanrooms/,
  );
  const [cteOnly] = check('WITH c AS (SELECT 1 AS a) SELECT b FROM c', tables).find('SCH002');
  assert.match(cteOnly.message, /^Column 'b' is not in CTE 'c': Spark cannot resolve/);
});

test('SCH002: ORDER BY after a set operator is not judged', () => {
  assert.deepEqual(
    flagged(`SELECT device_type AS d FROM ${SI} UNION SELECT region FROM ${SU} ORDER BY d`),
    [],
  );
});

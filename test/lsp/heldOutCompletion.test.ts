// Held-out completion checks over real JSON-RPC against dist/server.js: Ctrl+Space in every
// clause, at an empty prefix and after a partial word, at the end of the text and in the middle,
// on half-typed text, with and without a schema file. What is asserted is what a person typing
// the template expects to see first.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompletionItem } from 'vscode-languageserver-protocol';
import { applyEdits } from '../support/lspClient';
import {
  completeAt,
  covered,
  cursor,
  type Edit,
  FIELD,
  FUNCTION,
  HEADER,
  heldOutServer,
  KEYWORD,
  labels,
  ordered,
  SNIPPET,
} from './heldOut';

const AGGREGATES_DP_REJECTS = ['MAX', 'MIN', 'ANY_VALUE', 'APPROX_COUNT_DISTINCT', 'COLLECT_SET'];
const CLICKS = ['hashed_email', 'ad_id', 'click_ts', 'cost'];
const PER_USER =
  'WITH per_user AS (\n  SELECT hashed_email, ad_id, COUNT(*) AS n\n  FROM clicks\n  GROUP BY hashed_email, ad_id\n)\n';

const edit = (i: CompletionItem) => (i as { textEdit: Edit }).textEdit;
/** Index of the first item of `kind` in the shown order (-1: none). */
const firstOf = (items: CompletionItem[], kind: number) =>
  ordered(items).findIndex((i) => i.kind === kind);
const has = (items: CompletionItem[], label: string) => items.some((i) => i.label === label);

describe('held-out completion, with a schema', () => {
  const session = heldOutServer();
  let n = 0;
  /** Completion at `|` in HEADER + body. */
  const complete = (body: string) => completeAt(session, `hc${n++}.cleanrooms.sql`, HEADER + body);

  describe('select list', () => {
    it('SELECT at the end, no FROM yet: every column of every table before any function, the user identifier first', async () => {
      const items = await complete('SELECT ');
      const shown = ordered(items);
      assert.equal(shown[0].label, 'hashed_email');
      const fields = shown.slice(0, firstOf(items, FUNCTION)).filter((i) => i.kind === FIELD);
      assert.deepEqual(fields.map((i) => i.label).sort(), [
        'ad_id',
        'age',
        'city',
        'click_ts',
        'cost',
        'hashed_email',
        'region',
        'store_id',
      ]);
    });

    it('SELECT in the middle, FROM below: only that table’s columns', async () => {
      const items = await complete('SELECT |\nFROM stores');
      assert.deepEqual(labels(items).slice(0, 2).sort(), ['city', 'store_id']);
      assert.ok(!has(items, 'ad_id') && !has(items, 'hashed_email'));
    });

    it('a trailing comma at the end, no FROM yet: columns first', async () => {
      const items = await complete('SELECT ad_id, ');
      assert.equal(ordered(items)[0].kind, FIELD);
      assert.ok(has(items, 'region') && has(items, 'cost'));
    });

    it('`SELECT a, | FROM clicks` over DP data: the allowed aggregates first, then clicks’ columns, no rejected aggregate', async () => {
      const items = await complete('SELECT ad_id, | FROM clicks');
      const shown = labels(items);
      assert.deepEqual(shown.slice(0, 6).sort(), [
        'AVG',
        'COUNT',
        'COUNT(DISTINCT hashed_email) AS users',
        'STDDEV',
        'STDDEV_SAMP',
        'SUM',
      ]);
      for (const a of AGGREGATES_DP_REJECTS) assert.ok(!shown.includes(a), a);
      for (const c of CLICKS) assert.ok(shown.indexOf(c) < shown.indexOf('ABS'), c);
      assert.ok(!shown.includes('region'));
    });

    it('the cursor right after the comma (`ad_id,|FROM`): the same list', async () => {
      const items = await complete('SELECT ad_id,|FROM clicks');
      assert.ok(has(items, 'COUNT(DISTINCT hashed_email) AS users'));
      assert.ok(has(items, 'click_ts'));
    });

    it('a partial word: the column that starts with it comes first and replaces only the word', async () => {
      const marked = HEADER + 'SELECT ad_id, COUNT(DISTINCT hash|) FROM clicks GROUP BY ad_id';
      const items = await completeAt(session, 'hc-partial.cleanrooms.sql', marked);
      const top = ordered(items)[0];
      assert.equal(top.label, 'hashed_email');
      const { text } = cursor(marked);
      assert.equal(covered(text, edit(top).range), 'hash');
    });

    it('a partial function name in WHERE: the function comes first', async () => {
      const items = await complete('SELECT COUNT(DISTINCT hashed_email) FROM clicks WHERE UPP');
      assert.equal(ordered(items)[0].label, 'UPPER');
    });

    it('after a complete select item with no FROM yet: FROM is offered first, not columns', async () => {
      const items = await complete('SELECT ad_id ');
      assert.equal(ordered(items)[0].label, 'FROM');
      assert.ok(!has(items, 'click_ts'));
    });

    it('after a finished aggregate: FROM and AS', async () => {
      const shown = labels(await complete('SELECT COUNT(DISTINCT hashed_email) '));
      assert.ok(shown.includes('FROM') && shown.includes('AS'), JSON.stringify(shown));
      assert.ok(!shown.includes('hashed_email'));
    });

    it('after an item in the middle, FROM already below: AS, not a second FROM', async () => {
      assert.deepEqual(labels(await complete('SELECT ad_id | FROM clicks')), ['AS']);
    });

    it('after an alias at the end: FROM only', async () => {
      assert.deepEqual(labels(await complete('SELECT ad_id AS a ')), ['FROM']);
    });

    it('a partial keyword after an item: `FR` offers FROM', async () => {
      assert.equal(labels(await complete('SELECT ad_id FR'))[0], 'FROM');
    });
  });

  describe('FROM and JOIN', () => {
    it('FROM at the end: every table, DP ones described, nothing else', async () => {
      const items = await complete('SELECT COUNT(DISTINCT hashed_email) FROM ');
      assert.deepEqual(labels(items), ['clicks', 'customers', 'stores']);
      assert.match(
        items.find((i) => i.label === 'clicks')?.detail ?? '',
        /user identifier: hashed_email/,
      );
    });

    it('FROM in the final query after a CTE: the CTE and the tables', async () => {
      const shown = labels(await complete(`${PER_USER}SELECT COUNT(DISTINCT hashed_email) FROM `));
      assert.ok(shown.includes('per_user') && shown.includes('clicks'), JSON.stringify(shown));
    });

    it('FROM in the second CTE: the first CTE, never itself nor a later one', async () => {
      const shown = labels(
        await complete(
          'WITH a AS (SELECT hashed_email FROM clicks GROUP BY hashed_email),\n b AS (SELECT hashed_email FROM |),\n c AS (SELECT hashed_email FROM a GROUP BY hashed_email)\nSELECT COUNT(*) FROM c',
        ),
      );
      assert.ok(shown.includes('a'), JSON.stringify(shown));
      assert.ok(!shown.includes('b') && !shown.includes('c'), JSON.stringify(shown));
    });

    it('after a comma in FROM: tables again', async () => {
      const shown = labels(await complete('SELECT COUNT(*) FROM stores s, '));
      assert.ok(shown.includes('clicks') && shown.includes('customers'));
    });

    it('JOIN after a DP table: a ready user-id join for the other DP table', async () => {
      const items = await complete('SELECT COUNT(DISTINCT c.hashed_email) FROM clicks c JOIN ');
      const join = items.find((i) => i.kind === SNIPPET && i.label.startsWith('customers'));
      assert.ok(join, JSON.stringify(labels(items)));
      assert.match(edit(join).newText, /^customers (\w+) ON c\.hashed_email = \1\.hashed_email$/);
    });

    it('LEFT JOIN: the same user-id join', async () => {
      const items = await complete(
        'SELECT COUNT(DISTINCT c.hashed_email) FROM clicks c LEFT JOIN ',
      );
      assert.ok(items.some((i) => /^customers \w+ ON c\.hashed_email = /.test(i.label)));
    });

    it('JOIN a CTE to a DP table: the CTE is offered joined on its user identifier', async () => {
      const items = await complete(
        `${PER_USER}SELECT COUNT(DISTINCT cu.hashed_email) FROM customers cu JOIN `,
      );
      assert.ok(
        items.some((i) => i.label === 'per_user p ON cu.hashed_email = p.hashed_email'),
        JSON.stringify(labels(items)),
      );
    });

    it('after `JOIN t alias` of two DP tables: the whole user-id ON condition first, then ON', async () => {
      const items = await complete(
        'SELECT COUNT(DISTINCT c.hashed_email) FROM clicks c JOIN customers cu ',
      );
      const shown = ordered(items);
      assert.equal(shown[0].label, 'ON c.hashed_email = cu.hashed_email');
      assert.equal(edit(shown[0]).newText, 'ON c.hashed_email = cu.hashed_email');
      assert.equal(shown[1].label, 'ON');
    });

    it('after `JOIN t alias` of a non-DP table, in the middle: ON first', async () => {
      const shown = labels(
        await complete('SELECT COUNT(*) FROM clicks c JOIN stores s |\nWHERE c.cost > 1'),
      );
      assert.equal(shown[0], 'ON');
    });

    it('after a table and its alias: the keywords that may follow, a partial one first', async () => {
      assert.equal(labels(await complete('SELECT COUNT(*) FROM clicks c GR'))[0], 'GROUP BY');
    });
  });

  describe('ON', () => {
    it('ON at the end: the user-id equi-join first, then both sides’ columns, shared names qualified', async () => {
      const items = await complete(
        'SELECT COUNT(DISTINCT c.hashed_email) FROM clicks c JOIN customers cu ON ',
      );
      const shown = labels(items);
      assert.equal(shown[0], 'c.hashed_email = cu.hashed_email');
      assert.ok(shown.includes('c.hashed_email') && shown.includes('cu.hashed_email'));
      assert.ok(!shown.includes('hashed_email'));
      assert.ok(shown.includes('region') && shown.includes('ad_id'));
    });

    it('ON in the middle of a query that goes on: the same', async () => {
      const shown = labels(
        await complete(
          'SELECT COUNT(DISTINCT c.hashed_email) FROM clicks c JOIN customers cu ON |\nWHERE c.cost > 1',
        ),
      );
      assert.equal(shown[0], 'c.hashed_email = cu.hashed_email');
    });

    it('ON a CTE joined to a table: the join on the CTE’s user identifier', async () => {
      const shown = labels(
        await complete(`${PER_USER}SELECT COUNT(*) FROM per_user p JOIN customers cu ON `),
      );
      assert.equal(shown[0], 'p.hashed_email = cu.hashed_email');
      assert.ok(shown.includes('n') && shown.includes('region'));
    });

    it('ON with a non-DP table: columns of both sides, no user-id join', async () => {
      const shown = labels(await complete('SELECT COUNT(*) FROM clicks c JOIN stores s ON '));
      assert.ok(!shown.some((l) => l.includes(' = ')));
      assert.ok(shown.includes('store_id') && shown.includes('ad_id'));
    });
  });

  describe('WHERE, AND, OR', () => {
    it('WHERE at the end: columns, then :params, scalar functions; no aggregate, no final-SELECT note', async () => {
      const items = await complete('SELECT COUNT(DISTINCT hashed_email) FROM clicks c WHERE ');
      const shown = labels(items);
      assert.deepEqual(shown.slice(0, 4).sort(), [...CLICKS].sort());
      assert.ok(shown.includes(':since') && shown.includes('DATE_TRUNC'));
      for (const a of ['COUNT', 'SUM', 'AVG', ...AGGREGATES_DP_REJECTS])
        assert.ok(!shown.includes(a), a);
      assert.ok(!items.some((i) => /final SELECT/.test(i.detail ?? '')));
    });

    it('after AND at the end: columns first', async () => {
      const shown = labels(
        await complete('SELECT COUNT(DISTINCT hashed_email) FROM clicks WHERE cost > 1 AND '),
      );
      assert.equal(shown[0], 'hashed_email');
    });

    it('inside an unclosed parenthesis after OR: columns first', async () => {
      const shown = labels(
        await complete(
          'SELECT COUNT(DISTINCT hashed_email) FROM clicks WHERE (click_ts > :since OR ',
        ),
      );
      assert.ok(CLICKS.includes(shown[0]), shown[0]);
    });

    it('after a complete condition: AND / OR and the clauses that may follow, not columns', async () => {
      const items = await complete(
        'SELECT COUNT(DISTINCT hashed_email) FROM clicks WHERE click_ts >= :since ',
      );
      const shown = labels(items);
      assert.ok(['AND', 'OR'].includes(shown[0]), JSON.stringify(shown.slice(0, 5)));
      assert.ok(shown.includes('GROUP BY') && shown.includes('ORDER BY'));
      assert.ok(!shown.includes('ad_id'));
    });

    it('after a bare column: the comparison words first, the next clauses last, in a stable order', async () => {
      const shown = labels(
        await complete('SELECT COUNT(DISTINCT hashed_email) FROM clicks WHERE ad_id '),
      );
      assert.deepEqual(shown.slice(0, 2), ['IN', 'BETWEEN']);
      assert.deepEqual(shown.slice(-3), ['GROUP BY', 'ORDER BY', 'LIMIT']);
    });

    it('after IS: NULL and NOT NULL only', async () => {
      assert.deepEqual(
        labels(await complete('SELECT COUNT(DISTINCT hashed_email) FROM clicks WHERE ad_id IS ')),
        ['NULL', 'NOT NULL'],
      );
    });

    it('a partial AND after a string literal: AND first', async () => {
      assert.equal(
        labels(await complete("SELECT COUNT(*) FROM stores WHERE city = 'Paris' AN"))[0],
        'AND',
      );
    });
  });

  describe('GROUP BY, HAVING, ORDER BY, LIMIT', () => {
    it('GROUP BY at the end: the select list’s expressions first, not its aggregates', async () => {
      const shown = labels(
        await complete(
          "SELECT ad_id, DATE_TRUNC('day', click_ts) AS d, COUNT(DISTINCT hashed_email) FROM clicks GROUP BY ",
        ),
      );
      assert.deepEqual(shown.slice(0, 2), ['ad_id', "DATE_TRUNC('day', click_ts)"]);
      assert.ok(!shown.includes('COUNT(DISTINCT hashed_email)'));
    });

    it('after a GROUP BY item: HAVING, ORDER BY, LIMIT', async () => {
      const shown = labels(
        await complete('SELECT ad_id, COUNT(DISTINCT hashed_email) FROM clicks GROUP BY ad_id '),
      );
      assert.ok(['HAVING', 'ORDER BY', 'LIMIT'].every((k) => shown.includes(k)));
      assert.equal(shown[0], 'HAVING');
      assert.ok(!shown.includes('cost'));
    });

    it('HAVING in a DP final query: COUNT, SUM, AVG, STDDEV first; rejected ones absent', async () => {
      const shown = labels(
        await complete('SELECT ad_id, SUM(cost) FROM clicks GROUP BY ad_id HAVING '),
      );
      assert.deepEqual(shown.slice(0, 5), ['AVG', 'COUNT', 'STDDEV', 'STDDEV_SAMP', 'SUM']);
      for (const a of AGGREGATES_DP_REJECTS) assert.ok(!shown.includes(a), a);
    });

    it('HAVING over non-DP data: every aggregate, MAX included, with no DP note', async () => {
      const items = await complete('SELECT city, COUNT(*) FROM stores GROUP BY city HAVING ');
      const max = items.find((i) => i.label === 'MAX');
      assert.ok(max);
      assert.doesNotMatch(max.detail ?? '', /DP/);
    });

    it('ORDER BY at the end: output aliases first, then columns', async () => {
      const shown = labels(
        await complete(
          'SELECT ad_id, COUNT(DISTINCT hashed_email) AS reach, SUM(cost) AS spend FROM clicks GROUP BY ad_id ORDER BY ',
        ),
      );
      assert.deepEqual(shown.slice(0, 2), ['reach', 'spend']);
      assert.ok(shown.indexOf('ad_id') < shown.indexOf('ABS'));
    });

    it('ORDER BY in the middle, LIMIT after it: the same', async () => {
      const shown = labels(
        await complete(
          'SELECT ad_id, COUNT(DISTINCT hashed_email) AS reach FROM clicks GROUP BY ad_id ORDER BY | LIMIT 10',
        ),
      );
      assert.equal(shown[0], 'reach');
    });

    it('after an ORDER BY item: ASC, DESC and LIMIT, not columns', async () => {
      const shown = labels(
        await complete(
          'SELECT ad_id, COUNT(DISTINCT hashed_email) AS reach FROM clicks GROUP BY ad_id ORDER BY reach ',
        ),
      );
      assert.ok(
        ['ASC', 'DESC', 'LIMIT'].every((k) => shown.includes(k)),
        JSON.stringify(shown),
      );
      assert.ok(!shown.includes('ad_id'));
    });

    it('LIMIT: no column or function is offered for the row count', async () => {
      const items = await complete('SELECT COUNT(DISTINCT hashed_email) FROM clicks LIMIT ');
      assert.ok(
        !items.some((i) => i.kind === FIELD || i.kind === FUNCTION),
        JSON.stringify(labels(items)),
      );
    });
  });

  describe('inside calls and CASE', () => {
    it('inside DATE_TRUNC’s parentheses: columns first, no aggregate', async () => {
      const shown = labels(
        await complete("SELECT COUNT(*) FROM clicks WHERE DATE_TRUNC('day', |) > :since"),
      );
      assert.ok(CLICKS.includes(shown[0]), shown[0]);
      assert.ok(!shown.includes('COUNT') && !shown.includes('SUM'));
    });

    it('COUNT( at the end of a DP final query being written: columns and DISTINCT', async () => {
      const items = await complete('SELECT ad_id, COUNT(');
      assert.equal(ordered(items)[0].kind, FIELD);
      assert.ok(has(items, 'DISTINCT'));
    });

    it('DISTINCT is offered only right after the opening parenthesis', async () => {
      const items = await complete(
        'SELECT ad_id, COUNT(DISTINCT CASE WHEN | THEN hashed_email END) FROM clicks GROUP BY ad_id',
      );
      assert.ok(!has(items, 'DISTINCT'));
      assert.ok(CLICKS.includes(labels(items)[0]));
    });

    it('CASE WHEN in a select list with its FROM below: that table’s columns first', async () => {
      const shown = labels(
        await complete(
          'SELECT ad_id, SUM(CASE WHEN | THEN cost ELSE 0 END) FROM clicks GROUP BY ad_id',
        ),
      );
      assert.ok(CLICKS.includes(shown[0]), shown[0]);
      assert.ok(!shown.includes('region'));
    });

    it('CASE … THEN at the end: columns and parameters', async () => {
      const items = await complete('SELECT ad_id, SUM(CASE WHEN click_ts > :since THEN ');
      assert.equal(ordered(items)[0].kind, FIELD);
      assert.ok(has(items, ':since'));
    });

    it('an unclosed call before GROUP BY: GROUP BY is read as the clause, not as an argument', async () => {
      const items = await complete('SELECT city, COUNT(store_id FROM stores GROUP BY ');
      assert.ok(!has(items, 'DISTINCT'), 'DISTINCT belongs right after a parenthesis');
      assert.equal(labels(items)[0], 'city');
    });
  });

  describe('CTE bodies', () => {
    it('a CTE select list at the end: the user identifier first, CTE allowances', async () => {
      const items = await complete('WITH per_user AS (SELECT ');
      assert.equal(ordered(items)[0].label, 'hashed_email');
      assert.match(items.find((i) => i.label === 'MAX')?.detail ?? '', /^DP: allowed in a CTE/);
    });

    it('a CTE select list in the middle: only the columns of its FROM', async () => {
      const shown = labels(
        await complete(
          'WITH per_user AS (SELECT | FROM customers GROUP BY hashed_email)\nSELECT COUNT(*) FROM per_user',
        ),
      );
      assert.equal(shown[0], 'hashed_email');
      assert.ok(shown.includes('region') && !shown.includes('ad_id'));
    });

    it('WHERE inside a CTE: its table’s columns and the parameters', async () => {
      const items = await complete('WITH p AS (SELECT hashed_email FROM clicks WHERE ');
      assert.ok(CLICKS.includes(labels(items)[0]));
      assert.ok(has(items, ':since'));
    });

    it('GROUP BY inside a CTE: its select expressions first', async () => {
      const shown = labels(
        await complete('WITH p AS (SELECT hashed_email, ad_id FROM clicks GROUP BY '),
      );
      assert.deepEqual(shown.slice(0, 2), ['hashed_email', 'ad_id']);
    });

    it('the final SELECT with no FROM yet: the CTE’s outputs before the tables’ columns', async () => {
      const shown = labels(await complete(`${PER_USER}SELECT ad_id, `));
      assert.ok(shown.indexOf('n') >= 0 && shown.indexOf('n') < shown.indexOf('region'));
    });

    it('WHERE over a CTE: its output columns, aliases included', async () => {
      const shown = labels(await complete(`${PER_USER}SELECT COUNT(*) FROM per_user WHERE `));
      assert.deepEqual(shown.slice(0, 3).sort(), ['ad_id', 'hashed_email', 'n']);
    });
  });

  describe('after a dot and a colon', () => {
    it('alias. in WHERE: that table’s columns in schema order, the user identifier marked', async () => {
      const items = await complete('SELECT COUNT(*) FROM clicks c WHERE c.');
      assert.deepEqual(labels(items), CLICKS);
      assert.match(items[0].detail ?? '', /DP user identifier/);
    });

    it('alias. with a partial name replaces only the partial name', async () => {
      const marked = HEADER + 'SELECT COUNT(*) FROM customers cu WHERE cu.re|';
      const items = await completeAt(session, 'hc-dot.cleanrooms.sql', marked);
      const region = items.find((i) => i.label === 'region');
      assert.ok(region);
      assert.equal(covered(cursor(marked).text, edit(region).range), 're');
    });

    it('a CTE name and a dot in the final select list: its outputs', async () => {
      assert.deepEqual(labels(await complete(`${PER_USER}SELECT per_user.`)), [
        'hashed_email',
        'ad_id',
        'n',
      ]);
    });

    it('an unknown qualifier: nothing', async () => {
      assert.deepEqual(await complete('SELECT COUNT(*) FROM clicks c WHERE zz.'), []);
    });

    it('a colon: the declared parameters; accepting one writes its name after the colon', async () => {
      const marked = HEADER + 'SELECT COUNT(*) FROM clicks WHERE click_ts >= :|';
      const items = await completeAt(session, 'hc-colon.cleanrooms.sql', marked);
      assert.deepEqual(
        items.map((i) => i.label),
        ['since'],
      );
      assert.equal(
        applyEdits(cursor(marked).text, [edit(items[0])]),
        HEADER + 'SELECT COUNT(*) FROM clicks WHERE click_ts >= :since',
      );
    });

    it('a colon with a partial name: the edit replaces the partial name, the colon stays', async () => {
      const marked = HEADER + 'SELECT COUNT(*) FROM clicks WHERE click_ts >= :si|';
      const items = await completeAt(session, 'hc-colon2.cleanrooms.sql', marked);
      assert.equal(covered(cursor(marked).text, edit(items[0]).range), 'si');
    });

    it('a colon in a template that declares no parameter: nothing', async () => {
      const items = await completeAt(
        session,
        'hc-colon3.cleanrooms.sql',
        '-- @name A\nSELECT COUNT(*) FROM clicks WHERE click_ts >= :',
      );
      assert.deepEqual(items, []);
    });
  });

  describe('header lines', () => {
    it('`-- @param x ` at the end of the line: the 28 types', async () => {
      const items = await completeAt(
        session,
        'hh1.cleanrooms.sql',
        '-- @name A\n-- @param min_cost |\nSELECT 1',
      );
      assert.equal(items.length, 28);
      assert.ok(items.every((i) => i.kind === 25));
    });

    it('a partial type replaces the partial word', async () => {
      const marked = '-- @name A\n-- @param since TIMEST|\nSELECT 1';
      const items = await completeAt(session, 'hh2.cleanrooms.sql', marked);
      const ts = items.find((i) => i.label === 'TIMESTAMP');
      assert.ok(ts);
      assert.equal(
        applyEdits(cursor(marked).text, [edit(ts)]),
        '-- @name A\n-- @param since TIMESTAMP\nSELECT 1',
      );
    });

    it('`-- @` on a new header line: the five directives', async () => {
      const items = await completeAt(session, 'hh3.cleanrooms.sql', '-- @name A\n-- @|\nSELECT 1');
      assert.deepEqual(items.map((i) => i.label).sort(), [
        '@arn',
        '@description',
        '@membership',
        '@name',
        '@param',
      ]);
    });

    it('`-- @desc` completes to @description with a value placeholder', async () => {
      const marked = '-- @name A\n-- @desc|\nSELECT 1';
      const items = await completeAt(session, 'hh4.cleanrooms.sql', marked);
      const d = items.find((i) => i.label === '@description');
      assert.ok(d);
      assert.match(applyEdits(cursor(marked).text, [edit(d)]), /^-- @name A\n-- @description \S/);
    });

    it('a comment in the body that is not a header: nothing', async () => {
      assert.deepEqual(await complete('SELECT COUNT(*) FROM clicks -- FROM '), []);
    });

    it('inside a string literal: nothing', async () => {
      assert.deepEqual(await complete("SELECT COUNT(*) FROM stores WHERE city = 'Par"), []);
    });
  });

  describe('the first words', () => {
    it('an empty body: SELECT, WITH and the DP snippets for each DP table', async () => {
      const items = await complete('');
      assert.ok(has(items, 'SELECT') && has(items, 'WITH'));
      for (const t of ['clicks', 'customers'])
        assert.ok(
          items.some((i) => i.kind === SNIPPET && i.label.includes(`FROM ${t}`)),
          t,
        );
      assert.ok(!items.some((i) => i.label.includes('FROM stores')));
    });

    it('after WITH: a per-user CTE snippet grouped by hashed_email', async () => {
      const items = await complete('WITH ');
      const s = items.find((i) =>
        /per_user AS \(… FROM clicks GROUP BY hashed_email/.test(i.label),
      );
      assert.ok(s, JSON.stringify(labels(items)));
    });

    it('after a finished CTE: SELECT, for the final query', async () => {
      assert.deepEqual(
        labels(
          await complete('WITH p AS (SELECT hashed_email FROM clicks GROUP BY hashed_email) '),
        ),
        ['SELECT'],
      );
    });

    it('a second CTE after a comma: the per-user snippets again', async () => {
      const items = await complete(
        'WITH a AS (SELECT hashed_email FROM clicks GROUP BY hashed_email), ',
      );
      assert.ok(items.some((i) => i.kind === SNIPPET && /per_user AS/.test(i.label)));
    });

    it('a keyword item inserts the keyword and one space', async () => {
      const items = await complete('SEL');
      const select = items.find((i) => i.label === 'SELECT' && i.kind === KEYWORD);
      assert.ok(select);
      assert.equal(edit(select).newText, 'SELECT ');
    });
  });

  describe('no DP notes where DP does not apply', () => {
    it('a select list over a non-DP table: functions carry no DP verdict, MAX is not struck through', async () => {
      const items = await complete('SELECT city, | FROM stores');
      const max = items.find((i) => i.label === 'MAX');
      assert.ok(max);
      assert.doesNotMatch(max.detail ?? '', /DP/);
      assert.ok(!(max.tags ?? []).length);
      assert.ok(!items.some((i) => /^DP: not allowed/.test(i.detail ?? '')));
    });
  });
});

describe('held-out completion, without a schema file', () => {
  const session = heldOutServer(null);
  let n = 0;
  const complete = (body: string) => completeAt(session, `nc${n++}.cleanrooms.sql`, HEADER + body);

  it('SELECT: no invented columns, functions still offered', async () => {
    const items = await complete('SELECT ');
    assert.ok(!items.some((i) => i.kind === FIELD));
    assert.ok(has(items, 'COUNT') && has(items, 'UPPER'));
  });

  it('FROM after a CTE: the CTE', async () => {
    const shown = labels(await complete('WITH p AS (SELECT a, b FROM t)\nSELECT COUNT(*) FROM '));
    assert.deepEqual(shown, ['p']);
  });

  it('a CTE name and a dot: its outputs, aliases included', async () => {
    assert.deepEqual(labels(await complete('WITH p AS (SELECT a, b AS bb FROM t)\nSELECT p.')), [
      'a',
      'bb',
    ]);
  });

  it('the select list over a CTE: its outputs first', async () => {
    const shown = labels(await complete('WITH p AS (SELECT a, b AS bb FROM t)\nSELECT | FROM p'));
    assert.deepEqual(shown.slice(0, 2).sort(), ['a', 'bb']);
  });

  it('a colon: the declared parameters', async () => {
    const items = await complete('SELECT COUNT(*) FROM t WHERE x > :');
    assert.deepEqual(
      items.map((i) => i.label),
      ['since'],
    );
  });
});

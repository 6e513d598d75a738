// Completion by clause over real LSP, on half-typed text: at an empty prefix and after a partial
// word, at the end of the text and in the middle, as a person writes a template top to bottom.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompletionItem, CompletionList, Diagnostic } from 'vscode-languageserver-protocol';
import { applyEdits } from '../support/lspClient';
import { useServer } from './fixtures';

const SCHEMA = JSON.stringify({
  tables: [
    {
      name: 'impressions',
      analysisRuleType: 'CUSTOM',
      differentialPrivacy: { userIdColumn: 'user_id' },
      columns: [
        { name: 'user_id', type: 'string' },
        { name: 'campaign_id', type: 'string' },
        { name: 'ts', type: 'timestamp' },
      ],
    },
    {
      name: 'users',
      analysisRuleType: 'CUSTOM',
      differentialPrivacy: { userIdColumn: 'user_id' },
      columns: [
        { name: 'user_id', type: 'string' },
        { name: 'age_band', type: 'string' },
      ],
    },
    {
      name: 'sales',
      analysisRuleType: 'CUSTOM',
      columns: [
        { name: 'sale_id', type: 'string' },
        { name: 'price', type: 'double' },
      ],
    },
  ],
});

const HEADER = "-- @name Reach\n-- @param since DATE = '2024-01-01'\n";
type Edit = {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
};

/** Items in the order VS Code shows them at an empty prefix (by sortText, then label). */
const ordered = (items: CompletionItem[]) =>
  [...items].sort(
    (a, b) =>
      (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label) ||
      a.label.localeCompare(b.label),
  );
const labels = (items: CompletionItem[]) => ordered(items).map((i) => i.label);
const FIELD = 5;
const FUNCTION = 3;

describe('completion by clause', () => {
  const session = useServer(SCHEMA);
  let n = 0;

  /** Completion at `|` in `body` (after the header), as requested by Ctrl+Space. */
  async function complete(body: string): Promise<CompletionItem[]> {
    const marked = HEADER + body;
    const offset = marked.includes('|') ? marked.indexOf('|') : marked.length;
    const text = marked.replace('|', '');
    const before = text.slice(0, offset).split('\n');
    const uri = session.ws.uri(`c${n++}.cleanrooms.sql`);
    session.client.open(uri, text, 1);
    await session.client.waitForDiagnostics(uri, (p) => p.version === 1);
    const list = await session.client.request<CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: { line: before.length - 1, character: before[before.length - 1].length },
      context: { triggerKind: 1 },
    });
    session.client.close(uri);
    return list.items;
  }

  it('SELECT with no FROM yet: columns of every schema table first, the user identifier leading', async () => {
    const items = await complete('SELECT ');
    const shown = ordered(items);
    assert.equal(shown[0].label, 'user_id');
    assert.match(shown[0].detail ?? '', /DP user identifier/);
    for (const c of ['campaign_id', 'ts', 'age_band', 'price', 'sale_id'])
      assert.ok(
        items.some((i) => i.label === c && i.kind === FIELD),
        c,
      );
    const firstFunction = shown.findIndex((i) => i.kind === FUNCTION);
    assert.equal(shown.slice(0, firstFunction).filter((i) => i.kind === FIELD).length, 6);
  });

  it('SELECT us: user_id before any function', async () => {
    const shown = ordered(await complete('SELECT us'));
    assert.equal(shown[0].label, 'user_id');
    assert.deepEqual((shown[0] as { textEdit: Edit }).textEdit.range, {
      start: { line: 2, character: 7 },
      end: { line: 2, character: 9 },
    });
  });

  it('a CTE select list being typed: columns, DP allowance for CTEs', async () => {
    const items = await complete('WITH per_user AS (SELECT ');
    assert.equal(ordered(items)[0].label, 'user_id');
    assert.match(items.find((i) => i.label === 'MAX')?.detail ?? '', /^DP: allowed in a CTE/);
  });

  it('FROM in a CTE: tables and earlier CTEs, never the CTE being defined', async () => {
    const first = labels(await complete('WITH per_user AS (SELECT user_id FROM '));
    assert.deepEqual(first, ['impressions', 'sales', 'users']);
    const second = labels(
      await complete(
        'WITH a AS (SELECT user_id FROM impressions GROUP BY user_id), per_user AS (SELECT user_id FROM |)\nSELECT COUNT(*) FROM a',
      ),
    );
    assert.ok(second.includes('a') && !second.includes('per_user'), JSON.stringify(second));
  });

  it('WHERE at the end of a query: columns, parameters, scalar functions; no aggregates', async () => {
    const items = await complete('SELECT COUNT(DISTINCT user_id) FROM impressions i WHERE ');
    const shown = labels(items);
    assert.deepEqual(shown.slice(0, 3), ['user_id', 'campaign_id', 'ts']);
    assert.ok(shown.includes(':since'));
    assert.ok(shown.includes('DATE_TRUNC'));
    for (const a of ['COUNT', 'SUM', 'AVG', 'MAX', 'ANY_VALUE']) assert.ok(!shown.includes(a), a);
    assert.ok(
      !items.some((i) => /final SELECT/.test(i.detail ?? '')),
      'no "final SELECT" label in WHERE',
    );
  });

  it('AND / OR in the middle of a WHERE clause', async () => {
    const shown = labels(
      await complete(
        'SELECT COUNT(DISTINCT user_id) FROM impressions WHERE ts > :since AND | GROUP BY campaign_id',
      ),
    );
    assert.equal(shown[0], 'user_id');
    assert.ok(!shown.includes('COUNT'));
  });

  it('GROUP BY: the select expressions, then columns', async () => {
    const shown = labels(
      await complete(
        "SELECT campaign_id, DATE_TRUNC('month', ts) AS m, COUNT(DISTINCT user_id) FROM impressions GROUP BY ",
      ),
    );
    assert.deepEqual(shown.slice(0, 2), ['campaign_id', "DATE_TRUNC('month', ts)"]);
    assert.ok(shown.includes('user_id') && shown.includes('ts'));
    assert.ok(!shown.includes('COUNT(DISTINCT user_id)'));
  });

  it('ORDER BY on a finished query: output aliases first, then columns', async () => {
    const shown = labels(
      await complete(
        'SELECT campaign_id, COUNT(DISTINCT user_id) AS reach FROM impressions GROUP BY campaign_id ORDER BY ',
      ),
    );
    assert.equal(shown[0], 'reach');
    assert.ok(
      shown.indexOf('campaign_id') > 0 &&
        shown.indexOf('campaign_id') < shown.findIndex((l) => l === 'ABS'),
    );
  });

  it('ON: a ready user-id equi-join of the two DP tables, then the columns of both sides', async () => {
    const items = await complete(
      'SELECT COUNT(DISTINCT i.user_id) FROM impressions i JOIN users u ON ',
    );
    const shown = labels(items);
    assert.equal(shown[0], 'i.user_id = u.user_id');
    assert.ok(shown.includes('age_band') && shown.includes('campaign_id'));
    // user_id is in both: qualified.
    assert.ok(
      shown.includes('i.user_id') && shown.includes('u.user_id') && !shown.includes('user_id'),
    );
  });

  it('JOIN: tables, and a user-id join snippet for the other DP table', async () => {
    const items = await complete('SELECT COUNT(DISTINCT i.user_id) FROM impressions i JOIN ');
    const join = items.find((i) => i.label === 'users u ON i.user_id = u.user_id');
    assert.ok(join, JSON.stringify(labels(items)));
    assert.ok(items.some((i) => i.label === 'sales'));
  });

  it('HAVING in a DP final SELECT: the allowed aggregates first, no others', async () => {
    const shown = labels(
      await complete(
        'SELECT campaign_id, COUNT(DISTINCT user_id) FROM impressions GROUP BY campaign_id HAVING ',
      ),
    );
    assert.deepEqual(shown.slice(0, 5), ['AVG', 'COUNT', 'STDDEV', 'STDDEV_SAMP', 'SUM']);
    assert.ok(!shown.includes('MAX') && !shown.includes('ANY_VALUE'));
  });

  it('the select list of a DP final SELECT, in the middle: the allowed aggregates and the final-aggregate snippet first, ANY_VALUE not offered', async () => {
    const items = await complete('SELECT | FROM impressions');
    const shown = labels(items);
    assert.deepEqual(shown.slice(0, 6).sort(), [
      'AVG',
      'COUNT',
      'COUNT(DISTINCT user_id) AS users',
      'STDDEV',
      'STDDEV_SAMP',
      'SUM',
    ]);
    for (const f of ['ANY_VALUE', 'MAX', 'MIN', 'ROW_NUMBER', 'ARRAY_CONTAINS'])
      assert.ok(!shown.includes(f), f);
    assert.ok(shown.indexOf('campaign_id') < shown.indexOf('ABS'));
  });

  it('inside function parentheses: columns first', async () => {
    const shown = labels(await complete('SELECT COUNT(DISTINCT |) FROM impressions'));
    assert.equal(shown[0], 'user_id');
    assert.ok(!shown.includes('COUNT'));
  });

  it('inside an open call before FROM, in the middle: the columns of the FROM that follows, and DISTINCT', async () => {
    const shown = labels(
      await complete(
        'SELECT campaign_id, COUNT(| FROM impressions i JOIN users u ON i.user_id = u.user_id GROUP BY campaign_id',
      ),
    );
    assert.deepEqual(shown.slice(0, 2), ['i.user_id', 'u.user_id']);
    assert.ok(shown.includes('age_band') && shown.includes('DISTINCT') && !shown.includes('price'));
  });

  it('alias. in the select list before its FROM, and a CTE name with a dot', async () => {
    assert.deepEqual(labels(await complete('SELECT i.| FROM impressions i')), [
      'user_id',
      'campaign_id',
      'ts',
    ]);
    const cte =
      'WITH per_user AS (SELECT user_id, age_band FROM users GROUP BY user_id, age_band)\n';
    assert.deepEqual(labels(await complete(`${cte}SELECT per_user.`)), ['user_id', 'age_band']);
    assert.deepEqual(labels(await complete(`${cte}SELECT p.| FROM per_user AS p`)), [
      'user_id',
      'age_band',
    ]);
  });

  it('after a table and its alias: the keywords that may follow', async () => {
    assert.deepEqual(labels(await complete('SELECT COUNT(DISTINCT user_id) FROM impressions i ')), [
      'JOIN',
      'LEFT JOIN',
      'WHERE',
      'GROUP BY',
      'ORDER BY',
      'LIMIT',
    ]);
    assert.equal(
      labels(await complete('SELECT COUNT(DISTINCT user_id) FROM impressions i wh'))[0],
      'WHERE',
    );
  });

  it('an empty body offers the per-user CTE + final aggregate snippet, which is a VALID template', async () => {
    const items = await complete('');
    const snippet = items.find((i) => i.label.startsWith('WITH per_user AS (… FROM impressions'));
    assert.ok(snippet, JSON.stringify(labels(items)));
    const body = (snippet as { textEdit: Edit }).textEdit.newText
      .replace(/\$\{\d+:([^}]*)\}/g, '$1')
      .replace(/\$\{?\d+\}?/g, '');
    assert.match(body, /GROUP BY user_id, campaign_id/);
    const uri = session.ws.uri('snippet.cleanrooms.sql');
    session.client.open(uri, HEADER.replace(/-- @param.*\n/, '') + body, 1);
    const diagnostics = (await session.client.waitForDiagnostics(uri, (p) => p.version === 1))
      .diagnostics as Diagnostic[];
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      [],
    );
  });

  it('after WITH: the per-user CTE snippet', async () => {
    const items = await complete('WITH ');
    assert.ok(
      items.some(
        (i) => i.kind === 15 && /per_user AS \(… FROM users GROUP BY user_id/.test(i.label),
      ),
      JSON.stringify(labels(items)),
    );
  });

  it('accepting @name before an existing value adds no second space', async () => {
    const uri = session.ws.uri('directive.cleanrooms.sql');
    const text = '-- @ Reach\nSELECT 1';
    session.client.open(uri, text, 1);
    const list = await session.client.request<CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 0, character: 4 },
      context: { triggerKind: 2, triggerCharacter: '@' },
    });
    const name = list.items.find((i) => i.label === '@name') as { textEdit: Edit };
    assert.equal(applyEdits(text, [name.textEdit]), '-- @name Reach\nSELECT 1');
    const rest = '-- @na|me Reach';
    const text2 = rest.replace('|', '');
    session.client.change(uri, 2, text2);
    const list2 = await session.client.request<CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 0, character: rest.indexOf('|') },
    });
    const name2 = list2.items.find((i) => i.label === '@name') as { textEdit: Edit };
    assert.equal(applyEdits(text2, [name2.textEdit]), '-- @name Reach');
  });
});

describe('completion right after a template opens', () => {
  // A fresh server: nothing has read the schema file yet when Ctrl+Space arrives.
  const session = useServer(SCHEMA);

  it('waits for the schema file, so the first Ctrl+Space already lists columns', async () => {
    const uri = session.ws.uri('fresh.cleanrooms.sql');
    session.client.open(uri, HEADER + 'SELECT ', 1);
    const list = await session.client.request<CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 2, character: 7 },
      context: { triggerKind: 1 },
    });
    assert.equal(
      ordered(list.items)[0]?.label,
      'user_id',
      JSON.stringify(labels(list.items).slice(0, 5)),
    );
    session.client.close(uri);
  });
});

// Held-out checks over real JSON-RPC against dist/server.js: go to definition, find references,
// rename, hover and the outline, on a two-CTE DP template where the same alias `c` is declared in
// both CTEs (so scope mistakes show) and on a few smaller ones.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type {
  DocumentSymbol,
  Hover,
  Location,
  MarkupContent,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { applyEdits } from '../support/lspClient';
import { covered, type Edit, heldOutServer, openMarked, type Pos } from './heldOut';

const TEXT = [
  '-- @name Clicks',
  "-- @param since TIMESTAMP = '2024-01-01 00:00:00'",
  '-- @param min_cost DECIMAL',
  '-- per_user, c and spend in a comment stay as they are',
  'WITH per_user AS (',
  '  SELECT c.hashed_email, c.ad_id, COUNT(*) AS n, SUM(c.cost) AS spend',
  '  FROM clicks c',
  '  WHERE c.click_ts >= :since AND c.cost > :min_cost',
  '  GROUP BY c.hashed_email, c.ad_id',
  '),',
  'regions AS (',
  '  SELECT c.hashed_email, cu.region',
  '  FROM customers cu JOIN clicks c ON c.hashed_email = cu.hashed_email',
  "  WHERE cu.region <> 'per_user'",
  '  GROUP BY c.hashed_email, cu.region',
  ')',
  'SELECT r.region, COUNT(DISTINCT p.hashed_email) AS reach, SUM(p.spend) AS total',
  'FROM per_user p',
  'JOIN regions r ON p.hashed_email = r.hashed_email',
  'WHERE p.n > 1',
  'GROUP BY r.region',
  'ORDER BY reach DESC',
].join('\n');

/** Position of the `k`-th character of the `nth` occurrence of `needle` in TEXT. */
function at(needle: string, k = 0, nth = 0): Pos {
  let from = -1;
  for (let i = 0; i <= nth; i++) {
    from = TEXT.indexOf(needle, from + 1);
    if (from < 0) throw new Error(`no ${nth + 1}th '${needle}'`);
  }
  return positionIn(from + k);
}
function positionIn(offset: number): Pos {
  const lines = TEXT.slice(0, offset).split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}
const hoverText = (h: Hover | null) => (h?.contents as MarkupContent | undefined)?.value ?? '';
const texts = (locs: Location[]) =>
  locs.map((l) => `${l.range.start.line}:${covered(TEXT, l.range)}`);

describe('held-out navigation, hover and outline', () => {
  const session = heldOutServer();
  let uri = '';
  const request = <T>(method: string, position: Pos, extra: object = {}) =>
    session.client.request<T>(method, { textDocument: { uri }, position, ...extra });
  const renamed = async (position: Pos, newName: string) => {
    const edit = await request<WorkspaceEdit>('textDocument/rename', position, { newName });
    return applyEdits(TEXT, (edit.documentChanges![0] as { edits: Edit[] }).edits);
  };

  it('the template is a valid DP template (no errors)', async () => {
    uri = (await openMarked(session, 'nav.cleanrooms.sql', TEXT)).uri;
    const d = session.client.diagnostics(uri)!;
    assert.deepEqual(
      d.diagnostics.filter((x) => x.severity === 1).map((x) => x.code),
      [],
    );
  });

  describe('go to definition', () => {
    it('a :param → its @param line', async () => {
      const def = await request<Location[]>('textDocument/definition', at(':min_cost', 2));
      assert.deepEqual(texts(def), ['2:min_cost']);
    });

    it('a CTE in a FROM → its name in the WITH list', async () => {
      const def = await request<Location[]>('textDocument/definition', at('per_user p', 3));
      assert.deepEqual(texts(def), ['4:per_user']);
    });

    it('an alias qualifier → its own CTE’s declaration, not the other CTE’s same-named alias', async () => {
      const def = await request<Location[]>(
        'textDocument/definition',
        at('c.hashed_email = cu', 0),
      );
      assert.deepEqual(
        def.map((l) => l.range.start),
        [at('clicks c ON', 7)],
      );
    });

    it('a schema table → its entry in cleanrooms.schema.json', async () => {
      const def = await request<Location[]>('textDocument/definition', at('customers cu', 2));
      assert.equal(def[0]?.uri, session.ws.schemaUri);
      const schema = readFileSync(session.ws.schemaPath, 'utf8');
      assert.match(covered(schema, def[0].range), /customers/);
    });

    it('a schema column → its entry in cleanrooms.schema.json', async () => {
      const def = await request<Location[]>('textDocument/definition', at('cu.region <>', 4));
      assert.equal(def[0]?.uri, session.ws.schemaUri);
      const schema = readFileSync(session.ws.schemaPath, 'utf8');
      assert.match(covered(schema, def[0].range), /region/);
    });

    it('a CTE’s column used through its alias → its AS in the CTE', async () => {
      const def = await request<Location[]>('textDocument/definition', at('p.spend', 3));
      assert.deepEqual(
        def.map((l) => l.range.start),
        [at('AS spend', 3)],
      );
      assert.equal(covered(TEXT, def[0].range), 'spend');
    });

    it('a CTE column passed through bare → the item that passes it', async () => {
      const def = await request<Location[]>('textDocument/definition', at('r.region,', 3));
      assert.deepEqual(texts(def), ['11:cu.region']);
    });

    it('an output alias in ORDER BY → its AS in the select list', async () => {
      const def = await request<Location[]>('textDocument/definition', at('reach DESC', 1));
      assert.deepEqual(texts(def), ['16:reach']);
    });

    it('a keyword → nothing', async () => {
      assert.deepEqual(await request('textDocument/definition', at('WHERE p.n', 1)), []);
    });
  });

  describe('find references', () => {
    it('an alias: its declaration and every qualifier in its own CTE only', async () => {
      const refs = await request<Location[]>('textDocument/references', at('clicks c\n', 7), {
        context: { includeDeclaration: true },
      });
      assert.equal(refs.length, 8);
      assert.ok(refs.every((l) => l.range.start.line >= 5 && l.range.start.line <= 8));
    });

    it('a CTE from its use, without the declaration: its uses in FROM only', async () => {
      const refs = await request<Location[]>('textDocument/references', at('regions r', 2), {
        context: { includeDeclaration: false },
      });
      assert.deepEqual(texts(refs), ['18:regions']);
    });

    it('a parameter: its declaration and its use', async () => {
      const refs = await request<Location[]>('textDocument/references', at('min_cost DECIMAL', 1), {
        context: { includeDeclaration: true },
      });
      assert.deepEqual(texts(refs), ['2:min_cost', '7::min_cost']);
    });

    it('a CTE’s column: its AS and its uses downstream', async () => {
      const refs = await request<Location[]>('textDocument/references', at('AS n,', 3), {
        context: { includeDeclaration: true },
      });
      assert.deepEqual(texts(refs), ['5:n', '19:n']);
    });

    it('an output alias: its AS and ORDER BY', async () => {
      const refs = await request<Location[]>('textDocument/references', at('AS reach', 4), {
        context: { includeDeclaration: true },
      });
      assert.deepEqual(texts(refs), ['16:reach', '21:reach']);
    });

    it('a schema column: every use in the template (and its schema entry as declaration)', async () => {
      const refs = await request<Location[]>('textDocument/references', at('cu.region\n', 4), {
        context: { includeDeclaration: false },
      });
      assert.deepEqual(texts(refs), ['11:region', '13:region', '14:region']);
    });
  });

  describe('rename', () => {
    it('an alias in the second CTE: that CTE only, the first CTE’s `c` untouched', async () => {
      const out = await renamed(at('clicks c ON', 7), 'cl');
      const lines = out.split('\n');
      assert.equal(lines[6], '  FROM clicks c');
      assert.equal(lines[11], '  SELECT cl.hashed_email, cu.region');
      assert.equal(
        lines[12],
        '  FROM customers cu JOIN clicks cl ON cl.hashed_email = cu.hashed_email',
      );
      assert.equal(lines[14], '  GROUP BY cl.hashed_email, cu.region');
    });

    it('a CTE from its declaration: declaration and FROM; the comment and the string untouched', async () => {
      const out = await renamed(at('per_user AS', 2), 'by_user');
      assert.match(out, /WITH by_user AS \(/);
      assert.match(out, /FROM by_user p/);
      assert.match(out, /-- per_user, c and spend in a comment/);
      assert.match(out, /<> 'per_user'/);
    });

    it('a parameter from its declaration, new name typed with a colon', async () => {
      const out = await renamed(at('min_cost DECIMAL', 2), ':floor');
      assert.match(out, /-- @param floor DECIMAL/);
      assert.match(out, /c\.cost > :floor/);
      assert.doesNotMatch(out, /min_cost/);
    });

    it('a CTE’s column alias from a use: the AS and every use', async () => {
      const out = await renamed(at('p.spend', 3), 'cost_sum');
      assert.match(out, /SUM\(c\.cost\) AS cost_sum/);
      assert.match(out, /SUM\(p\.cost_sum\) AS total/);
      assert.match(out, /-- per_user, c and spend in a comment/);
    });

    it('a CTE column passed through bare: the CTE gains an AS, the uses follow', async () => {
      const out = await renamed(at('r.region,', 3), 'home_region');
      const lines = out.split('\n');
      assert.equal(lines[11], '  SELECT c.hashed_email, cu.region AS home_region');
      assert.equal(lines[14], '  GROUP BY c.hashed_email, cu.region');
      assert.match(lines[16], /^SELECT r\.home_region,/);
      assert.equal(lines[20], 'GROUP BY r.home_region');
    });

    it('an output alias: the AS and ORDER BY', async () => {
      const out = await renamed(at('reach DESC', 1), 'users');
      assert.match(out, /AS users, SUM/);
      assert.match(out, /ORDER BY users DESC$/);
    });

    it('refuses a CTE name that is already taken', async () => {
      await assert.rejects(
        request('textDocument/rename', at('per_user AS', 2), { newName: 'regions' }),
        /A CTE named 'regions' already exists/,
      );
    });

    it('refuses an alias that another table of the same FROM has', async () => {
      await assert.rejects(
        request('textDocument/rename', at('per_user p', 9), { newName: 'r' }),
        /already names another table in this FROM clause/,
      );
    });

    it('refuses a column name the CTE already outputs', async () => {
      await assert.rejects(
        request('textDocument/rename', at('p.spend', 3), { newName: 'n' }),
        /already has a column named 'n'/,
      );
    });

    it('prepareRename on a schema column says it belongs to the collaboration', async () => {
      await assert.rejects(
        request('textDocument/prepareRename', at('cu.region <>', 4)),
        /'region' is a column of the collaboration's table 'customers'/,
      );
    });

    it('prepareRename in a comment refuses', async () => {
      await assert.rejects(request('textDocument/prepareRename', at('a comment', 3)));
    });
  });

  describe('hover', () => {
    it('a schema column: its type and table through the alias', async () => {
      const h = hoverText(await request<Hover>('textDocument/hover', at('c.cost >', 3)));
      assert.match(h, /\*\*cost\*\*: `decimal`/);
      assert.match(h, /table `clicks` \(alias `c`\)/);
    });

    it('the user identifier: says it is the DP user identifier', async () => {
      const h = hoverText(await request<Hover>('textDocument/hover', at('c.hashed_email,', 3)));
      assert.match(h, /DP user identifier\*\* of `clicks`/);
    });

    it('a CTE column passed through: its type followed to the schema', async () => {
      const h = hoverText(await request<Hover>('textDocument/hover', at('r.region,', 3)));
      assert.match(h, /\*\*region\*\*: `string`/);
      assert.match(h, /CTE `regions`/);
    });

    it('an output alias in ORDER BY: the expression it names, not "not found"', async () => {
      const h = hoverText(await request<Hover>('textDocument/hover', at('reach DESC', 1)));
      assert.match(h, /COUNT\(DISTINCT p\.hashed_email\)/);
      assert.doesNotMatch(h, /not found/);
    });

    it('a CTE column’s AS: the expression it names', async () => {
      const h = hoverText(await request<Hover>('textDocument/hover', at('AS spend', 4)));
      assert.match(h, /SUM\(c\.cost\)/);
      assert.match(h, /CTE `per_user`/);
    });

    it('a DP table: its user identifier and its columns', async () => {
      const h = hoverText(await request<Hover>('textDocument/hover', at('customers cu', 2)));
      assert.match(h, /differential privacy with user identifier `hashed_email`/);
      assert.match(h, /`region` string/);
    });

    it('a CTE alias: the CTE and that it reads DP data', async () => {
      const h = hoverText(await request<Hover>('textDocument/hover', at('per_user p', 9)));
      assert.match(h, /\*\*per_user\*\*: CTE over differential-privacy data/);
    });

    it('an aggregate in a CTE: what DP allows there', async () => {
      const h = hoverText(await request<Hover>('textDocument/hover', at('COUNT(*)', 1)));
      assert.match(h, /\*\*COUNT\*\* in a CTE/);
      assert.match(h, /DP: allowed in a CTE/);
    });

    it('an aggregate in the final SELECT: allowed there', async () => {
      const h = hoverText(await request<Hover>('textDocument/hover', at('COUNT(DISTINCT p', 1)));
      assert.match(h, /\*\*COUNT\*\* in the final SELECT/);
      assert.match(h, /DP: allowed in the final SELECT/);
    });

    it('a parameter declaration: type and default', async () => {
      const h = hoverText(await request<Hover>('textDocument/hover', at('since TIMESTAMP', 1)));
      assert.match(h, /parameter of type `TIMESTAMP`/);
      assert.match(h, /Default: `'2024-01-01 00:00:00'`/);
    });

    it('a parameter with no default: says a value must be supplied', async () => {
      const h = hoverText(await request<Hover>('textDocument/hover', at(':min_cost', 3)));
      assert.match(h, /`DECIMAL`/);
      assert.match(h, /No default/);
    });

    it('a keyword: nothing', async () => {
      assert.equal(await request('textDocument/hover', at('GROUP BY r', 1)), null);
    });
  });

  describe('more hovers', () => {
    it('MAX in a DP final SELECT: not allowed, with the DP028 link to its section', async () => {
      const { uri: u, position } = await openMarked(
        session,
        'h-max.cleanrooms.sql',
        '-- @name A\nSELECT ad_id, M|AX(cost) FROM clicks GROUP BY ad_id',
      );
      const h = hoverText(
        await session.client.request<Hover>('textDocument/hover', {
          textDocument: { uri: u },
          position,
        }),
      );
      assert.match(h, /DP: not allowed in the final SELECT/);
      assert.match(
        h,
        /\[DP028 in docs\/diagnostics\.md\]\(file:\/\/\/ext\/docs\/diagnostics\.md#dp028\)/,
      );
    });

    it('a function over a non-DP table: says the DP limits do not apply', async () => {
      const { uri: u, position } = await openMarked(
        session,
        'h-nodp.cleanrooms.sql',
        '-- @name A\nSELECT city, M|AX(store_id) FROM stores GROUP BY city',
      );
      const h = hoverText(
        await session.client.request<Hover>('textDocument/hover', {
          textDocument: { uri: u },
          position,
        }),
      );
      assert.match(h, /reads no differential-privacy table/);
    });

    it('a non-DP table: its analysis rule, no DP', async () => {
      const { uri: u, position } = await openMarked(
        session,
        'h-stores.cleanrooms.sql',
        '-- @name A\nSELECT city, COUNT(*) FROM sto|res GROUP BY city',
      );
      const h = hoverText(
        await session.client.request<Hover>('textDocument/hover', {
          textDocument: { uri: u },
          position,
        }),
      );
      assert.match(h, /\*\*stores\*\*: CUSTOM analysis rule\./);
      assert.doesNotMatch(h, /differential/);
    });

    it('an undeclared parameter: says how to declare it', async () => {
      const { uri: u, position } = await openMarked(
        session,
        'h-undeclared.cleanrooms.sql',
        '-- @name A\nSELECT COUNT(*) FROM clicks WHERE cost > :li|mit_x',
      );
      const h = hoverText(
        await session.client.request<Hover>('textDocument/hover', {
          textDocument: { uri: u },
          position,
        }),
      );
      assert.match(h, /not declared\. Add `-- @param limit_x TYPE`/);
    });

    it('a DP join on the wrong columns: DP023 with its link', async () => {
      const { uri: u, position } = await openMarked(
        session,
        'h-dp023.cleanrooms.sql',
        '-- @name A\nSELECT COUNT(*) FROM clicks c JOIN customers cu ON c.ad_id = cu.reg|ion',
      );
      const h = hoverText(
        await session.client.request<Hover>('textDocument/hover', {
          textDocument: { uri: u },
          position,
        }),
      );
      assert.match(h, /diagnostics\.md#dp023/);
    });
  });

  describe('a column passed down a chain of CTEs', () => {
    const CHAIN = [
      '-- @name Chain',
      'WITH a AS (SELECT hashed_email, COUNT(*) AS n FROM clicks GROUP BY hashed_email),',
      'b AS (SELECT hashed_email, n FROM a),',
      'c AS (SELECT * FROM b)',
      'SELECT SUM(n) AS total, AVG(c.n) AS mean FROM c',
    ].join('\n');

    it('rename from the first CTE: the bare pass-through, the `*` pass-through and the final uses follow', async () => {
      const { uri: u } = await openMarked(session, 'chain.cleanrooms.sql', CHAIN);
      const edit = await session.client.request<WorkspaceEdit>('textDocument/rename', {
        textDocument: { uri: u },
        position: { line: 1, character: CHAIN.split('\n')[1].indexOf('AS n') + 3 },
        newName: 'clicks_n',
      });
      const out = applyEdits(CHAIN, (edit.documentChanges![0] as { edits: Edit[] }).edits);
      assert.equal(
        out,
        CHAIN.replace('AS n FROM', 'AS clicks_n FROM')
          .replace('hashed_email, n FROM a', 'hashed_email, clicks_n FROM a')
          .replace('SUM(n)', 'SUM(clicks_n)')
          .replace('AVG(c.n)', 'AVG(c.clicks_n)'),
      );
    });

    it('references from the final query: the uses through the last CTE', async () => {
      const { uri: u } = await openMarked(session, 'chain2.cleanrooms.sql', CHAIN);
      const refs = await session.client.request<Location[]>('textDocument/references', {
        textDocument: { uri: u },
        position: { line: 4, character: CHAIN.split('\n')[4].indexOf('SUM(n)') + 4 },
        context: { includeDeclaration: false },
      });
      assert.deepEqual(
        refs.map((l) => [l.range.start.line, l.range.start.character]),
        [
          [4, 11],
          [4, 30],
        ],
      );
    });
  });

  describe('outline', () => {
    it('parameters, CTEs in order with their DP detail, and the final SELECT', async () => {
      const symbols = await session.client.request<DocumentSymbol[]>(
        'textDocument/documentSymbol',
        { textDocument: { uri } },
      );
      assert.deepEqual(
        symbols.map((s) => [s.name, s.detail]),
        [
          [':since', 'TIMESTAMP'],
          [':min_cost', 'DECIMAL'],
          ['per_user', 'CTE · DP data'],
          ['regions', 'CTE · DP data'],
          ['SELECT', 'final SELECT'],
        ],
      );
      for (const s of symbols.slice(2, 4)) assert.equal(covered(TEXT, s.selectionRange), s.name);
    });

    it('a CTE over non-DP data is a plain CTE; a UNION final query is one SELECT', async () => {
      const { uri: u } = await openMarked(
        session,
        'o-union.cleanrooms.sql',
        '-- @name A\nWITH s AS (SELECT city FROM stores)\nSELECT city FROM s\nUNION\nSELECT city FROM stores',
      );
      const symbols = await session.client.request<DocumentSymbol[]>(
        'textDocument/documentSymbol',
        { textDocument: { uri: u } },
      );
      assert.deepEqual(
        symbols.map((s) => [s.name, s.detail]),
        [
          ['s', 'CTE'],
          ['SELECT', 'final SELECT'],
        ],
      );
    });

    it('half-typed text: the parameters still listed, every range inside the document', async () => {
      const text =
        '-- @name A\n-- @param d DATE\nWITH p AS (SELECT hashed_email FROM clicks WHERE click_ts > :d\nSELECT COUNT(';
      const { uri: u } = await openMarked(session, 'o-broken.cleanrooms.sql', text);
      const symbols = await session.client.request<DocumentSymbol[]>(
        'textDocument/documentSymbol',
        { textDocument: { uri: u } },
      );
      assert.equal(symbols[0]?.name, ':d');
      const lines = text.split('\n');
      for (const s of symbols)
        for (const p of [s.range.start, s.range.end])
          assert.ok(
            p.line < lines.length && p.character <= lines[p.line].length,
            JSON.stringify(s),
          );
    });
  });
});

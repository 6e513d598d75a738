// Completion, hover, code actions, symbols, definition, references and rename over real LSP.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type {
  CodeAction,
  CompletionList,
  DocumentSymbol,
  Hover,
  Location,
  MarkupContent,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { applyEdits } from '../support/lspClient';
import { useServer, VALID_TEMPLATE } from './fixtures';

const pos = (line: number, character: number) => ({ line, character });
const hoverText = (h: Hover | null) => (h?.contents as MarkupContent | undefined)?.value ?? '';

describe('editor features', () => {
  const session = useServer();

  /** Opens `text` as a fresh document and waits for its first diagnostics. */
  async function open(name: string, text: string) {
    const uri = session.ws.uri(name);
    session.client.open(uri, text, 1);
    await session.client.waitForDiagnostics(uri, (p) => p.version === 1);
    return uri;
  }
  const complete = (uri: string, line: number, character: number, triggerCharacter?: string) =>
    session.client.request<CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: pos(line, character),
      ...(triggerCharacter ? { context: { triggerKind: 2, triggerCharacter } } : {}),
    });

  describe('completion', () => {
    it('offers directives after -- @ and the 28 types after -- @param name', async () => {
      const uri = await open('c1.cleanrooms.sql', '-- @\n-- @param since \nSELECT 1');
      const directives = await complete(uri, 0, 4, '@');
      assert.deepEqual(
        directives.items.map((i) => i.label),
        ['@name', '@description', '@param', '@membership', '@arn'],
      );
      const types = await complete(uri, 1, 16, ' ');
      assert.equal(types.items.length, 28);
      assert.equal(types.items[0].label, 'SMALLINT');
      assert.ok(types.items.some((i) => i.label === 'TIMESTAMP_NTZ'));
      // A space typed elsewhere does not pop up a list.
      assert.deepEqual((await complete(uri, 2, 7, ' ')).items, []);
    });

    it('offers declared parameters after a colon, with their types', async () => {
      const uri = await open(
        'c2.cleanrooms.sql',
        VALID_TEMPLATE.replace('i.ts >= :since', 'i.ts >= :'),
      );
      const items = (await complete(uri, 5, 17, ':')).items;
      assert.deepEqual(
        items.map((i) => [i.label, i.detail]),
        [['since', "DATE = '2024-01-01'"]],
      );
    });

    it('offers the columns of an alias after the dot, marking the DP user identifier', async () => {
      const uri = await open(
        'c3.cleanrooms.sql',
        VALID_TEMPLATE.replace('i.ts >= :since', 'i. >= :since'),
      );
      const items = (await complete(uri, 5, 10, '.')).items;
      assert.deepEqual(
        items.map((i) => i.label),
        ['user_id', 'campaign_id', 'device_type', 'ts'],
      );
      assert.match(items[0].detail ?? '', /DP user identifier/);
      assert.doesNotMatch(items[1].detail ?? '', /user identifier/);
      assert.deepEqual((items[0] as { textEdit: { range: unknown } }).textEdit.range, {
        start: pos(5, 10),
        end: pos(5, 10),
      });
    });

    it('offers schema tables (DP ones marked) and CTEs after FROM', async () => {
      const uri = await open(
        'c4.cleanrooms.sql',
        VALID_TEMPLATE.replace('FROM per_user', 'FROM per'),
      );
      const items = (await complete(uri, 9, 8)).items;
      assert.deepEqual(
        items.map((i) => [i.label, i.detail]),
        [
          ['impressions', 'DP table · user identifier: user_id'],
          ['sales', 'CUSTOM analysis rule'],
          ['per_user', 'CTE · reads DP data'],
        ],
      );
      assert.deepEqual((items[0] as { textEdit: { range: unknown } }).textEdit.range, {
        start: pos(9, 5),
        end: pos(9, 8),
      });
    });

    it('offers columns in scope and functions with where DP allows them', async () => {
      const uri = await open('c5.cleanrooms.sql', VALID_TEMPLATE);
      const finalItems = (await complete(uri, 8, 7)).items;
      assert.ok(finalItems.some((i) => i.label === 'campaign_id' && i.kind === 5));
      // Aggregates DP rejects in the final SELECT are not offered there (hover still explains them).
      assert.ok(!finalItems.some((i) => i.label === 'MAX' || i.label === 'ANY_VALUE'));
      assert.match(
        finalItems.find((i) => i.label === 'COUNT')?.detail ?? '',
        /^DP: allowed in the final SELECT/,
      );
      const cteItems = (await complete(uri, 3, 9)).items;
      assert.match(cteItems.find((i) => i.label === 'MAX')?.detail ?? '', /^DP: allowed in a CTE/);
      assert.ok(
        cteItems.some((i) => i.label === 'user_id' && /DP user identifier/.test(i.detail ?? '')),
      );
    });
  });

  describe('hover', () => {
    it('describes columns, functions, parameters and tables', async () => {
      const uri = await open('h1.cleanrooms.sql', VALID_TEMPLATE);
      const column = await session.client.request<Hover>('textDocument/hover', {
        textDocument: { uri },
        position: pos(3, 11),
      });
      assert.match(hoverText(column), /\*\*user_id\*\*: `string`/);
      assert.match(hoverText(column), /DP user identifier\*\* of `impressions`/);
      assert.deepEqual(column.range, { start: pos(3, 9), end: pos(3, 16) });
      const fn = await session.client.request<Hover>('textDocument/hover', {
        textDocument: { uri },
        position: pos(8, 21),
      });
      assert.match(hoverText(fn), /\*\*COUNT\*\* in the final SELECT/);
      assert.match(hoverText(fn), /DP: allowed in the final SELECT\./);
      const param = await session.client.request<Hover>('textDocument/hover', {
        textDocument: { uri },
        position: pos(5, 18),
      });
      assert.match(hoverText(param), /\*\*:since\*\*: parameter of type `DATE`/);
      assert.match(hoverText(param), /Default: `'2024-01-01'`/);
      const table = await session.client.request<Hover>('textDocument/hover', {
        textDocument: { uri },
        position: pos(4, 9),
      });
      assert.match(hoverText(table), /differential privacy with user identifier `user_id`/);
      assert.equal(
        await session.client.request('textDocument/hover', {
          textDocument: { uri },
          position: pos(7, 0),
        }),
        null,
      );
    });

    it('links a DP diagnostic to its section in docs/diagnostics.md', async () => {
      const uri = await open(
        'h2.cleanrooms.sql',
        '-- @name H\nWITH c AS (SELECT campaign_id FROM impressions)\nSELECT campaign_id, COUNT(*) FROM c GROUP BY campaign_id',
      );
      const hover = await session.client.request<Hover>('textDocument/hover', {
        textDocument: { uri },
        position: pos(1, 20),
      });
      assert.match(
        hoverText(hover),
        /\*\*DP015\*\* \(DP rules? [\d, ]+\): \[DP015 in docs\/diagnostics\.md\]\(file:\/\/\/ext\/docs\/diagnostics\.md#dp015\)/,
      );
    });
  });

  describe('code actions', () => {
    async function fixAndRecheck(
      name: string,
      text: string,
      line: number,
      character: number,
      code: string,
    ) {
      const uri = await open(name, text);
      const before = session.client.diagnostics(uri)!;
      const target = before.diagnostics.find((d) => d.code === code);
      assert.ok(target, `${code} in ${JSON.stringify(before.diagnostics.map((d) => d.code))}`);
      const actions = await session.client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: pos(line, character), end: pos(line, character) },
        context: { diagnostics: [target], only: ['quickfix'] },
      });
      const action = actions.find((a) => a.diagnostics?.[0]?.code === code);
      assert.ok(action, JSON.stringify(actions));
      assert.equal(action.kind, 'quickfix');
      assert.equal(action.isPreferred, true);
      const change = action.edit!.documentChanges![0] as {
        textDocument: { version: number };
        edits: Parameters<typeof applyEdits>[1];
      };
      assert.equal(change.textDocument.version, 1);
      const fixed = applyEdits(text, change.edits);
      session.client.change(uri, 2, fixed);
      const after = await session.client.waitForDiagnostics(uri, (p) => p.version === 2);
      assert.ok(!after.diagnostics.some((d) => d.code === code), JSON.stringify(after.diagnostics));
      return fixed;
    }

    it('DP015: adds the user identifier to the CTE select list', async () => {
      const fixed = await fixAndRecheck(
        'a1.cleanrooms.sql',
        '-- @name A\nWITH c AS (SELECT campaign_id FROM impressions)\nSELECT campaign_id, COUNT(*) FROM c GROUP BY campaign_id',
        1,
        20,
        'DP015',
      );
      assert.equal(
        fixed,
        '-- @name A\nWITH c AS (SELECT user_id, campaign_id FROM impressions)\nSELECT campaign_id, COUNT(*) FROM c GROUP BY campaign_id',
      );
    });

    it('PAR001: declares an undeclared parameter', async () => {
      const fixed = await fixAndRecheck(
        'a2.cleanrooms.sql',
        '-- @name A\nSELECT COUNT(DISTINCT user_id) FROM impressions WHERE ts > :start_date',
        1,
        62,
        'PAR001',
      );
      assert.equal(
        fixed,
        '-- @name A\n-- @param start_date TIMESTAMP\nSELECT COUNT(DISTINCT user_id) FROM impressions WHERE ts > :start_date',
      );
    });

    it('PAR002: removes an unused declaration', async () => {
      const fixed = await fixAndRecheck(
        'a3.cleanrooms.sql',
        '-- @name A\n-- @param unused INTEGER\nSELECT COUNT(DISTINCT user_id) FROM impressions',
        1,
        11,
        'PAR002',
      );
      assert.equal(fixed, '-- @name A\nSELECT COUNT(DISTINCT user_id) FROM impressions');
    });

    it('DP037: rewrites SYSDATE to CURRENT_DATE', async () => {
      const fixed = await fixAndRecheck(
        'a4.cleanrooms.sql',
        '-- @name A\nSELECT COUNT(DISTINCT user_id) FROM impressions WHERE ts < SYSDATE',
        1,
        60,
        'DP037',
      );
      assert.equal(
        fixed,
        '-- @name A\nSELECT COUNT(DISTINCT user_id) FROM impressions WHERE ts < CURRENT_DATE',
      );
    });
  });

  describe('navigation', () => {
    it('lists parameters, CTEs and the final SELECT as symbols', async () => {
      const uri = await open('n1.cleanrooms.sql', VALID_TEMPLATE);
      const symbols = await session.client.request<DocumentSymbol[]>(
        'textDocument/documentSymbol',
        { textDocument: { uri } },
      );
      assert.deepEqual(
        symbols.map((s) => [s.name, s.detail, s.selectionRange.start]),
        [
          [':since', 'DATE', pos(1, 10)],
          ['per_user', 'CTE · DP data', pos(2, 5)],
          ['SELECT', 'final SELECT', pos(8, 0)],
        ],
      );
    });

    it('goes to the definition of a parameter, a CTE and a table alias', async () => {
      const uri = await open('n2.cleanrooms.sql', VALID_TEMPLATE);
      const def = (line: number, character: number) =>
        session.client.request<Location[]>('textDocument/definition', {
          textDocument: { uri },
          position: pos(line, character),
        });
      assert.deepEqual(
        (await def(5, 18)).map((l) => l.range),
        [{ start: pos(1, 10), end: pos(1, 15) }],
      );
      assert.deepEqual(
        (await def(9, 7)).map((l) => l.range),
        [{ start: pos(2, 5), end: pos(2, 13) }],
      );
      assert.deepEqual(
        (await def(5, 8)).map((l) => l.range),
        [{ start: pos(4, 19), end: pos(4, 20) }],
      );
      const schemaDef = await def(4, 9);
      assert.equal(schemaDef[0]?.uri, session.ws.schemaUri);
    });

    it('finds references of parameters and CTEs', async () => {
      const text = VALID_TEMPLATE.replace(
        'WHERE i.ts >= :since',
        'WHERE i.ts >= :since AND i.ts < :since',
      );
      const uri = await open('n3.cleanrooms.sql', text);
      const refs = await session.client.request<Location[]>('textDocument/references', {
        textDocument: { uri },
        position: pos(1, 11),
        context: { includeDeclaration: true },
      });
      assert.deepEqual(
        refs.map((l) => l.range),
        [
          { start: pos(1, 10), end: pos(1, 15) },
          { start: pos(5, 16), end: pos(5, 22) },
          { start: pos(5, 34), end: pos(5, 40) },
        ],
      );
      const cteRefs = await session.client.request<Location[]>('textDocument/references', {
        textDocument: { uri },
        position: pos(2, 6),
        context: { includeDeclaration: false },
      });
      assert.deepEqual(
        cteRefs.map((l) => l.range),
        [{ start: pos(9, 5), end: pos(9, 13) }],
      );
    });

    it('renames a parameter everywhere and rejects invalid names', async () => {
      const uri = await open('n4.cleanrooms.sql', VALID_TEMPLATE);
      const prepared = await session.client.request<{ range: unknown; placeholder: string }>(
        'textDocument/prepareRename',
        { textDocument: { uri }, position: pos(5, 18) },
      );
      assert.deepEqual(prepared, {
        range: { start: pos(5, 17), end: pos(5, 22) },
        placeholder: 'since',
      });
      const edit = await session.client.request<WorkspaceEdit>('textDocument/rename', {
        textDocument: { uri },
        position: pos(5, 18),
        newName: 'start_day',
      });
      const change = edit.documentChanges![0] as { edits: Parameters<typeof applyEdits>[1] };
      const renamed = applyEdits(VALID_TEMPLATE, change.edits);
      assert.equal(
        renamed,
        VALID_TEMPLATE.replace('@param since', '@param start_day').replace(':since', ':start_day'),
      );
      await assert.rejects(
        session.client.request('textDocument/rename', {
          textDocument: { uri },
          position: pos(5, 18),
          newName: 'bad-name',
        }),
        /'bad-name' is not a valid parameter name/,
      );
      await assert.rejects(
        session.client.request('textDocument/prepareRename', {
          textDocument: { uri },
          position: pos(9, 1),
        }),
        /'FROM' is an SQL keyword/,
      );
    });
  });
});

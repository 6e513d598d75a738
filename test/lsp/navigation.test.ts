// Rename, references and definition for CTEs and table aliases over real LSP; prepareRename's
// refusals; occurrences in comments and strings are never touched.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Location, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from '../support/lspClient';
import { useServer } from './fixtures';

const TEXT = [
  '-- @name Reach',
  '-- per_user and i are mentioned in this comment',
  'WITH per_user AS (',
  '  SELECT i.user_id, i.campaign_id',
  '  FROM impressions i',
  "  WHERE i.device_type <> 'per_user i.x'",
  '  GROUP BY i.user_id, i.campaign_id',
  ')',
  'SELECT per_user.campaign_id, COUNT(DISTINCT per_user.user_id) AS reach',
  'FROM per_user',
  'GROUP BY per_user.campaign_id',
].join('\n');

const pos = (line: number, character: number) => ({ line, character });
type Edits = Parameters<typeof applyEdits>[1];

describe('rename and references for CTEs and aliases', () => {
  const session = useServer();
  let uri = '';
  const request = <T>(method: string, line: number, character: number, extra: object = {}) =>
    session.client.request<T>(method, {
      textDocument: { uri },
      position: pos(line, character),
      ...extra,
    });
  const renamed = async (line: number, character: number, newName: string) => {
    const edit = await request<WorkspaceEdit>('textDocument/rename', line, character, { newName });
    return applyEdits(TEXT, (edit.documentChanges![0] as { edits: Edits }).edits);
  };

  it('opens the template', async () => {
    uri = session.ws.uri('nav.cleanrooms.sql');
    session.client.open(uri, TEXT, 1);
    const d = await session.client.waitForDiagnostics(uri, (p) => p.version === 1);
    assert.deepEqual(
      d.diagnostics.map((x) => x.code),
      [],
    );
  });

  it('renames a CTE from its use: declaration, FROM and qualifiers; not the comment or the string', async () => {
    const prepared = await request<{ range: unknown; placeholder: string }>(
      'textDocument/prepareRename',
      9,
      7,
    );
    assert.deepEqual(prepared, {
      range: { start: pos(9, 5), end: pos(9, 13) },
      placeholder: 'per_user',
    });
    const out = await renamed(9, 7, 'reach_by_user');
    assert.equal(out, TEXT.replace(/(?<!'|-- )\bper_user\b(?! i\.x)/g, 'reach_by_user'));
    assert.match(out, /-- per_user and i are mentioned/);
    assert.match(out, /'per_user i\.x'/);
    assert.equal(out.match(/reach_by_user/g)?.length, 5);
  });

  it('finds the references of a CTE from its declaration', async () => {
    const refs = await request<Location[]>('textDocument/references', 2, 6, {
      context: { includeDeclaration: true },
    });
    assert.deepEqual(
      refs.map((l) => [l.range.start.line, l.range.start.character]),
      [
        [2, 5],
        [8, 7],
        [8, 44],
        [9, 5],
        [10, 9],
      ],
    );
  });

  it('renames a table alias: its declaration and every qualifier', async () => {
    const out = await renamed(4, 19, 'imp');
    assert.equal(
      out,
      TEXT.replace(/\bi\.(?!x)/g, 'imp.').replace('FROM impressions i', 'FROM impressions imp'),
    );
    const refs = await request<Location[]>('textDocument/references', 3, 9, {
      context: { includeDeclaration: false },
    });
    assert.equal(refs.length, 5);
    const def = await request<Location[]>('textDocument/definition', 6, 11);
    assert.deepEqual(
      def.map((l) => l.range),
      [{ start: pos(4, 19), end: pos(4, 20) }],
    );
  });

  it('refuses bad new names', async () => {
    await assert.rejects(
      request('textDocument/rename', 9, 7, { newName: 'select' }),
      /SQL keyword/,
    );
    await assert.rejects(
      request('textDocument/rename', 9, 7, { newName: 'impressions' }),
      /table of the collaboration/,
    );
    await assert.rejects(
      request('textDocument/rename', 9, 7, { newName: 'two words' }),
      /not a valid name/,
    );
  });

  it('prepareRename refuses keywords, schema tables and columns, saying why', async () => {
    await assert.rejects(request('textDocument/prepareRename', 8, 2), /'SELECT' is an SQL keyword/);
    await assert.rejects(
      request('textDocument/prepareRename', 4, 9),
      /'impressions' is a table of the collaboration/,
    );
    await assert.rejects(
      request('textDocument/prepareRename', 3, 12),
      /'user_id' is a column of the collaboration's table 'impressions'/,
    );
  });
});

// Features over lists longer than a call takes arguments: `push(...list)` passes every element as
// an argument and overflows the stack past ~120,000 of them, so these sizes catch one coming back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../server/src/core/analyze';
import type { Schema } from '../../../server/src/core/types';
import { completionItems } from '../../../server/src/features/completion';
import { references, rename } from '../../../server/src/features/navigation';
import { documentAnalysis } from '../../support/documentAnalysis';

const analysisOf = (text: string, schema?: Schema) =>
  documentAnalysis(text, analyze(text, schema), { schema });

test('references and rename of a parameter used 330,000 times', () => {
  const uses = 330_000;
  const text = `-- @name t\n-- @param x INTEGER\nSELECT ${Array(uses).fill(':x').join('+')}\n`;
  const analysis = analysisOf(text);
  const at = text.indexOf(':x') + 1;
  assert.equal(references(analysis, at, true).length, uses + 1);
  assert.equal(references(analysis, at, false).length, uses);
  const renamed = rename(analysis, at, 'y');
  assert.ok('edit' in renamed, JSON.stringify(renamed));
  const edits = renamed.edit.documentChanges?.[0];
  assert.ok(edits && 'edits' in edits);
  assert.equal(edits.edits.length, uses + 1);
  assert.ok(edits.edits.every((e) => 'newText' in e && e.newText === 'y'));
});

test('column completion before the FROM of a table with 200,000 columns', () => {
  const columns = 200_000;
  const schema: Schema = {
    tables: [
      {
        name: 'wide',
        analysisRuleType: 'CUSTOM',
        columns: Array.from({ length: columns }, (_, i) => ({ name: `c${i}` })),
        span: { start: 0, end: 0 },
      },
    ],
  };
  const text = '-- @name t\nSELECT COUNT( FROM wide\n';
  const items = completionItems(analysisOf(text, schema), text.indexOf('COUNT(') + 6, {
    snippets: true,
    triggeredBySpace: false,
  }).items;
  const labels = new Set(items.map((i) => i.label));
  assert.ok(labels.has('c0') && labels.has(`c${columns - 1}`), `${items.length} items`);
});

// Completion and navigation at every offset of token soup built from SQL's clause words
// (deterministic): they never throw, and every range lies inside the document. Half-typed text is
// what these features see.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../server/src/core/analyze';
import { parseSchema } from '../../../server/src/core/schema/parse';
import { documentAnalysis } from '../../support/documentAnalysis';
import { completionItems } from '../../../server/src/features/completion';
import {
  definition,
  references,
  rename,
  renameRange,
} from '../../../server/src/features/navigation';
import { SCHEMA } from '../../lsp/fixtures';

const WORDS = [
  'WITH',
  'c',
  'AS',
  '(',
  ')',
  'SELECT',
  'DISTINCT',
  'user_id',
  'campaign_id',
  'i.',
  'i',
  'c.',
  ',',
  'FROM',
  'impressions',
  'sales',
  'JOIN',
  'LEFT',
  'ON',
  '=',
  'USING',
  'WHERE',
  'AND',
  'OR',
  'GROUP',
  'BY',
  'HAVING',
  'ORDER',
  'LIMIT',
  '5',
  'COUNT',
  'SUM',
  'OVER',
  'PARTITION',
  ':since',
  ':',
  "'x'",
  '--',
  '\n',
  'UNION',
  'IN',
  'EXISTS',
  'CASE',
  'WHEN',
  'THEN',
  'END',
  '*',
  ';',
  'NATURAL',
  'TOP',
];

test('completion and navigation on token soup: never throw, ranges inside the text', () => {
  const schema = parseSchema(SCHEMA).schema;
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  let requests = 0;
  for (let n = 0; n < 150; n++) {
    const length = 3 + Math.floor(next() * 25);
    const body = Array.from({ length }, () => WORDS[Math.floor(next() * WORDS.length)]).join(
      next() < 0.5 ? ' ' : '',
    );
    const text = `-- @name Soup\n-- @param since DATE\n${body}`;
    const result = analyze(text, schema);
    const analysis = documentAnalysis(text, result, { schema, schemaText: SCHEMA });
    for (let offset = result.template.bodyStart; offset <= text.length; offset++) {
      const items = completionItems(analysis, offset, {
        snippets: n % 2 === 0,
        triggeredBySpace: false,
      }).items;
      requests++;
      for (const item of items) {
        const range = (
          item.textEdit as {
            range: {
              start: { line: number; character: number };
              end: { line: number; character: number };
            };
          }
        ).range;
        assert.ok(
          analysis.index.offset(range.start) <= analysis.index.offset(range.end),
          `${JSON.stringify(text)} at ${offset}: ${item.label}`,
        );
        assert.ok(analysis.index.offset(range.end) <= text.length);
      }
      for (const l of [...definition(analysis, offset), ...references(analysis, offset, true)])
        assert.ok(analysis.index.offset(l.range.end) <= text.length);
      renameRange(analysis, offset);
      const renamed = rename(analysis, offset, 'renamed');
      if ('edit' in renamed) assert.ok(renamed.edit.documentChanges?.length);
    }
  }
  assert.ok(requests > 2000, `${requests} requests`);
});

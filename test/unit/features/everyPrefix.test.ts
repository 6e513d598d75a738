// Every feature on every prefix of real templates (what the editor sees while the user types):
// no exceptions, and every range lies inside the document.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../../server/src/core/analyze';
import type { QueryModel } from '../../../server/src/core/sql/model';
import { parseSchema } from '../../../server/src/core/schema/parse';
import { lineIndex } from '../../../server/src/core/text';
import type { DocumentAnalysis } from '../../../server/src/session/analysis';
import { codeActionsFor } from '../../../server/src/features/codeActions';
import { completionItems } from '../../../server/src/features/completion';
import { hoverAt } from '../../../server/src/features/hover';
import {
  definition,
  references,
  rename,
  renameRange,
} from '../../../server/src/features/navigation';
import { documentSymbols } from '../../../server/src/features/symbols';

const examples = join(__dirname, '../../../examples');
const schema = parseSchema(readFileSync(join(examples, 'cleanrooms.schema.json'), 'utf8')).schema;
const templates = readdirSync(examples).filter((f) => f.endsWith('.cleanrooms.sql'));

type Pos = { line: number; character: number };
type Rng = { start: Pos; end: Pos };

function assertInside(text: string, range: Rng | undefined, what: string) {
  if (!range) return;
  const lines = text.split(/\r\n|\r|\n/);
  for (const p of [range.start, range.end]) {
    assert.ok(p.line >= 0 && p.line < lines.length, `${what}: line ${p.line} of ${lines.length}`);
    assert.ok(
      p.character >= 0 && p.character <= lines[p.line].length,
      `${what}: character ${p.character} of ${lines[p.line].length}`,
    );
  }
}

describe('features on every prefix of the examples', () => {
  it('has examples to type', () => assert.ok(templates.length >= 3));
  for (const file of templates) {
    it(file, () => {
      const full = readFileSync(join(examples, file), 'utf8');
      let lastModel: QueryModel | undefined;
      for (let n = 0; n <= full.length; n++) {
        const text = full.slice(0, n);
        const result = analyze(text, schema);
        lastModel = result.model ?? lastModel;
        const analysis: DocumentAnalysis = {
          uri: 'file:///w/t.cleanrooms.sql',
          version: n,
          text,
          index: lineIndex(text),
          result,
          schema: undefined,
          model: lastModel,
          elapsedMs: 0,
        };
        for (const offset of n % 7 ? [n] : [n, Math.floor(n / 2)]) {
          for (const item of completionItems(analysis, offset, {
            snippets: true,
            triggeredBySpace: false,
          }).items) {
            assertInside(
              text,
              (item.textEdit as { range: Rng } | undefined)?.range,
              `completion ${item.label} at ${n}`,
            );
          }
          assertInside(text, hoverAt(analysis, offset, undefined)?.range, `hover at ${n}`);
          for (const l of [...definition(analysis, offset), ...references(analysis, offset, true)])
            if (l.uri === analysis.uri) assertInside(text, l.range, `location at ${n}`);
          const prepared = renameRange(analysis, offset);
          if ('range' in prepared) assertInside(text, prepared.range, `rename at ${n}`);
          const renamed = rename(analysis, offset, 'renamed');
          if ('edit' in renamed)
            for (const change of renamed.edit.documentChanges ?? [])
              for (const e of (change as { edits: { range: Rng }[] }).edits)
                assertInside(text, e.range, `rename edit at ${n}`);
        }
        for (const s of documentSymbols(analysis))
          assertInside(text, s.range, `symbol ${s.name} at ${n}`);
        for (const a of codeActionsFor(analysis, { start: 0, end: n }, undefined, undefined)) {
          for (const change of a.edit?.documentChanges ?? [])
            for (const e of (change as { edits: { range: Rng }[] }).edits)
              assertInside(text, e.range, `fix ${a.title} at ${n}`);
        }
      }
    });
  }
});

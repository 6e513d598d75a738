// The language server sees the user's templates (files, unsaved editors), never the other side of
// a diff: Fetch's "from AWS" text must not get a second set of diagnostics under the same name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentSelector } from '../../client/src/documentSelector';

type Doc = { language: string; scheme: string; path: string };

/** VS Code's matching of a filter, for the fields the selector uses (`pattern` as a suffix glob). */
function matches(selector: ReturnType<typeof documentSelector>, doc: Doc): boolean {
  return selector.some((f) => {
    if (typeof f === 'string') return f === doc.language;
    if (f.language !== undefined && f.language !== doc.language) return false;
    if (f.scheme !== undefined && f.scheme !== doc.scheme) return false;
    if (typeof f.pattern === 'string' && !doc.path.endsWith(f.pattern.replace('**/', '/')))
      return false;
    return true;
  });
}

test('templates on disk and unsaved ones are analysed; a diff side from another scheme is not', () => {
  const selector = documentSelector(false);
  assert.ok(
    matches(selector, { language: 'cleanrooms-sql', scheme: 'file', path: '/w/a.cleanrooms.sql' }),
  );
  assert.ok(
    matches(selector, { language: 'cleanrooms-sql', scheme: 'untitled', path: 'Untitled-1' }),
  );
  assert.ok(
    matches(selector, { language: 'json', scheme: 'file', path: '/w/cleanrooms.schema.json' }),
  );
  assert.ok(
    !matches(selector, {
      language: 'cleanrooms-sql',
      scheme: 'cleanrooms-proposed',
      path: '/w/a.cleanrooms.sql',
    }),
  );
  assert.ok(
    !matches(selector, { language: 'cleanrooms-sql', scheme: 'git', path: '/w/a.cleanrooms.sql' }),
  );
  assert.ok(!matches(selector, { language: 'sql', scheme: 'file', path: '/w/a.sql' }));
  assert.ok(matches(documentSelector(true), { language: 'sql', scheme: 'file', path: '/w/a.sql' }));
});

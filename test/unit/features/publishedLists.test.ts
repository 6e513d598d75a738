import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver';
import { createPublishedLists } from '../../../server/src/session/publishing';

const d = (message: string): Diagnostic => ({
  message,
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
});

describe('createPublishedLists', () => {
  it('skips only a re-run of the same version with the same list', () => {
    const lists = createPublishedLists();
    assert.equal(lists.changed('a', 1, [d('x')]), true);
    assert.equal(
      lists.changed('a', 1, [d('x')]),
      false,
      'same version, same list (e.g. a schema change that does not touch it)',
    );
    assert.equal(lists.changed('a', 1, [d('y')]), true, 'same version, other list');
    assert.equal(lists.changed('a', 2, [d('y')]), true, 'every new version is published');
    assert.equal(lists.changed('b', 2, [d('y')]), true, 'per URI');
    lists.forget('a');
    assert.equal(
      lists.changed('a', 2, [d('y')]),
      true,
      'a closed and reopened document starts over',
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { completionContext } from '../../../server/src/features/completionContext';

/** `|` marks the cursor; the body starts at the first line that is not a `--` comment or blank. */
function at(marked: string) {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const lines = text.split('\n');
  let bodyStart = text.length;
  let pos = 0;
  for (const line of lines) {
    if (line.trim() && !line.trim().startsWith('--')) {
      bodyStart = pos;
      break;
    }
    pos += line.length + 1;
  }
  return completionContext(text, offset, bodyStart);
}

describe('completionContext', () => {
  it('header: directive names after -- @', () => {
    assert.deepEqual(at('-- @|'), { kind: 'directive', prefix: '', replace: { start: 4, end: 4 } });
    assert.deepEqual(at('-- @na|\nSELECT 1'), {
      kind: 'directive',
      prefix: 'na',
      replace: { start: 4, end: 6 },
    });
    assert.deepEqual(at('--@|'), { kind: 'directive', prefix: '', replace: { start: 3, end: 3 } });
  });

  it('header: parameter types after -- @param name', () => {
    assert.deepEqual(at('-- @param since |'), {
      kind: 'paramType',
      prefix: '',
      replace: { start: 16, end: 16 },
    });
    assert.deepEqual(at('-- @PARAM since  DA|\nSELECT 1'), {
      kind: 'paramType',
      prefix: 'DA',
      replace: { start: 17, end: 19 },
    });
  });

  it('header: nothing in directive values or plain comments', () => {
    assert.deepEqual(at('-- @name My |template'), { kind: 'none' });
    assert.deepEqual(at('-- just a |comment\nSELECT 1'), { kind: 'none' });
    assert.deepEqual(at("-- @param since DATE = '20|"), { kind: 'none' });
  });

  it('body: a comment line after the header start is not a directive', () => {
    assert.deepEqual(at('SELECT 1\n-- @|'), { kind: 'none' });
  });

  it('body: parameters after a colon, not after ::', () => {
    assert.deepEqual(at('SELECT a FROM t WHERE d > :|'), {
      kind: 'param',
      prefix: '',
      replace: { start: 27, end: 27 },
    });
    assert.deepEqual(at('SELECT a FROM t WHERE d > :sta|'), {
      kind: 'param',
      prefix: 'sta',
      replace: { start: 27, end: 30 },
    });
    assert.equal(at('SELECT a::|').kind, 'expression');
  });

  it('body: members after qualifier.', () => {
    assert.deepEqual(at('SELECT i.| FROM impressions i'), {
      kind: 'member',
      qualifier: 'i',
      prefix: '',
      replace: { start: 9, end: 9 },
    });
    assert.deepEqual(at('SELECT imp.us| FROM impressions imp'), {
      kind: 'member',
      qualifier: 'imp',
      prefix: 'us',
      replace: { start: 11, end: 13 },
    });
    assert.deepEqual(at('SELECT "My T".| FROM x'), {
      kind: 'member',
      qualifier: 'My T',
      prefix: '',
      replace: { start: 14, end: 14 },
    });
    assert.deepEqual(at('SELECT 1 .|'), { kind: 'none' });
  });

  it('body: tables after FROM, JOIN and commas in a FROM list', () => {
    const final = { selectAt: 0, rules: 'final' };
    assert.deepEqual(at('SELECT a FROM |'), {
      kind: 'table',
      prefix: '',
      replace: { start: 14, end: 14 },
      place: final,
      afterJoin: false,
    });
    assert.deepEqual(at('SELECT a FROM imp|'), {
      kind: 'table',
      prefix: 'imp',
      replace: { start: 14, end: 17 },
      place: final,
      afterJoin: false,
    });
    assert.equal(at('SELECT a FROM t JOIN |').kind, 'table');
    assert.equal(at('SELECT a FROM t, |').kind, 'table');
    assert.equal(at('SELECT a, |').kind, 'expression');
    assert.equal(at('SELECT a FROM t WHERE x IN (SELECT b FROM u, |').kind, 'table');
    assert.equal(at('SELECT a FROM t WHERE f(x, |').kind, 'expression');
  });

  it('body: expressions elsewhere; nothing in strings, comments, numbers or names being defined', () => {
    assert.deepEqual(at('SELECT co|'), {
      kind: 'expression',
      clause: 'select',
      prefix: 'co',
      replace: { start: 7, end: 9 },
      place: { selectAt: 0, rules: 'final' },
    });
    assert.equal(at('SELECT COUNT(|').kind, 'expression');
    assert.deepEqual(at("SELECT 'abc|"), { kind: 'none' });
    assert.deepEqual(at("SELECT 'abc'|"), { kind: 'none' });
    assert.deepEqual(at('SELECT 1 -- note|'), { kind: 'none' });
    assert.deepEqual(at('SELECT /* open |'), { kind: 'none' });
    assert.deepEqual(at('SELECT 12|'), { kind: 'none' });
    assert.deepEqual(at('SELECT a AS |'), { kind: 'none' });
  });

  it('clamps offsets outside the text', () => {
    assert.equal(completionContext('SELECT ', 999, 0).kind, 'expression');
    assert.equal(completionContext('', -3, 0).kind, 'start');
  });

  const clause = (marked: string) => {
    const c = at(marked);
    return c.kind === 'expression'
      ? [c.clause, c.fn, c.place.rules, c.place.cte?.name]
      : c.kind === 'table'
        ? ['table', c.afterJoin, c.place.rules, c.place.cte?.name]
        : [c.kind];
  };

  it('body: the clause of half-typed text, at the end and in the middle', () => {
    assert.deepEqual(clause('SELECT |'), ['select', undefined, 'final', undefined]);
    assert.deepEqual(clause('WITH per_user AS (SELECT |'), [
      'select',
      undefined,
      'cte',
      'per_user',
    ]);
    assert.deepEqual(clause('WITH a AS (SELECT 1), per_user AS (SELECT x FROM |'), [
      'table',
      false,
      'cte',
      'per_user',
    ]);
    assert.deepEqual(clause('SELECT a FROM t i WHERE |'), ['where', undefined, 'final', undefined]);
    assert.deepEqual(clause('SELECT a FROM t i WHERE a = 1 AND |'), [
      'where',
      undefined,
      'final',
      undefined,
    ]);
    assert.deepEqual(clause('SELECT a FROM t i WHERE (a = 1 OR |'), [
      'where',
      undefined,
      'final',
      undefined,
    ]);
    assert.deepEqual(clause('SELECT a FROM t i JOIN u ON |'), [
      'on',
      undefined,
      'final',
      undefined,
    ]);
    assert.deepEqual(clause('SELECT a FROM t i JOIN |'), ['table', true, 'final', undefined]);
    assert.deepEqual(clause('SELECT a FROM t i LEFT JOIN u ON i.a = u.a LEFT JOIN |'), [
      'table',
      true,
      'final',
      undefined,
    ]);
    assert.deepEqual(clause('SELECT a FROM t GROUP BY |'), [
      'groupBy',
      undefined,
      'final',
      undefined,
    ]);
    assert.deepEqual(clause('SELECT a FROM t GROUP BY a HAVING |'), [
      'having',
      undefined,
      'final',
      undefined,
    ]);
    assert.deepEqual(clause('SELECT a FROM t ORDER BY |'), [
      'orderBy',
      undefined,
      'final',
      undefined,
    ]);
    assert.deepEqual(clause('SELECT COUNT(|'), ['call', 'COUNT', 'final', undefined]);
    assert.deepEqual(clause('SELECT EXTRACT(year FROM |'), ['call', 'EXTRACT', 'final', undefined]);
    assert.deepEqual(clause('SELECT ROW_NUMBER() OVER (PARTITION BY |'), [
      'call',
      'OVER',
      'final',
      undefined,
    ]);
    assert.deepEqual(clause('SELECT a FROM (SELECT |'), ['select', undefined, 'cte', undefined]);
    assert.deepEqual(clause('SELECT a FROM t WHERE a IN (SELECT b FROM |'), [
      'table',
      false,
      'final',
      undefined,
    ]);
    assert.deepEqual(clause('WITH c AS (SELECT a FROM t WHERE a > 1 GROUP BY a) SELECT | FROM c'), [
      'select',
      undefined,
      'final',
      undefined,
    ]);
    assert.deepEqual(clause('SELECT a FROM t LIMIT |'), ['none']);
    assert.deepEqual(at('SELECT a FROM t i |'), {
      kind: 'keyword',
      words: ['JOIN', 'LEFT JOIN', 'WHERE', 'GROUP BY', 'ORDER BY', 'LIMIT'],
      prefix: '',
      replace: { start: 18, end: 18 },
    });
  });

  it('body: the first word and CTE names start the snippets', () => {
    assert.deepEqual(at('|'), {
      kind: 'start',
      prefix: '',
      replace: { start: 0, end: 0 },
      inWith: false,
    });
    assert.deepEqual(at('WI|'), {
      kind: 'start',
      prefix: 'WI',
      replace: { start: 0, end: 2 },
      inWith: false,
    });
    assert.equal(at('WITH |').kind, 'start');
    assert.deepEqual(at('WITH a AS (SELECT 1), |'), {
      kind: 'start',
      prefix: '',
      replace: { start: 22, end: 22 },
      inWith: true,
    });
    assert.deepEqual(at('WITH a |'), { kind: 'none' });
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lex, paramRefs } from '../../server/src/core/sql/lexer';

const kinds = (s: string) => lex(s).map((t) => [t.kind, t.text]);

test('words, strings, quoted identifiers, numbers, params, operators', () => {
  assert.deepEqual(kinds(`SELECT "My Col", 'it''s', 1.5e3, :p_1 FROM t WHERE a::int <> b || c`), [
    ['word', 'SELECT'],
    ['quoted', '"My Col"'],
    ['punct', ','],
    ['string', "'it''s'"],
    ['punct', ','],
    ['number', '1.5e3'],
    ['punct', ','],
    ['param', ':p_1'],
    ['word', 'FROM'],
    ['word', 't'],
    ['word', 'WHERE'],
    ['word', 'a'],
    ['operator', '::'],
    ['word', 'int'],
    ['operator', '<>'],
    ['word', 'b'],
    ['operator', '||'],
    ['word', 'c'],
  ]);
});

test('comments hide params; unterminated strings and comments run to the end', () => {
  const toks = lex("a -- :x\n/* :y */ ':z' 'open :w");
  assert.deepEqual(paramRefs(toks), []);
  assert.equal(toks.at(-1)!.kind, 'string');
  assert.equal(toks.at(-1)!.unterminated, true);
  assert.equal(lex('/* never closed').at(-1)!.unterminated, true);
});

test('bracketed comments nest, as in Spark', () => {
  const toks = lex('a /* x /* :y */ :z */ b');
  assert.deepEqual(
    toks.map((t) => [t.kind, t.text]),
    [
      ['word', 'a'],
      ['comment', '/* x /* :y */ :z */'],
      ['word', 'b'],
    ],
  );
  assert.equal(lex('/* x /* y */ still open').at(-1)!.unterminated, true);
});

test('spans are offsets plus base and cover the raw text', () => {
  const text = 'x = :p';
  const [ref] = paramRefs(lex(text, 100));
  assert.deepEqual(ref, { name: 'p', span: { start: 104, end: 106 } });
});

test('never throws and covers every non-space character, whatever the input', () => {
  const inputs = [
    '\u0000\u0001',
    '😀 :ü',
    '\uD800',
    'a'.repeat(100_000),
    "'".repeat(7),
    '"a""b"',
    '::::',
    ':',
    '-',
    '/',
    '$1',
  ];
  for (const input of inputs) {
    const toks = lex(input);
    const covered = toks.reduce((n, t) => n + (t.span.end - t.span.start), 0);
    assert.equal(covered, input.replace(/\s/g, '').length, JSON.stringify(input.slice(0, 10)));
  }
});

// The keyword table's roles that imply one another: a row edited for one role keeps the others.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CLAUSE_STARTS,
  KEYWORD_FUNCTIONS,
  NEXT_CLAUSE,
  RESERVED,
  RESERVED_OPERAND_STARTS,
  SET_OPERATORS,
  SPARK_RESERVED,
} from '../../../server/src/core/sql/keywordRoles';

const outside = (sub: ReadonlySet<string>, of: ReadonlySet<string>) =>
  [...sub].filter((w) => !of.has(w));

test('a clause start, a set operator or a keyword function is never read as an alias', () => {
  assert.deepEqual(outside(CLAUSE_STARTS, RESERVED), []);
  assert.deepEqual(outside(NEXT_CLAUSE, RESERVED), []);
  assert.deepEqual(outside(KEYWORD_FUNCTIONS, RESERVED), []);
  assert.deepEqual(outside(SET_OPERATORS, CLAUSE_STARTS), []);
});

test('the reserved words that begin an operand are reserved in Spark', () => {
  assert.deepEqual(outside(RESERVED_OPERAND_STARTS, SPARK_RESERVED), []);
  assert.ok(SPARK_RESERVED.size > 70, `${SPARK_RESERVED.size}`);
});

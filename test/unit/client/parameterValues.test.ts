// Parameter value checks (client/src/aws/parameterValues.ts): what each declared type accepts,
// the typed value it binds, and what it refuses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  checkParameterValue,
  MAX_PARAMETER_VALUE_LENGTH,
  parameterKind,
} from '../../../client/src/aws/parameterValues';
import { PARAMETER_TYPES } from '../../../server/src/core/rules/params/context';

const value = (type: string, v: string) => {
  const r = checkParameterValue(type, v);
  return r.ok ? r.value : `refused: ${r.problem}`;
};

test('every parameter type of the service model has a kind', () => {
  for (const type of PARAMETER_TYPES) assert.ok(parameterKind(type), type);
  assert.equal(parameterKind('GEOMETRY'), undefined);
  assert.match(String(value('GEOMETRY', 'x')), /^refused: GEOMETRY is not a parameter type/);
});

test('integers: whole numbers within the type range', () => {
  assert.equal(value('INTEGER', ' 42 '), 42);
  assert.equal(value('int', '-7'), -7);
  assert.equal(value('SMALLINT', '32767'), 32767);
  assert.match(String(value('SMALLINT', '32768')), /out of range \(-32768 to 32767\)/);
  assert.match(String(value('TINYINT', '-129')), /out of range/);
  assert.equal(value('BYTE', '127'), 127);
  assert.equal(
    value('BIGINT', '9223372036854775807'),
    '9223372036854775807',
    'beyond 2^53 kept exact as text',
  );
  assert.match(String(value('LONG', '9223372036854775808')), /out of range/);
  assert.match(String(value('INTEGER', '4.5')), /whole number/);
  assert.match(String(value('INTEGER', '1; DROP TABLE x')), /^refused/);
  assert.match(String(value('INTEGER', '')), /^refused/);
});

test('decimals and floats', () => {
  assert.equal(value('DECIMAL', '12.50'), 12.5);
  assert.equal(value('NUMERIC', '.5'), 0.5);
  assert.match(String(value('DECIMAL', '1e3')), /^refused/);
  assert.equal(value('DOUBLE', '1e-3'), 0.001);
  assert.equal(value('DOUBLE_PRECISION', '-2.5E2'), -250);
  assert.match(String(value('FLOAT', '1e999')), /out of range/);
  assert.match(String(value('REAL', 'NaN')), /^refused/);
});

test('booleans', () => {
  assert.equal(value('BOOLEAN', 'TRUE'), true);
  assert.equal(value('BOOLEAN', 'false'), false);
  assert.match(String(value('BOOLEAN', 'yes')), /true or false/);
});

test('dates, timestamps and times: real calendar values, canonical text', () => {
  assert.equal(value('DATE', '2024-02-29'), '2024-02-29');
  assert.match(String(value('DATE', '2023-02-29')), /^refused/);
  assert.match(String(value('DATE', '2026-1-5')), /^refused/);
  assert.equal(value('TIMESTAMP', '2026-01-31T23:59:59'), '2026-01-31 23:59:59');
  assert.equal(value('TIMESTAMP', '2026-01-31'), '2026-01-31 00:00:00');
  assert.equal(value('TIMESTAMP', '2026-01-31 08:30'), '2026-01-31 08:30:00');
  assert.equal(value('TIMESTAMP', '2026-01-31 08:30:00.125'), '2026-01-31 08:30:00.125');
  assert.equal(value('TIMESTAMPTZ', '2026-01-31 08:30:00+02:00'), '2026-01-31 08:30:00+02:00');
  assert.match(String(value('TIMESTAMP_NTZ', '2026-01-31 08:30:00Z')), /^refused/);
  assert.match(String(value('TIMESTAMP', '2026-01-31 24:00:00')), /^refused/);
  assert.match(String(value('TIMESTAMP', "2026-01-31' OR '1'='1")), /^refused/);
  assert.equal(value('TIME', '07:05'), '07:05:00');
  assert.equal(value('TIMETZ', '07:05:00-05'), '07:05:00-05');
  assert.match(String(value('TIME', '07:05:00Z')), /^refused/);
});

test('strings pass through unchanged; binary is hex pairs', () => {
  assert.equal(value('VARCHAR', ' it\'s "quoted" -- not SQL '), ' it\'s "quoted" -- not SQL ');
  assert.equal(value('STRING', ''), '');
  assert.equal(value('VARBYTE', '0A1b'), '0a1b');
  assert.match(String(value('BINARY', 'abc')), /hex digits/);
});

test('no value may exceed the service limit', () => {
  assert.equal(
    value('VARCHAR', 'x'.repeat(MAX_PARAMETER_VALUE_LENGTH)),
    'x'.repeat(MAX_PARAMETER_VALUE_LENGTH),
  );
  assert.match(
    String(value('VARCHAR', 'x'.repeat(MAX_PARAMETER_VALUE_LENGTH + 1))),
    /limit is 1000/,
  );
});

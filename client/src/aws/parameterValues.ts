// Run-time values for analysis template parameters. StartProtectedQuery carries every value as a
// string; these checks say whether the string is a literal of the parameter's declared type, and
// give the typed value an engine binds (never text spliced into SQL). The client checks before
// sending; the emulator uses the same checks to answer a ValidationException.

/** ParameterValue: 0–1000 characters (service model). */
export const MAX_PARAMETER_VALUE_LENGTH = 1000;

export type ParameterKind =
  'integer' | 'decimal' | 'float' | 'boolean' | 'string' | 'date' | 'timestamp' | 'time' | 'binary';

/** Integer ranges by type; BYTE is Spark's one-byte integer. */
const INTEGER_BITS: Record<string, number> = {
  TINYINT: 8,
  BYTE: 8,
  SMALLINT: 16,
  SHORT: 16,
  INTEGER: 32,
  INT: 32,
  BIGINT: 64,
  LONG: 64,
};

const KIND: Record<string, ParameterKind> = {
  DECIMAL: 'decimal',
  NUMERIC: 'decimal',
  REAL: 'float',
  FLOAT: 'float',
  DOUBLE: 'float',
  DOUBLE_PRECISION: 'float',
  BOOLEAN: 'boolean',
  CHAR: 'string',
  CHARACTER: 'string',
  VARCHAR: 'string',
  STRING: 'string',
  DATE: 'date',
  TIMESTAMP: 'timestamp',
  TIMESTAMPTZ: 'timestamp',
  TIMESTAMP_LTZ: 'timestamp',
  TIMESTAMP_NTZ: 'timestamp',
  TIME: 'time',
  TIMETZ: 'time',
  VARBYTE: 'binary',
  BINARY: 'binary',
};

export function parameterKind(type: string): ParameterKind | undefined {
  const t = type.toUpperCase();
  return t in INTEGER_BITS ? 'integer' : KIND[t];
}

/** A typed value for binding: numbers for numeric types, booleans, canonical text for the rest. */
export type TypedValue = number | boolean | string;

export type ParameterCheck = { ok: true; value: TypedValue } | { ok: false; problem: string };

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const FLOAT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?$/;
const ZONE = /^(Z|[+-]\d{2}(:?\d{2})?)$/;
const HEX = /^([0-9a-fA-F]{2})*$/;

/** A short example of a valid value, for prompts and messages. */
export function parameterExample(type: string): string {
  switch (parameterKind(type)) {
    case 'integer':
      return '42';
    case 'decimal':
      return '12.50';
    case 'float':
      return '0.25 or 1e-3';
    case 'boolean':
      return 'true or false';
    case 'date':
      return '2026-01-31';
    case 'timestamp':
      return '2026-01-31 23:59:59';
    case 'time':
      return '23:59:59';
    case 'binary':
      return 'hex digits, e.g. 0a1b';
    default:
      return 'any text';
  }
}

/** Checks `value` against `type`; on success returns the typed value to bind. */
export function checkParameterValue(type: string, value: string): ParameterCheck {
  const fail = (why: string): ParameterCheck => ({
    ok: false,
    problem: `"${shorten(value)}" is not a valid ${type.toUpperCase()}: ${why}`,
  });
  if (value.length > MAX_PARAMETER_VALUE_LENGTH)
    return {
      ok: false,
      problem: `the value is ${value.length} characters long; the limit is ${MAX_PARAMETER_VALUE_LENGTH}.`,
    };
  const kind = parameterKind(type);
  const v = value.trim();
  switch (kind) {
    case undefined:
      return { ok: false, problem: `${type} is not a parameter type Clean Rooms knows.` };
    case 'string':
      return { ok: true, value };
    case 'integer': {
      if (!INTEGER.test(v)) return fail('expected a whole number, e.g. 42.');
      const bits = INTEGER_BITS[type.toUpperCase()];
      const n = BigInt(v);
      const max = (1n << BigInt(bits - 1)) - 1n;
      if (n > max || n < -max - 1n) return fail(`out of range (${-max - 1n} to ${max}).`);
      // Beyond 2^53 a JS number would round: keep the exact digits as text.
      return { ok: true, value: Number.isSafeInteger(Number(n)) ? Number(n) : n.toString() };
    }
    case 'decimal':
      return DECIMAL.test(v)
        ? { ok: true, value: Number(v) }
        : fail('expected a decimal number such as 12.50.');
    case 'float': {
      if (!FLOAT.test(v)) return fail('expected a number such as 0.25 or 1e-3.');
      const n = Number(v);
      return Number.isFinite(n) ? { ok: true, value: n } : fail('out of range.');
    }
    case 'boolean': {
      const b = v.toLowerCase();
      return b === 'true' || b === 'false'
        ? { ok: true, value: b === 'true' }
        : fail('expected true or false.');
    }
    case 'date': {
      const d = calendarDate(v);
      return d ? { ok: true, value: d } : fail('expected a date YYYY-MM-DD, e.g. 2026-01-31.');
    }
    case 'timestamp': {
      const t = timestamp(v, type.toUpperCase() !== 'TIMESTAMP_NTZ');
      return t
        ? { ok: true, value: t }
        : fail('expected YYYY-MM-DD HH:MM:SS, e.g. 2026-01-31 23:59:59.');
    }
    case 'time': {
      const t = clockTime(v, type.toUpperCase() === 'TIMETZ');
      return t ? { ok: true, value: t } : fail('expected HH:MM:SS, e.g. 23:59:59.');
    }
    case 'binary':
      return HEX.test(v)
        ? { ok: true, value: v.toLowerCase() }
        : fail('expected hex digits in pairs, e.g. 0a1b.');
  }
}

function calendarDate(v: string): string | undefined {
  const m = DATE.exec(v);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
    ? v
    : undefined;
}

function clockTime(v: string, zoneAllowed: boolean): string | undefined {
  const zone = zoneAllowed ? /(Z|[+-]\d{2}(:?\d{2})?)$/.exec(v)?.[0] : undefined;
  const clock = zone ? v.slice(0, -zone.length).trim() : v;
  const m = TIME.exec(clock);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3] ?? 0) > 59) return undefined;
  return `${m[1]}:${m[2]}:${m[3] ?? '00'}${m[4] ?? ''}${zone ?? ''}`;
}

/** `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS[.ffffff]]` or with `T`; a zone when allowed. Canonical form uses a space. */
function timestamp(v: string, zoneAllowed: boolean): string | undefined {
  const at = v.search(/[ T]/);
  if (at < 0) return calendarDate(v) ? `${v} 00:00:00` : undefined;
  const day = calendarDate(v.slice(0, at));
  const rest = v.slice(at + 1).trim();
  const zone = /(Z|[+-]\d{2}(:?\d{2})?)$/.exec(rest)?.[0];
  if (zone && (!zoneAllowed || !ZONE.test(zone))) return undefined;
  const clock = clockTime(zone ? rest.slice(0, -zone.length).trim() : rest, false);
  return day && clock ? `${day} ${clock}${zone ?? ''}` : undefined;
}

function shorten(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

/** A declared parameter as the value checks need it (template file or AWS). */
export interface ParameterDeclaration {
  name: string;
  type: string;
  defaultValue?: string;
}

/**
 * Each declared parameter's value (the given one, else its default) checked against its type:
 * one problem per bad or missing value, and the typed values to bind. Used by runs in AWS (which
 * send the strings) and local runs (which bind the typed values).
 */
export function typedParameters(
  declared: ParameterDeclaration[],
  values: Record<string, string | undefined>,
): { problems: string[]; params: Record<string, TypedValue> } {
  const problems: string[] = [];
  const params: Record<string, TypedValue> = {};
  for (const p of declared) {
    const value = values[p.name] ?? p.defaultValue;
    if (value === undefined) {
      problems.push(`${p.name}: a value is required (no default).`);
      continue;
    }
    const check = checkParameterValue(p.type, value);
    if (check.ok) params[p.name] = check.value;
    else problems.push(`${p.name}: ${check.problem}`);
  }
  return { problems, params };
}

// Default values: at most 1,000 characters, and a value the declared type can hold.
import type { Diagnostic } from '../../types';
import { MAX_DEFAULT_LENGTH, type TemplateCheck } from './context';
import { isParameterType } from './type';

export const paramDefault: TemplateCheck = {
  code: 'PAR008',
  name: 'ParameterDefaultTooLong',
  summary: 'default value over 1,000 characters',
  also: [
    {
      code: 'PAR009',
      name: 'ParameterDefaultWrongType',
      summary: 'default value not a value of its type',
    },
  ],
  check({ template }) {
    const out: Diagnostic[] = [];
    for (const p of template.params) {
      const d = p.defaultValue;
      if (!d) continue;
      if (d.value.length > MAX_DEFAULT_LENGTH) {
        out.push({
          code: 'PAR008',
          severity: 'error',
          message: `Default value of '${p.name.value}' is ${d.value.length} characters long; the service allows at most ${MAX_DEFAULT_LENGTH}.`,
          span: d.span,
        });
        continue;
      }
      if (!p.type || !isParameterType(p.type.value)) continue;
      const problem = valueProblem(p.type.value.toUpperCase(), d.value);
      if (problem) {
        out.push({
          code: 'PAR009',
          severity: 'error',
          message: `Default '${d.value}' is not a valid ${p.type.value.toUpperCase()}: ${problem}.`,
          span: d.span,
        });
      }
    }
    return out;
  },
};

const INT_RANGES: Record<string, [bigint, bigint]> = {
  TINYINT: [-128n, 127n],
  SMALLINT: [-32768n, 32767n],
  SHORT: [-32768n, 32767n],
  INTEGER: [-2147483648n, 2147483647n],
  INT: [-2147483648n, 2147483647n],
  BIGINT: [-9223372036854775808n, 9223372036854775807n],
  LONG: [-9223372036854775808n, 9223372036854775807n],
};
const DECIMALS = new Set(['DECIMAL', 'NUMERIC', 'REAL', 'DOUBLE_PRECISION', 'DOUBLE', 'FLOAT']);
const TIMESTAMPS = new Set(['TIMESTAMP', 'TIMESTAMPTZ', 'TIMESTAMP_LTZ', 'TIMESTAMP_NTZ']);
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?$/;
const ZONE = /^(Z|[+-]\d{2}(:?\d{2})?|\s*[A-Za-z_]+(\/[A-Za-z_]+)*)$/;

/** Why `value` is not a value of `type`, or undefined when it is (or when we cannot tell). */
function valueProblem(type: string, value: string): string | undefined {
  const v = value.trim();
  if (INT_RANGES[type]) {
    if (!/^[+-]?\d+$/.test(v)) return 'expected a whole number, e.g. 10';
    const [lo, hi] = INT_RANGES[type];
    const n = BigInt(v);
    return n < lo || n > hi ? `out of range (${lo} to ${hi})` : undefined;
  }
  if (DECIMALS.has(type))
    return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v)
      ? undefined
      : 'expected a number, e.g. 1.5';
  if (type === 'BOOLEAN')
    return /^(true|false|t|f|yes|no|y|n|1|0)$/i.test(v) ? undefined : 'expected true or false';
  if (type === 'DATE') return dateProblem(v);
  if (TIMESTAMPS.has(type)) {
    const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](.*))?$/.exec(v);
    if (!m) return "expected 'YYYY-MM-DD HH:MM:SS'";
    const dp = dateProblem(m[1]);
    if (dp) return dp;
    return m[2] === undefined || timeProblem(m[2]) === undefined
      ? undefined
      : "expected a time like '13:45:00' after the date";
  }
  if (type === 'TIME' || type === 'TIMETZ')
    return timeProblem(v) ? "expected a time like '13:45:00'" : undefined;
  // Character and binary types accept any text: the encoding of binary defaults is not documented.
  return undefined;
}

function timeProblem(v: string): string | undefined {
  const m = /^(\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(.*)$/.exec(v);
  if (!m || !TIME.test(m[1])) return 'bad time';
  return m[2] === '' || ZONE.test(m[2].trim()) ? undefined : 'bad time zone';
}

function dateProblem(v: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return "expected 'YYYY-MM-DD'";
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12) return `month ${m[2]} does not exist`;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d < 1 || d > days ? `day ${m[3]} does not exist in ${m[1]}-${m[2]}` : undefined;
}

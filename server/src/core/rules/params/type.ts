// Parameter types: one of the 28 ParameterType values (case-insensitive here; sent upper-case).
import type { Diagnostic } from '../../types';
import { PARAMETER_TYPES, type TemplateCheck } from './context';

const ALIASES: Record<string, string> = {
  TEXT: 'VARCHAR',
  BOOL: 'BOOLEAN',
  DATETIME: 'TIMESTAMP',
  INT4: 'INTEGER',
  INT8: 'BIGINT',
  INT2: 'SMALLINT',
  FLOAT8: 'DOUBLE_PRECISION',
  FLOAT4: 'REAL',
  NUMBER: 'NUMERIC',
  BYTES: 'BINARY',
  'DOUBLE PRECISION': 'DOUBLE_PRECISION',
};

export function isParameterType(t: string): boolean {
  return (PARAMETER_TYPES as readonly string[]).includes(t.toUpperCase());
}

/** The usual parameter type for a column of a schema type (`string` → VARCHAR, `decimal(10,2)` → DECIMAL). */
const FOR_COLUMN: Record<string, string> = { STRING: 'VARCHAR', INT: 'INTEGER' };

export function parameterTypeForColumn(columnType: string): string | undefined {
  const upper = columnType.trim().toUpperCase().replace(/\(.*$/, '');
  return FOR_COLUMN[upper] ?? (isParameterType(upper) ? upper : ALIASES[upper]);
}

export const paramType: TemplateCheck = {
  code: 'PAR004',
  name: 'ParameterTypeUnknown',
  summary: 'unknown parameter type',
  check({ template }) {
    const out: Diagnostic[] = [];
    for (const p of template.params) {
      if (!p.type || isParameterType(p.type.value)) continue;
      const upper = p.type.value.toUpperCase().replace(/\(.*$/, '');
      const suggestion = isParameterType(upper) ? upper : ALIASES[upper];
      out.push({
        code: 'PAR004',
        severity: 'error',
        message: `Unknown parameter type '${p.type.value}'.${suggestion ? ` Did you mean ${suggestion}?` : ''} Allowed: ${PARAMETER_TYPES.join(', ')}.`,
        span: p.type.span,
        fixes: suggestion
          ? [
              {
                title: `Change type to ${suggestion}`,
                preferred: true,
                edits: [{ span: p.type.span, newText: suggestion }],
              },
            ]
          : [],
      });
    }
    return out;
  },
};

// Small helpers for unit tests of the analysis core.
import { analyze } from '../../server/src/core/analyze';
import type { Diagnostic, Schema, Span } from '../../server/src/core/types';

export const SCHEMA: Schema = {
  tables: [
    {
      name: 'socialco_impressions',
      analysisRuleType: 'CUSTOM',
      userIdColumn: 'user_id',
      columns: ['user_id', 'campaign_id', 'device_type', 'timestamp'].map((name) => ({ name })),
    },
  ],
};

export const textOf = (text: string, span: Span) => text.slice(span.start, span.end);

/** Diagnostics with the given code, each as [code, text under its range]. */
export function found(
  text: string,
  code: string,
  schema: Schema | undefined = SCHEMA,
): [string, string][] {
  return analyze(text, schema)
    .diagnostics.filter((d) => d.code === code)
    .map((d) => [d.code, textOf(text, d.span)]);
}

export function byCode(
  text: string,
  code: string,
  schema: Schema | undefined = SCHEMA,
): Diagnostic[] {
  return analyze(text, schema).diagnostics.filter((d) => d.code === code);
}

/** Applies a fix's edits (non-overlapping) to `text`. */
export function applyEdits(text: string, edits: { span: Span; newText: string }[]): string {
  return [...edits]
    .sort((a, b) => b.span.start - a.span.start)
    .reduce((t, e) => t.slice(0, e.span.start) + e.newText + t.slice(e.span.end), text);
}

export const HEADER = '-- @name Test template\n';
export const QUERY = 'SELECT COUNT(DISTINCT user_id) FROM socialco_impressions';

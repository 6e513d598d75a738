// A DocumentAnalysis as the server's analysis cache makes it, for unit tests of the features.
import type { AnalysisResult } from '../../server/src/core/analyze';
import { lineIndex } from '../../server/src/core/text';
import type { Schema } from '../../server/src/core/types';
import type { DocumentAnalysis } from '../../server/src/session/analysis';

/**
 * `result` (analyze()'s for `text`) as the features receive it; with `schema`, also the schema
 * file it was read from (`schemaText`, its text: ranges into the file are computed from it).
 */
export function documentAnalysis(
  text: string,
  result: AnalysisResult,
  {
    schema,
    schemaText = '',
    version = 1,
  }: { schema?: Schema; schemaText?: string; version?: number } = {},
): DocumentAnalysis {
  return {
    uri: 'file:///w/t.cleanrooms.sql',
    version,
    text,
    index: lineIndex(text),
    result,
    schema: schema && {
      uri: 'file:///w/cleanrooms.schema.json',
      path: '/w/cleanrooms.schema.json',
      text: schemaText,
      index: lineIndex(schemaText),
      schema,
      diagnostics: [],
    },
    model: result.model,
    elapsedMs: 0,
  };
}

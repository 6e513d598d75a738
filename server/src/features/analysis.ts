// One analysis per (document version, schema generation, settings): every feature reads the
// same cached result, so hover, completion and diagnostics never re-analyse an unchanged text.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type AnalysisResult } from '../core/analyze';
import type { QueryModel } from '../core/sql/model';
import { lineIndex, type LineIndex } from '../core/text';
import type { AnalyzeOptions } from '../core/types';
import type { LoadedSchema, SchemaStore } from './schemas';

export interface DocumentAnalysis {
  uri: string;
  version: number;
  text: string;
  index: LineIndex;
  result: AnalysisResult;
  /** The schema file that applies, when one was found. */
  schema: LoadedSchema | undefined;
  /** This result's model, or the last one built for the document while the text does not parse. */
  model: QueryModel | undefined;
  /** Milliseconds spent in analyze(). */
  elapsedMs: number;
}

export interface Analyzer {
  analysisOf(doc: TextDocument): DocumentAnalysis;
  forget(uri: string): void;
  /** Settings changed: every cached result is stale. */
  setOptions(options: AnalyzeOptions): void;
}

export function createAnalyzer(schemas: SchemaStore, initial: AnalyzeOptions): Analyzer {
  let options = initial;
  let optionsGeneration = 0;
  const cache = new Map<string, { key: string; analysis: DocumentAnalysis }>();
  const lastModel = new Map<string, QueryModel>();
  const keyOf = (doc: TextDocument) => `${doc.version}:${schemas.generation()}:${optionsGeneration}`;

  return {
    analysisOf(doc) {
      const key = keyOf(doc);
      const hit = cache.get(doc.uri);
      if (hit && hit.key === key) return hit.analysis;
      const text = doc.getText();
      const schema = schemas.forTemplate(doc.uri);
      const started = performance.now();
      const result = analyze(text, schema?.schema, options);
      const elapsedMs = performance.now() - started;
      if (result.model) lastModel.set(doc.uri, result.model);
      const analysis: DocumentAnalysis = {
        uri: doc.uri,
        version: doc.version,
        text,
        index: lineIndex(text),
        result,
        schema,
        model: result.model ?? lastModel.get(doc.uri),
        elapsedMs,
      };
      cache.set(doc.uri, { key, analysis });
      return analysis;
    },
    forget(uri) {
      cache.delete(uri);
      lastModel.delete(uri);
    },
    setOptions(next) {
      options = next;
      optionsGeneration++;
    },
  };
}

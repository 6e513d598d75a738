// One analysis per (document version, schema generation, settings): every feature reads the
// same cached result, so hover, completion and diagnostics never re-analyse an unchanged text.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  createIncrementalAnalyzer,
  type AnalysisResult,
  type IncrementalAnalyzer,
} from '../core/analyze';
import { lex, paramRefs } from '../core/sql/lexer';
import type { QueryModel } from '../core/sql/model';
import { TYPING_LIMITS } from '../core/sql/parse';
import { parseTemplate } from '../core/template/parse';
import { lineIndex, type LineIndex } from '../core/text';
import type { AnalyzeOptions } from '../core/types';
import type { BackgroundAnalysis } from './backgroundAnalysis';
import type { LoadedSchema, SchemaStore } from './schemas';

/**
 * Texts at least this long are analysed in a worker for diagnostics (the DP limit is 8 KB): there
 * the whole query is syntax-checked; shorter ones never reach the editor thread's piece limit.
 */
export const BACKGROUND_THRESHOLD = TYPING_LIMITS.maxPiece;

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
  /** The analysis of the document as it is now, computed on this thread if not cached. */
  analysisOf(doc: TextDocument): DocumentAnalysis;
  /**
   * Like analysisOf, but a large text is analysed in the background; undefined when the document
   * or the schema changed meanwhile (a newer run owns the result).
   */
  analysisOfLatest(doc: TextDocument): Promise<DocumentAnalysis | undefined>;
  /**
   * For requests (hover, completion, ...): the full analysis when cached or cheap; for a large
   * text still being analysed, only its header and parameter references, so no request waits.
   */
  forRequest(doc: TextDocument): DocumentAnalysis;
  forget(uri: string): void;
  /** Settings changed: every cached result is stale. */
  setOptions(options: AnalyzeOptions): void;
}

export function createAnalyzer(
  schemas: SchemaStore,
  initial: AnalyzeOptions,
  background?: BackgroundAnalysis,
): Analyzer {
  let options = initial;
  let optionsGeneration = 0;
  const cache = new Map<string, { key: string; analysis: DocumentAnalysis }>();
  /** Background runs in flight, so every caller for the same version shares one. */
  const pending = new Map<string, { key: string; run: Promise<DocumentAnalysis | undefined> }>();
  const lastModel = new Map<string, QueryModel>();
  /** Per open document: the next keystroke's analysis reuses what this one left. */
  const incremental = new Map<string, IncrementalAnalyzer>();
  const keyOf = (doc: TextDocument) =>
    `${doc.version}:${schemas.generation()}:${optionsGeneration}`;

  const store = (
    doc: TextDocument,
    key: string,
    text: string,
    schema: LoadedSchema | undefined,
    result: AnalysisResult,
    elapsedMs: number,
  ) => {
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
  };
  const cached = (doc: TextDocument, key: string) => {
    const hit = cache.get(doc.uri);
    return hit && hit.key === key ? hit.analysis : undefined;
  };

  const analysisOf = (doc: TextDocument) => {
    const key = keyOf(doc);
    const hit = cached(doc, key);
    if (hit) return hit;
    const text = doc.getText();
    const schema = schemas.forTemplate(doc.uri);
    let analyze = incremental.get(doc.uri);
    if (!analyze) incremental.set(doc.uri, (analyze = createIncrementalAnalyzer()));
    const started = performance.now();
    const result = analyze(text, schema?.schema, options);
    return store(doc, key, text, schema, result, performance.now() - started);
  };

  return {
    analysisOf,
    async analysisOfLatest(doc) {
      // The schema search and read are asynchronous: a verdict waits for them, requests do not.
      const schemaRead = schemas.ready(doc.uri);
      if (schemaRead) await schemaRead;
      const key = keyOf(doc);
      const hit = cached(doc, key);
      if (hit) return hit;
      if (!background || doc.getText().length < BACKGROUND_THRESHOLD) {
        // A large text replaced by a small one: its run could only be discarded, so free its core now.
        if (pending.delete(doc.uri)) background?.cancel(doc.uri);
        return analysisOf(doc);
      }
      const inFlight = pending.get(doc.uri);
      if (inFlight?.key === key) return inFlight.run;
      // The document object is updated in place by later edits: capture what this run analyses.
      const text = doc.getText();
      const schema = schemas.forTemplate(doc.uri);
      const started = performance.now();
      const run = background
        .run(doc.uri, { text, schema: schema?.schema, options })
        .then((result) => {
          if (pending.get(doc.uri)?.run === run) pending.delete(doc.uri);
          return result && keyOf(doc) === key
            ? store(doc, key, text, schema, result, performance.now() - started)
            : undefined;
        });
      pending.set(doc.uri, { key, run });
      return run;
    },
    forRequest(doc) {
      const hit = cached(doc, keyOf(doc));
      if (hit || !background || doc.getText().length < BACKGROUND_THRESHOLD)
        return hit ?? analysisOf(doc);
      const text = doc.getText();
      return {
        uri: doc.uri,
        version: doc.version,
        text,
        index: lineIndex(text),
        result: outline(text),
        schema: undefined,
        model: undefined,
        elapsedMs: 0,
      };
    },
    forget(uri) {
      background?.cancel(uri);
      pending.delete(uri);
      cache.delete(uri);
      lastModel.delete(uri);
      incremental.delete(uri);
    },
    setOptions(next) {
      options = next;
      optionsGeneration++;
    },
  };
}

/** The cheap part of an analysis: header directives and `:param` references, no SQL checks. */
function outline(text: string): AnalysisResult {
  const { template } = parseTemplate(text);
  return {
    template,
    diagnostics: [],
    verdict: 'UNABLE_TO_VALIDATE',
    paramRefs: paramRefs(lex(template.body, template.bodyStart)),
  };
}

// Custom LSP messages shared by the client and the server (the client never imports server/).
// Plain names and types only: each side sends them with its own (bundled) JSON-RPC library.
import type { ServerSettings } from './settings';

export type LocalVerdictStatus = 'VALID' | 'INVALID' | 'UNABLE_TO_VALIDATE';

export interface LocalDiagnostic {
  code: string;
  severity: 'error' | 'warning' | 'information' | 'hint';
  message: string;
  /** 0-based line / UTF-16 character, as in LSP. */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** The aggregation types a differential-privacy budget counts (DifferentialPrivacyAggregationType). */
export type DpAggregationType = 'COUNT' | 'COUNT_DISTINCT' | 'SUM' | 'AVG' | 'STDDEV';

/** How many aggregations of each type one run of a template computes (types it does not use are absent). */
export type DpAggregationCounts = Partial<Record<DpAggregationType, number>>;

/** The local analysis of one open template, shown beside the verdict AWS returns. */
export interface LocalVerdict {
  verdict: LocalVerdictStatus;
  diagnostics: LocalDiagnostic[];
  /** The final SELECT's DP aggregations by type, which each run spends from the privacy budget. */
  aggregations: DpAggregationCounts;
}

export interface AnalyzeParams {
  uri: string;
}

/** Request `cleanrooms/analyze`: AnalyzeParams → LocalVerdict, or null when the server does not have the document open. */
export const ANALYZE_METHOD = 'cleanrooms/analyze';

/**
 * Notification `cleanrooms/verdict`, server → client, after every analysis of an open template
 * (with its diagnostics): the verdict for that version, so the editor can show it at all times.
 */
export const VERDICT_METHOD = 'cleanrooms/verdict';

export interface VerdictParams {
  uri: string;
  /** The document version analysed. */
  version: number;
  verdict: LocalVerdictStatus;
  /**
   * What to fix, in document order: every error (when VALID, only template-field and parameter
   * errors, which Create would hit but which are not part of the DP verdict), and when
   * UNABLE_TO_VALIDATE also the warnings (one of them is what kept the verdict open).
   */
  reasons: LocalDiagnostic[];
  errors: number;
  warnings: number;
  /** Whether a cleanrooms.schema.json applies to the template. */
  schemaFound: boolean;
  /** Tables the query reads that no schema file describes (as written, first occurrence each). */
  unknownTables: string[];
}

/** What the client passes in `initialize`. */
export interface InitializationOptions {
  settings: ServerSettings;
  /** `file://` URI of the installed extension's docs/diagnostics.md, for diagnostic links. */
  diagnosticsDocUri?: string;
}

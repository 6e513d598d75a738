// The analysis worker: dist/server.js started as a worker thread analyses one large template
// off the server's main thread, so the server keeps answering and a newer edit cancels it by
// terminating the worker.
import { analyze, type AnalysisResult } from '../core/analyze';
import type { AnalyzeOptions, Schema } from '../core/types';

export interface AnalysisJob {
  text: string;
  schema: Schema | undefined;
  options: AnalyzeOptions;
}

/**
 * What the worker posts back: cloning the whole result (the template holds the text twice, the
 * model thousands of nodes) cost more than the analysis. The main thread re-parses the template
 * from the text it already has.
 */
export type WorkerResult = Pick<AnalysisResult, 'diagnostics' | 'verdict' | 'paramRefs'>;

/**
 * How the bundle knows it runs as the worker: an argument, not worker_threads' isMainThread, so the
 * server's start-up does not load worker_threads before a large template needs it.
 */
export const ANALYSIS_WORKER_ARG = '--cleanrooms-analysis-worker';

export function serveAnalysisJobs(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when needed, off the start-up path
  const { parentPort } = require('node:worker_threads') as typeof import('node:worker_threads');
  parentPort?.on('message', (job: AnalysisJob) => {
    // Off the editor's thread: no syntax-check skip (SQL002) short of the service's size limit.
    const { diagnostics, verdict, paramRefs } = analyze(job.text, job.schema, {
      ...job.options,
      fullSyntax: true,
    });
    // No model: these texts are far past the 8 KB DP limit; hover there is not worth ~1 s of cloning.
    const result: WorkerResult = { diagnostics, verdict, paramRefs };
    parentPort!.postMessage(result);
  });
}

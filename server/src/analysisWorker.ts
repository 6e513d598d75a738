// The analysis worker: dist/server.js started as a worker thread analyses one large template
// off the server's main thread, so the server keeps answering and a newer edit cancels it by
// terminating the worker.
import { parentPort } from 'node:worker_threads';
import { analyze } from './core/analyze';
import type { AnalyzeOptions, Schema } from './core/types';

export interface AnalysisJob {
  text: string;
  schema: Schema | undefined;
  options: AnalyzeOptions;
}

export function serveAnalysisJobs(): void {
  parentPort?.on('message', (job: AnalysisJob) => {
    parentPort!.postMessage(analyze(job.text, job.schema, job.options));
  });
}

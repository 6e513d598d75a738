// Large templates are analysed in a worker thread: the main thread stays free for other
// documents and requests, and a newer edit cancels the stale analysis by terminating its worker.
// A worker that finished is kept (one, idle) so the next large analysis skips start-up and JIT.
import type { Worker } from 'node:worker_threads';
import { ANALYSIS_WORKER_ARG, type AnalysisJob, type WorkerResult } from './analysisWorker';
import type { AnalysisResult } from '../core/analyze';
import { parseTemplate } from '../core/template/parse';
import type { Log } from './guard';

export interface BackgroundAnalysis {
  /** Analyse `job` for `uri`, terminating any run still going for it; undefined when superseded or failed. */
  run(uri: string, job: AnalysisJob): Promise<AnalysisResult | undefined>;
  cancel(uri: string): void;
}

/**
 * The worker's heap lives in the server's process (and its RSS). A full syntax check of a
 * 500,000-character template peaks at about 60 MB of heap; past these limits the worker dies, and
 * that run reports SQL000 instead of growing the editor's memory without bound.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 16 };

export function createBackgroundAnalysis(workerPath: string, log: Log): BackgroundAnalysis {
  const running = new Map<string, Worker>();
  let idle: Worker | undefined;

  const spawn = () => {
    // Loaded on the first large template, not at start-up.
    const { Worker: Thread } =
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when needed, off the start-up path
      require('node:worker_threads') as typeof import('node:worker_threads');
    const worker = new Thread(workerPath, {
      argv: [ANALYSIS_WORKER_ARG],
      resourceLimits: WORKER_LIMITS,
    });
    worker.unref();
    return worker;
  };
  const park = (worker: Worker) => {
    if (idle) return void worker.terminate();
    idle = worker;
    worker.once('exit', () => {
      if (idle === worker) idle = undefined;
    });
  };
  const cancel = (uri: string) => {
    const worker = running.get(uri);
    running.delete(uri);
    if (worker) void worker.terminate();
  };

  return {
    run(uri, job) {
      cancel(uri);
      return new Promise((done) => {
        let worker: Worker;
        try {
          worker = idle ?? spawn();
        } catch (e) {
          log(`analysis worker did not start: ${String(e)}`);
          return done(undefined);
        }
        idle = undefined;
        running.set(uri, worker);
        const finish = (result: AnalysisResult | undefined) => {
          worker.off('message', onMessage).off('error', onError).off('exit', onExit);
          const current = running.get(uri) === worker;
          if (current) running.delete(uri);
          if (result && current) park(worker);
          else void worker.terminate();
          // Superseded runs give nothing; a run that failed while still current must still replace
          // the stale diagnostics, or the editor would show them forever.
          done(result ?? (current ? failed(job.text) : undefined));
        };
        const onMessage = (result: WorkerResult) =>
          finish({ ...result, template: parseTemplate(job.text).template });
        const onError = (e: unknown) => {
          log(`analysis worker failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
          finish(undefined);
        };
        const onExit = () => finish(undefined);
        worker.on('message', onMessage).on('error', onError).on('exit', onExit);
        worker.postMessage(job);
      });
    },
    cancel,
  };
}

function failed(text: string): AnalysisResult {
  const { template } = parseTemplate(text);
  const at = template.bodyStart;
  return {
    template,
    diagnostics: [
      {
        code: 'SQL000',
        severity: 'error',
        message:
          'This template could not be analysed (the analysis worker failed); its differential-privacy verdict is unknown. Please report this with the template text.',
        span: { start: at, end: at },
      },
    ],
    verdict: 'UNABLE_TO_VALIDATE',
    paramRefs: [],
  };
}

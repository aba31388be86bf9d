// Runs evaluate.ts in a worker thread so that a cross-validation (seconds of CPU) never stalls the event loop.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EvaluateRequest, EvaluationResult } from './evaluate';
import type { EvaluateReply } from './evaluate.worker';

const WORKER_FILE = path.join(__dirname, 'evaluate.worker.ts');

export function evaluateInWorker(request: EvaluateRequest): Promise<EvaluationResult> {
  return new Promise((resolve, reject) => {
    // The worker is TypeScript, loaded through tsx as intents/retrain.ts does.
    const worker = new Worker(WORKER_FILE, { execArgv: ['--require', 'tsx/cjs'], workerData: request });
    let settled = false;
    worker.once('message', (reply: EvaluateReply) => {
      settled = true;
      if (reply.ok) resolve(reply.result);
      else reject(new Error(`evaluation failed: ${reply.error}`));
    });
    worker.once('error', (err) => {
      settled = true;
      reject(new Error(`evaluation worker crashed: ${err.message}`));
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`evaluation worker exited with code ${code} and no result`));
    });
  });
}

// Starts the retraining worker and turns its reply into a promise of the saved, compiled model.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { IntentsError, type IntentsErrorCode, ERROR_CODES } from './errors';
import { IntentModel } from './model';
import type { RetrainReply, RetrainRequest } from './retrain.worker';

const WORKER_FILE = path.join(__dirname, 'retrain.worker.ts');

/** Resolves with the saved model, ready to classify; the worker is TypeScript, loaded through tsx as the CLI and jest both allow. */
export function trainInWorker(request: RetrainRequest): Promise<IntentModel> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_FILE, { execArgv: ['--require', 'tsx/cjs'], workerData: request });
    let settled = false;
    worker.once('message', (reply: RetrainReply) => {
      settled = true;
      if (reply.ok) {
        try {
          resolve(IntentModel.fromCompiled(reply.model));
        } catch (err) {
          reject(err);
        }
      } else {
        const code = (ERROR_CODES as readonly string[]).includes(reply.error.code) ? (reply.error.code as IntentsErrorCode) : 'training_failed';
        reject(new IntentsError(code, reply.error.message));
      }
    });
    worker.once('error', (err) => {
      settled = true;
      reject(new IntentsError('training_failed', `retraining worker crashed: ${err.message}`));
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new IntentsError('training_failed', `retraining worker exited with code ${code} and no result`));
    });
  });
}

// Worker thread entry: cross-validates a training set off the main thread (see evaluate.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { evaluate, type EvaluationResult } from './evaluate';

export type EvaluateReply = { ok: true; result: EvaluationResult } | { ok: false; error: string };

function run(): EvaluateReply {
  try {
    return { ok: true, result: evaluate(workerData) };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

parentPort?.postMessage(run());

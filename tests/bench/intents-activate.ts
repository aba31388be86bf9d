// Main-thread cost of a background retrain: how long IntentEngine.activate keeps the event loop busy when it
// swaps in the version the worker just trained, and the longest event-loop delay over the whole retrain.
// Run: node server/bin/run-ts.js tests/bench/intents-activate.ts (also part of npm run bench:intents).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { IntentEngine } from '../../intents/engine';
import { loadShippedExamples } from '../../intents/examples';

const RUNS = 5;

export interface ActivationFigures {
  /** Median event-loop busy time inside activate(version just trained, not yet active). */
  activateBusyMs: number;
  /** Median wall time of the same activate() call (includes file-system waits that do not block). */
  activateWallMs: number;
  /** Worst longest event-loop delay over a whole retrain + activate cycle. */
  maxLoopDelayMs: number;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function measureActivation(): Promise<ActivationFigures> {
  const examples = loadShippedExamples();
  const dir = mkdtempSync(path.join(tmpdir(), 'kadesk-intents-activate-'));
  try {
    const engine = await IntentEngine.train(dir, examples);
    const busy: number[] = [];
    const wall: number[] = [];
    let maxLoopDelayMs = 0;
    for (let run = 0; run < RUNS; run++) {
      const histogram = monitorEventLoopDelay({ resolution: 1 });
      histogram.enable();
      const version = await engine.retrainInBackground(examples, { activate: false });
      const before = performance.eventLoopUtilization();
      const t0 = performance.now();
      await engine.activate(version);
      wall.push(performance.now() - t0);
      busy.push(performance.eventLoopUtilization(before).active);
      histogram.disable();
      maxLoopDelayMs = Math.max(maxLoopDelayMs, histogram.max / 1e6);
    }
    return { activateBusyMs: median(busy), activateWallMs: median(wall), maxLoopDelayMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === __filename) {
  measureActivation().then(
    (f) => process.stdout.write(`${JSON.stringify(f)}\n`),
    (err) => {
      process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}

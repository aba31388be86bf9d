// The supervisors' periodic work: folding new orders and cancellations into the analytics rollups (reads stay
// exact without it; it keeps their live tail short), and picking up model/threshold changes made on other nodes.
import { CancellationRollup } from '../models/analytics-rollup';
import type { ServerContext } from './app';
import type { IntentsRuntime } from './intents-runtime';

const ROLLUP_EVERY_MS = 10_000;
const INTENTS_SYNC_EVERY_MS = 15_000;

export function supervisorJobs({ domain }: ServerContext, intents: IntentsRuntime) {
  const rollup = new CancellationRollup({ db: domain.db, clock: domain.clock });
  return [
    { name: 'analytics-rollup', everyMs: ROLLUP_EVERY_MS, run: () => rollup.fold() },
    { name: 'intents-sync', everyMs: INTENTS_SYNC_EVERY_MS, run: () => intents.sync() },
  ];
}

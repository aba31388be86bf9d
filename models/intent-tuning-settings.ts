// The NLU settings a supervisor sets and that must outlive a restart: the confidence threshold.
import { z } from 'zod';
import type { Clock } from './clock';
import type { Database } from './db';
import { audit, DeskActor } from './supervisor-audit';
import { SupervisorSetting } from './tables';
import { parseInput } from './validate';

const THRESHOLD = 'nlu.threshold';
export const thresholdInput = z.object({ threshold: z.number().min(0).max(1) }).strict();

export class IntentSettings {
  constructor(private readonly deps: { db: Database; clock: Clock }) {}

  /** The saved threshold, or null when none was ever set (the engine's default applies). */
  async threshold(): Promise<number | null> {
    const row = await SupervisorSetting.findByPk(THRESHOLD);
    return row ? z.number().parse(row.value) : null;
  }

  /** Validates and saves; the caller applies it to the running engine. */
  async setThreshold(actor: DeskActor, input: unknown, current: number): Promise<number> {
    const { threshold } = parseInput(thresholdInput, input);
    await this.deps.db.transaction(async (t) => {
      const now = this.deps.clock.now();
      await SupervisorSetting.upsert({ key: THRESHOLD, value: threshold, updatedBy: actor.id, updatedAt: now }, { transaction: t });
      await audit(actor, { area: 'intents', action: 'threshold.set', subject: THRESHOLD, before: { threshold: current }, after: { threshold } }, now, t);
    });
    return threshold;
  }
}

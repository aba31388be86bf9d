// Retrain → evaluate → candidate → activate / roll back, without a restart. Training runs in the intents
// package's worker (IntentEngine.retrainInBackground, not activated), cross-validation in ours (evaluate.ts), so
// the event loop stays free; runs are queued one at a time. The engine is the bot's own instance.
import { z } from 'zod';
import { ExampleSchema, IntentEngine, IntentsError } from '../../intents';
import { DEFAULT_MODEL_OPTIONS } from '../../intents/config';
import { DomainError } from '../../models';
import { predictionsOf, type TrainingLog, type TrainingView } from '../../models/intent-tuning-trainings';
import type { UtteranceService } from '../../models/intent-tuning-utterances';
import type { DeskActor } from '../../models/supervisor-audit';
import { pairPredictions } from './compare';
import type { SupervisorIntents } from './context';
import { evaluateInWorker } from './evaluate-in-worker';

export interface LifecycleDeps {
  intents: SupervisorIntents;
  utterances: UtteranceService;
  trainings: TrainingLog;
  onError: (err: unknown, trainingId: number) => void;
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** The engine's errors in the domain's vocabulary, for the HTTP layer. */
function asDomainError(err: unknown, version: string): unknown {
  if (!(err instanceof IntentsError)) return err;
  if (err.code === 'model_not_found') return new DomainError('NOT_FOUND', 'No such model version', { kind: 'version', version });
  if (err.code === 'invalid_argument') return new DomainError('VALIDATION_FAILED', err.message, { version });
  return err;
}

export class ModelLifecycle {
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;

  constructor(private readonly deps: LifecycleDeps) {}

  get retraining(): boolean {
    return this.pending > 0;
  }

  /** Resolves when every queued run has finished (tests, shutdown). */
  idle(): Promise<void> {
    return this.queue;
  }

  /** Snapshots the effective training set now and queues the run; answers with the running training at once. */
  async retrain(actor: DeskActor, activate: boolean): Promise<TrainingView> {
    const examples = z.array(ExampleSchema).parse(await this.deps.utterances.effective());
    const row = await this.deps.trainings.start(actor, { activate, examples: examples.length });
    this.pending += 1;
    this.queue = this.queue
      .then(() => this.run(actor, row.id, examples, activate))
      .catch((err) => this.deps.onError(err, row.id))
      .finally(() => {
        this.pending -= 1;
      });
    return this.deps.trainings.get(row.id);
  }

  private evaluate(examples: z.infer<typeof ExampleSchema>[], engine: IntentEngine) {
    return evaluateInWorker({ examples, folds: this.deps.intents.folds, threshold: engine.threshold, options: DEFAULT_MODEL_OPTIONS });
  }

  private async run(actor: DeskActor, id: number, examples: z.infer<typeof ExampleSchema>[], activate: boolean): Promise<void> {
    const { trainings } = this.deps;
    try {
      const engine = await this.deps.intents.engine();
      await this.ensureBaseline(engine);
      const version = await engine.retrainInBackground(examples, { activate: false });
      await trainings.trained(id, version);
      await trainings.finish(id, await this.evaluate(examples, engine));
      if (activate) await this.activate(actor, version);
    } catch (err) {
      await trainings.fail(id, message(err));
      throw err;
    }
  }

  /** The active version needs an evaluation to be compared with; one trained elsewhere is assumed to be the seed's. */
  private async ensureBaseline(engine: IntentEngine): Promise<void> {
    const { trainings } = this.deps;
    if (await trainings.evaluationOf(engine.version)) return;
    const seed = [...this.deps.intents.seed()];
    const row = await trainings.start(null, { activate: false, examples: seed.length, assumedSeed: true });
    await trainings.trained(row.id, engine.version);
    try {
      await trainings.finish(row.id, await this.evaluate(seed, engine));
    } catch (err) {
      await trainings.fail(row.id, message(err));
    }
  }

  async compare(candidate: string, baseline?: string) {
    const engine = await this.deps.intents.engine();
    const base = baseline ?? engine.version;
    const [b, c] = await Promise.all([this.deps.trainings.evaluationOf(base), this.deps.trainings.evaluationOf(candidate)]);
    for (const [version, row] of [[candidate, c], [base, b]] as const) {
      if (!row) throw new DomainError('NOT_FOUND', 'No evaluation of this model version (retrain it from the supervisor API)', { kind: 'version', version });
    }
    return {
      baseline: { version: base, assumedSeed: b!.assumedSeed, metrics: b!.metrics },
      candidate: { version: candidate, assumedSeed: c!.assumedSeed, metrics: c!.metrics },
      paired: pairPredictions(predictionsOf(b!), predictionsOf(c!)),
    };
  }

  async activate(actor: DeskActor, version: string, action: 'model.activate' | 'model.rollback' = 'model.activate'): Promise<string> {
    await this.deps.trainings.assertUsable(version);
    const engine = await this.deps.intents.engine();
    const from = engine.version;
    try {
      await engine.activate(version);
    } catch (err) {
      throw asDomainError(err, version);
    }
    await this.deps.trainings.recordActivation(actor, action, from, version);
    return engine.version;
  }

  /** Back to the version that was active before the current one (per the activation log). */
  async rollback(actor: DeskActor): Promise<string> {
    const engine = await this.deps.intents.engine();
    const previous = await this.deps.trainings.previousOf(engine.version);
    if (!previous) throw new DomainError('INVALID_TRANSITION', 'No earlier activation to roll back to', { version: engine.version });
    return this.activate(actor, previous, 'model.rollback');
  }
}

// The one IntentEngine per server: the bot classifies with it and the supervisor routes retrain, activate and
// set its threshold, so a change there answers the bot's next message. Loaded on first use (servers that never
// see a buyer message never train), from the model directory, or trained on the effective training set (shipped
// files + supervisor edits) when none is saved; the threshold saved by a supervisor is applied on load.
// `sync()` (a job) picks up what another node sharing the model directory and database activated or set.
import { IntentEngine, loadShippedExamples, mergeExamples, type Example } from '../intents';
import type { Domain } from '../models';
import type { SupervisorIntents } from '../desk/supervisor/context';
import { tuningServices } from '../desk/supervisor/services';

export interface IntentsRuntimeOptions {
  modelDir: string;
  /** The shipped training set; tests pass a small one to keep retraining fast. */
  seed?: () => readonly Example[];
  folds?: number;
}

const DEFAULT_FOLDS = 5;

export class IntentsRuntime implements SupervisorIntents {
  readonly folds: number;
  private loading: Promise<IntentEngine> | null = null;
  private shipped: readonly Example[] | null = null;
  private readonly tuning;

  constructor(
    domain: Domain,
    private readonly options: IntentsRuntimeOptions,
  ) {
    this.folds = options.folds ?? DEFAULT_FOLDS;
    this.tuning = tuningServices(domain, this.seed);
  }

  readonly seed = (): readonly Example[] => {
    this.shipped ??= (this.options.seed ?? loadShippedExamples)();
    return this.shipped;
  };

  readonly engine = (): Promise<IntentEngine> => {
    if (!this.loading) {
      this.loading = this.load();
      // A failed load is not kept: the next message tries again.
      this.loading.catch(() => (this.loading = null));
    }
    return this.loading;
  };

  private async load(): Promise<IntentEngine> {
    const engine = await IntentEngine.loadOrTrain(this.options.modelDir, async () => mergeExamples([], await this.tuning.utterances.effective()));
    const threshold = await this.tuning.settings.threshold();
    if (threshold !== null) engine.setThreshold(threshold);
    return engine;
  }

  /** Applies the active version and threshold another node saved; does nothing before the engine is loaded. */
  async sync(): Promise<void> {
    if (!this.loading) return;
    const engine = await this.loading;
    const active = await engine.store.activeVersion();
    if (active && active !== engine.version) await engine.activate(active);
    const threshold = await this.tuning.settings.threshold();
    if (threshold !== null && threshold !== engine.threshold) engine.setThreshold(threshold);
  }
}

// The NLU as the server and the bot use it: one active model answering synchronously, a supervisor-set
// threshold, and retraining in a worker thread that swaps the new model in when it is ready.
import { classifyWith, ThresholdSchema, type ClassifyResult } from './classify';
import { DEFAULT_MODEL_OPTIONS, DEFAULT_THRESHOLD } from './config';
import { loadDefaultCatalog, parseCatalog, type CatalogEntry } from './entities/catalog';
import { ProductMatcher } from './entities/product';
import { IntentsError } from './errors';
import type { Example } from './examples';
import { IntentModel, type ModelOptions } from './model';
import { ModelStore, newVersion } from './model-store';
import { trainInWorker } from './retrain';

export interface EngineOptions {
  /** Defaults to the demo catalog shipped in intents/entities. */
  catalog?: readonly unknown[];
  threshold?: number;
  modelOptions?: ModelOptions;
}

export interface RetrainOptions {
  /** Swap the new model in as soon as it is saved (default true); false leaves it for activate(). */
  activate?: boolean;
}

function parseThreshold(value: unknown): number {
  const parsed = ThresholdSchema.safeParse(value);
  if (!parsed.success) throw new IntentsError('invalid_argument', `threshold must be a number from 0 to 1, got ${JSON.stringify(value)}`);
  return parsed.data;
}

export class IntentEngine {
  private queue: Promise<unknown> = Promise.resolve();
  /** The last model retrained here and not yet activated: activate() swaps it in without reading its file back. */
  private lastTrained: IntentModel | null = null;

  private constructor(
    readonly store: ModelStore,
    private model: IntentModel,
    private products: ProductMatcher,
    private currentThreshold: number,
    private readonly modelOptions: ModelOptions,
  ) {}

  private static build(store: ModelStore, model: IntentModel, options: EngineOptions): IntentEngine {
    const catalog: CatalogEntry[] = options.catalog ? parseCatalog(options.catalog) : loadDefaultCatalog();
    return new IntentEngine(
      store,
      model,
      new ProductMatcher(catalog),
      parseThreshold(options.threshold ?? DEFAULT_THRESHOLD),
      options.modelOptions ?? DEFAULT_MODEL_OPTIONS,
    );
  }

  /** Loads the active model of `dir`; fails with model_not_found when there is none. */
  static async load(dir: string, options: EngineOptions = {}): Promise<IntentEngine> {
    const store = new ModelStore(dir);
    const version = await store.activeVersion();
    if (!version) throw new IntentsError('model_not_found', `no active intents model in ${dir}`);
    return IntentEngine.build(store, await store.read(version), options);
  }

  /** Loads the active model of `dir`, or trains one on `examples` (in this thread), saves and activates it. */
  static async loadOrTrain(dir: string, examples: () => Promise<Example[]>, options: EngineOptions = {}): Promise<IntentEngine> {
    try {
      return await IntentEngine.load(dir, options);
    } catch (err) {
      if (!(err instanceof IntentsError) || err.code !== 'model_not_found') throw err;
    }
    return IntentEngine.train(dir, await examples(), options);
  }

  /** Trains in this thread, saves and activates: for the CLI, where nothing else waits on the event loop. */
  static async train(dir: string, examples: readonly Example[], options: EngineOptions = {}): Promise<IntentEngine> {
    const store = new ModelStore(dir);
    const file = IntentModel.trainFile(examples, options.modelOptions ?? DEFAULT_MODEL_OPTIONS, newVersion());
    await store.save(file);
    const model = IntentModel.compile(file);
    await store.setActive(model.version);
    return IntentEngine.build(store, model, options);
  }

  get version(): string {
    return this.model.version;
  }

  get threshold(): number {
    return this.currentThreshold;
  }

  /** Takes effect from the next classify(); rejects anything but a number in [0, 1] with invalid_argument. */
  setThreshold(value: unknown): void {
    this.currentThreshold = parseThreshold(value);
  }

  setCatalog(catalog: readonly unknown[]): void {
    this.products = new ProductMatcher(parseCatalog(catalog));
  }

  /** Synchronous and never throws: the bot calls it for every message. */
  classify(text: unknown): ClassifyResult {
    return classifyWith(this.model, this.products, this.currentThreshold, text);
  }

  /**
   * Trains on `examples` in a worker thread (the event loop stays free and classify() keeps answering with
   * the current model), saves the new version and, unless told otherwise, makes it the active one.
   * Calls are queued, so two retrains never race to activate.
   */
  retrainInBackground(examples: readonly Example[], options: RetrainOptions = {}): Promise<string> {
    const run = async (): Promise<string> => {
      const model = await trainInWorker({
        dir: this.store.dir,
        version: newVersion(),
        examples: [...examples],
        options: this.modelOptions,
      });
      this.lastTrained = model;
      if (options.activate ?? true) await this.activate(model.version);
      return model.version;
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /**
   * Makes a saved version (a new one, or an older one to roll back to) the active model, here and on disk.
   * The version just retrained here is already compiled (the worker posted it): the main thread only checks
   * its file is still there, instead of parsing, validating and compiling ~0.3 MB of counts (~40 ms).
   */
  async activate(version: string): Promise<void> {
    const trained = this.lastTrained?.version === version && (await this.store.has(version)) ? this.lastTrained : null;
    const model = trained ?? (await this.store.read(version));
    await this.store.setActive(version);
    this.model = model;
    if (trained) this.lastTrained = null;
  }

  versions(): Promise<string[]> {
    return this.store.versions();
  }
}

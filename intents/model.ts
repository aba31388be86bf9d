// The intent model: features → natural's Naive Bayes + a linear SVM + nearest training lines on the same features
// → temperature-calibrated probabilities.
import { z } from 'zod';
import { BayesStateSchema, compileBayes, trainBayes, type BayesState, type LabelledFeatures } from './bayes';
import { fitTemperature, softmax, type ScoredExample } from './calibration';
import { IntentsError } from './errors';
import type { Example } from './examples';
import { IntentSchema, type Intent, type Lang } from './intents';
import { detectLang } from './language';
import { decodeLinear, encodeLinear, LinearFileSchema, LinearOptionsSchema, trainLinear, type LinearWeights } from './linear';
import { compileNeighbours, decodeNeighbours, encodeNeighbours, NeighbourFileSchema, neighbourLines, NeighbourOptionsSchema, type NeighbourLines } from './neighbours';
import { canonicalize, normalizeCanonical } from './normalize';
import { CompiledScorer, type ScorerParts } from './scorer';
import { stratifiedFolds } from './split';
import { FeatureOptionsSchema, featurize, isShapeFeature, type FeatureOptions } from './tokenize';

export const ModelOptionsSchema = z.object({
  features: FeatureOptionsSchema,
  /** How natural's counts are scored (intents/bayes.ts); models saved before the option existed are Bernoulli. */
  rule: z.enum(['bernoulli', 'multinomial', 'complement']).default('bernoulli'),
  /** natural's additive smoothing of feature counts. */
  smoothing: z.number().positive(),
  /** Folds used to collect out-of-fold scores for fitting the temperature. */
  calibrationFolds: z.number().int().min(2).max(10),
  /** The linear SVM trained next to Naive Bayes; absent in models saved before it existed (Naive Bayes alone). */
  linear: LinearOptionsSchema.optional(),
  /** The nearest-neighbour score added to the others (intents/neighbours.ts); absent in models saved before it existed. */
  neighbours: NeighbourOptionsSchema.optional(),
});
export type ModelOptions = z.infer<typeof ModelOptionsSchema>;

export const MODEL_FORMAT = 'kadesk-intents-model';

export const ModelFileSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  formatVersion: z.literal(1),
  version: z.string().regex(/^[0-9A-Za-z-]+$/),
  createdAt: z.string(),
  trainingExamples: z.number().int().nonnegative(),
  options: ModelOptionsSchema,
  temperature: z.number().positive(),
  bayes: BayesStateSchema,
  /** The SVM's weights, rows in the order of `bayes.features`, columns in the order of its classes. */
  linear: LinearFileSchema.optional(),
  /** The training lines as vocabulary indices, for the nearest-neighbour score. */
  neighbours: NeighbourFileSchema.optional(),
});
export type ModelFile = z.infer<typeof ModelFileSchema>;

/** Everything of a model file but natural's counts: what a compiled model still needs to know. */
export const ModelHeaderSchema = ModelFileSchema.omit({ bayes: true, linear: true, neighbours: true });
export type ModelHeader = z.infer<typeof ModelHeaderSchema>;

/** A trained model as the retraining worker posts it: header and compiled table, ready to classify with. */
export interface CompiledModel {
  header: ModelHeader;
  scorer: ScorerParts;
}

export interface Prepared {
  canonical: string;
  normalized: string;
  lang: Lang;
  features: string[];
}

export function prepare(text: unknown, options: FeatureOptions): Prepared {
  const canonical = canonicalize(text);
  const normalized = normalizeCanonical(canonical);
  return {
    canonical,
    normalized,
    lang: detectLang(normalized),
    features: featurize(normalized, options),
  };
}

export interface Ranked {
  intent: Intent;
  confidence: number;
}

interface Featurized {
  example: Example;
  features: string[];
}

const toDocs = (items: readonly Featurized[]): LabelledFeatures[] =>
  items.filter((i) => i.features.length > 0).map((i) => ({ features: i.features, label: i.example.intent }));

const isEvidence = (feature: string): boolean => !isShapeFeature(feature);

interface Trained {
  bayes: BayesState;
  linear?: LinearWeights;
  neighbours?: NeighbourLines;
  scorer: CompiledScorer;
}

/**
 * natural's counts, the SVM trained on the same vocabulary and the neighbour index of the training lines (when
 * the options ask for them), all compiled into one scorer.
 */
function trainScorer(docs: readonly LabelledFeatures[], options: ModelOptions): Trained {
  const bayes = trainBayes(docs, options.smoothing);
  const tables = compileBayes(bayes, options.rule);
  const lines = options.neighbours && neighbourLines(docs, tables.featureNames, tables.labels);
  const index = lines && compileNeighbours(lines, tables.featureNames.length, tables.labels.length, options.neighbours!.weight);
  if (!options.linear) return { bayes, neighbours: lines, scorer: CompiledScorer.combine(tables, undefined, index) };
  const linear = trainLinear(docs, tables.featureNames, tables.labels, options.linear);
  const scorer = CompiledScorer.combine(tables, { weights: linear, bayesWeight: options.linear.bayesWeight }, index);
  return { bayes, linear, neighbours: lines, scorer };
}

/** Compiles a model file's counts and weights; a file whose options ask for a part it does not hold is corrupt. */
function compileFile(file: ModelFile): CompiledScorer {
  const tables = compileBayes(file.bayes, file.options.rule);
  const { linear, neighbours } = file.options;
  if (neighbours && !file.neighbours) throw new IntentsError('model_corrupt', 'model options name a neighbour index but the file has none');
  const index =
    neighbours && file.neighbours
      ? compileNeighbours(decodeNeighbours(file.neighbours), tables.featureNames.length, tables.labels.length, neighbours.weight)
      : undefined;
  if (!linear) return CompiledScorer.combine(tables, undefined, index);
  if (!file.linear) throw new IntentsError('model_corrupt', 'model options name a linear SVM but the file has no weights');
  const weights = decodeLinear(file.linear, tables.featureNames.length, tables.labels.length);
  return CompiledScorer.combine(tables, { weights, bayesWeight: linear.bayesWeight }, index);
}

/** Out-of-fold scores: each example scored by a model that did not see it, as the calibration data. */
function outOfFoldScores(items: readonly Featurized[], options: ModelOptions): ScoredExample[] {
  const scored: ScoredExample[] = [];
  const folds = stratifiedFolds(
    items.map((item) => ({ ...item.example, item })),
    options.calibrationFolds,
  );
  folds.forEach((fold, k) => {
    const rest = folds.flatMap((f, j) => (j === k ? [] : f.map((e) => e.item)));
    const { scorer } = trainScorer(toDocs(rest), options);
    for (const { item } of fold) {
      const { scores, coverage } = scorer.scores(item.features, isEvidence);
      const truth = scorer.labels.indexOf(item.example.intent);
      if (coverage > 0 && truth !== -1) scored.push({ scores, truth });
    }
  });
  return scored;
}

export class IntentModel {
  private constructor(
    readonly header: ModelHeader,
    private readonly scorer: CompiledScorer,
    private readonly labels: readonly Intent[],
  ) {}

  get version(): string {
    return this.header.version;
  }

  get options(): ModelOptions {
    return this.header.options;
  }

  get temperature(): number {
    return this.header.temperature;
  }

  private static of(header: ModelHeader, scorer: CompiledScorer): IntentModel {
    const labels = z.array(IntentSchema).safeParse(scorer.labels);
    if (!labels.success) throw new IntentsError('model_corrupt', 'model has labels that are not intents');
    return new IntentModel(header, scorer, labels.data);
  }

  /** A model file read from disk: validated, then compiled. */
  static fromFile(data: unknown): IntentModel {
    const parsed = ModelFileSchema.safeParse(data);
    if (!parsed.success) throw new IntentsError('model_corrupt', z.prettifyError(parsed.error));
    return IntentModel.compile(parsed.data);
  }

  /** A model compiled in another thread (the retraining worker); only the small header and the shapes are checked. */
  static fromCompiled(data: CompiledModel): IntentModel {
    const header = ModelHeaderSchema.safeParse(data.header);
    if (!header.success) throw new IntentsError('model_corrupt', z.prettifyError(header.error));
    return IntentModel.of(header.data, CompiledScorer.fromParts(data.scorer));
  }

  /** What the worker posts back: list `transferList` so the tables move to the other thread instead of being copied. */
  toCompiled(): { compiled: CompiledModel; transferList: ArrayBuffer[] } {
    const { parts, transferables } = this.scorer.toParts();
    return { compiled: { header: this.header, scorer: parts }, transferList: transferables };
  }

  /** Trains natural's counts and the SVM, and fits the temperature: the model file to save. */
  static trainFile(examples: readonly Example[], options: ModelOptions, version: string): ModelFile {
    const items = examples.map((example) => ({ example, features: prepare(example.text, options.features).features }));
    const docs = toDocs(items);
    if (new Set(docs.map((d) => d.label)).size < 2) {
      throw new IntentsError('training_failed', 'training needs examples of at least two intents');
    }
    const temperature = fitTemperature(outOfFoldScores(items, options));
    const { bayes, linear, neighbours } = trainScorer(docs, options);
    return {
      format: MODEL_FORMAT,
      formatVersion: 1,
      version,
      createdAt: new Date().toISOString(),
      trainingExamples: docs.length,
      options,
      temperature,
      bayes,
      ...(linear && { linear: encodeLinear(linear) }),
      ...(neighbours && { neighbours: encodeNeighbours(neighbours) }),
    };
  }

  /** Compiles a validated file, or one this process just trained (no second schema pass). */
  static compile(file: ModelFile): IntentModel {
    const { bayes: _bayes, linear: _linear, neighbours: _neighbours, ...header } = file;
    return IntentModel.of(header, compileFile(file));
  }

  static train(examples: readonly Example[], options: ModelOptions, version: string): IntentModel {
    return IntentModel.compile(IntentModel.trainFile(examples, options, version));
  }

  /**
   * All intents by calibrated probability, best first, and the share of the message's features the model
   * knows; null when it knows none.
   */
  rank(features: readonly string[]): { ranked: Ranked[]; coverage: number } | null {
    const { scores, coverage } = this.scorer.scores(features, isEvidence);
    if (coverage === 0) return null;
    const probabilities = softmax(scores, this.header.temperature);
    const ranked = this.labels
      .map((intent, i) => ({ intent, confidence: probabilities[i] }))
      .sort((a, b) => b.confidence - a.confidence);
    return { ranked, coverage };
  }
}

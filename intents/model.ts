// The intent model: features → natural's Naive Bayes → temperature-calibrated probabilities.
import { z } from 'zod';
import { BayesStateSchema, CompiledBayes, trainBayes, type LabelledFeatures } from './bayes';
import { fitTemperature, softmax, type ScoredExample } from './calibration';
import { IntentsError } from './errors';
import type { Example } from './examples';
import { IntentSchema, type Intent, type Lang } from './intents';
import { detectLang } from './language';
import { canonicalize, normalizeCanonical } from './normalize';
import { stratifiedFolds } from './split';
import { FeatureOptionsSchema, featurize, type FeatureOptions } from './tokenize';

export const ModelOptionsSchema = z.object({
  features: FeatureOptionsSchema,
  /** How natural's counts are scored (intents/bayes.ts); models saved before the option existed are Bernoulli. */
  rule: z.enum(['bernoulli', 'multinomial', 'complement']).default('bernoulli'),
  /** natural's additive smoothing of feature counts. */
  smoothing: z.number().positive(),
  /** Folds used to collect out-of-fold scores for fitting the temperature. */
  calibrationFolds: z.number().int().min(2).max(10),
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
});
export type ModelFile = z.infer<typeof ModelFileSchema>;

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

/** Out-of-fold scores: each example scored by a model that did not see it, as the calibration data. */
function outOfFoldScores(items: readonly Featurized[], options: ModelOptions): ScoredExample[] {
  const scored: ScoredExample[] = [];
  const folds = stratifiedFolds(
    items.map((item) => ({ ...item.example, item })),
    options.calibrationFolds,
  );
  folds.forEach((fold, k) => {
    const rest = folds.flatMap((f, j) => (j === k ? [] : f.map((e) => e.item)));
    const bayes = CompiledBayes.compile(trainBayes(toDocs(rest), options.smoothing), options.rule);
    for (const { item } of fold) {
      const { scores, coverage } = bayes.scores(item.features);
      const truth = bayes.labels.indexOf(item.example.intent);
      if (coverage > 0 && truth !== -1) scored.push({ scores, truth });
    }
  });
  return scored;
}

export class IntentModel {
  private constructor(
    readonly file: ModelFile,
    private readonly bayes: CompiledBayes,
    private readonly labels: readonly Intent[],
  ) {}

  get version(): string {
    return this.file.version;
  }

  get options(): ModelOptions {
    return this.file.options;
  }

  static fromFile(data: unknown): IntentModel {
    const parsed = ModelFileSchema.safeParse(data);
    if (!parsed.success) throw new IntentsError('model_corrupt', z.prettifyError(parsed.error));
    const bayes = CompiledBayes.compile(parsed.data.bayes, parsed.data.options.rule);
    const labels = z.array(IntentSchema).safeParse(bayes.labels);
    if (!labels.success) throw new IntentsError('model_corrupt', 'model has labels that are not intents');
    return new IntentModel(parsed.data, bayes, labels.data);
  }

  static train(examples: readonly Example[], options: ModelOptions, version: string): IntentModel {
    const items = examples.map((example) => ({ example, features: prepare(example.text, options.features).features }));
    const docs = toDocs(items);
    if (new Set(docs.map((d) => d.label)).size < 2) {
      throw new IntentsError('training_failed', 'training needs examples of at least two intents');
    }
    const temperature = fitTemperature(outOfFoldScores(items, options));
    return IntentModel.fromFile({
      format: MODEL_FORMAT,
      formatVersion: 1,
      version,
      createdAt: new Date().toISOString(),
      trainingExamples: docs.length,
      options,
      temperature,
      bayes: trainBayes(docs, options.smoothing),
    } satisfies ModelFile);
  }

  /**
   * All intents by calibrated probability, best first, and the share of the message's features the model
   * knows; null when it knows none.
   */
  rank(features: readonly string[]): { ranked: Ranked[]; coverage: number } | null {
    const { scores, coverage } = this.bayes.scores(features);
    if (coverage === 0) return null;
    const probabilities = softmax(scores, this.file.temperature);
    const ranked = this.labels
      .map((intent, i) => ({ intent, confidence: probabilities[i] }))
      .sort((a, b) => b.confidence - a.confidence);
    return { ranked, coverage };
  }
}

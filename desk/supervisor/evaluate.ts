// Cross-validation of a training set on folds assigned by a stable hash of each utterance (not by dealing, as
// intents/crossval does): an utterance present in two versions' training sets is held out in the same fold for
// both, so their out-of-fold predictions can be paired utterance by utterance.
import { z } from 'zod';
import { ExampleSchema, type Example } from '../../intents';
import { classifyWith } from '../../intents/classify';
import { loadDefaultCatalog } from '../../intents/entities/catalog';
import { ProductMatcher } from '../../intents/entities/product';
import { score, type Prediction, type Report } from '../../intents/metrics';
import { IntentModel, ModelOptionsSchema } from '../../intents/model';
import { hashText } from '../../intents/split';
import type { StoredPrediction } from '../../models';

export const EvaluateRequestSchema = z.object({
  examples: z.array(ExampleSchema),
  folds: z.number().int().min(2).max(10),
  threshold: z.number().min(0).max(1),
  options: ModelOptionsSchema,
});
export type EvaluateRequest = z.infer<typeof EvaluateRequestSchema>;

export type Metrics = Report & { folds: number };

export interface EvaluationResult {
  folds: number;
  metrics: Metrics;
  /** JSON of StoredPrediction[]: a string crosses back from the worker as one copy, not thousands of objects. */
  predictions: string;
}

export const foldOf = (e: Pick<Example, 'lang' | 'text'>, folds: number): number => hashText(`${e.lang}\u0000${e.text}`) % folds;

export function evaluate(request: EvaluateRequest): EvaluationResult {
  const { examples, folds, threshold, options } = EvaluateRequestSchema.parse(request);
  const products = new ProductMatcher(loadDefaultCatalog());
  const predictions: StoredPrediction[] = [];
  const scored: Prediction[] = [];
  for (let k = 0; k < folds; k++) {
    const held = examples.filter((e) => foldOf(e, folds) === k);
    if (held.length === 0) continue;
    const model = IntentModel.train(
      examples.filter((e) => foldOf(e, folds) !== k),
      options,
      `eval-${k}`,
    );
    for (const e of held) {
      const predicted = classifyWith(model, products, threshold, e.text).intent;
      predictions.push([e.lang, e.text, e.intent, predicted]);
      scored.push({ text: e.text, truth: e.intent, predicted });
    }
  }
  return { folds, metrics: { folds, ...score(scored) }, predictions: JSON.stringify(predictions) };
}

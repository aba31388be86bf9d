// Stratified k-fold cross-validation of the whole pipeline (normalisation → features → model → threshold).
import { classifyWith } from './classify';
import type { ProductMatcher } from './entities/product';
import type { Example } from './examples';
import { score, type Prediction, type Report } from './metrics';
import { IntentModel, type ModelOptions } from './model';
import { stratifiedFolds } from './split';

export interface CrossValidationOptions {
  folds: number;
  threshold: number;
  model: ModelOptions;
}

export function crossValidate(examples: readonly Example[], products: ProductMatcher, options: CrossValidationOptions): Report {
  return score(crossValidatedPredictions(examples, products, options));
}

export function crossValidatedPredictions(
  examples: readonly Example[],
  products: ProductMatcher,
  options: CrossValidationOptions,
): Prediction[] {
  const folds = stratifiedFolds(examples, options.folds);
  return folds.flatMap((fold, k) => {
    const model = IntentModel.train(
      folds.flatMap((f, j) => (j === k ? [] : f)),
      options.model,
      `cv-${k}`,
    );
    return fold.map((e) => ({
      text: e.text,
      truth: e.intent,
      predicted: classifyWith(model, products, options.threshold, e.text).intent,
    }));
  });
}

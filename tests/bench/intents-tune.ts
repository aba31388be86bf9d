// Model selection by stratified 5-fold cross-validation on the training part of the shipped data only
// (the benchmark's held-out split is never read here). Prints every configuration tried and the chosen
// threshold; the winners are copied by hand into intents/config.ts.
// Run: node server/bin/run-ts.js tests/bench/intents-tune.ts
import { crossValidatedPredictions } from '../../intents/crossval';
import { loadDefaultCatalog } from '../../intents/entities/catalog';
import { ProductMatcher } from '../../intents/entities/product';
import { loadShippedExamples } from '../../intents/examples';
import { score } from '../../intents/metrics';
import type { ModelOptions } from '../../intents/model';
import { heldOutSplit } from '../../intents/split';

const { train } = heldOutSplit(loadShippedExamples());
const products = new ProductMatcher(loadDefaultCatalog());
const FOLDS = 5;

const grid: ModelOptions[] = [];
for (const charNgrams of [[2], [1, 2], [1, 2, 3]]) {
  for (const englishCharTrigrams of [false, true]) {
    for (const smoothing of [0.05, 0.1, 0.2]) {
      grid.push({ features: { charNgrams, englishBigrams: true, englishCharTrigrams, hmm: false }, rule: 'bernoulli', smoothing, calibrationFolds: 4 });
    }
  }
}
// The other ways of scoring natural's counts, on the default features.
for (const rule of ['multinomial', 'complement'] as const) {
  for (const smoothing of [0.1, 0.3, 1]) {
    grid.push({ features: { charNgrams: [1, 2], englishBigrams: true, englishCharTrigrams: true, hmm: false }, rule, smoothing, calibrationFolds: 4 });
  }
}

const describe = (o: ModelOptions): string =>
  `${o.rule} chars=${o.features.charNgrams.join('+')} enTrigrams=${o.features.englishCharTrigrams ? 'y' : 'n'} smoothing=${o.smoothing}`;

// Threshold 0 first: model choice by plain accuracy, so the threshold cannot mask a weaker model.
let best: { options: ModelOptions; accuracy: number } | undefined;
for (const options of grid) {
  const report = score(crossValidatedPredictions(train, products, { folds: FOLDS, threshold: 0, model: options }));
  console.log(`${describe(options).padEnd(48)} accuracy ${(report.accuracy * 100).toFixed(2)}%  macro-F1 ${(report.macroF1 * 100).toFixed(2)}%`);
  if (!best || report.accuracy > best.accuracy) best = { options, accuracy: report.accuracy };
}
if (!best) throw new Error('empty grid');
console.log(`\nchosen: ${describe(best.options)}`);

// Threshold: the value with the lowest cost, where acting on a wrong intent (including accepting unrelated
// text) costs 1 and answering out_of_scope to a real request costs 0.5 — the bot then asks again or hands
// over, which is cheaper than cancelling the wrong thing.
let chosen: { threshold: number; cost: number } | undefined;
for (const threshold of [0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]) {
  const predictions = crossValidatedPredictions(train, products, { folds: FOLDS, threshold, model: best.options });
  const report = score(predictions);
  const wrongAction = predictions.filter((p) => p.predicted !== p.truth && p.predicted !== 'out_of_scope').length;
  const falseReject = predictions.filter((p) => p.predicted === 'out_of_scope' && p.truth !== 'out_of_scope').length;
  const cost = (wrongAction + 0.5 * falseReject) / predictions.length;
  console.log(
    `threshold ${threshold.toFixed(2)}  accuracy ${(report.accuracy * 100).toFixed(2)}%  macro-F1 ${(report.macroF1 * 100).toFixed(2)}%  ` +
      `oos false-accept ${(report.outOfScopeFalseAccept * 100).toFixed(1)}%  in-scope false-reject ${(report.inScopeFalseReject * 100).toFixed(1)}%  cost ${cost.toFixed(4)}`,
  );
  if (!chosen || cost < chosen.cost) chosen = { threshold, cost };
}
console.log(`chosen threshold: ${chosen?.threshold}`);

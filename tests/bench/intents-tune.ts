// Model selection by stratified 5-fold cross-validation on the training part of the shipped data only
// (the benchmark's held-out split is never read here). Prints every configuration tried, the chosen
// threshold and the chosen model's cross-validated confusions (what to write more training lines for);
// the winners are copied by hand into intents/config.ts.
// Run: node server/bin/run-ts.js tests/bench/intents-tune.ts [--quick]   (--quick: only the shipped options)
import { DEFAULT_MODEL_OPTIONS } from '../../intents/config';
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
const quick = process.argv.includes('--quick');

const base = DEFAULT_MODEL_OPTIONS;
const grid: ModelOptions[] = [base];
if (!quick) {
  // Naive Bayes alone, and how its counts are scored.
  for (const rule of ['bernoulli', 'multinomial'] as const) grid.push({ ...base, rule, linear: undefined });
  // The SVM's regularisation and how much Naive Bayes counts next to it (0: the SVM alone).
  for (const lambda of [1e-5, 3e-5, 1e-4, 3e-4]) {
    for (const bayesWeight of [0, 0.02, 0.03, 0.05, 0.1]) {
      if (lambda !== base.linear?.lambda || bayesWeight !== base.linear.bayesWeight) grid.push({ ...base, linear: { ...base.linear!, lambda, bayesWeight } });
    }
  }
  grid.push({ ...base, linear: { ...base.linear!, epochs: 40 } });
  // The nearest-neighbour score and its weight (none: Naive Bayes + SVM alone).
  grid.push({ ...base, neighbours: undefined });
  for (const weight of [0.5, 0.75, 1.5, 2]) grid.push({ ...base, neighbours: { weight } });
  // Features.
  grid.push({ ...base, features: { ...base.features, messageShape: false } });
  grid.push({ ...base, features: { ...base.features, charNgrams: [1, 2, 3] } });
  grid.push({ ...base, features: { ...base.features, englishBigrams: false } });
  grid.push({ ...base, smoothing: 0.2 });
}

const describe = (o: ModelOptions): string => {
  const f = o.features;
  const model = o.linear ? `svm λ=${o.linear.lambda} epochs=${o.linear.epochs} nb×${o.linear.bayesWeight}` : `${o.rule} NB alone`;
  return `${model}${o.neighbours ? ` nn×${o.neighbours.weight}` : ''} s=${o.smoothing} chars=${f.charNgrams.join('+')} enBi=${f.englishBigrams ? 'y' : 'n'} enTri=${f.englishCharTrigrams ? 'y' : 'n'} shape=${f.messageShape ? 'y' : 'n'}`;
};

// Threshold 0 first: model choice by plain accuracy, so the threshold cannot mask a weaker model.
let best: { options: ModelOptions; accuracy: number } | undefined;
for (const options of grid) {
  const report = score(crossValidatedPredictions(train, products, { folds: FOLDS, threshold: 0, model: options }));
  console.log(`${describe(options).padEnd(92)} accuracy ${(report.accuracy * 100).toFixed(2)}%  macro-F1 ${(report.macroF1 * 100).toFixed(2)}%`);
  if (!best || report.accuracy > best.accuracy) best = { options, accuracy: report.accuracy };
}
if (!best) throw new Error('empty grid');
console.log(`\nchosen: ${describe(best.options)}`);

// Threshold: the value with the lowest cost, where acting on a wrong intent (including accepting unrelated
// text) costs 1 and answering out_of_scope to a real request costs 0.5 — the bot then asks again or hands
// over, which is cheaper than cancelling the wrong thing.
let chosen: { threshold: number; cost: number; report: ReturnType<typeof score> } | undefined;
for (const threshold of [0, 0.2, 0.3, 0.4, 0.5, 0.6]) {
  const predictions = crossValidatedPredictions(train, products, { folds: FOLDS, threshold, model: best.options });
  const report = score(predictions);
  const wrongAction = predictions.filter((p) => p.predicted !== p.truth && p.predicted !== 'out_of_scope').length;
  const falseReject = predictions.filter((p) => p.predicted === 'out_of_scope' && p.truth !== 'out_of_scope').length;
  const cost = (wrongAction + 0.5 * falseReject) / predictions.length;
  console.log(
    `threshold ${threshold.toFixed(2)}  accuracy ${(report.accuracy * 100).toFixed(2)}%  macro-F1 ${(report.macroF1 * 100).toFixed(2)}%  ` +
      `oos false-accept ${(report.outOfScopeFalseAccept * 100).toFixed(1)}%  in-scope false-reject ${(report.inScopeFalseReject * 100).toFixed(1)}%  cost ${cost.toFixed(4)}`,
  );
  if (!chosen || cost < chosen.cost) chosen = { threshold, cost, report };
}
if (!chosen) throw new Error('no threshold');
console.log(`chosen threshold: ${chosen.threshold}\n\ncross-validated confusions at the chosen threshold (training split):`);
for (const c of chosen.report.confusions.slice(0, 25)) console.log(`  ${c.truth} → ${c.predicted}: ${c.count}  ${c.examples.join(' | ')}`);

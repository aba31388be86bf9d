// Scores of predictions against truth: accuracy, macro-F1, per-intent precision/recall, confusions, and how
// often out-of-scope text is accepted as a real intent.
import { INTENTS, type Intent } from './intents';

export interface Prediction {
  text: string;
  truth: Intent;
  predicted: Intent;
}

export interface IntentScore {
  intent: Intent;
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Confusion {
  truth: Intent;
  predicted: Intent;
  count: number;
  examples: string[];
}

export interface Report {
  examples: number;
  accuracy: number;
  macroF1: number;
  /** Share of out_of_scope examples answered with an in-scope intent. */
  outOfScopeFalseAccept: number;
  /** Share of in-scope examples answered with out_of_scope (learned or by threshold). */
  inScopeFalseReject: number;
  perIntent: IntentScore[];
  confusions: Confusion[];
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

export function score(predictions: readonly Prediction[]): Report {
  const perIntent = INTENTS.map((intent) => {
    const tp = predictions.filter((p) => p.truth === intent && p.predicted === intent).length;
    const support = predictions.filter((p) => p.truth === intent).length;
    const predicted = predictions.filter((p) => p.predicted === intent).length;
    const precision = ratio(tp, predicted);
    const recall = ratio(tp, support);
    return { intent, support, precision, recall, f1: ratio(2 * precision * recall, precision + recall) };
  }).filter((s) => s.support > 0);
  const confusions = new Map<string, Confusion>();
  for (const p of predictions) {
    if (p.truth === p.predicted) continue;
    const key = `${p.truth}>${p.predicted}`;
    const c = confusions.get(key) ?? { truth: p.truth, predicted: p.predicted, count: 0, examples: [] };
    c.count++;
    if (c.examples.length < 3) c.examples.push(p.text);
    confusions.set(key, c);
  }
  const oos = predictions.filter((p) => p.truth === 'out_of_scope');
  const inScope = predictions.filter((p) => p.truth !== 'out_of_scope');
  return {
    examples: predictions.length,
    accuracy: ratio(predictions.filter((p) => p.truth === p.predicted).length, predictions.length),
    macroF1: ratio(perIntent.reduce((s, i) => s + i.f1, 0), perIntent.length),
    outOfScopeFalseAccept: ratio(oos.filter((p) => p.predicted !== 'out_of_scope').length, oos.length),
    inScopeFalseReject: ratio(inScope.filter((p) => p.predicted === 'out_of_scope').length, inScope.length),
    perIntent,
    confusions: [...confusions.values()].sort((a, b) => b.count - a.count),
  };
}

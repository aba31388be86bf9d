// Naive Bayes: `natural` counts, in how many documents of each class every feature occurs; the counts are
// then compiled into flat tables of a Bernoulli model (intents/scorer.ts scores them with the linear SVM).
//
// - natural's Classifier turns each document into a dense 0/1 vector by scanning the whole vocabulary with
//   indexOf (O(vocabulary × tokens)), which makes training take minutes; training overrides only
//   textToFeatures with a map lookup producing the identical vector and lets natural's own train() count.
// - natural's probabilityOfClass multiplies P(feature | class) over the features present only, ignores
//   the absent ones and exp()s the product (0 for long messages). Cross-validation on our data scores the
//   full Bernoulli rule (absent features count too), from the same counts, higher (see intents/README.md),
//   and compiling it gives O(features present × classes) per message instead of O(vocabulary × classes).
import { z } from 'zod';
import { IntentsError } from './errors';
import { BayesClassifier } from './natural';

const featureIndexes = new WeakMap<object, { docs: number; index: Map<string, number> }>();

class IndexedBayesClassifier extends BayesClassifier {
  override textToFeatures(observation: string | string[]): number[] {
    const tokens = typeof observation === 'string' ? observation.split(' ') : observation;
    let cached = featureIndexes.get(this);
    if (!cached || cached.docs !== this.docs.length) {
      cached = { docs: this.docs.length, index: new Map(Object.keys(this.features).map((f, i) => [f, i])) };
      featureIndexes.set(this, cached);
    }
    const vector = new Array<number>(cached.index.size).fill(0);
    for (const token of tokens) {
      const i = cached.index.get(token);
      if (i !== undefined) vector[i] = 1;
    }
    return vector;
  }
}

/** What is persisted: natural's vocabulary (feature → document count) and its apparatus Bayes state. */
export const BayesStateSchema = z.object({
  features: z.record(z.string(), z.number()),
  classifier: z.object({
    classFeatures: z.record(z.string(), z.record(z.string(), z.number())),
    classTotals: z.record(z.string(), z.number()),
    totalExamples: z.number(),
    smoothing: z.number(),
  }),
});
export type BayesState = z.infer<typeof BayesStateSchema>;

export interface LabelledFeatures {
  features: readonly string[];
  label: string;
}

export function trainBayes(docs: readonly LabelledFeatures[], smoothing: number): BayesState {
  const nb = new IndexedBayesClassifier(undefined, smoothing);
  for (const doc of docs) nb.addDocument([...doc.features], doc.label);
  nb.train();
  return BayesStateSchema.parse(JSON.parse(JSON.stringify({ features: nb.features, classifier: nb.classifier })));
}

export type BayesRule = 'bernoulli' | 'multinomial' | 'complement';

/** natural's counts compiled for scoring: per feature and class, what seeing the feature adds to the score. */
export interface BayesTables {
  labels: string[];
  featureNames: string[];
  /** Row f holds, per class, what seeing f adds (Bernoulli: log P(f | c) − log(1 − P(f | c))). */
  presentWeight: Float64Array;
  /** Per class, the score of a message with no feature (Bernoulli: log prior + Σ log(1 − P(f | c))). */
  base: Float64Array;
}

export function compileBayes(state: BayesState, rule: BayesRule = 'bernoulli'): BayesTables {
  const { classFeatures, classTotals, totalExamples, smoothing } = state.classifier;
  const labels = Object.keys(classFeatures);
  if (labels.length < 2) throw new IntentsError('model_corrupt', 'a model needs at least two classes');
  const featureNames = Object.keys(state.features);
  const c = labels.length;
  const v = featureNames.length;
  // natural starts each class total at 1 and each seen feature's count at 1 + smoothing: undo both.
  const docs = labels.map((label) => classTotals[label] - 1);
  const seen = new Float64Array(v * c);
  const seenTotal = new Float64Array(c);
  labels.forEach((label, j) => {
    const counts = classFeatures[label];
    for (let f = 0; f < v; f++) {
      const n = counts[f] ? counts[f] - smoothing : 0;
      seen[f * c + j] = n;
      seenTotal[j] += n;
    }
  });
  const allSeen = seenTotal.reduce((a, b) => a + b, 0);
  const presentWeight = new Float64Array(v * c);
  const base = new Float64Array(c);
  for (let j = 0; j < c; j++) {
    base[j] = Math.log(docs[j] / (totalExamples - 1));
    for (let f = 0; f < v; f++) {
      const n = seen[f * c + j];
      if (rule === 'bernoulli') {
        const p = (n + smoothing) / (docs[j] + 2 * smoothing);
        presentWeight[f * c + j] = Math.log(p) - Math.log1p(-p);
        base[j] += Math.log1p(-p);
      } else if (rule === 'multinomial') {
        presentWeight[f * c + j] = Math.log((n + smoothing) / (seenTotal[j] + smoothing * v));
      } else {
        let rest = 0;
        for (let k = 0; k < c; k++) if (k !== j) rest += seen[f * c + k];
        presentWeight[f * c + j] = -Math.log((rest + smoothing) / (allSeen - seenTotal[j] + smoothing * v));
      }
    }
  }
  return { labels, featureNames, presentWeight, base };
}

// Naive Bayes: `natural` counts, in how many documents of each class every feature occurs; the counts are
// then compiled into a flat table and scored as a Bernoulli model.
//
// - natural's Classifier turns each document into a dense 0/1 vector by scanning the whole vocabulary with
//   indexOf (O(vocabulary × tokens)), which makes training take minutes; training overrides only
//   textToFeatures with a map lookup producing the identical vector and lets natural's own train() count.
// - natural's probabilityOfClass multiplies P(feature | class) over the features present only, ignores
//   the absent ones and exp()s the product (0 for long messages). Cross-validation on our data scores the
//   full Bernoulli rule (absent features count too), from the same counts, higher (see intents/README.md),
//   and compiling it gives O(features present × classes) per message instead of O(vocabulary × classes).
import { types } from 'node:util';
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

/**
 * A compiled table as plain transferable parts: the worker that trained a model posts it to the main thread,
 * which then only rebuilds the feature index (no JSON parse, schema check or log-table compile there).
 */
export interface CompiledBayesParts {
  labels: string[];
  /** Feature names joined by NUL, which canonical text never contains (control characters are stripped). */
  featureNames: string;
  presentWeight: Float64Array;
  base: Float64Array;
}

const FEATURE_SEPARATOR = '\u0000';

export class CompiledBayes {
  private constructor(
    readonly labels: readonly string[],
    private readonly index: ReadonlyMap<string, number>,
    /** Row f holds, per class, log P(f | c) − log(1 − P(f | c)): what seeing f adds to the all-absent score. */
    private readonly presentWeight: Float64Array,
    /** Per class: log prior + Σ over the vocabulary of log(1 − P(f | c)), the score of a message with no feature. */
    private readonly base: Float64Array,
  ) {}

  static compile(state: BayesState, rule: BayesRule = 'bernoulli'): CompiledBayes {
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
    return new CompiledBayes(labels, new Map(featureNames.map((f, i) => [f, i])), presentWeight, base);
  }

  /** The parts to post to another thread; list the two tables' buffers as transferables so they move, not copy. */
  toParts(): CompiledBayesParts {
    return {
      labels: [...this.labels],
      featureNames: [...this.index.keys()].join(FEATURE_SEPARATOR),
      presentWeight: this.presentWeight,
      base: this.base,
    };
  }

  /** Checks the shapes agree (a bad message must not become a model that scores garbage) and rebuilds the index. */
  static fromParts(parts: CompiledBayesParts): CompiledBayes {
    const { labels, presentWeight, base } = parts;
    const featureNames = parts.featureNames === '' ? [] : parts.featureNames.split(FEATURE_SEPARATOR);
    const shaped =
      labels.length >= 2 &&
      // Not instanceof: an array posted from a worker may come from another realm (jest's sandbox, for one).
      types.isFloat64Array(presentWeight) &&
      types.isFloat64Array(base) &&
      base.length === labels.length &&
      presentWeight.length === featureNames.length * labels.length;
    if (!shaped) throw new IntentsError('model_corrupt', 'compiled model parts do not fit together');
    return new CompiledBayes(labels, new Map(featureNames.map((f, i) => [f, i])), presentWeight, base);
  }

  /**
   * Log joint score per label, and the share of the given features the vocabulary knows (0 when none: the
   * scores are then only the priors and mean nothing).
   */
  scores(features: readonly string[]): { scores: Float64Array; coverage: number } {
    const c = this.labels.length;
    const out = Float64Array.from(this.base);
    let known = 0;
    for (const feature of features) {
      const f = this.index.get(feature);
      if (f === undefined) continue;
      known++;
      const row = f * c;
      for (let j = 0; j < c; j++) out[j] += this.presentWeight[row + j];
    }
    return { scores: out, coverage: features.length === 0 ? 0 : known / features.length };
  }
}

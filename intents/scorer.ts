// The compiled model: Naive Bayes tables and linear SVM weights over one vocabulary, scored together as
// bayesWeight · (NB log-joint) + (SVM margin) [+ neighbourWeight · (best cosine similarity to a training line of
// the class)]. Costs O(features present × classes) per message, plus the postings of those features.
import { types } from 'node:util';
import type { BayesTables } from './bayes';
import { IntentsError } from './errors';
import type { LinearWeights } from './linear';
import { NeighbourScorer, neighbourPartsFit, type NeighbourParts } from './neighbours';

/**
 * The scorer as plain transferable parts: the worker that trained a model posts them to the main thread,
 * which then only rebuilds the feature index (no JSON parse, schema check or table compile there).
 */
export interface ScorerParts {
  labels: string[];
  /** Feature names joined by NUL, which canonical text never contains (control characters are stripped). */
  featureNames: string;
  /** Naive Bayes rows, already multiplied by the Bayes weight. */
  presentWeight: Float64Array;
  /** Per class: weighted Naive Bayes score of an empty message plus the SVM bias. */
  base: Float64Array;
  /** SVM rows; empty for a model trained before the SVM existed (Naive Bayes only). */
  linearWeight: Float64Array;
  /** The nearest-neighbour index; absent in models saved before it existed. */
  neighbours?: NeighbourParts;
}

const FEATURE_SEPARATOR = '\u0000';

export class CompiledScorer {
  private constructor(
    readonly labels: readonly string[],
    private readonly index: ReadonlyMap<string, number>,
    private readonly presentWeight: Float64Array,
    private readonly base: Float64Array,
    private readonly linearWeight: Float64Array,
    private readonly neighbours?: NeighbourScorer,
  ) {
    this.present = new Int32Array(0);
  }

  /** Vocabulary indices of the message being scored, for the neighbour index (grown on demand). */
  private present: Int32Array;

  /** Naive Bayes alone when `linear` is absent (models saved before the SVM existed). */
  static combine(bayes: BayesTables, linear?: { weights: LinearWeights; bayesWeight: number }, neighbours?: NeighbourParts): CompiledScorer {
    const w = linear ? linear.bayesWeight : 1;
    const presentWeight = linear ? bayes.presentWeight.map((x) => w * x) : bayes.presentWeight;
    const base = bayes.base.map((x, j) => w * x + (linear ? linear.weights.bias[j] : 0));
    return CompiledScorer.fromParts({
      labels: bayes.labels,
      featureNames: bayes.featureNames.join(FEATURE_SEPARATOR),
      presentWeight,
      base,
      linearWeight: linear ? linear.weights.weights : new Float64Array(0),
      ...(neighbours && { neighbours }),
    });
  }

  /** The parts to post to another thread; list `transferables` so the tables move, not copy. */
  toParts(): { parts: ScorerParts; transferables: ArrayBuffer[] } {
    const parts = {
      labels: [...this.labels],
      featureNames: [...this.index.keys()].join(FEATURE_SEPARATOR),
      presentWeight: this.presentWeight,
      base: this.base,
      linearWeight: this.linearWeight,
      ...(this.neighbours && { neighbours: this.neighbours.parts }),
    };
    const arrays: ArrayBufferView[] = [parts.presentWeight, parts.base, parts.linearWeight];
    if (parts.neighbours) {
      const n = parts.neighbours;
      arrays.push(n.postingStart, n.postingLines, n.lineLabels, n.lineNorms, n.idf2);
    }
    return { parts, transferables: arrays.map((a) => a.buffer as ArrayBuffer) };
  }

  /** Checks the shapes agree (a bad message must not become a model that scores garbage) and rebuilds the index. */
  static fromParts(parts: ScorerParts): CompiledScorer {
    const { labels, presentWeight, base, linearWeight } = parts;
    const featureNames = parts.featureNames === '' ? [] : parts.featureNames.split(FEATURE_SEPARATOR);
    const size = featureNames.length * labels.length;
    const shaped =
      labels.length >= 2 &&
      // Not instanceof: an array posted from a worker may come from another realm (jest's sandbox, for one).
      [presentWeight, base, linearWeight].every((a) => types.isFloat64Array(a)) &&
      base.length === labels.length &&
      presentWeight.length === size &&
      (linearWeight.length === size || linearWeight.length === 0) &&
      (parts.neighbours === undefined || neighbourPartsFit(parts.neighbours, featureNames.length, labels.length));
    if (!shaped) throw new IntentsError('model_corrupt', 'compiled model parts do not fit together');
    const neighbours = parts.neighbours && new NeighbourScorer(parts.neighbours, labels.length);
    return new CompiledScorer(labels, new Map(featureNames.map((f, i) => [f, i])), presentWeight, base, linearWeight, neighbours);
  }

  /**
   * Score per label, and the share of the given evidence features (all unless `isEvidence` says otherwise)
   * the vocabulary knows (0 when none: the scores then rest on priors and shape alone and mean nothing).
   */
  scores(features: readonly string[], isEvidence: (feature: string) => boolean = () => true): { scores: Float64Array; coverage: number } {
    const c = this.labels.length;
    const out = Float64Array.from(this.base);
    const linear = this.linearWeight.length > 0;
    // The SVM was trained on unit-length vectors: every feature of the message counts, known or not.
    const unit = features.length === 0 ? 0 : 1 / Math.sqrt(features.length);
    let evidence = 0;
    let known = 0;
    let present = 0;
    if (this.neighbours && this.present.length < features.length) this.present = new Int32Array(features.length * 2);
    for (const feature of features) {
      const counts = isEvidence(feature);
      if (counts) evidence++;
      const f = this.index.get(feature);
      if (f === undefined) continue;
      if (counts) known++;
      if (this.neighbours) this.present[present++] = f;
      const row = f * c;
      for (let j = 0; j < c; j++) out[j] += this.presentWeight[row + j];
      if (linear) for (let j = 0; j < c; j++) out[j] += unit * this.linearWeight[row + j];
    }
    this.neighbours?.addTo(out, this.present, present);
    return { scores: out, coverage: evidence === 0 ? 0 : known / evidence };
  }
}

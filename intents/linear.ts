// The discriminative half of the model: a multiclass linear SVM over the same binary features natural's
// Naive Bayes counts, trained by averaged stochastic gradient descent (Bottou, "Large-Scale Machine Learning
// with Stochastic Gradient Descent", 2010). natural's own LogisticRegressionClassifier builds a dense vector of
// the whole vocabulary per document and takes minutes here, and natural has no linear SVM; this is ~50 lines
// of a textbook algorithm on sparse indices. Cross-validation (tests/bench/intents-tune.ts) chose the hinge
// loss over the log loss, averaging, and the feature vector scaled to unit length, so a two-token message
// weighs as much as a long one.
import { unsafeUniformIntDistribution, xoroshiro128plus } from 'pure-rand';
import { z } from 'zod';
import type { LabelledFeatures } from './bayes';
import { IntentsError } from './errors';

export const LinearOptionsSchema = z.object({
  /** L2 regularisation strength. */
  lambda: z.number().positive(),
  /** Passes over the training set; weights are averaged over the second half. */
  epochs: z.number().int().min(2).max(200),
  /** Initial step size, decayed as eta0 / (1 + lambda · eta0 · t). */
  eta0: z.number().positive(),
  /** How much the Naive Bayes log-probabilities count next to the SVM margins in the combined score. */
  bayesWeight: z.number().min(0),
});
export type LinearOptions = z.infer<typeof LinearOptionsSchema>;

export interface LinearWeights {
  /** Row f holds, per class, the weight of feature f (scaled by 1/√(features in the message) when scoring). */
  weights: Float64Array;
  bias: Float64Array;
}

/** Trains on `labelled` over the vocabulary `featureNames` (features outside it are ignored) and the classes `labels`. */
export function trainLinear(
  labelled: readonly LabelledFeatures[],
  featureNames: readonly string[],
  labels: readonly string[],
  options: LinearOptions,
): LinearWeights {
  const index = new Map(featureNames.map((f, i) => [f, i]));
  const docs = labelled.map((d) => ({
    x: Int32Array.from(d.features.flatMap((f) => index.get(f) ?? [])),
    y: labels.indexOf(d.label),
  }));
  const features = featureNames.length;
  const c = labels.length;
  // w = scale · v, so the L2 shrinkage of every weight after each step is one multiplication (Bottou's trick).
  const v = new Float64Array(features * c);
  const bias = new Float64Array(c);
  const sumW = new Float64Array(features * c);
  const sumBias = new Float64Array(c);
  let scale = 1;
  let averaged = 0;
  let t = 0;
  // A fixed seed: retraining on the same data gives the same model.
  const rng = xoroshiro128plus(1);
  const order = docs.map((_, i) => i);
  const scores = new Float64Array(c);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = unsafeUniformIntDistribution(0, i, rng);
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const n of order) {
      const { x, y } = docs[n];
      if (x.length === 0 || y === -1) continue;
      const eta = options.eta0 / (1 + options.lambda * options.eta0 * t++);
      const unit = 1 / Math.sqrt(x.length);
      scores.set(bias);
      for (const f of x) for (let j = 0; j < c; j++) scores[j] += scale * unit * v[f * c + j];
      // The highest-scoring wrong class; a step only when it is within the margin of the right one.
      let rival = -1;
      for (let j = 0; j < c; j++) if (j !== y && (rival === -1 || scores[j] > scores[rival])) rival = j;
      scale *= 1 - eta * options.lambda;
      if (scale < 1e-9) {
        for (let k = 0; k < v.length; k++) v[k] *= scale;
        scale = 1;
      }
      if (scores[y] - scores[rival] < 1) {
        const step = (eta * unit) / scale;
        for (const f of x) {
          v[f * c + y] += step;
          v[f * c + rival] -= step;
        }
        bias[y] += eta;
        bias[rival] -= eta;
      }
    }
    if (epoch >= Math.floor(options.epochs / 2)) {
      for (let k = 0; k < v.length; k++) sumW[k] += scale * v[k];
      for (let j = 0; j < c; j++) sumBias[j] += bias[j];
      averaged++;
    }
  }
  // Rounded to float32 here, so the model in memory scores exactly as the one read back from its file.
  const round = (sum: Float64Array) => Float64Array.from(sum, (x) => Math.fround(x / averaged));
  return { weights: round(sumW), bias: round(sumBias) };
}

/** The weights as stored in a model file: little-endian float32, base64 (a quarter of the size of JSON numbers). */
export const LinearFileSchema = z.object({ weights: z.string(), bias: z.array(z.number()) });
export type LinearFile = z.infer<typeof LinearFileSchema>;

export function encodeLinear(linear: LinearWeights): LinearFile {
  return { weights: Buffer.from(Float32Array.from(linear.weights).buffer).toString('base64'), bias: [...linear.bias] };
}

export function decodeLinear(file: LinearFile, features: number, classes: number): LinearWeights {
  const bytes = Buffer.from(file.weights, 'base64');
  if (bytes.length !== features * classes * 4 || file.bias.length !== classes) {
    throw new IntentsError('model_corrupt', 'linear weights do not fit the vocabulary and labels');
  }
  const floats = new Float32Array(features * classes);
  new Uint8Array(floats.buffer).set(bytes);
  return { weights: Float64Array.from(floats), bias: Float64Array.from(file.bias) };
}

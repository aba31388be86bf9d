// Temperature scaling: model scores are not probabilities (Naive Bayes alone is far too confident, as its
// features are not independent), so probabilities are softmax(score / T) with T fitted to minimise the
// log-loss of out-of-fold predictions.

export function softmax(scores: ArrayLike<number>, temperature: number): Float64Array {
  const out = new Float64Array(scores.length);
  let max = -Infinity;
  for (let i = 0; i < scores.length; i++) max = Math.max(max, scores[i] / temperature);
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    out[i] = Math.exp(scores[i] / temperature - max);
    sum += out[i];
  }
  for (let i = 0; i < out.length; i++) out[i] /= sum;
  return out;
}

export interface ScoredExample {
  scores: ArrayLike<number>;
  /** Index of the true label in scores. */
  truth: number;
}

export function logLoss(scored: readonly ScoredExample[], temperature: number): number {
  let loss = 0;
  for (const { scores, truth } of scored) loss -= Math.log(Math.max(softmax(scores, temperature)[truth], 1e-12));
  return loss / Math.max(scored.length, 1);
}

/**
 * Golden-section search of log T over [0.01, 1000]: log-loss is unimodal in T for a fixed set of scores.
 * Naive Bayes log-probabilities need T > 1 (far too confident); SVM margins may need T < 1.
 */
export function fitTemperature(scored: readonly ScoredExample[]): number {
  if (scored.length === 0) return 1;
  const phi = (Math.sqrt(5) - 1) / 2;
  let lo = Math.log(0.01);
  let hi = Math.log(1000);
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = logLoss(scored, Math.exp(a));
  let fb = logLoss(scored, Math.exp(b));
  for (let i = 0; i < 40; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - phi * (hi - lo);
      fa = logLoss(scored, Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + phi * (hi - lo);
      fb = logLoss(scored, Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
}

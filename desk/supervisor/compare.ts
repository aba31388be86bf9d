// Pairs two versions' out-of-fold predictions utterance by utterance (same text and language, hence the same
// fold), judged against the candidate's labels: what the candidate fixed, and what it broke.
import type { StoredPrediction } from '../../models';

export interface PairedChange {
  text: string;
  lang: string;
  truth: string;
  baseline: string;
  candidate: string;
}

export interface Paired {
  common: number;
  baselineCorrect: number;
  candidateCorrect: number;
  fixed: PairedChange[];
  broken: PairedChange[];
}

const keyOf = (p: StoredPrediction): string => `${p[0]}\u0000${p[1]}`;

export function pairPredictions(baseline: readonly StoredPrediction[], candidate: readonly StoredPrediction[]): Paired {
  const before = new Map(baseline.map((p) => [keyOf(p), p]));
  const out: Paired = { common: 0, baselineCorrect: 0, candidateCorrect: 0, fixed: [], broken: [] };
  for (const c of candidate) {
    const b = before.get(keyOf(c));
    if (!b) continue;
    const [lang, text, truth, predicted] = c;
    const change = { text, lang, truth, baseline: b[3], candidate: predicted };
    out.common += 1;
    const wasRight = b[3] === truth;
    const isRight = predicted === truth;
    if (wasRight) out.baselineCorrect += 1;
    if (isRight) out.candidateCorrect += 1;
    if (!wasRight && isRight) out.fixed.push(change);
    if (wasRight && !isRight) out.broken.push(change);
  }
  return out;
}

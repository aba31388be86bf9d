// The nearest-neighbour part of the model: per intent, the cosine similarity of the message to its most similar
// training line, over the same features natural's Naive Bayes counts, each weighted by its inverse document
// frequency (natural's TfIdf formula, 1 + ln(N / (1 + df)), with the document frequencies taken from the
// training lines themselves: natural's TfIdf would scan every document for every term, O(vocabulary × lines)
// at each model load). Added to the Naive Bayes + SVM score with a weight chosen by cross-validation: it
// remembers lines whose few deciding features the linear scorers average away.
// Scoring walks an inverted index (feature → training lines holding it): O(Σ postings of the features present).
import { types } from 'node:util';
import { z } from 'zod';
import type { LabelledFeatures } from './bayes';
import { IntentsError } from './errors';

export const NeighbourOptionsSchema = z.object({
  /** How much the best similarity per intent (0…1) counts next to the Naive Bayes + SVM score. */
  weight: z.number().min(0),
});
export type NeighbourOptions = z.infer<typeof NeighbourOptionsSchema>;

/** The training lines as vocabulary indices: line n holds features[offsets[n] … offsets[n + 1]) and class labels[n]. */
export interface NeighbourLines {
  offsets: Int32Array;
  features: Int32Array;
  labels: Int32Array;
}

/** The training lines over the vocabulary `featureNames` (features outside it are dropped) and the classes `labels`. */
export function neighbourLines(docs: readonly LabelledFeatures[], featureNames: readonly string[], labels: readonly string[]): NeighbourLines {
  const index = new Map(featureNames.map((f, i) => [f, i]));
  const offsets = new Int32Array(docs.length + 1);
  const features: number[] = [];
  const classes = new Int32Array(docs.length);
  docs.forEach((doc, n) => {
    for (const f of new Set(doc.features)) {
      const i = index.get(f);
      if (i !== undefined) features.push(i);
    }
    offsets[n + 1] = features.length;
    classes[n] = labels.indexOf(doc.label);
  });
  return { offsets, features: Int32Array.from(features), labels: classes };
}

/** As stored in a model file: little-endian int32 arrays, base64. */
export const NeighbourFileSchema = z.object({ offsets: z.string(), features: z.string(), labels: z.string() });
export type NeighbourFile = z.infer<typeof NeighbourFileSchema>;

const encode = (a: Int32Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

function decode(text: string): Int32Array {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % 4 !== 0) throw new IntentsError('model_corrupt', 'neighbour index is not a whole number of int32');
  const out = new Int32Array(bytes.length / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

export function encodeNeighbours(lines: NeighbourLines): NeighbourFile {
  return { offsets: encode(lines.offsets), features: encode(lines.features), labels: encode(lines.labels) };
}

export function decodeNeighbours(file: NeighbourFile): NeighbourLines {
  return { offsets: decode(file.offsets), features: decode(file.features), labels: decode(file.labels) };
}

/** Compiled for scoring, as plain transferable arrays (posted from the retraining worker like the other tables). */
export interface NeighbourParts {
  /** Postings of feature f: lines postingLines[postingStart[f] … postingStart[f + 1]). */
  postingStart: Int32Array;
  postingLines: Int32Array;
  lineLabels: Int32Array;
  /** Euclidean norm of each line's idf-weighted vector. */
  lineNorms: Float64Array;
  /** Squared idf per feature (a feature present in both texts adds idf² to their dot product). */
  idf2: Float64Array;
  weight: number;
}

/** Builds the inverted index; a file whose lines do not fit the vocabulary and labels is corrupt. */
export function compileNeighbours(lines: NeighbourLines, vocabulary: number, classes: number, weight: number): NeighbourParts {
  const { offsets, features, labels } = lines;
  const n = labels.length;
  const fits =
    offsets.length === n + 1 &&
    offsets[0] === 0 &&
    offsets[n] === features.length &&
    offsets.every((o, i) => i === 0 || o >= offsets[i - 1]) &&
    features.every((f) => f >= 0 && f < vocabulary) &&
    labels.every((c) => c >= 0 && c < classes);
  if (!fits) throw new IntentsError('model_corrupt', 'neighbour index does not fit the vocabulary and labels');
  const postingStart = new Int32Array(vocabulary + 1);
  for (const f of features) postingStart[f + 1]++;
  for (let f = 0; f < vocabulary; f++) postingStart[f + 1] += postingStart[f];
  const fill = postingStart.slice(0, vocabulary);
  const postingLines = new Int32Array(features.length);
  for (let line = 0; line < n; line++) {
    for (let p = offsets[line]; p < offsets[line + 1]; p++) postingLines[fill[features[p]]++] = line;
  }
  const idf2 = new Float64Array(vocabulary);
  for (let f = 0; f < vocabulary; f++) idf2[f] = (1 + Math.log(n / (1 + postingStart[f + 1] - postingStart[f]))) ** 2;
  const lineNorms = new Float64Array(n);
  for (let line = 0; line < n; line++) {
    let sum = 0;
    for (let p = offsets[line]; p < offsets[line + 1]; p++) sum += idf2[features[p]];
    lineNorms[line] = Math.sqrt(sum) || 1;
  }
  return { postingStart, postingLines, lineLabels: labels, lineNorms, idf2, weight };
}

export function neighbourPartsFit(parts: NeighbourParts, vocabulary: number, classes: number): boolean {
  const lines = parts.lineLabels.length;
  return (
    // Not instanceof: arrays posted from a worker may come from another realm (jest's sandbox, for one).
    [parts.postingStart, parts.postingLines, parts.lineLabels].every((a) => types.isInt32Array(a)) &&
    [parts.lineNorms, parts.idf2].every((a) => types.isFloat64Array(a)) &&
    parts.postingStart.length === vocabulary + 1 &&
    parts.idf2.length === vocabulary &&
    parts.lineNorms.length === lines &&
    parts.postingStart[vocabulary] === parts.postingLines.length &&
    Number.isFinite(parts.weight) &&
    parts.lineLabels.every((c) => c >= 0 && c < classes) &&
    parts.postingLines.every((line) => line >= 0 && line < lines)
  );
}

/** Scratch space reused across calls (classification is synchronous, so one per index is enough). */
export class NeighbourScorer {
  private readonly dot: Float64Array;
  private readonly touched: Int32Array;
  private readonly best: Float64Array;

  constructor(
    readonly parts: NeighbourParts,
    private readonly classes: number,
  ) {
    this.dot = new Float64Array(parts.lineLabels.length);
    this.touched = new Int32Array(parts.lineLabels.length);
    this.best = new Float64Array(classes);
  }

  /** Adds weight × (best cosine similarity per class) to `out`, for the known features `present` (vocabulary indices, distinct). */
  addTo(out: Float64Array, present: Int32Array, count: number): void {
    const { postingStart, postingLines, lineLabels, lineNorms, idf2, weight } = this.parts;
    const { dot, touched, best } = this;
    let touchedCount = 0;
    let query = 0;
    for (let i = 0; i < count; i++) {
      const f = present[i];
      const w = idf2[f];
      query += w;
      for (let p = postingStart[f]; p < postingStart[f + 1]; p++) {
        const line = postingLines[p];
        if (dot[line] === 0) touched[touchedCount++] = line;
        dot[line] += w;
      }
    }
    if (touchedCount === 0) return;
    best.fill(0);
    const norm = Math.sqrt(query);
    for (let t = 0; t < touchedCount; t++) {
      const line = touched[t];
      const similarity = dot[line] / (norm * lineNorms[line]);
      dot[line] = 0;
      const c = lineLabels[line];
      if (similarity > best[c]) best[c] = similarity;
    }
    for (let j = 0; j < this.classes; j++) out[j] += weight * best[j];
  }
}

// The parts of `natural` this package uses, required by file: the package root pulls in storage
// back-ends that run dotenv (which prints to stdout and would corrupt the CLI's JSONL) and costs >1 s.
import type { BayesClassifier as BayesClassifierClass } from 'natural/lib/natural/classifiers';
import type { PorterStemmer as PorterStemmerValue } from 'natural/lib/natural/stemmers';

export { LevenshteinDistanceSearch } from 'natural/lib/natural/distance';

export const BayesClassifier: typeof BayesClassifierClass = require('natural/lib/natural/classifiers/bayes_classifier');
export type BayesClassifier = BayesClassifierClass;

export const PorterStemmer: typeof PorterStemmerValue = require('natural/lib/natural/stemmers/porter_stemmer');

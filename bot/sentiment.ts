// Is the buyer furious? Furious buyers go to a person whatever they asked: a bot answering abuse, a fraud
// accusation or a threat to call the police with a button carousel makes things worse. English is scored with
// natural's SentimentAnalyzer (AFINN-165) per clause; Chinese, which natural has no vocabulary for, with the
// reviewed lexicon in sentiment-lexicon.txt matched through natural's Trie. Shouting and !!!/??? add to the
// score. Calibrated for strong emotion only: impatience about a late card is the bot's to answer.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SentimentAnalyzer as SentimentAnalyzerClass } from 'natural/lib/natural/sentiment';
import type { PorterStemmer as PorterStemmerValue } from 'natural/lib/natural/stemmers';
import type { Trie as TrieClass, WordTokenizer as WordTokenizerClass } from 'natural';
import { canonicalize } from '../intents/normalize';

// natural by file: its package root loads storage back-ends and prints dotenv notices (see intents/natural.ts).
const SentimentAnalyzer: typeof SentimentAnalyzerClass = require('natural/lib/natural/sentiment/SentimentAnalyzer');
const PorterStemmer: typeof PorterStemmerValue = require('natural/lib/natural/stemmers/porter_stemmer');
const Trie: typeof TrieClass = require('natural/lib/natural/trie/trie');
const { WordTokenizer }: { WordTokenizer: typeof WordTokenizerClass } = require('natural/lib/natural/tokenizers/regexp_tokenizer');

/** Points at which a buyer is handed to a person. */
export const STRONG_NEGATIVE = 6;
const SHOUTING_POINTS = 4;
const REPEATED_PUNCTUATION_POINTS = 2;

export interface Sentiment {
  /** Anger points: lexicon terms, AFINN's negative words, shouting, !!!. */
  points: number;
  strong: boolean;
  /** What counted, for the agent's handoff summary. */
  signals: string[];
}

export const LEXICON_FILE = path.join(__dirname, 'sentiment-lexicon.txt');

function readLexicon(): { zh: Map<string, number>; en: Map<string, number> } {
  const zh = new Map<string, number>();
  const en = new Map<string, number>();
  readFileSync(LEXICON_FILE, 'utf8')
    .split('\n')
    .forEach((raw, i) => {
      const line = raw.replace(/#.*/, '').trim();
      if (line === '') return;
      const match = /^(zh|en) (\d+) (\S+)$/.exec(line);
      if (!match) throw new Error(`${LEXICON_FILE}:${i + 1}: expected "<zh|en> <points> <term>", got "${raw}"`);
      if (match[1] === 'zh') zh.set(canonicalize(match[3]), Number(match[2]));
      else en.set(PorterStemmer.stem(match[3].toLowerCase()), Number(match[2]));
    });
  return { zh, en };
}

const lexicon = readLexicon();
const zhTerms = new Trie(false);
zhTerms.addStrings([...lexicon.zh.keys()]);
const LONGEST_TERM = Math.max(...[...lexicon.zh.keys()].map((t) => t.length));
const afinn = new SentimentAnalyzer('English', PorterStemmer, 'afinn');
const words = new WordTokenizer();

const NEGATORS = ['不', '没', '没有', '别', '不是', '不要', '不用'];
/** Endings that look like a negator but are not one: 是不是骗子 accuses, 特别生气 intensifies. */
const NOT_NEGATING = ['是不是', '特别', '区别'];
const LATIN = /[a-z0-9]/;

function negated(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 3), at);
  return NEGATORS.some((n) => before.endsWith(n)) && !NOT_NEGATING.some((n) => before.endsWith(n));
}

/** Latin terms must stand alone: 12315 inside an order number is not a threat. */
function standsAlone(text: string, at: number, term: string): boolean {
  const end = at + term.length;
  return !(LATIN.test(term[0]) && LATIN.test(text[at - 1] ?? '')) && !(LATIN.test(term.at(-1)!) && LATIN.test(text[end] ?? ''));
}

function chineseTerms(text: string, signals: string[]): number {
  let points = 0;
  for (let at = 0; at < text.length; ) {
    const matches = zhTerms.findMatchesOnPath(text.slice(at, at + LONGEST_TERM));
    const term = matches.reduce<string | undefined>((longest, m) => (!longest || m.length > longest.length ? m : longest), undefined);
    if (term && standsAlone(text, at, term) && !negated(text, at)) {
      points += lexicon.zh.get(term)!;
      signals.push(term);
    }
    at += term ? term.length : 1;
  }
  return points;
}

/** natural lets a negation flip every later word, so each clause is scored on its own; praise in one clause
 * does not cancel abuse in another. */
function englishWords(raw: string, signals: string[]): number {
  let points = 0;
  for (const clause of raw.split(/[,.;:!?，。；：！？\n]+/)) {
    const tokens = words.tokenize(clause).filter((w) => /[a-z]/i.test(w));
    if (tokens.length === 0) continue;
    let score = afinn.getSentiment(tokens) * tokens.length;
    if (score < 0) signals.push(`afinn ${score}: ${clause.trim().slice(0, 40)}`);
    for (const token of tokens) {
      const extra = lexicon.en.get(PorterStemmer.stem(token.toLowerCase()));
      if (extra) {
        score -= extra;
        signals.push(token.toLowerCase());
      }
    }
    points += Math.max(0, -score);
  }
  return points;
}

/** Three or more English words in capitals, nearly no lower case: WHERE IS MY MONEY. */
function shouting(raw: string): boolean {
  const latinWords = raw.match(/[A-Za-z]{2,}/g) ?? [];
  const upper = latinWords.filter((w) => w === w.toUpperCase());
  const letters = latinWords.join('');
  const upperLetters = letters.replace(/[^A-Z]/g, '').length;
  return upper.length >= 3 && upperLetters >= 10 && upperLetters >= 0.8 * letters.length;
}

export function readSentiment(raw: string): Sentiment {
  const signals: string[] = [];
  const canonical = canonicalize(raw);
  let points = chineseTerms(canonical, signals) + englishWords(raw, signals);
  if (shouting(raw)) {
    points += SHOUTING_POINTS;
    signals.push('SHOUTING');
  }
  if (/[!?]{3,}/.test(canonical)) {
    points += REPEATED_PUNCTUATION_POINTS;
    signals.push('!!!');
  }
  return { points, strong: points >= STRONG_NEGATIVE, signals };
}

// Features for the classifier: jieba words, Chinese character n-grams (so a typo still shares most
// n-grams with the right word), stemmed English words and word bigrams, emoji and placeholders.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { z } from 'zod';
import { DOMAIN_WORDS } from './lexicon';
import { PorterStemmer } from './natural';
import { NUMBER_PLACEHOLDER, ORDER_PLACEHOLDER } from './normalize';

export const FeatureOptionsSchema = z.object({
  /** Sizes of Chinese character n-grams, e.g. [1, 2]. */
  charNgrams: z.array(z.number().int().min(1).max(4)),
  /** Bigrams of consecutive stemmed English words ("not receiv"). */
  englishBigrams: z.boolean(),
  /** Character trigrams of English words of 5+ letters, to survive misspellings ("refnud"). */
  englishCharTrigrams: z.boolean(),
  /**
   * The message's shape: its first and last Chinese character (^好, 吗$) and a length bucket (Chinese
   * characters + English words + placeholders: 1, 2, 3, 4–5, 6–8, 9+). Short answers (好呀, 否, 你们好) are told apart
   * mostly by where their characters sit. Off in models saved before the option existed.
   */
  messageShape: z.boolean().default(false),
  /**
   * Each distinct punctuation mark or symbol (but emoji) as a feature (p:!, p:~, p:。, p:;), as `?` always is:
   * "退钱!!!" leans to complaint, code-like text (`;`, `=`, `{`) to out_of_scope. Kept with `negation` and SVM
   * λ 1e-4 by paired CV on the training split (README). Off in models saved before the option existed.
   */
  punctuation: z.boolean().default(false),
  /**
   * The jieba word after a negation (不, 没有, 别, not, never …) as its own feature (ng:到账), so "还没有到账"
   * and "到账了" differ by more than shared n-grams. Off in models saved before the option existed.
   */
  negation: z.boolean().default(false),
  /**
   * The English words at the message's edges, as shape features: its first and last word when English (b:^e:where,
   * b:e:refund$) and its first two when both are (b:^e:where_is); "where is my refund" and "my refund is where?"
   * share every word but these. Kept by paired CV on the training split (+0.40 pt at 0.5). Off in models saved
   * before the option existed.
   */
  englishShape: z.boolean().default(false),
  /** Jieba HMM for words missing from the dictionary. */
  hmm: z.boolean(),
});
export type FeatureOptions = z.infer<typeof FeatureOptionsSchema>;

let jieba: Jieba | undefined;

/** Jieba with the default dictionary plus the store vocabulary; built once per process (~200 ms). */
export function segmenter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    jieba.loadDict(Buffer.from(DOMAIN_WORDS.map((w) => `${w} 200000 n`).join('\n')));
  }
  return jieba;
}

const PLACEHOLDERS = new RegExp(`(${ORDER_PLACEHOLDER}|${NUMBER_PLACEHOLDER})`);
const HAN_RUN = /\p{Script=Han}+/gu;
const HAN = /\p{Script=Han}/u;
const ENGLISH_WORD = /^[a-z]+$/;
const EMOJI = /\p{Extended_Pictographic}/gu;
// Punctuation and symbols but emoji (their own features): NFKC has already folded ！ to !, ， to , and … to ...
const PUNCTUATION = /(?!\p{Extended_Pictographic})[\p{P}\p{S}]/gu;
// Jieba keeps these as words of their own; a negation fused into a longer word (没收到) is left to the n-grams.
const NEGATIONS = new Set(['不', '没', '没有', '未', '别', '无', '不要', '不用', '不想', '不能', '不会', '从未', '从没', '从来没', '还没', '还没有', '并没有', 'not', 'never', 'no']);

function addCharNgrams(out: Set<string>, segment: string, sizes: readonly number[]): void {
  for (const run of segment.match(HAN_RUN) ?? []) {
    const chars = Array.from(run);
    for (const n of sizes) {
      for (let i = 0; i + n <= chars.length; i++) out.add(`c${n}:${chars.slice(i, i + n).join('')}`);
    }
  }
}

function addEnglish(out: Set<string>, words: readonly string[], options: FeatureOptions): void {
  let previous: string | undefined;
  let negated = false;
  for (const word of words) {
    const stem = PorterStemmer.stem(word);
    out.add(`e:${stem}`);
    if (options.negation && negated) out.add(`ng:${stem}`);
    negated = NEGATIONS.has(word);
    if (options.englishBigrams && previous) out.add(`e2:${previous}_${stem}`);
    if (options.englishCharTrigrams && word.length >= 5) {
      for (let i = 0; i + 3 <= word.length; i++) out.add(`et:${word.slice(i, i + 3)}`);
    }
    previous = stem;
  }
}

const UNIT = /\p{Script=Han}|[a-z]+/gu;

function lengthBucket(units: number): string {
  if (units <= 3) return `${units}`;
  if (units <= 5) return '4-5';
  return units <= 8 ? '6-8' : '9+';
}

const SHAPE = /^[bn]:/;

/** Shape features say how a message looks, not what it says: they are not evidence that the model knows it. */
export const isShapeFeature = (feature: string): boolean => SHAPE.test(feature);

function addShape(out: Set<string>, normalized: string): void {
  const han = normalized.match(HAN_RUN)?.join('') ?? '';
  if (han !== '') {
    const chars = Array.from(han);
    out.add(`b:^${chars[0]}`);
    out.add(`b:${chars[chars.length - 1]}$`);
  }
  const units = normalized.match(UNIT)?.length ?? 0;
  if (units > 0) out.add(`n:${lengthBucket(units)}`);
}

/**
 * `words`: the message's words in order, e:<English word> or w:<jieba word>; only the edge words are stemmed here,
 * not every English word a second time (addEnglish stems them for its own features). Not counted by the coverage gate.
 */
function addEnglishShape(out: Set<string>, words: readonly string[]): void {
  const [first, second] = words;
  const last = words[words.length - 1];
  const stem = (word: string) => PorterStemmer.stem(word.slice(2));
  if (first.startsWith('e:')) out.add(`b:^e:${stem(first)}`);
  if (last.startsWith('e:')) out.add(`b:e:${stem(last)}$`);
  if (first.startsWith('e:') && second?.startsWith('e:')) out.add(`b:^e:${stem(first)}_${stem(second)}`);
}

/** Distinct feature strings of a normalize()d text; empty when the text holds nothing recognisable. */
export function featurize(normalized: string, options: FeatureOptions): string[] {
  const out = new Set<string>();
  const words: string[] = [];
  for (const part of normalized.split(PLACEHOLDERS)) {
    if (part === ORDER_PLACEHOLDER || part === NUMBER_PLACEHOLDER) {
      out.add(`p:${part.slice(1, -1)}`);
      continue;
    }
    if (part.trim() === '') continue;
    // Consecutive English words form a run so bigrams never span a Chinese word.
    let englishRun: string[] = [];
    let negated = false;
    for (const token of segmenter().cut(part, options.hmm)) {
      if (ENGLISH_WORD.test(token)) {
        englishRun.push(token);
        if (options.englishShape) words.push(`e:${token}`);
        negated = false;
        continue;
      }
      if (token.trim() === '') continue;
      addEnglish(out, englishRun, options);
      englishRun = [];
      if (HAN.test(token)) {
        out.add(`w:${token}`);
        if (options.englishShape) words.push(`w:${token}`);
        if (options.negation && negated) out.add(`ng:${token}`);
        negated = NEGATIONS.has(token);
        continue;
      }
      negated = false;
      if (token === '?') out.add('p:?');
    }
    addEnglish(out, englishRun, options);
    addCharNgrams(out, part, options.charNgrams);
    for (const emoji of part.match(EMOJI) ?? []) out.add(`m:${emoji}`);
    if (options.punctuation) for (const mark of part.match(PUNCTUATION) ?? []) out.add(`p:${mark}`);
  }
  if (options.messageShape && out.size > 0) addShape(out, normalized);
  if (options.englishShape && words.length > 0) addEnglishShape(out, words);
  return [...out];
}

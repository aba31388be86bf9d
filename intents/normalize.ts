// Text normalisation: every later stage (language detection, features, entities) sees the same canonical text.
import * as OpenCC from 'opencc-js';
import { ENGLISH_SHORTHAND, PINYIN_ABBREVIATIONS, TYPO_FOLDS, WHOLE_MESSAGE_FORMS } from './lexicon';

/** Longer input is classified by its prefix: buyers state the problem first, and this bounds the work per message. */
export const MAX_INPUT_CHARS = 512;

export const ORDER_PLACEHOLDER = '<order>';
export const NUMBER_PLACEHOLDER = '<num>';

// 'tw' also folds Taiwan/HK variant characters (e.g. 裏, 綫) that the plain traditional table misses.
const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

const HTML_TAG = /<\/?[a-z!][^<>]{0,200}>/gi;
// Control, format (zero-width), private-use and lone-surrogate code points carry no meaning and confuse jieba.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\uFFFD]/gu;
const CURLY_APOSTROPHE = /[\u2018\u2019\u02bc]/g;
const HAN = /\p{Script=Han}/u;

/** Order numbers: `KM` + 14–18 digits, or a bare run of 16–20 digits. */
export const ORDER_NUMBER = /km\d{14,18}(?!\d)|(?<![\d.])\d{16,20}(?![\d.])/g;
const NUMBER = /\d+(?:\.\d+)?/g;

/** Stretched letters ("hiii", "coooool"): a run of three or more is cut to two, then looked up (hii → hi). */
const LETTER_RUN = /([a-z])\1{2,}/g;
const TRAILING_DECORATION = /[\s\p{P}\p{Extended_Pictographic}\ufe0f~]+$/u;

const typoPattern = new RegExp(TYPO_FOLDS.map(([from]) => from).join('|'), 'g');
const typoMap = new Map(TYPO_FOLDS);
const shorthand = new Map<string, string>([
  ...Object.entries(PINYIN_ABBREVIATIONS),
  ...Object.entries(ENGLISH_SHORTHAND),
]);
const englishShorthand = new Map(Object.entries(ENGLISH_SHORTHAND));

/**
 * Canonical form: bounded length, NFKC (full-width → half-width, ￥ → ¥), no markup or invisible characters,
 * simplified Chinese, lower case, single spaces. Entities are read from this form, so digits survive.
 */
export function canonicalize(text: unknown): string {
  if (typeof text !== 'string' || text.length === 0) return '';
  // Cut before NFKC so a 100 KB message costs no more than a short one; NFKC can only grow a string a little.
  let s = text.length > MAX_INPUT_CHARS * 2 ? text.slice(0, MAX_INPUT_CHARS * 2) : text;
  s = s.normalize('NFKC');
  // A string has at least as many UTF-16 units as code points: only a long one needs counting.
  if (s.length > MAX_INPUT_CHARS) {
    const codePoints = Array.from(s);
    if (codePoints.length > MAX_INPUT_CHARS) s = codePoints.slice(0, MAX_INPUT_CHARS).join('');
  }
  s = s.replace(HTML_TAG, ' ').replace(INVISIBLE, ' ').replace(CURLY_APOSTROPHE, "'");
  // The conversion table walk is the costliest step; text without Han characters has nothing to convert.
  if (HAN.test(s)) s = toSimplified(s);
  s = s.toLowerCase();
  return s.replace(/\s+/g, ' ').trim();
}

function expandShorthand(s: string): string {
  return s
    // "ya" alone is a clipped yes, but "see ya" is "see you" (goodbye).
    .replace(/\bsee ya\b/g, 'see you')
    .replace(/\bwon't\b/g, 'will not')
    .replace(/\bcan't\b/g, 'can not')
    .replace(/\b([a-z]+)n't\b/g, '$1 not')
    .replace(/(?<![a-z0-9])[a-z]+(?![a-z0-9])/g, (word) => {
      const known = shorthand.get(word);
      if (known) return known;
      // Stretched English only: "xxxx" is not the pinyin xx (谢谢).
      const short = word.replace(LETTER_RUN, '$1$1');
      return englishShorthand.get(short) ?? short;
    });
}

/**
 * Classifier input: the canonical form with typos folded, shorthand (pinyin initials, chat English) expanded,
 * and order numbers / other numbers replaced by placeholders so the model learns "an order id was given",
 * not the id itself.
 */
export function normalize(text: unknown): string {
  return normalizeCanonical(canonicalize(text));
}

/** normalize() of text already canonicalize()d, so a caller needing both forms canonicalizes once. */
export function normalizeCanonical(canonical: string): string {
  let s = canonical;
  if (s === '') return '';
  s = s.replace(typoPattern, (m) => typoMap.get(m) ?? m);
  // "88" / "886" / "白白" alone are chat for 拜拜; inside a sentence they are a price, a count, "in vain".
  if (/^8{2,}6?[\s!.~。]*$/.test(s)) s = '拜拜';
  s = WHOLE_MESSAGE_FORMS[s.replace(TRAILING_DECORATION, '')] ?? s;
  // "3q" is 谢谢, and "3q3q" is 谢谢谢谢 (a repeat, not numbers).
  s = s.replace(/(?<![a-z0-9])(?:3q)+(?![a-z0-9])/g, (m) => '谢谢'.repeat(m.length / 2));
  s = s.replace(ORDER_NUMBER, ` ${ORDER_PLACEHOLDER} `).replace(NUMBER, ` ${NUMBER_PLACEHOLDER} `);
  s = expandShorthand(s);
  return s.replace(/\s+/g, ' ').trim();
}

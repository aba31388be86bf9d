// Language of a message, for the reply: zh when Chinese characters carry the message, else en.
import type { Lang } from './intents';

const HAN = /\p{Script=Han}/gu;
const LATIN_WORD = /[a-z]+/g;

/** Expects normalize() output, where pinyin shorthand (tk, zrg) is already expanded to Chinese. */
export function detectLang(normalized: string): Lang {
  const han = normalized.match(HAN)?.length ?? 0;
  if (han === 0) {
    return /[a-z]/.test(normalized) ? 'en' : 'zh';
  }
  const words = normalized.replace(/<(?:order|num)>/g, ' ').match(LATIN_WORD)?.length ?? 0;
  // One Chinese character carries roughly as much as one English word.
  return han >= words ? 'zh' : 'en';
}

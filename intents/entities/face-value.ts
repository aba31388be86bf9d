// Face value in yuan: 100元, 50块, ¥30, rmb 30, 五十块, 面值100.
import { CHINESE_NUMERAL, earliestNumber } from './numerals';

const AMOUNT = `(\\d+(?:\\.\\d+)?|${CHINESE_NUMERAL})`;
const PATTERNS = [
  new RegExp(`(?:¥|rmb|cny)\\s*${AMOUNT}`),
  new RegExp(`${AMOUNT}\\s*(?:元|块|rmb\\b|cny\\b|yuan\\b|kuai\\b)`),
  new RegExp(`(?:面值|面额)\\s*(?:是|为|:)?\\s*${AMOUNT}`),
  new RegExp(`${AMOUNT}\\s*(?:的)?(?:面值|面额)`),
];

/** Expects canonical text with order numbers removed; the earliest mention wins. */
export function extractFaceValue(text: string): number | undefined {
  return earliestNumber(text, PATTERNS);
}

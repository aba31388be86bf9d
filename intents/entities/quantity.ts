// Quantity of items: 2张, 两份, 3个 (not 3个月), x2, 3 cards.
import { CHINESE_NUMERAL, earliestNumber } from './numerals';

const PATTERNS = [
  new RegExp(`(\\d{1,3}|${CHINESE_NUMERAL})\\s*(?:张|份|件|套|盒|个(?!月|小时|工作日|星期))`),
  /(?<![a-z])x\s*(\d{1,3})(?!\d)/,
  /(?<![\d.¥])(\d{1,3})\s*(?:x(?![a-z])|(?:[a-z-]+ ){0,2}(?:cards?|codes?|keys?|vouchers?)\b|pcs\b|pieces\b|units\b)/,
  /(?:qty|quantity|数量)\s*(?:是|为|:)?\s*(\d{1,3})(?!\d)/,
];

/** Expects canonical text with order numbers removed; the earliest mention wins. */
export function extractQuantity(text: string): number | undefined {
  return earliestNumber(text, PATTERNS, Number.isInteger);
}

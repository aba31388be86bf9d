// Numbers as buyers write amounts and counts: digits or Chinese numerals (五十块, 两张, 一百元).
import Nzh from 'nzh';

export const CHINESE_NUMERAL = '[零一二两三四五六七八九十百千]+';

/** nzh decodes standard numerals; 两 (the counting form of 二) it leaves to us. */
export function parseNumeral(token: string): number | undefined {
  const value = /^\d+(?:\.\d+)?$/.test(token) ? Number(token) : Number(Nzh.cn.decodeS(token.replace(/两/g, '二')));
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/** The number captured (group 1) by whichever pattern matches earliest in the text. */
export function earliestNumber(text: string, patterns: readonly RegExp[], accept: (n: number) => boolean = () => true): number | undefined {
  let best: { at: number; value: number } | undefined;
  for (const pattern of patterns) {
    const m = pattern.exec(text);
    const value = m ? parseNumeral(m[1]) : undefined;
    if (m && value !== undefined && accept(value) && (!best || m.index < best.at)) best = { at: m.index, value };
  }
  return best?.value;
}

import { readdirSync } from 'node:fs';
import path from 'node:path';
import { INTENTS, LANGS } from '../../intents';
import { DATA_DIR, loadShippedExamples, mergeExamples, parseExampleFile } from '../../intents/examples';
import { IntentsError } from '../../intents/errors';
import { canonicalize, normalize } from '../../intents/normalize';
import { heldOutSplit, stratifiedFolds } from '../../intents/split';
import { ISSUE_EXAMPLES } from './issue-examples';

const examples = loadShippedExamples();

describe('shipped training data', () => {
  it('has one file per intent per language and nothing else', () => {
    for (const lang of LANGS) {
      expect(readdirSync(path.join(DATA_DIR, lang)).sort()).toEqual(INTENTS.map((i) => `${i}.txt`).sort());
    }
  });

  it.each(INTENTS)('%s has at least 60 zh and 20 en utterances', (intent) => {
    const of = (lang: string) => examples.filter((e) => e.intent === intent && e.lang === lang).length;
    expect(of('zh')).toBeGreaterThanOrEqual(60);
    expect(of('en')).toBeGreaterThanOrEqual(20);
  });

  it('never gives the same normalised utterance two different intents', () => {
    const seen = new Map<string, string>();
    const conflicts: string[] = [];
    for (const e of examples) {
      const key = normalize(e.text);
      const other = seen.get(key);
      if (other && other !== e.intent) conflicts.push(`${e.text}: ${other} / ${e.intent}`);
      seen.set(key, e.intent);
    }
    expect(conflicts).toEqual([]);
  });

  it('does not contain the issue table examples verbatim, not even in traditional characters', () => {
    const training = new Set(examples.map((e) => canonicalize(e.text)));
    expect(ISSUE_EXAMPLES.map(([text]) => text).filter((text) => training.has(canonicalize(text)))).toEqual([]);
  });

  it('covers the forms buyers type: traditional characters, pinyin initials, emoji, order ids, typos', () => {
    const zh = examples.filter((e) => e.lang === 'zh').map((e) => e.text);
    const plain = (t: string) => t.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
    expect(zh.filter((t) => canonicalize(t) !== plain(t)).length).toBeGreaterThanOrEqual(60);
    expect(zh.filter((t) => /(?<![a-z])(tk|qx|kf|zrg|rg|fk|km|dd)(?![a-z])/i.test(t)).length).toBeGreaterThanOrEqual(10);
    expect(zh.filter((t) => /\p{Extended_Pictographic}/u.test(t)).length).toBeGreaterThanOrEqual(20);
    expect(zh.filter((t) => /KM\d{14,18}|\d{16,20}/.test(t)).length).toBeGreaterThanOrEqual(15);
    expect(zh.filter((t) => /取肖|卡蜜|退歀|退宽|冲值|点卷/.test(t)).length).toBeGreaterThanOrEqual(5);
  });
});

describe('example files and run-time examples', () => {
  it('parses one utterance per line, skipping blanks and comments', () => {
    expect(parseExampleFile('# header\n取消订单\r\n\n  退款呢  \n#x\n')).toEqual(['取消订单', '退款呢']);
  });

  it('merges valid extra examples once and rejects invalid ones with a typed error', () => {
    const base = examples.slice(0, 3);
    const merged = mergeExamples(base, [
      { text: 'zzqq 取消', intent: 'cancel_order', lang: 'zh' },
      { text: base[0].text, intent: base[0].intent, lang: base[0].lang },
    ]);
    expect(merged).toHaveLength(4);
    expect(() => mergeExamples(base, [{ text: 'x', intent: 'not_an_intent', lang: 'zh' }])).toThrow(IntentsError);
    expect(() => mergeExamples(base, [{ text: '   ', intent: 'thanks', lang: 'zh' }])).toThrow(/extra examples/);
  });
});

describe('splits', () => {
  it('holds out about a fifth of every intent×language file, deterministically', () => {
    const { train, heldOut } = heldOutSplit(examples);
    expect(train.length + heldOut.length).toBe(examples.length);
    expect(heldOut.length / examples.length).toBeGreaterThan(0.19);
    expect(heldOut.length / examples.length).toBeLessThan(0.23);
    const again = heldOutSplit([...examples].reverse()).heldOut.map((e) => e.text).sort();
    expect(again).toEqual(heldOut.map((e) => e.text).sort());
    for (const intent of INTENTS) expect(heldOut.some((e) => e.intent === intent)).toBe(true);
  });

  it('deals stratified folds of near-equal size with every intent in each', () => {
    const folds = stratifiedFolds(examples, 5);
    expect(folds.flat()).toHaveLength(examples.length);
    const sizes = folds.map((f) => f.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(20);
    for (const fold of folds) expect(new Set(fold.map((e) => e.intent)).size).toBe(INTENTS.length);
  });
});

import { canonicalize, MAX_INPUT_CHARS, normalize } from '../../intents/normalize';
import { detectLang } from '../../intents/language';
import { featurize, isShapeFeature } from '../../intents/tokenize';
import { DEFAULT_MODEL_OPTIONS } from '../../intents/config';

describe('canonicalize', () => {
  it('folds full-width characters to half-width and lower-cases', () => {
    expect(canonicalize('ＫＭ１２３　ＡＢＣ？')).toBe('km123 abc?');
    expect(canonicalize('￥５０')).toBe('¥50');
  });

  it('converts traditional to simplified Chinese', () => {
    expect(canonicalize('訂單取消 退款幾天到帳')).toBe('订单取消 退款几天到帐');
    expect(canonicalize('卡密無效，帳號被盜')).toBe('卡密无效,帐号被盗');
  });

  it('drops markup, control and zero-width characters and collapses spaces', () => {
    expect(canonicalize('<b>取消</b>\u200b订单\u0000\n\n  ok')).toBe('取消 订单 ok');
  });

  it('keeps only a bounded prefix of huge input', () => {
    expect(Array.from(canonicalize('退'.repeat(100_000))).length).toBe(MAX_INPUT_CHARS);
  });

  it('returns an empty string for non-strings', () => {
    expect(canonicalize(undefined)).toBe('');
    expect(canonicalize(42)).toBe('');
  });
});

describe('normalize', () => {
  it('replaces order numbers and other numbers with placeholders', () => {
    expect(normalize('取消KM20240101123456789')).toBe('取消 <order>');
    expect(normalize('订单 20240101123456789012 退100元')).toBe('订单 <order> 退 <num> 元');
    expect(normalize('KM123 只有三位')).toBe('卡密 <num> 只有三位');
  });

  it('fixes common typos and homophones', () => {
    expect(normalize('咋取肖订单')).toBe('咋取消订单');
    expect(normalize('卡蜜不对')).toBe('卡密不对');
    expect(normalize('点卷冲值')).toBe('点券充值');
  });

  it('expands pinyin initials and chat English', () => {
    expect(normalize('tk多久到')).toBe('退款多久到');
    expect(normalize('zrg')).toBe('转人工');
    expect(normalize("pls cancle it, I didn't pay")).toBe('please cancel it, i did not pay');
  });

  it('folds chat spellings and stretched letters, but not into pinyin shorthand', () => {
    expect(normalize('hiii 👋')).toBe('hi 👋');
    expect(normalize('yup, coooool')).toBe('yes, cool');
    expect(normalize('nope')).toBe('no');
    expect(normalize('阔以阔以')).toBe('可以可以');
    expect(normalize('xx')).toBe('谢谢');
    expect(normalize('xxxx')).toBe('xx');
    expect(normalize('3q3q')).toBe('谢谢谢谢');
    expect(normalize('ya, see ya')).toBe('yes, see you');
    expect(normalize('mhm')).toBe('yes');
    expect(normalize('uh huh!')).toBe('yes');
    expect(normalize('okok')).toBe('ok ok');
    expect(normalize('y')).toBe('yes');
    expect(normalize('n')).toBe('no');
    expect(normalize('plan b or plan n')).toBe('plan b or plan n');
  });

  it('reads "白白" alone as bye-bye but not inside a sentence', () => {
    expect(normalize('白白~')).toBe('拜拜');
    expect(normalize('白白浪费钱')).toBe('白白浪费钱');
  });

  it('reads "88" alone as goodbye but not inside a sentence', () => {
    expect(normalize('88')).toBe('拜拜');
    expect(normalize('88元')).toBe('<num> 元');
  });
});

describe('detectLang', () => {
  it.each([
    ['卡密不对 pls help', 'zh'],
    ['tk多久到', 'zh'],
    ['zrg', 'zh'],
    ['my Q币 has not arrived yet', 'en'],
    ['where is my refund', 'en'],
    ['', 'zh'],
  ])('%s → %s', (text, lang) => {
    expect(detectLang(normalize(text))).toBe(lang);
  });
});

describe('featurize', () => {
  const options = DEFAULT_MODEL_OPTIONS.features;

  it('keeps domain words whole and adds character n-grams', () => {
    const features = featurize(normalize('卡密在哪里'), options);
    expect(features).toEqual(expect.arrayContaining(['w:卡密', 'c2:卡密', 'c1:卡']));
  });

  it('lets a typo share n-grams with the intended word', () => {
    const typo = new Set(featurize(normalize('取消订丹'), options));
    const right = featurize(normalize('取消订单'), options);
    expect(right.filter((f) => typo.has(f)).length).toBeGreaterThanOrEqual(right.length - 1);
  });

  it('stems English words and adds bigrams', () => {
    const features = featurize(normalize('refunds not received'), options);
    expect(features).toEqual(expect.arrayContaining(['e:refund', 'e:receiv', 'e2:not_receiv']));
  });

  it('describes the message shape: first and last Chinese character and a length bucket', () => {
    const features = featurize(normalize('你们好呀'), options);
    expect(features).toEqual(expect.arrayContaining(['b:^你', 'b:呀$', 'n:4-5']));
    expect(features.filter(isShapeFeature).sort()).toEqual(['b:^你', 'b:呀$', 'n:4-5']);
    expect(featurize(normalize('where is my refund'), options)).toContain('n:4-5');
  });

  it('marks the English words at the edges of the message as shape features', () => {
    const features = featurize(normalize('where is my refund?'), options);
    expect(features.filter((f) => f.startsWith('b:')).sort()).toEqual(['b:^e:where', 'b:^e:where_is', 'b:e:refund$']);
    expect(features.filter(isShapeFeature)).toContain('b:^e:where');
    const mixed = featurize(normalize('退款 where'), options).filter((f) => f.startsWith('b:'));
    expect(mixed.sort()).toEqual(['b:^退', 'b:e:where$', 'b:款$']);
    expect(featurize(normalize('where is my refund'), { ...options, englishShape: false }).filter((f) => f.startsWith('b:'))).toEqual([]);
  });

  it('turns punctuation and symbols into features, one per distinct mark, after NFKC', () => {
    const features = featurize(normalize('退钱！！！黑店～'), options);
    expect(features).toEqual(expect.arrayContaining(['p:!', 'p:~']));
    expect(features.filter((f) => f === 'p:!')).toHaveLength(1);
    expect(featurize(normalize('SELECT * FROM t; x = {a}'), options)).toEqual(expect.arrayContaining(['p:*', 'p:;', 'p:=', 'p:{']));
    expect(featurize(normalize('好的😊'), options).filter((f) => f.startsWith('p:'))).toEqual([]);
  });

  it('marks the word after a negation', () => {
    expect(featurize(normalize('还没有到账'), options)).toEqual(expect.arrayContaining(['w:到账', 'ng:到账']));
    expect(featurize(normalize('别取消'), options)).toContain('ng:取消');
    expect(featurize(normalize("I don't want it"), options)).toContain('ng:want');
    expect(featurize(normalize('已经到账了'), options).filter((f) => f.startsWith('ng:'))).toEqual([]);
  });

  it('leaves punctuation and negation out when the options say so (models saved before they existed)', () => {
    const old = { ...options, punctuation: false, negation: false };
    expect(featurize(normalize('没到账!!'), old).filter((f) => /^(ng|p):/.test(f))).toEqual([]);
  });

  it('turns placeholders and emoji into features and nothing else into noise', () => {
    expect(featurize(normalize('KM20240101123456789 😡'), options).sort()).toEqual(['m:😡', 'n:1', 'p:order']);
    expect(featurize(normalize('   '), options)).toEqual([]);
  });
});

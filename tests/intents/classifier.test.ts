import { randomBytes } from 'node:crypto';
import { compileBayes, trainBayes } from '../../intents/bayes';
import { fitTemperature, logLoss, softmax } from '../../intents/calibration';
import { ClassifyResultSchema, classifyWith } from '../../intents/classify';
import { DEFAULT_MODEL_OPTIONS, DEFAULT_THRESHOLD } from '../../intents/config';
import { loadDefaultCatalog } from '../../intents/entities/catalog';
import { ProductMatcher } from '../../intents/entities/product';
import { loadShippedExamples } from '../../intents/examples';
import { decodeLinear, encodeLinear, trainLinear } from '../../intents/linear';
import { IntentModel } from '../../intents/model';
import { compileNeighbours, decodeNeighbours, encodeNeighbours, neighbourLines, NeighbourScorer } from '../../intents/neighbours';
import { CompiledScorer } from '../../intents/scorer';
import { ISSUE_EXAMPLES } from './issue-examples';

const products = new ProductMatcher(loadDefaultCatalog());
let model: IntentModel;
const classify = (text: unknown, threshold = DEFAULT_THRESHOLD) => classifyWith(model, products, threshold, text);

beforeAll(() => {
  model = IntentModel.train(loadShippedExamples(), DEFAULT_MODEL_OPTIONS, 'test');
});

describe('Bayes model compiled from natural', () => {
  it('scores with the Bernoulli rule over natural’s document counts', () => {
    const state = trainBayes(
      [
        { features: ['a', 'b'], label: 'x' },
        { features: ['a'], label: 'x' },
        { features: ['c'], label: 'y' },
      ],
      0.5,
    );
    // P(f|c) = (docs of c with f + s) / (docs of c + 2s)
    const p = { x: { a: 2.5 / 3, b: 1.5 / 3, c: 0.5 / 3 }, y: { a: 0.5 / 2, b: 0.5 / 2, c: 1.5 / 2 } };
    const expected = (label: 'x' | 'y', present: string[], prior: number) =>
      Math.log(prior) + (['a', 'b', 'c'] as const).reduce((s, f) => s + Math.log(present.includes(f) ? p[label][f] : 1 - p[label][f]), 0);
    const bayes = CompiledScorer.combine(compileBayes(state));
    const { scores, coverage } = bayes.scores(['a', 'unknown']);
    expect(coverage).toBe(0.5);
    expect(scores[bayes.labels.indexOf('x')]).toBeCloseTo(expected('x', ['a'], 2 / 3), 10);
    expect(scores[bayes.labels.indexOf('y')]).toBeCloseTo(expected('y', ['a'], 1 / 3), 10);
  });
});

describe('linear SVM', () => {
  const docs = [
    { features: ['a', 'x'], label: 'p' },
    { features: ['a', 'y'], label: 'p' },
    { features: ['b', 'x'], label: 'q' },
    { features: ['b', 'y'], label: 'q' },
    { features: ['c'], label: 'r' },
  ];
  const options = { lambda: 1e-4, epochs: 20, eta0: 0.5, bayesWeight: 0 };

  it('separates separable data and is deterministic', () => {
    const tables = compileBayes(trainBayes(docs, 0.1));
    const linear = trainLinear(docs, tables.featureNames, tables.labels, options);
    const scorer = CompiledScorer.combine(tables, { weights: linear, bayesWeight: 0 });
    for (const doc of docs) {
      const { scores } = scorer.scores(doc.features);
      const best = scores.indexOf(Math.max(...scores));
      expect(scorer.labels[best]).toBe(doc.label);
    }
    expect(trainLinear(docs, tables.featureNames, tables.labels, options)).toEqual(linear);
  });

  it('stores its weights compactly and reads them back exactly; misfit weights are corrupt', () => {
    const linear = trainLinear(docs, ['a', 'b', 'c', 'x', 'y'], ['p', 'q', 'r'], options);
    const file = encodeLinear(linear);
    expect(decodeLinear(file, 5, 3)).toEqual(linear);
    expect(() => decodeLinear(file, 4, 3)).toThrow(expect.objectContaining({ code: 'model_corrupt' }));
  });
});

describe('nearest neighbours', () => {
  const docs = [
    { features: ['a', 'x'], label: 'p' },
    { features: ['a', 'y', 'z'], label: 'p' },
    { features: ['b', 'x'], label: 'q' },
    { features: ['c'], label: 'r' },
  ];
  const vocabulary = ['a', 'b', 'c', 'x', 'y', 'z'];
  const labels = ['p', 'q', 'r'];

  it('adds, per class, the weighted cosine similarity of the most similar training line', () => {
    const lines = neighbourLines(docs, vocabulary, labels);
    const scorer = new NeighbourScorer(compileNeighbours(lines, vocabulary.length, labels.length, 2), labels.length);
    const score = (features: string[]) => {
      const out = new Float64Array(3);
      const present = Int32Array.from(features.map((f) => vocabulary.indexOf(f)));
      scorer.addTo(out, present, present.length);
      return [...out];
    };
    // An exact copy of a line scores the full weight for its class; a class sharing nothing scores 0.
    const copy = score(['a', 'x']);
    expect(copy[0]).toBeCloseTo(2);
    expect(copy[1]).toBeGreaterThan(0);
    expect(copy[1]).toBeLessThan(2);
    expect(copy[2]).toBe(0);
    const alone = score(['c']);
    expect(alone.slice(0, 2)).toEqual([0, 0]);
    expect(alone[2]).toBeCloseTo(2);
    // The scratch space is cleared between calls: the same message scores the same again.
    expect(score(['a', 'x'])).toEqual(copy);
  });

  it('stores the lines compactly and reads them back exactly; lines that do not fit are corrupt', () => {
    const lines = neighbourLines(docs, vocabulary, labels);
    expect(decodeNeighbours(encodeNeighbours(lines))).toEqual(lines);
    expect(() => compileNeighbours(lines, 3, labels.length, 1)).toThrow(expect.objectContaining({ code: 'model_corrupt' }));
    expect(() => compileNeighbours(lines, vocabulary.length, 2, 1)).toThrow(expect.objectContaining({ code: 'model_corrupt' }));
  });

  it('survives the transfer to another thread as scorer parts, and misfit parts are corrupt', () => {
    const tables = compileBayes(trainBayes(docs, 0.1));
    const index = compileNeighbours(neighbourLines(docs, tables.featureNames, tables.labels), tables.featureNames.length, tables.labels.length, 1);
    const scorer = CompiledScorer.combine(tables, undefined, index);
    const { parts, transferables } = scorer.toParts();
    expect(new Set(transferables).size).toBe(transferables.length);
    expect(CompiledScorer.fromParts(parts).scores(['a', 'x']).scores).toEqual(scorer.scores(['a', 'x']).scores);
    const misfit = { ...parts, neighbours: { ...parts.neighbours!, lineNorms: new Float64Array(1) } };
    expect(() => CompiledScorer.fromParts(misfit)).toThrow(expect.objectContaining({ code: 'model_corrupt' }));
  });
});

describe('calibration', () => {
  it('softmax sums to one and temperature flattens it', () => {
    const sharp = softmax([10, 0, 0], 1);
    const flat = softmax([10, 0, 0], 10);
    expect(sharp.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(flat[0]).toBeLessThan(sharp[0]);
  });

  it('fits a temperature above 1 for over-confident scores and lowers the log-loss', () => {
    // Right 70% of the time, always with a huge margin.
    const scored = Array.from({ length: 100 }, (_, i) => ({ scores: [50, 0], truth: i % 10 < 7 ? 0 : 1 }));
    const t = fitTemperature(scored);
    expect(t).toBeGreaterThan(10);
    expect(logLoss(scored, t)).toBeLessThan(logLoss(scored, 1));
  });

  it('the trained model has a fitted temperature (SVM margins are sharpened: T < 1)', () => {
    expect(model.temperature).toBeGreaterThan(0.01);
    expect(model.temperature).toBeLessThan(0.99);
  });
});

describe('classification', () => {
  it('gets nearly all of the issue’s illustrations (never trained on) right', () => {
    const wrong = ISSUE_EXAMPLES.filter(([text, intent]) => classify(text).intent !== intent);
    expect(wrong.length).toBeLessThanOrEqual(4);
  });

  it.each([
    ['退款有什么规定 发货后能退吗', 'cancel_policy'],
    ['退的钱到现在都没看到', 'refund_status'],
    ['钱付了两遍 订单还是没付款', 'payment_issue'],
    ['我还没付钱呢 订单先关掉吧', 'forgot_to_pay'],
    ['买成联通的了 我的号是电信', 'wrong_item'],
    ['咋取肖订单', 'cancel_order'],
    ['卡蜜不对', 'card_invalid'],
    ['tk多久到', 'refund_status'],
    ['訂單一直顯示處理中', 'order_status'],
    ['where is my refund??', 'refund_status'],
    ['zrg', 'human_agent'],
  ])('%s → %s', (text, intent) => {
    expect(classify(text).intent).toBe(intent);
  });

  it('returns results that satisfy the published schema, with entities and language', () => {
    const result = classify('KM20240101123456789 王者点券选错面值了 100元');
    expect(ClassifyResultSchema.parse(result)).toEqual(result);
    expect(result.entities.orderNumbers).toEqual(['KM20240101123456789']);
    expect(result.entities.product?.id).toBe('hok-voucher-100');
    expect(result.lang).toBe('zh');
    expect(classify('my code is invalid').lang).toBe('en');
  });

  it('answers out_of_scope below the threshold and keeps the rejected guess as the first alternative', () => {
    const text = '订单有问题';
    const open = classify(text, 0);
    expect(open.intent).not.toBe('out_of_scope');
    const strict = classify(text, 0.999999);
    expect(strict.intent).toBe('out_of_scope');
    expect(strict.alternatives?.[0]).toEqual({ intent: open.intent, confidence: open.confidence });
  });

  it('answers unrelated questions with out_of_scope', () => {
    for (const text of ['明天北京会下雪吗', '你们招聘程序员吗', 'what is the best pizza in town']) {
      expect(classify(text).intent).toBe('out_of_scope');
    }
  });
});

describe('bad input', () => {
  it.each([
    ['empty', ''],
    ['whitespace', ' \n\t  '],
    ['100 KB of one letter', 'x'.repeat(100_000)],
    ['binary as latin1', randomBytes(4096).toString('latin1')],
    ['binary as utf8', randomBytes(4096).toString('utf8')],
    // Decoded binary whose few readable characters spell an intent: judged on the replacement/control characters.
    ['binary with readable fragments', '\ufffd\u0001取消\ufffd\ufffd订单\u0002\ufffd\u0003'],
    ['emoji only', '😀😀😀🎉'],
    ['HTML', '<script>alert(document.cookie)</script>'],
    ['SQL', "1' OR '1'='1'; SELECT * FROM users --"],
    ['other scripts', 'Привет, как дела? こんにちは안녕하세요'],
    ['control characters', '\u0000\u0001\u0002'],
    ['a number', 42],
    ['null', null],
    ['an object', { text: '取消订单' }],
  ])('%s → out_of_scope', (_name, input) => {
    const result = classify(input);
    expect(result.intent).toBe('out_of_scope');
    expect(ClassifyResultSchema.safeParse(result).success).toBe(true);
  });

  it('a stray control character does not make a sentence binary', () => {
    expect(classify('帮我取消订单\u0000').intent).toBe(classify('帮我取消订单').intent);
    expect(classify('帮我取消订单').intent).toBe('cancel_order');
  });

  it('classifies the prefix of a huge message', () => {
    expect(classify(`卡密无效 用不了 ${'啊'.repeat(200_000)}`).intent).toBe('card_invalid');
  });
});

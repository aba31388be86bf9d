import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IntentEngine } from '../../intents/engine';
import { IntentsError } from '../../intents/errors';
import { loadShippedExamples, type Example } from '../../intents/examples';

const examples = loadShippedExamples();
// A made-up word no shipped example contains: only a model trained with it can map it to greeting.
const NOVEL: Example = { text: 'qwxzv qwxzv', intent: 'greeting', lang: 'en' };
let dir: string;
let engine: IntentEngine;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kadesk-intents-engine-'));
  engine = await IntentEngine.train(dir, examples);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const codeOf = async (promise: Promise<unknown>): Promise<string | undefined> =>
  promise.then(
    () => undefined,
    (err: unknown) => (err instanceof IntentsError ? err.code : `untyped: ${String(err)}`),
  );

describe('IntentEngine lifecycle', () => {
  it('saves a versioned model, marks it active and loads it back with identical answers', async () => {
    expect(await engine.versions()).toEqual([engine.version]);
    const loaded = await IntentEngine.load(dir);
    expect(loaded.version).toBe(engine.version);
    for (const text of ['咋取肖订单', 'where is my refund', '卡密无效']) expect(loaded.classify(text)).toEqual(engine.classify(text));
  });

  it('fails with typed errors for a missing or corrupt model', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'kadesk-intents-empty-'));
    expect(await codeOf(IntentEngine.load(empty))).toBe('model_not_found');
    writeFileSync(path.join(empty, 'intents-active.json'), JSON.stringify({ version: 'v1' }));
    writeFileSync(path.join(empty, 'intents-v1.json'), '{"format":"kadesk-intents-model"}');
    expect(await codeOf(IntentEngine.load(empty))).toBe('model_corrupt');
    writeFileSync(path.join(empty, 'intents-v1.json'), 'not json');
    expect(await codeOf(IntentEngine.load(empty))).toBe('model_corrupt');
    rmSync(empty, { recursive: true, force: true });
  });

  it('rejects SVM weights that are missing or do not fit, and still loads a Naive-Bayes-only model file', async () => {
    const file = JSON.parse(await readFile(path.join(dir, `intents-${engine.version}.json`), 'utf8'));
    const other = mkdtempSync(path.join(tmpdir(), 'kadesk-intents-svm-'));
    const loadWith = async (content: object) => {
      writeFileSync(path.join(other, 'intents-active.json'), JSON.stringify({ version: 'v1' }));
      writeFileSync(path.join(other, 'intents-v1.json'), JSON.stringify({ ...content, version: 'v1' }));
      return IntentEngine.load(other);
    };
    expect(await codeOf(loadWith({ ...file, linear: undefined }))).toBe('model_corrupt');
    expect(await codeOf(loadWith({ ...file, linear: { ...file.linear, weights: file.linear.weights.slice(8) } }))).toBe('model_corrupt');
    expect(await codeOf(loadWith({ ...file, linear: { ...file.linear, bias: [1] } }))).toBe('model_corrupt');
    const bayesOnly = await loadWith({ ...file, options: { ...file.options, linear: undefined }, linear: undefined });
    expect(bayesOnly.classify('卡密无效 用不了').intent).toBe('card_invalid');
    rmSync(other, { recursive: true, force: true });
  });

  it('rejects a nearest-neighbour index that is missing or does not fit, and loads a model file saved without one', async () => {
    const file = JSON.parse(await readFile(path.join(dir, `intents-${engine.version}.json`), 'utf8'));
    expect(file.options.neighbours).toBeDefined();
    const other = mkdtempSync(path.join(tmpdir(), 'kadesk-intents-nn-'));
    const loadWith = async (content: object) => {
      writeFileSync(path.join(other, 'intents-active.json'), JSON.stringify({ version: 'v1' }));
      writeFileSync(path.join(other, 'intents-v1.json'), JSON.stringify({ ...content, version: 'v1' }));
      return IntentEngine.load(other);
    };
    const { neighbours } = file;
    expect(await codeOf(loadWith({ ...file, neighbours: undefined }))).toBe('model_corrupt');
    expect(await codeOf(loadWith({ ...file, neighbours: { ...neighbours, labels: neighbours.labels.slice(8) } }))).toBe('model_corrupt');
    expect(await codeOf(loadWith({ ...file, neighbours: { ...neighbours, features: neighbours.features.slice(4) } }))).toBe('model_corrupt');
    expect(await codeOf(loadWith({ ...file, neighbours: { ...neighbours, offsets: neighbours.offsets.slice(0, -8) } }))).toBe('model_corrupt');
    const withoutIndex = await loadWith({ ...file, options: { ...file.options, neighbours: undefined }, neighbours: undefined });
    expect(withoutIndex.classify('卡密无效 用不了').intent).toBe('card_invalid');
    rmSync(other, { recursive: true, force: true });
  });

  it('changes the threshold at run time and rejects invalid thresholds', () => {
    const text = '订单有问题';
    engine.setThreshold(0);
    const guess = engine.classify(text);
    expect(guess.intent).not.toBe('out_of_scope');
    engine.setThreshold(0.999999);
    expect(engine.classify(text).intent).toBe('out_of_scope');
    for (const bad of [-0.1, 1.5, Number.NaN, '0.5', null]) {
      expect(() => engine.setThreshold(bad)).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    }
    expect(engine.threshold).toBe(0.999999);
    engine.setThreshold(0.5);
  });

  it('retrains in a worker while the event loop and classify() keep running, then hot-swaps', async () => {
    const before = engine.version;
    expect(engine.classify(NOVEL.text).intent).not.toBe('greeting');

    const seen = new Set<string>();
    let ticks = 0;
    const timer = setInterval(() => {
      ticks++;
      seen.add(engine.classify('卡密无效').intent);
    }, 5);
    const retrained = engine.retrainInBackground([...examples, NOVEL]);
    // Still the old model, answering, while the worker trains.
    expect(engine.version).toBe(before);
    const version = await retrained;
    clearInterval(timer);

    expect(ticks).toBeGreaterThan(0);
    expect(seen).toEqual(new Set(['card_invalid']));
    expect(version).not.toBe(before);
    expect(engine.version).toBe(version);
    expect(engine.classify(NOVEL.text).intent).toBe('greeting');
    const pointer = JSON.parse(await readFile(path.join(dir, 'intents-active.json'), 'utf8'));
    expect(pointer).toEqual({ version });
    expect((await IntentEngine.load(dir)).classify(NOVEL.text).intent).toBe('greeting');
  });

  it('rolls back to an older version with activate()', async () => {
    const [oldest] = await engine.versions();
    await engine.activate(oldest);
    expect(engine.version).toBe(oldest);
    expect(engine.classify(NOVEL.text).intent).not.toBe('greeting');
    expect(await codeOf(engine.activate('no-such-version'))).toBe('model_not_found');
    expect(engine.version).toBe(oldest);
  });

  it('reports a failed retrain with a typed error and keeps the active model', async () => {
    const active = engine.version;
    const oneIntent = examples.filter((e) => e.intent === 'thanks');
    expect(await codeOf(engine.retrainInBackground(oneIntent))).toBe('training_failed');
    expect(engine.version).toBe(active);
    expect(engine.classify('卡密无效').intent).toBe('card_invalid');
  });

  it('can leave a retrained version inactive until activate() is called', async () => {
    const active = engine.version;
    const version = await engine.retrainInBackground(examples, { activate: false });
    expect(engine.version).toBe(active);
    expect(await engine.versions()).toContain(version);
    await engine.activate(version);
    expect(engine.version).toBe(version);
  });
});

import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { intentsCommand } from '../../intents/cli';
import { loadShippedExamples } from '../../intents/examples';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'server/bin/kadesk.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function kadesk(args: string[], modelDir: string, stdin = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'intents', ...args], {
      cwd: ROOT,
      env: { ...process.env, KADESK_MODEL_DIR: modelDir },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const lines = (out: string): unknown[] => out.trim().split('\n').map((l) => JSON.parse(l));

let modelDir: string;
beforeAll(() => {
  modelDir = mkdtempSync(path.join(tmpdir(), 'kadesk-intents-cli-'));
});
afterAll(() => rmSync(modelDir, { recursive: true, force: true }));

describe('kadesk intents (real binary)', () => {
  it('classify trains a model when none is saved, answers in order and types malformed lines', async () => {
    const input = [
      JSON.stringify({ text: '咋取肖订单 KM20240101123456789' }),
      'this is not json',
      JSON.stringify({ txt: 'no text field' }),
      '',
      JSON.stringify({ text: '' }),
      JSON.stringify({ text: 'x'.repeat(100_000) }),
      JSON.stringify({ text: '王者点券买错区了 100元' }),
    ].join('\n');
    const run = await kadesk(['classify'], modelDir, `${input}\n`);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = lines(run.stdout) as Array<Record<string, any>>;
    expect(out).toHaveLength(6);
    expect(Object.keys(out[0])).toEqual(['text', 'intent', 'confidence', 'entities']);
    expect(out[0]).toMatchObject({ intent: 'cancel_order', entities: { orderNumbers: ['KM20240101123456789'] } });
    expect(out[1]).toEqual({ error: { code: 'invalid_json', message: expect.any(String) } });
    expect(out[2]).toEqual({ error: { code: 'invalid_input', message: expect.any(String) } });
    expect(out[3]).toMatchObject({ text: '', intent: 'out_of_scope' });
    expect(out[4]).toMatchObject({ intent: 'out_of_scope' });
    expect(out[5]).toMatchObject({ intent: 'wrong_item', entities: { faceValue: 100, product: { id: 'hok-voucher-100' } } });
    expect(readdirSync(modelDir)).toContain('intents-active.json');
  });

  it('export writes the training set as JSONL', async () => {
    const run = await kadesk(['export'], modelDir);
    expect(run.code).toBe(0);
    const out = lines(run.stdout);
    expect(out).toEqual(loadShippedExamples().map(({ text, intent, lang }) => ({ text, intent, lang })));
  });

  it('train activates a new version that classify then uses', async () => {
    const before = readdirSync(modelDir).filter((f) => f.startsWith('intents-2'));
    const run = await kadesk(['train'], modelDir);
    expect(run.code).toBe(0);
    const { version } = JSON.parse(run.stdout);
    const after = readdirSync(modelDir).filter((f) => f.startsWith('intents-2'));
    expect(after).toHaveLength(before.length + 1);
    expect(after).toContain(`intents-${version}.json`);
  });

  it('rejects bad arguments with exit code 2 and a message', async () => {
    expect(await kadesk(['eval', '--folds', '1'], modelDir)).toMatchObject({ code: 2, stderr: expect.stringMatching(/invalid_argument/) });
    expect(await kadesk(['classify', '--threshold', '7'], modelDir)).toMatchObject({ code: 2 });
    expect(await kadesk(['nonsense'], modelDir)).toMatchObject({ code: 2, stderr: expect.stringMatching(/usage/) });
  });
});

describe('intentsCommand (in process)', () => {
  const io = (stdin = '') => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (d) => (out += d));
    stderr.on('data', (d) => (err += d));
    const input = new PassThrough();
    input.end(stdin);
    return { streams: { stdin: input, stdout, stderr }, out: () => out, err: () => err };
  };
  const extra = { text: 'qwxzv 谢谢', intent: 'thanks', lang: 'zh' as const };

  it('export and train include the extra examples from the database', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kadesk-intents-extra-'));
    const exported = io();
    expect(await intentsCommand(['export'], { ...exported.streams, modelDir: dir, extraExamples: async () => [extra] })).toBe(0);
    expect(lines(exported.out()).at(-1)).toEqual(extra);

    const trained = io();
    expect(await intentsCommand(['train'], { ...trained.streams, modelDir: dir, extraExamples: async () => [extra] })).toBe(0);
    expect(JSON.parse(trained.out()).examples).toBe(loadShippedExamples().length + 1);
    rmSync(dir, { recursive: true, force: true });
  });

  it('eval prints a report with accuracy, macro-F1, per-intent scores and false accepts', async () => {
    const run = io();
    expect(await intentsCommand(['eval', '--folds', '3', '--json'], { ...run.streams, modelDir })).toBe(0);
    const report = JSON.parse(run.out());
    expect(report.folds).toBe(3);
    expect(report.accuracy).toBeGreaterThan(0.7);
    expect(report.perIntent).toHaveLength(20);
    expect(report).toHaveProperty('outOfScopeFalseAccept');
    expect(Array.isArray(report.confusions)).toBe(true);
  });

  it('rejects invalid extra examples with a typed error and exit code 1', async () => {
    const run = io();
    const code = await intentsCommand(['export'], {
      ...run.streams,
      modelDir,
      extraExamples: async () => [{ text: 'x', intent: 'bogus', lang: 'zh' }],
    });
    expect(code).toBe(1);
    expect(run.err()).toMatch(/invalid_training_data/);
  });
});

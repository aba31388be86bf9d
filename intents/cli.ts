// `kadesk intents <export|classify|eval|train>`: the NLU's command-line contract (external evaluations rely on
// the JSONL shapes exactly).
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DEFAULT_MODEL_OPTIONS, DEFAULT_THRESHOLD } from './config';
import { crossValidate } from './crossval';
import { loadDefaultCatalog, parseCatalog, type CatalogEntry } from './entities/catalog';
import { ProductMatcher } from './entities/product';
import { IntentEngine } from './engine';
import { IntentsError, toIntentsError } from './errors';
import { loadShippedExamples, mergeExamples, type Example } from './examples';
import type { Lang } from './intents';
import { readLines, writeLine } from './jsonl';
import { formatReport } from './report';

export interface IntentsIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  modelDir: string;
  /** Supervisor-edited utterances (from the database) added to the shipped training set. */
  extraExamples?: () => Promise<Array<{ text: string; intent: string; lang: Lang }>>;
  /** Shipped utterances a supervisor edited, moved or deleted (from the database): left out of the shipped set. */
  replacedExamples?: () => Promise<Array<{ text: string; intent: string; lang: string }>>;
  catalog?: CatalogEntry[];
}

export const USAGE = `usage: kadesk intents <command>

  export                       the active training set as JSONL {"text","intent","lang"} on stdout
  classify [--threshold P]     JSONL {"text"} on stdin → JSONL {"text","intent","confidence","entities"} on stdout
  eval [--folds K] [--json]    stratified K-fold cross-validation report (default K = 5)
  train                        train a new model version on the training set and activate it
`;

type OptionValues = Record<string, string | boolean | undefined>;

const ClassifyRequestSchema = z.object({ text: z.string() });

const exampleKey = (e: { text: string; intent: string; lang: string }): string => `${e.lang}\u0000${e.intent}\u0000${e.text}`;

async function trainingSet(io: IntentsIo): Promise<Example[]> {
  const replaced = new Set((io.replacedExamples ? await io.replacedExamples() : []).map(exampleKey));
  const shipped = loadShippedExamples().filter((e) => !replaced.has(exampleKey(e)));
  return mergeExamples(shipped, io.extraExamples ? await io.extraExamples() : []);
}

function intOption(value: string | boolean | undefined, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(n) || n < min || n > max) {
    throw new IntentsError('invalid_argument', `--${name} must be an integer from ${min} to ${max}`);
  }
  return n;
}

function thresholdOption(value: string | boolean | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!(n >= 0 && n <= 1)) throw new IntentsError('invalid_argument', '--threshold must be a number from 0 to 1');
  return n;
}

async function exportCommand(io: IntentsIo): Promise<number> {
  for (const e of await trainingSet(io)) await writeLine(io.stdout, { text: e.text, intent: e.intent, lang: e.lang });
  return 0;
}

async function classifyCommand(io: IntentsIo, values: OptionValues): Promise<number> {
  const threshold = thresholdOption(values.threshold);
  const engine = await IntentEngine.loadOrTrain(io.modelDir, () => trainingSet(io), { catalog: io.catalog, threshold });
  for await (const line of readLines(io.stdin)) {
    let request: unknown;
    try {
      request = JSON.parse(line);
    } catch (err) {
      await writeLine(io.stdout, { error: { code: 'invalid_json', message: (err as Error).message } });
      continue;
    }
    const parsed = ClassifyRequestSchema.safeParse(request);
    if (!parsed.success) {
      await writeLine(io.stdout, { error: { code: 'invalid_input', message: 'each line must be a JSON object with a string "text"' } });
      continue;
    }
    const { intent, confidence, entities } = engine.classify(parsed.data.text);
    await writeLine(io.stdout, { text: parsed.data.text, intent, confidence, entities });
  }
  return 0;
}

async function evalCommand(io: IntentsIo, values: OptionValues): Promise<number> {
  const folds = intOption(values.folds, 'folds', 2, 20, 5);
  const products = new ProductMatcher(io.catalog ? parseCatalog(io.catalog) : loadDefaultCatalog());
  const report = crossValidate(await trainingSet(io), products, { folds, threshold: DEFAULT_THRESHOLD, model: DEFAULT_MODEL_OPTIONS });
  io.stdout.write(values.json ? `${JSON.stringify({ folds, ...report })}\n` : formatReport(report, folds));
  return 0;
}

async function trainCommand(io: IntentsIo): Promise<number> {
  const examples = await trainingSet(io);
  const engine = await IntentEngine.train(io.modelDir, examples, { catalog: io.catalog });
  io.stdout.write(`${JSON.stringify({ version: engine.version, examples: examples.length, modelDir: io.modelDir })}\n`);
  return 0;
}

const COMMANDS = {
  export: { options: {}, run: (io: IntentsIo) => exportCommand(io) },
  classify: { options: { threshold: { type: 'string' } }, run: classifyCommand },
  eval: { options: { folds: { type: 'string' }, json: { type: 'boolean' } }, run: evalCommand },
  train: { options: {}, run: (io: IntentsIo) => trainCommand(io) },
} as const;

export async function intentsCommand(args: string[], io: IntentsIo): Promise<number> {
  const [name, ...rest] = args;
  if (!name || !(name in COMMANDS)) {
    io.stderr.write(USAGE);
    return name ? 2 : 0;
  }
  const command = COMMANDS[name as keyof typeof COMMANDS];
  const fail = (error: IntentsError, exitCode: number): number => {
    io.stderr.write(`kadesk intents ${name}: ${error.code}: ${error.message}\n`);
    return exitCode;
  };
  let values: OptionValues;
  try {
    values = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: false }).values as OptionValues;
  } catch (err) {
    return fail(toIntentsError(err, 'invalid_argument'), 2);
  }
  try {
    return await command.run(io, values);
  } catch (err) {
    const error = toIntentsError(err, 'io_error');
    return fail(error, error.code === 'invalid_argument' ? 2 : 1);
  }
}

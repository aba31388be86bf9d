// The training set: hand-written utterances in data/<lang>/<intent>.txt, plus examples supplied at run time
// (supervisor-edited utterances from the database).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { IntentsError } from './errors';
import { IntentSchema, LangSchema, LANGS } from './intents';

export const ExampleSchema = z.object({
  text: z.string().trim().min(1).max(500),
  intent: IntentSchema,
  lang: LangSchema,
});
export type Example = z.infer<typeof ExampleSchema>;

export const DATA_DIR = path.join(__dirname, 'data');

/** One utterance per line; blank lines and lines starting with `#` are ignored. */
export function parseExampleFile(content: string): string[] {
  return content
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** The shipped data set, in a stable order (language, then intent, then file order). */
export function loadShippedExamples(dir: string = DATA_DIR): Example[] {
  const examples: Example[] = [];
  for (const lang of LANGS) {
    const langDir = path.join(dir, lang);
    for (const file of readdirSync(langDir).filter((f) => f.endsWith('.txt')).sort()) {
      const intent = IntentSchema.safeParse(file.slice(0, -'.txt'.length));
      if (!intent.success) {
        throw new IntentsError('invalid_training_data', `${lang}/${file}: file name is not an intent`);
      }
      for (const text of parseExampleFile(readFileSync(path.join(langDir, file), 'utf8'))) {
        examples.push({ text, intent: intent.data, lang });
      }
    }
  }
  return examples;
}

/** Validates run-time examples and appends them; an exact duplicate of a shipped line is kept once. */
export function mergeExamples(base: readonly Example[], extra: readonly unknown[]): Example[] {
  const parsed = z.array(ExampleSchema).safeParse(extra);
  if (!parsed.success) {
    throw new IntentsError('invalid_training_data', `extra examples: ${z.prettifyError(parsed.error)}`);
  }
  const seen = new Set(base.map((e) => `${e.intent}\u0000${e.text}`));
  const merged = [...base];
  for (const example of parsed.data) {
    const key = `${example.intent}\u0000${example.text}`;
    if (!seen.has(key)) {
      seen.add(key);
      merged.push(example);
    }
  }
  return merged;
}

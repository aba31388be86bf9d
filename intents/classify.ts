// One message → intent, confidence, entities, language: the result the bot acts on.
import { z } from 'zod';
import { extractEntities } from './entities';
import type { ProductMatcher } from './entities/product';
import { EntitiesSchema } from './entities/schema';
import { IntentSchema, LangSchema } from './intents';
import { prepare, type IntentModel } from './model';

export const ThresholdSchema = z.number().min(0).max(1);

export const AlternativeSchema = z.object({ intent: IntentSchema, confidence: z.number() });

export const ClassifyResultSchema = z.object({
  intent: IntentSchema,
  /**
   * Calibrated probability of the model's best guess. When it is below the threshold the intent is
   * out_of_scope and `alternatives` starts with the rejected guess. 1 when the text had nothing to judge on.
   */
  confidence: z.number().min(0).max(1),
  entities: EntitiesSchema,
  lang: LangSchema,
  /** Runner-up intents (at most three), best first. */
  alternatives: z.array(AlternativeSchema).optional(),
});
export type ClassifyResult = z.infer<typeof ClassifyResultSchema>;
export type Alternative = z.infer<typeof AlternativeSchema>;

const ALTERNATIVES = 3;
const round = (p: number): number => Math.round(p * 10000) / 10000;

/**
 * Text that is mostly not Chinese, Latin, digits, emoji or common punctuation is not a buyer's message
 * (binary pasted as text, other scripts); the model would otherwise judge it on the few characters it knows.
 * Binary decoded as UTF-8 is judged on the raw text: its replacement and control characters are gone from the
 * canonical form, and what is left there is scattered ASCII that can pass for words.
 */
function readable(raw: unknown, canonical: string): boolean {
  const chars = Array.from(canonical.replace(/\s/g, ''));
  if (chars.length === 0) return false;
  if (typeof raw === 'string' && looksBinary(raw)) return false;
  const expected = chars.filter((ch) => READABLE.test(ch)).length;
  return expected / chars.length >= MIN_READABLE_SHARE;
}

/**
 * Several replacement, control (but line breaks and tabs), private-use or lone surrogate characters, and a tenth
 * of the text or more: a stray control character in a buyer's sentence is not enough.
 */
function looksBinary(raw: string): boolean {
  const head = Array.from(raw.slice(0, BINARY_SAMPLE * 2)).slice(0, BINARY_SAMPLE);
  const binary = head.filter((ch) => BINARY.test(ch)).length;
  return binary >= MIN_BINARY_CHARS && binary / head.length >= MIN_BINARY_SHARE;
}

const BINARY = /[\ufffd\p{Co}\p{Cs}\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/u;
const BINARY_SAMPLE = 1024;
const MIN_BINARY_CHARS = 4;
const MIN_BINARY_SHARE = 0.1;

const READABLE = /[\p{Script=Han}a-z0-9\p{Extended_Pictographic}\p{P}¥$+=~]/u;
const MIN_READABLE_SHARE = 0.8;

/**
 * Below this share of features known to the model, the model is guessing from fragments ("how do I cook
 * rice" is known only by "how do I"), so the answer is out_of_scope.
 */
export const MIN_COVERAGE = 0.3;

/** Never throws: any input (not even a string) yields a result. */
export function classifyWith(model: IntentModel, products: ProductMatcher, threshold: number, text: unknown): ClassifyResult {
  const prepared = prepare(text, model.options.features);
  const entities = extractEntities(prepared.canonical, products);
  const result = readable(text, prepared.canonical) ? model.rank(prepared.features) : null;
  if (!result) return { intent: 'out_of_scope', confidence: 1, entities, lang: prepared.lang };
  const [best, ...rest] = result.ranked;
  const rejected = best.intent !== 'out_of_scope' && (best.confidence < threshold || result.coverage < MIN_COVERAGE);
  const alternatives = (rejected ? result.ranked : rest)
    .slice(0, ALTERNATIVES)
    .map((r) => ({ intent: r.intent, confidence: round(r.confidence) }));
  return {
    intent: rejected ? 'out_of_scope' : best.intent,
    confidence: round(best.confidence),
    entities,
    lang: prepared.lang,
    alternatives,
  };
}

// Deterministic data splits: the benchmark's held-out set and the stratified folds of cross-validation.
// Both deal near-duplicate groups, never single lines: "卡密错误" and "卡密错误😡" differ only in an emoji, and
// with one on each side of a split the held-out line is scored by a model that has, in effect, seen it.
import type { Example } from './examples';
import { canonicalize } from './normalize';

type Stratum = Pick<Example, 'text' | 'intent' | 'lang'>;

/** FNV-1a: a stable, dependency-free hash so a split never depends on file order or run. */
export function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// Emoji (with their modifiers and joiners), punctuation, symbols and whitespace: what a near-duplicate adds.
const DECORATION = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Emoji_Component}\p{P}\p{S}\s\u200d\ufe0f]/gu;

/**
 * The near-duplicate key of an utterance: its canonical form (NFKC, simplified, lower case) without emoji,
 * punctuation, symbols or whitespace. Depends on the text only, never on model options. Digits are kept
 * (they are Emoji_Component too, so they are put back): "退100" and "退50" are different lines.
 */
export function duplicateKey(text: string): string {
  const canonical = canonicalize(text);
  const key = canonical.replace(DECORATION, (m) => (/^[0-9#*]$/.test(m) ? m : ''));
  return key === '' ? canonical : key;
}

/** Per intent×language stratum, its near-duplicate groups in a stable hash order of their keys. */
function strata<T extends Stratum>(examples: readonly T[]): T[][][] {
  const byStratum = new Map<string, Map<string, T[]>>();
  for (const e of examples) {
    const stratum = `${e.intent}/${e.lang}`;
    const groups = byStratum.get(stratum) ?? new Map<string, T[]>();
    const key = duplicateKey(e.text);
    groups.set(key, [...(groups.get(key) ?? []), e]);
    byStratum.set(stratum, groups);
  }
  const order = (a: string, b: string) => hashText(a) - hashText(b) || (a < b ? -1 : a > b ? 1 : 0);
  return [...byStratum.keys()].sort().map((stratum) => {
    const groups = byStratum.get(stratum)!;
    return [...groups.keys()].sort(order).map((key) => groups.get(key)!);
  });
}

/**
 * Every `1/every`-th near-duplicate group of each intent×language file, chosen by hash rank, is held out.
 * Adding a line to a file moves at most a few others, and no tuning step ever reads the held-out part.
 */
export function heldOutSplit<T extends Stratum>(examples: readonly T[], every = 5): { train: T[]; heldOut: T[] } {
  const train: T[] = [];
  const heldOut: T[] = [];
  for (const groups of strata(examples)) {
    groups.forEach((group, i) => (i % every === 0 ? heldOut : train).push(...group));
  }
  return { train, heldOut };
}

/** Stratified k folds: each intent×language file's near-duplicate groups are dealt round-robin in hash order. */
export function stratifiedFolds<T extends Stratum>(examples: readonly T[], k: number): T[][] {
  const folds: T[][] = Array.from({ length: k }, () => []);
  let offset = 0;
  for (const groups of strata(examples)) {
    groups.forEach((group, i) => folds[(i + offset) % k].push(...group));
    offset += groups.length;
  }
  return folds;
}

// Deterministic data splits: the benchmark's held-out set and the stratified folds of cross-validation.
import type { Example } from './examples';

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

function groupByIntentAndLang<T extends Stratum>(examples: readonly T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const e of examples) {
    const key = `${e.intent}/${e.lang}`;
    const group = groups.get(key) ?? [];
    group.push(e);
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => [...g].sort((a, b) => hashText(a.text) - hashText(b.text)));
}

/**
 * Every `1/every`-th example of each intent×language file, chosen by hash rank, is held out.
 * Adding a line to a file moves at most a few others, and no tuning step ever reads the held-out part.
 */
export function heldOutSplit<T extends Stratum>(examples: readonly T[], every = 5): { train: T[]; heldOut: T[] } {
  const train: T[] = [];
  const heldOut: T[] = [];
  for (const group of groupByIntentAndLang(examples)) {
    group.forEach((e, i) => (i % every === 0 ? heldOut : train).push(e));
  }
  return { train, heldOut };
}

/** Stratified k folds: each intent×language group is dealt round-robin (after a seeded hash order). */
export function stratifiedFolds<T extends Stratum>(examples: readonly T[], k: number): T[][] {
  const folds: T[][] = Array.from({ length: k }, () => []);
  let offset = 0;
  for (const group of groupByIntentAndLang(examples)) {
    group.forEach((e, i) => folds[(i + offset) % k].push(e));
    offset += group.length;
  }
  return folds;
}

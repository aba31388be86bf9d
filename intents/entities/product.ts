// Product mentions matched to the catalog: exact name/alias/brand mentions first, then a fuzzy pass
// (Levenshtein substring search from natural) so 王者荣耀点卷 or "stem card" still find their product.
import { canonicalize } from '../normalize';
import { LevenshteinDistanceSearch } from '../natural';
import type { CatalogEntry } from './catalog';
import type { Operator, ProductMatch } from './schema';

/** A brand alone (网易, 腾讯) names several products: it is weaker evidence than a product name. */
const BRAND_WEIGHT = 0.7;
const FUZZY_WEIGHT = 0.9;
const FUZZY_MIN_LENGTH = 4;
/** Fuzzy search is O(alias × text); buyers name the product early, so the prefix is enough. */
const FUZZY_PREFIX = 96;
const OPERATOR_NAMES: Record<Operator, string> = { mobile: '移动', unicom: '联通', telecom: '电信' };

interface Alias {
  text: string;
  weight: number;
  entries: number[];
  latinEdges: boolean;
  bigrams: string[];
  /** Edits a fuzzy match may have: a quarter of the length. */
  allowed: number;
}

/**
 * The span of text (code point indexes) that can hold a match of `alias` within its allowed edits, or
 * undefined when no window of length + allowed characters holds enough of its bigrams.
 */
function matchWindow(alias: Alias, positions: ReadonlyMap<string, readonly number[]>, textLength: number): { start: number; end: number } | undefined {
  const hits: Array<{ at: number; bigram: number }> = [];
  alias.bigrams.forEach((b, k) => {
    for (const at of positions.get(b) ?? []) hits.push({ at, bigram: k });
  });
  hits.sort((a, b) => a.at - b.at);
  const need = Math.max(1, alias.bigrams.length - 2 * alias.allowed);
  const span = alias.text.length + alias.allowed;
  let start = Infinity;
  let end = -Infinity;
  for (let i = 0; i < hits.length; i++) {
    const distinct = new Set<number>();
    for (let j = i; j < hits.length && hits[j].at + 2 <= hits[i].at + span; j++) distinct.add(hits[j].bigram);
    if (distinct.size >= need) {
      start = Math.min(start, hits[i].at);
      end = Math.max(end, hits[i].at + span);
    }
  }
  if (start === Infinity) return undefined;
  return { start: Math.max(0, start - alias.allowed), end: Math.min(textLength, end + alias.allowed) };
}

function bigrams(text: string): string[] {
  const chars = Array.from(text);
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  return [...out];
}

interface Candidate {
  entry: number;
  score: number;
  aliasLength: number;
}

export interface ProductHints {
  faceValue?: number;
  operator?: Operator;
}

const isLatin = (ch: string | undefined): boolean => ch !== undefined && /[a-z0-9]/.test(ch);

export class ProductMatcher {
  private readonly aliases: Alias[];
  /** Bigram → the aliases eligible for fuzzy matching that contain it. */
  private readonly fuzzyIndex = new Map<string, Alias[]>();

  constructor(private readonly catalog: readonly CatalogEntry[]) {
    const byText = new Map<string, Alias>();
    catalog.forEach((entry, i) => {
      const names = [entry.name, ...entry.aliases].map((a) => [a, 1] as const);
      for (const [raw, weight] of [...names, [entry.brand, BRAND_WEIGHT] as const]) {
        const text = canonicalize(raw);
        if (text === '') continue;
        const alias = byText.get(text) ?? {
          text,
          weight,
          entries: [],
          latinEdges: isLatin(text[0]) || isLatin(text.at(-1)),
          bigrams: bigrams(text),
          allowed: Math.floor(Array.from(text).length / 4),
        };
        alias.weight = Math.max(alias.weight, weight);
        if (!alias.entries.includes(i)) alias.entries.push(i);
        byText.set(text, alias);
      }
    });
    this.aliases = [...byText.values()];
    for (const alias of this.aliases) {
      if (alias.weight < 1 || alias.text.length < FUZZY_MIN_LENGTH) continue;
      for (const b of alias.bigrams) this.fuzzyIndex.set(b, [...(this.fuzzyIndex.get(b) ?? []), alias]);
    }
  }

  /** Expects canonicalize()d text. */
  match(text: string, hints: ProductHints = {}): ProductMatch | undefined {
    const candidates: Candidate[] = [];
    for (const alias of this.aliases) {
      if (this.containsWord(text, alias)) {
        for (const entry of alias.entries) candidates.push({ entry, score: alias.weight, aliasLength: alias.text.length });
      }
    }
    if (!candidates.some((c) => c.score === 1)) candidates.push(...this.fuzzyCandidates(text.slice(0, FUZZY_PREFIX)));
    const best = this.rank(candidates, hints)[0];
    if (!best) return undefined;
    const entry = this.catalog[best.entry];
    return { id: entry.id, name: entry.name, score: Math.round(best.score * 100) / 100 };
  }

  /** Latin aliases must stand as words: "hok" is not in "hook". */
  private containsWord(text: string, alias: Alias): boolean {
    let at = text.indexOf(alias.text);
    while (at !== -1) {
      const end = at + alias.text.length;
      // An English plural still names the product ("steam cards").
      const after = text[end] === 's' ? text[end + 1] : text[end];
      if (!alias.latinEdges || (!isLatin(text[at - 1]) && !isLatin(after))) return true;
      at = text.indexOf(alias.text, at + 1);
    }
    return false;
  }

  /**
   * Each edit breaks at most two of an alias's bigrams, so a match with `allowed` edits lies in a window of
   * at most length + allowed characters holding at least bigrams − 2 × allowed of them. Only aliases sharing
   * a bigram with the text are looked at (bigram index), and natural's Levenshtein search (which allocates
   * a cell object per character pair) runs on the windows passing that bound, not on the whole prefix.
   */
  private fuzzyCandidates(text: string): Candidate[] {
    const chars = Array.from(text);
    const positions = new Map<string, number[]>();
    for (let i = 0; i + 1 < chars.length; i++) {
      const b = chars[i] + chars[i + 1];
      const list = positions.get(b);
      if (list) list.push(i);
      else positions.set(b, [i]);
    }
    const out: Candidate[] = [];
    const seen = new Set<Alias>();
    for (const b of positions.keys()) {
      for (const alias of this.fuzzyIndex.get(b) ?? []) {
        if (seen.has(alias)) continue;
        seen.add(alias);
        const window = matchWindow(alias, positions, chars.length);
        if (!window) continue;
        const { distance } = LevenshteinDistanceSearch(alias.text, chars.slice(window.start, window.end).join(''));
        if (distance > alias.allowed) continue;
        const score = FUZZY_WEIGHT * (1 - distance / alias.text.length);
        for (const entry of alias.entries) out.push({ entry, score, aliasLength: alias.text.length });
      }
    }
    return out;
  }

  private rank(candidates: readonly Candidate[], hints: ProductHints): Candidate[] {
    const fits = (c: Candidate): number => {
      const entry = this.catalog[c.entry];
      const face = hints.faceValue !== undefined && entry.faceValue === hints.faceValue ? 2 : 0;
      const op = hints.operator && entry.name.includes(OPERATOR_NAMES[hints.operator]) ? 1 : 0;
      return face + op;
    };
    return [...candidates].sort(
      (a, b) => b.score - a.score || b.aliasLength - a.aliasLength || fits(b) - fits(a) || a.entry - b.entry,
    );
  }
}

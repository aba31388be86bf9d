// Order numbers pasted into a message: `KM` + 14–18 digits, or a bare run of 16–20 digits.
import { ORDER_NUMBER } from '../normalize';

/** Expects canonicalize()d (lower-case) text. */
export function extractOrderNumbers(canonical: string): string[] {
  const found = canonical.match(ORDER_NUMBER) ?? [];
  return [...new Set(found.map((id) => id.toUpperCase()))];
}

export function withoutOrderNumbers(canonical: string): string {
  return canonical.replace(ORDER_NUMBER, ' ');
}

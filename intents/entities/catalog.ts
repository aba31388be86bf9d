// The product catalog, passed in as data (the store's own catalog lives in models/); a small default
// describing the demo store ships beside this file so the CLI works on its own.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { IntentsError } from '../errors';

export const CatalogEntrySchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  brand: z.string().min(1),
  type: z.enum(['game', 'topup', 'membership', 'giftcard']),
  /** Yuan. */
  faceValue: z.number().positive(),
  /** Other names buyers use: short forms (王者), English names, common misspellings. */
  aliases: z.array(z.string().min(1)),
});
export type CatalogEntry = z.infer<typeof CatalogEntrySchema>;

export const CatalogSchema = z.array(CatalogEntrySchema);

export function parseCatalog(data: unknown): CatalogEntry[] {
  const parsed = CatalogSchema.safeParse(data);
  if (!parsed.success) throw new IntentsError('invalid_catalog', z.prettifyError(parsed.error));
  return parsed.data;
}

export const DEFAULT_CATALOG_FILE = path.join(__dirname, 'default-catalog.json');

export function loadDefaultCatalog(): CatalogEntry[] {
  return parseCatalog(JSON.parse(readFileSync(DEFAULT_CATALOG_FILE, 'utf8')));
}

// The product catalog the NLU matches mentions against, built from the store's own products (the intents/
// default describes the demo store only). Reloaded when this node's catalog service changes a product, and,
// for changes made on another node or straight in the database, when a cheap fingerprint query run at most
// every RECHECK_MS says the products changed.
import { CatalogEntrySchema, type CatalogEntry } from '../intents';
import { Product, type Domain, type ProductType } from '../models';

const RECHECK_MS = 30_000;

const ENTRY_TYPE: Record<ProductType, CatalogEntry['type']> = {
  game_card: 'game',
  phone_topup: 'topup',
  video_membership: 'membership',
  gift_card: 'giftcard',
};

export interface CatalogTarget {
  setCatalog(catalog: readonly unknown[]): void;
}

/**
 * Catalog entries keyed by our product id. A product the NLU's schema refuses (no face value: nothing to name it
 * by) is left out rather than losing the whole catalog.
 */
export function catalogEntries(products: readonly Product[]): CatalogEntry[] {
  return products.flatMap((p) => {
    const entry = CatalogEntrySchema.safeParse({ id: String(p.id), name: p.name, brand: p.brand, type: ENTRY_TYPE[p.type], faceValue: p.faceValueCents / 100, aliases: p.aliases ?? [] });
    return entry.success ? [entry.data] : [];
  });
}

async function fingerprint(): Promise<string> {
  const [count, latest] = await Promise.all([Product.count(), Product.max<Date | string | null, Product>('updatedAt')]);
  return `${count}:${latest ? new Date(latest).getTime() : 0}`;
}

export class StoreCatalog {
  private loaded: Promise<void>;
  private reloading: Promise<void> | null = null;
  private reloadAgain = false;
  private version = '';
  private checkedAt = 0;

  constructor(
    private readonly domain: Domain,
    private readonly target: CatalogTarget,
    private readonly recheckMs = RECHECK_MS,
  ) {
    domain.events.subscribe('catalog.changed', () => void this.reload().catch(() => undefined));
    this.loaded = this.reload();
  }

  /**
   * Resolves when the store's catalog (and any reload in flight) is in place. A stale copy is re-checked in
   * the background: the turn answers with what it has rather than wait on a query.
   */
  async ready(): Promise<void> {
    try {
      await this.loaded;
    } catch (err) {
      this.loaded = this.reload();
      throw err;
    }
    if (this.reloading) await this.reloading;
    if (performance.now() - this.checkedAt >= this.recheckMs) {
      // A failed check keeps the current copy; the next turn after the interval tries again.
      this.refreshIfChanged().catch(() => undefined);
    }
  }

  /** Reloads when the products differ from the loaded copy; true when it did. */
  async refreshIfChanged(): Promise<boolean> {
    this.checkedAt = performance.now();
    if ((await fingerprint()) === this.version) return false;
    await this.reload();
    return true;
  }

  /** Loads now; calls during a load are folded into one more load after it. */
  reload(): Promise<void> {
    if (this.reloading) {
      this.reloadAgain = true;
      return this.reloading;
    }
    const run = async (): Promise<void> => {
      try {
        do {
          this.reloadAgain = false;
          await this.load();
        } while (this.reloadAgain);
      } finally {
        this.reloading = null;
      }
    };
    this.reloading = run();
    return this.reloading;
  }

  private async load(): Promise<void> {
    this.checkedAt = performance.now();
    // Not raw: the model's getters parse the JSON aliases on SQLite.
    const products = await Product.findAll({ attributes: ['id', 'name', 'brand', 'type', 'faceValueCents', 'aliases', 'updatedAt'], order: [['id', 'ASC']] });
    this.target.setCatalog(catalogEntries(products));
    const latest = products.reduce((max, p) => Math.max(max, new Date(p.updatedAt).getTime()), 0);
    this.version = `${products.length}:${latest}`;
  }
}

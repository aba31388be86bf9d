// The store's catalog as KaDesk keeps it: merchants by code, products by SKU, buyers by the store's id, and
// card-key stock. Every write is an idempotent upsert or import, so the store can resend its data at will.
import { Attributes, CreationAttributes, Model, ModelStatic, Op, Transaction, UniqueConstraintError, WhereOptions } from 'sequelize';
import { z } from 'zod';
import type { Database } from './db';
import { FULFILMENT_MODES, OPERATORS, PRODUCT_TYPES } from './enums';
import { DomainError } from './errors';
import type { DomainEventBus } from './events';
import { Buyer, CardKey, Merchant, Product } from './tables';
import { parseInput } from './validate';

/** Codes, SKUs and store ids appear in URLs and chat messages: printable, no spaces, no slashes. */
const key = (max: number) => z.string().trim().min(1).max(max).regex(/^[\w.:@-]+$/u, 'letters, digits and . _ : @ - only');
const cents = z.number().int().min(0).max(100_000_000);

export const catalogInputs = {
  merchant: z.object({ code: key(64), name: z.string().trim().min(1).max(255) }),
  product: z.object({
    sku: key(64),
    merchantCode: key(64),
    type: z.enum(PRODUCT_TYPES),
    brand: z.string().trim().min(1).max(255),
    name: z.string().trim().min(1).max(255),
    faceValueCents: cents,
    priceCents: cents,
    platform: z.string().trim().min(1).max(64).nullish(),
    region: z.string().trim().min(1).max(64).nullish(),
    operator: z.enum(OPERATORS).nullish(),
    validityDays: z.number().int().min(1).max(36_500).nullish(),
    deliveryMinutes: z.number().int().min(0).max(10_080).default(5),
    fulfilment: z.enum(FULFILMENT_MODES).default('stock'),
    description: z.string().max(10_000).default(''),
    faq: z.array(z.object({ q: z.string().trim().min(1).max(500), a: z.string().trim().min(1).max(2000) })).max(50).default([]),
    aliases: z.array(z.string().trim().min(1).max(64)).max(50).default([]),
    active: z.boolean().default(true),
  }),
  buyer: z.object({
    externalId: key(128),
    name: z.string().trim().min(1).max(255).nullish(),
    phone: z.string().trim().regex(/^\+?[\d -]{5,31}$/, 'a phone number').nullish(),
  }),
  cardKeys: z.object({
    sku: key(64),
    cards: z
      .array(z.object({ serial: z.string().trim().min(1).max(128), secret: z.string().trim().min(1).max(256) }))
      .min(1)
      .max(5000),
  }),
};

export type MerchantInput = z.input<typeof catalogInputs.merchant>;
export type ProductInput = z.input<typeof catalogInputs.product>;
export type BuyerInput = z.input<typeof catalogInputs.buyer>;
export type CardKeyImportInput = z.input<typeof catalogInputs.cardKeys>;

/** `unchanged` means the request was a replay: the record already said exactly this. */
export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

export interface Upserted<T> {
  record: T;
  outcome: UpsertOutcome;
}

export interface CardKeyImport {
  product: Product;
  imported: number;
  /** Serials already in stock for the product (or repeated within the request), left as they were. */
  skipped: string[];
  available: number;
}

export class CatalogService {
  constructor(
    private readonly db: Database,
    private readonly events?: DomainEventBus,
  ) {}

  async upsertMerchant(input: MerchantInput): Promise<Upserted<Merchant>> {
    const data = parseInput(catalogInputs.merchant, input);
    return this.upsert(Merchant, { code: data.code }, async () => data);
  }

  /** The merchant is named by code; a product may move to another merchant, future orders follow it. */
  async upsertProduct(input: ProductInput): Promise<Upserted<Product>> {
    const { merchantCode, ...data } = parseInput(catalogInputs.product, input);
    const result = await this.upsert(Product, { sku: data.sku }, async (t) => {
      const merchant = await Merchant.findOne({ where: { code: merchantCode }, transaction: t });
      if (!merchant) throw new DomainError('MERCHANT_NOT_FOUND', undefined, { merchantCode });
      return {
        ...data,
        merchantId: merchant.id,
        platform: data.platform ?? null,
        region: data.region ?? null,
        operator: data.operator ?? null,
        validityDays: data.validityDays ?? null,
      };
    });
    // After the commit, so a listener that re-reads the catalog sees the change.
    if (result.outcome !== 'unchanged') this.events?.publish('catalog.changed', { productId: result.record.id, sku: result.record.sku });
    return result;
  }

  async upsertBuyer(input: BuyerInput): Promise<Upserted<Buyer>> {
    const data = parseInput(catalogInputs.buyer, input);
    return this.upsert(Buyer, { externalId: data.externalId }, async () => ({
      externalId: data.externalId,
      name: data.name ?? null,
      phone: data.phone ?? null,
    }));
  }

  /**
   * The buyer with this external id, created with the name given if the store has not sent them before; a known
   * buyer is left as is. Creating goes through the writer queue: on SQLite a write on the default connection would
   * wait out the writers' lock in a thread-pool thread, holding up every read on that connection meanwhile (with
   * a thread pool of 2, /demo/token failed under load).
   */
  async ensureBuyer(input: BuyerInput): Promise<Buyer> {
    const data = parseInput(catalogInputs.buyer, input);
    const known = await Buyer.findOne({ where: { externalId: data.externalId } });
    if (known) return known;
    const attempt = () =>
      this.db.transaction(
        async (t) =>
          (await Buyer.findOne({ where: { externalId: data.externalId }, transaction: t })) ??
          Buyer.create({ externalId: data.externalId, name: data.name ?? null, phone: data.phone ?? null }, { transaction: t }),
      );
    try {
      return await attempt();
    } catch (err) {
      // Two PostgreSQL nodes creating the same buyer at once: the unique index keeps one, the loser reads it.
      if (err instanceof UniqueConstraintError) return attempt();
      throw err;
    }
  }

  /**
   * Adds card keys to a stock-fulfilled product, skipping serials it already has. The product row is locked
   * so two concurrent imports of the same file cannot both decide a serial is new.
   */
  async importCardKeys(input: CardKeyImportInput): Promise<CardKeyImport> {
    const data = parseInput(catalogInputs.cardKeys, input);
    return this.db.transaction(async (t) => {
      const product = await Product.findOne({ where: { sku: data.sku }, transaction: t, lock: t.LOCK.UPDATE });
      if (!product) throw new DomainError('PRODUCT_NOT_FOUND', undefined, { sku: data.sku });
      if (product.fulfilment !== 'stock') throw new DomainError('PRODUCT_NOT_STOCKED', undefined, { sku: data.sku });
      const existing = await CardKey.findAll({
        where: { productId: product.id, serial: { [Op.in]: data.cards.map((c) => c.serial) } },
        attributes: ['serial'],
        transaction: t,
      });
      const seen = new Set(existing.map((k) => k.serial));
      const fresh: typeof data.cards = [];
      const skipped: string[] = [];
      for (const card of data.cards) {
        if (seen.has(card.serial)) skipped.push(card.serial);
        else fresh.push(card);
        seen.add(card.serial);
      }
      await CardKey.bulkCreate(
        fresh.map((c) => ({ productId: product.id, serial: c.serial, secret: c.secret, status: 'available' as const, orderId: null, reservedAt: null, deliveredAt: null, revealedAt: null })),
        { transaction: t },
      );
      const available = await CardKey.count({ where: { productId: product.id, status: 'available' }, transaction: t });
      return { product, imported: fresh.length, skipped, available };
    });
  }

  /**
   * Finds by natural key (row locked) and creates or updates in one transaction. Two first-time upserts racing
   * on PostgreSQL both find nothing; the unique index stops the second insert, and the retry sees the winner.
   */
  private async upsert<M extends Model>(
    model: ModelStatic<M>,
    where: WhereOptions<Attributes<M>>,
    values: (t: Transaction) => Promise<CreationAttributes<M>>,
  ): Promise<Upserted<M>> {
    const attempt = () =>
      this.db.transaction(async (t): Promise<Upserted<M>> => {
        const wanted = await values(t);
        const record = await model.findOne({ where, transaction: t, lock: t.LOCK.UPDATE });
        if (!record) return { record: await model.create(wanted, { transaction: t }), outcome: 'created' };
        record.set(wanted);
        if (!record.changed()) return { record, outcome: 'unchanged' };
        await record.save({ transaction: t });
        return { record, outcome: 'updated' };
      });
    try {
      return await attempt();
    } catch (err) {
      if (err instanceof UniqueConstraintError) return attempt();
      throw err;
    }
  }
}

// The "green channel": goodwill for platform faults, either a coupon code or a small gift card key from stock.
// Idempotent by request id, audited on the order, and announced to the store like any other change.
import { randomBytes } from 'node:crypto';
import { Op } from 'sequelize';
import { Actor, actorSchema } from './actor';
import { DomainError } from './errors';
import { compensationInput, CompensationInput } from './order-inputs';
import { OrderRef, OrderTxDeps, withOrder } from './order-transaction';
import { CardKey, Compensation, Product } from './tables';
import { parseInput } from './validate';

const couponCode = (): string => `KDC${randomBytes(6).toString('hex').toUpperCase()}`;

export class CompensationService {
  constructor(private readonly deps: OrderTxDeps) {}

  async issue(ref: OrderRef, input: CompensationInput, actor: Actor): Promise<{ compensation: Compensation; cardKey: CardKey | null; replayed: boolean }> {
    const data = parseInput(compensationInput, input);
    const who = parseInput(actorSchema, actor);
    return withOrder(this.deps, ref, who, async (tx) => {
      const { order, t, now } = tx;
      if (data.requestId) {
        const existing = await Compensation.findOne({ where: { requestId: data.requestId }, transaction: t });
        if (existing) {
          if (existing.orderId !== order.id || existing.kind !== data.kind || existing.amountCents !== data.amountCents) {
            throw new DomainError('IDEMPOTENCY_CONFLICT', undefined, { requestId: data.requestId });
          }
          const cardKey = existing.cardKeyId ? await CardKey.findByPk(existing.cardKeyId, { transaction: t }) : null;
          return { compensation: existing, cardKey, replayed: true };
        }
      }
      let cardKey: CardKey | null = null;
      if (data.kind === 'gift_card') {
        cardKey = await this.takeGiftCard(data.amountCents, tx.t, now);
      }
      const compensation = await Compensation.create(
        {
          orderId: order.id,
          buyerId: order.buyerId,
          kind: data.kind,
          amountCents: data.amountCents,
          couponCode: data.kind === 'coupon' ? couponCode() : null,
          cardKeyId: cardKey?.id ?? null,
          reason: data.reason,
          issuedByType: who.type,
          issuedById: who.id ?? null,
          requestId: data.requestId ?? null,
          createdAt: now,
        },
        { transaction: t },
      );
      await tx.record('compensated', order.status, data.reason, { kind: data.kind, amountCents: data.amountCents });
      return { compensation, cardKey, replayed: false };
    });
  }

  /** One available key of a gift-card product of exactly that face value, handed over at once. */
  private async takeGiftCard(amountCents: number, t: import('sequelize').Transaction, now: Date): Promise<CardKey> {
    const products = await Product.findAll({
      where: { type: 'gift_card', faceValueCents: amountCents, active: true, fulfilment: 'stock' },
      attributes: ['id'],
      transaction: t,
    });
    const key = products.length
      ? await CardKey.findOne({
          where: { productId: { [Op.in]: products.map((p) => p.id) }, status: 'available' },
          order: [['id', 'ASC']],
          transaction: t,
          lock: t.LOCK.UPDATE,
          skipLocked: true,
        })
      : null;
    if (!key) throw new DomainError('OUT_OF_STOCK', `No gift card of ${amountCents / 100} yuan in stock`, { amountCents });
    // Conditional update: if another transaction took this key meanwhile, we must not hand it out twice.
    const [taken] = await CardKey.update(
      { status: 'delivered', deliveredAt: now },
      { where: { id: key.id, status: 'available' }, transaction: t },
    );
    if (taken !== 1) throw new DomainError('ORDER_CHANGED', 'The gift card was taken meanwhile; retry');
    return key.reload({ transaction: t });
  }
}

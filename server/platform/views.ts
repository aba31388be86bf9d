// How the platform API shows records: natural keys (code, SKU, store ids, order numbers) rather than
// internal ids, ISO timestamps, and card secrets masked. Refund ids are shown because the store confirms them.
import { Buyer, CardKey, Merchant, Order, OrderEvent, Product, Refund, summarize } from '../../models';

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export const merchantView = (m: Merchant) => ({ code: m.code, name: m.name, updatedAt: iso(m.updatedAt) });

export const buyerView = (b: Buyer) => ({ externalId: b.externalId, name: b.name, phone: b.phone, updatedAt: iso(b.updatedAt) });

export async function productView(p: Product) {
  const [merchant, availableKeys] = await Promise.all([
    Merchant.findByPk(p.merchantId),
    CardKey.count({ where: { productId: p.id, status: 'available' } }),
  ]);
  return {
    sku: p.sku,
    merchantCode: merchant?.code ?? null,
    type: p.type,
    brand: p.brand,
    name: p.name,
    faceValueCents: p.faceValueCents,
    priceCents: p.priceCents,
    platform: p.platform,
    region: p.region,
    operator: p.operator,
    validityDays: p.validityDays,
    deliveryMinutes: p.deliveryMinutes,
    fulfilment: p.fulfilment,
    description: p.description,
    faq: p.faq,
    aliases: p.aliases,
    active: p.active,
    availableKeys,
    updatedAt: iso(p.updatedAt),
  };
}

export const refundView = (r: Refund) => ({
  id: r.id,
  amountCents: r.amountCents,
  channel: r.channel,
  status: r.status,
  reason: r.reason,
  expectedFrom: iso(r.expectedFrom),
  expectedBy: iso(r.expectedBy),
  completedAt: iso(r.completedAt),
});

/** The order's full state: the support summary (payments, refunds, cancellation, masked keys) plus its audit trail. */
export async function orderView(order: Order) {
  const [[summary], buyer, events] = await Promise.all([
    summarize([order]),
    Buyer.findByPk(order.buyerId),
    OrderEvent.findAll({ where: { orderId: order.id }, order: [['id', 'ASC']] }),
  ]);
  const { id: _internalId, ...rest } = summary;
  return {
    ...rest,
    buyerExternalId: buyer?.externalId ?? null,
    unitPriceCents: order.unitPriceCents,
    completedAt: iso(order.completedAt),
    cancelledAt: iso(order.cancelledAt),
    refundedAt: iso(order.refundedAt),
    events: events.map((e) => ({
      action: e.action,
      from: e.fromStatus,
      to: e.toStatus,
      actorType: e.actorType,
      actorId: e.actorId,
      reason: e.reason,
      at: iso(e.createdAt),
    })),
  };
}

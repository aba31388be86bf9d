// A buyer's recent orders with everything support needs at a glance: product, payments, refunds,
// cancellation and card-key state (secrets masked). One indexed query per table, no N+1.
import { Op } from 'sequelize';
import { maskSecret } from './tables/card-key';
import { Cancellation, CardKey, Order, Payment, Product, Refund } from './tables';

export interface OrderSummary {
  id: number;
  orderNo: string;
  status: Order['status'];
  quantity: number;
  amountCents: number;
  createdAt: string;
  paymentExpiresAt: string;
  paidAt: string | null;
  deliveredAt: string | null;
  revealedAt: string | null;
  product: { id: number; sku: string; name: string; brand: string; type: Product['type']; faceValueCents: number; deliveryMinutes: number } | null;
  payments: Array<{ externalId: string; channel: string; amountCents: number; status: string; paidAt: string }>;
  refunds: Array<{ id: number; amountCents: number; channel: string; status: string; reason: string; expectedFrom: string; expectedBy: string; completedAt: string | null }>;
  cancellation: { category: string; reasonCode: string; stage: string; initiatorType: string; note: string | null; createdAt: string } | null;
  cardKeys: Array<{ serial: string; secret: string; status: string }>;
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export async function recentOrders(buyerId: number, limit = 50): Promise<OrderSummary[]> {
  const orders = await Order.findAll({ where: { buyerId }, order: [['createdAt', 'DESC'], ['id', 'DESC']], limit, raw: true });
  return summarize(orders);
}

export async function summarize(orders: Order[]): Promise<OrderSummary[]> {
  if (orders.length === 0) return [];
  const ids = orders.map((o) => o.id);
  const byOrder = { orderId: { [Op.in]: ids } };
  const [products, payments, refunds, cancellations, keys] = await Promise.all([
    Product.findAll({ where: { id: { [Op.in]: [...new Set(orders.map((o) => o.productId))] } }, raw: true }),
    Payment.findAll({ where: byOrder, raw: true }),
    Refund.findAll({ where: byOrder, raw: true }),
    Cancellation.findAll({ where: byOrder, raw: true }),
    CardKey.findAll({ where: byOrder, attributes: ['orderId', 'serial', 'secret', 'status'], raw: true }),
  ]);
  const productById = new Map(products.map((p) => [p.id, p]));
  const group = <T extends { orderId: number | null }>(rows: T[]) => {
    const map = new Map<number, T[]>();
    for (const row of rows) if (row.orderId !== null) map.set(row.orderId, [...(map.get(row.orderId) ?? []), row]);
    return map;
  };
  const paymentsOf = group(payments);
  const refundsOf = group(refunds);
  const keysOf = group(keys);
  const cancellationOf = new Map(cancellations.map((c) => [c.orderId, c]));
  return orders.map((o) => {
    const p = productById.get(o.productId);
    const c = cancellationOf.get(o.id);
    return {
      id: o.id,
      orderNo: o.orderNo,
      status: o.status,
      quantity: o.quantity,
      amountCents: o.amountCents,
      createdAt: iso(o.createdAt)!,
      paymentExpiresAt: iso(o.paymentExpiresAt)!,
      paidAt: iso(o.paidAt),
      deliveredAt: iso(o.deliveredAt),
      revealedAt: iso(o.revealedAt),
      product: p ? { id: p.id, sku: p.sku, name: p.name, brand: p.brand, type: p.type, faceValueCents: p.faceValueCents, deliveryMinutes: p.deliveryMinutes } : null,
      payments: (paymentsOf.get(o.id) ?? []).map((x) => ({ externalId: x.externalId, channel: x.channel, amountCents: x.amountCents, status: x.status, paidAt: iso(x.paidAt)! })),
      refunds: (refundsOf.get(o.id) ?? []).map((r) => ({
        id: r.id,
        amountCents: r.amountCents,
        channel: r.channel,
        status: r.status,
        reason: r.reason,
        expectedFrom: iso(r.expectedFrom)!,
        expectedBy: iso(r.expectedBy)!,
        completedAt: iso(r.completedAt),
      })),
      cancellation: c ? { category: c.category, reasonCode: c.reasonCode, stage: c.stage, initiatorType: c.initiatorType, note: c.note, createdAt: iso(c.createdAt)! } : null,
      cardKeys: (keysOf.get(o.id) ?? []).map((k) => ({ serial: k.serial, secret: maskSecret(k.secret), status: k.status })),
    };
  });
}

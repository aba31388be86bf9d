// A buyer's recent orders with everything support needs at a glance: product, payments, refunds,
// cancellation and card-key state (secrets masked). One indexed query per table, no N+1.
import { InferAttributes, Model, ModelStatic, QueryTypes } from 'sequelize';
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

/**
 * Plain SELECTs of the named attributes, aliased as Sequelize names them: the rows findAll({ raw: true }) gives,
 * without its per-query work (on SQLite a `PRAGMA table_info` round trip before every model query). This is the
 * support desk's hottest read. Dates arrive as text on SQLite; iso() reads both.
 */
function select<M extends Model, K extends keyof InferAttributes<M> & string>(
  model: ModelStatic<M>,
  attributes: readonly K[],
  where: string,
  replacements: Record<string, unknown>,
): Promise<Array<Pick<InferAttributes<M>, K>>> {
  const columns = model.getAttributes();
  const list = attributes.map((a) => `"${columns[a]!.field}" AS "${a}"`).join(', ');
  return model.sequelize!.query(`SELECT ${list} FROM "${model.getTableName() as string}" ${where}`, { replacements, type: QueryTypes.SELECT });
}

const ORDER_FIELDS = ['id', 'orderNo', 'status', 'quantity', 'amountCents', 'createdAt', 'paymentExpiresAt', 'paidAt', 'deliveredAt', 'revealedAt', 'productId'] as const;
type OrderRow = Pick<InferAttributes<Order>, (typeof ORDER_FIELDS)[number]>;

export async function recentOrders(buyerId: number, limit = 50): Promise<OrderSummary[]> {
  const orders = await select(Order, ORDER_FIELDS, 'WHERE buyer_id = :buyerId ORDER BY created_at DESC, id DESC LIMIT :limit', { buyerId, limit });
  return summarize(orders);
}

export async function summarize(orders: OrderRow[]): Promise<OrderSummary[]> {
  if (orders.length === 0) return [];
  const byOrder = ['WHERE order_id IN (:ids) ORDER BY id', { ids: orders.map((o) => o.id) }] as const;
  const [products, payments, refunds, cancellations, keys] = await Promise.all([
    select(Product, ['id', 'sku', 'name', 'brand', 'type', 'faceValueCents', 'deliveryMinutes'], 'WHERE id IN (:ids)', { ids: [...new Set(orders.map((o) => o.productId))] }),
    select(Payment, ['orderId', 'externalId', 'channel', 'amountCents', 'status', 'paidAt'], ...byOrder),
    select(Refund, ['id', 'orderId', 'amountCents', 'channel', 'status', 'reason', 'expectedFrom', 'expectedBy', 'completedAt'], ...byOrder),
    select(Cancellation, ['orderId', 'category', 'reasonCode', 'stage', 'initiatorType', 'note', 'createdAt'], ...byOrder),
    select(CardKey, ['orderId', 'serial', 'secret', 'status'], ...byOrder),
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

// A buyer's recent orders with everything support needs at a glance: product, payments, refunds,
// cancellation and card-key state (secrets masked). One statement: the product joined, each order's children
// aggregated as JSON arrays by indexed subqueries (no N+1). Through the SQLite driver a statement's fixed cost
// (several trips to its thread pool) outweighed the index work of the five statements this replaced.
import { InferAttributes, Model, ModelStatic, Sequelize } from 'sequelize';
import { runStatement } from './driver-statements';
import { isoTime } from './iso-time';
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

const iso = (d: Date | string | null): string | null => (d === null ? null : isoTime(d));

const ORDER_FIELDS = ['id', 'orderNo', 'status', 'quantity', 'amountCents', 'createdAt', 'paymentExpiresAt', 'paidAt', 'deliveredAt', 'revealedAt', 'productId'] as const;
type OrderRow = Pick<InferAttributes<Order>, (typeof ORDER_FIELDS)[number]>;
const PRODUCT_FIELDS = ['id', 'sku', 'name', 'brand', 'type', 'faceValueCents', 'deliveryMinutes'] as const;

type Fields<M extends Model> = ReadonlyArray<keyof InferAttributes<M> & string>;
const PAYMENT_FIELDS: Fields<Payment> = ['externalId', 'channel', 'amountCents', 'status', 'paidAt'];
const REFUND_FIELDS: Fields<Refund> = ['id', 'amountCents', 'channel', 'status', 'reason', 'expectedFrom', 'expectedBy', 'completedAt'];
const CANCELLATION_FIELDS: Fields<Cancellation> = ['category', 'reasonCode', 'stage', 'initiatorType', 'note', 'createdAt'];
const KEY_FIELDS: Fields<CardKey> = ['serial', 'secret', 'status'];

const field = <M extends Model>(model: ModelStatic<M>, attribute: string): string => model.getAttributes()[attribute as keyof InferAttributes<M>]!.field!;

/** `(SELECT [{…}, …] of the order's rows, by id)` in the dialect's JSON functions (same shape on both). */
function children<M extends Model>(sequelize: Sequelize, model: ModelStatic<M>, attributes: Fields<M>): string {
  const sqlite = sequelize.getDialect() === 'sqlite';
  const pairs = attributes.map((a) => `'${a}', x."${field(model, a)}"`).join(', ');
  const agg = sqlite ? `json_group_array(json_object(${pairs}) ORDER BY x."id")` : `json_agg(json_build_object(${pairs}) ORDER BY x."id")`;
  return `(SELECT ${agg} FROM "${model.getTableName() as string}" x WHERE x."order_id" = o."id")`;
}

const statements = new WeakMap<Sequelize, string>();

/** Orders with their product (p_*) and children (JSON); the caller appends WHERE / ORDER / LIMIT. */
function summarySelect(sequelize: Sequelize): string {
  let sql = statements.get(sequelize);
  if (!sql) {
    const columns = [
      ...ORDER_FIELDS.map((a) => `o."${field(Order, a)}" AS "${a}"`),
      ...PRODUCT_FIELDS.map((a) => `p."${field(Product, a)}" AS "p_${a}"`),
      `${children(sequelize, Payment, PAYMENT_FIELDS)} AS "payments"`,
      `${children(sequelize, Refund, REFUND_FIELDS)} AS "refunds"`,
      `${children(sequelize, Cancellation, CANCELLATION_FIELDS)} AS "cancellations"`,
      `${children(sequelize, CardKey, KEY_FIELDS)} AS "cardKeys"`,
    ];
    sql = `SELECT ${columns.join(', ')} FROM "orders" o LEFT JOIN "products" p ON p."id" = o."product_id"`;
    statements.set(sequelize, sql);
  }
  return sql;
}

type SummaryRow = OrderRow & Record<`p_${(typeof PRODUCT_FIELDS)[number]}`, unknown> & Record<'payments' | 'refunds' | 'cancellations' | 'cardKeys', unknown>;

async function summaries(where: string, replacements: Record<string, unknown>): Promise<OrderSummary[]> {
  const sequelize = Order.sequelize!;
  const rows = await runStatement<SummaryRow>(sequelize, `${summarySelect(sequelize)} ${where}`, replacements);
  // SQLite returns the JSON as text, PostgreSQL parsed (and NULL for no rows).
  const list = (value: unknown): Array<Record<string, any>> => (value === null ? [] : typeof value === 'string' ? JSON.parse(value) : (value as Array<Record<string, any>>));
  return rows.map((o) => {
    const c = list(o.cancellations)[0];
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
      product:
        o.p_id === null
          ? null
          : {
              id: o.p_id as number,
              sku: o.p_sku as string,
              name: o.p_name as string,
              brand: o.p_brand as string,
              type: o.p_type as Product['type'],
              faceValueCents: o.p_faceValueCents as number,
              deliveryMinutes: o.p_deliveryMinutes as number,
            },
      payments: list(o.payments).map((x) => ({ externalId: x.externalId, channel: x.channel, amountCents: x.amountCents, status: x.status, paidAt: iso(x.paidAt)! })),
      refunds: list(o.refunds).map((r) => ({
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
      cardKeys: list(o.cardKeys).map((k) => ({ serial: k.serial, secret: maskSecret(k.secret), status: k.status })),
    };
  });
}

export function recentOrders(buyerId: number, limit = 50): Promise<OrderSummary[]> {
  return summaries('WHERE o."buyer_id" = :buyerId ORDER BY o."created_at" DESC, o."id" DESC LIMIT :limit', { buyerId, limit });
}

/** Summaries of the given orders, in the order given. */
export async function summarize(orders: ReadonlyArray<Pick<OrderRow, 'id'>>): Promise<OrderSummary[]> {
  if (orders.length === 0) return [];
  const byId = new Map((await summaries('WHERE o."id" IN (:ids)', { ids: orders.map((o) => o.id) })).map((s) => [s.id, s]));
  return orders.flatMap((o) => byId.get(o.id) ?? []);
}

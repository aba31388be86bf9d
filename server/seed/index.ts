// The deterministic demo data set: catalog, buyers and ~90 days of orders, written in bulk.
import type { Domain } from '../../models';
import { AgentService } from '../../models/agent-service';
import {
  Agent,
  Buyer,
  Cancellation,
  CardKey,
  Conversation,
  ConversationMessage,
  CsatRating,
  Dispute,
  Handoff,
  Merchant,
  Order,
  OrderEvent,
  Payment,
  Product,
  Refund,
} from '../../models/tables';
import { DEMO_AGENTS, ensureDemoAgents } from '../../desk/demo-agents';
import { buyerCountFor, makeBuyers } from './buyers';
import { MERCHANTS, PRODUCTS } from './catalog';
import { ConversationHistory } from './conversations';
import { generateOrders } from './generate';
import { Random } from './random';
import { BulkWriter } from './writer';

export const DEFAULT_ORDERS = 20_000;
export const DEFAULT_SEED = 20_261_102;
const BATCH_ORDERS = 20_000;
const STOCK_LEFT = 500;

export interface SeedOptions {
  orders?: number;
  seed?: number;
  now?: Date;
  log?: (line: string) => void;
  /** The payment window the domain runs with (its default is 15 minutes); unpaid orders expire after it. */
  paymentTtlMinutes?: number;
  /** The desk's first-reply SLA (DESK_FIRST_REPLY_MINUTES, 5 by default); slower first replies are breaches. */
  firstReplyMinutes?: number;
}

export interface SeedSummary {
  seed: number;
  now: string;
  merchants: number;
  products: number;
  buyers: number;
  orders: number;
  /** Store ids of the buyers scripted to abuse cancellations, whom the credit policy should flag. */
  abusiveBuyers: string[];
  /** Rows written per table. */
  rows: Record<string, number>;
  byStatus: Record<string, number>;
  ms: number;
}

/** True when the domain holds no catalog, buyers or orders, i.e. nothing a seed could collide with. */
export async function isEmpty(domain: Domain): Promise<boolean> {
  for (const model of [Order, Buyer, Product, Merchant]) {
    const [rows] = await domain.db.sequelize.query(`SELECT 1 AS found FROM "${model.getTableName() as string}" LIMIT 1`);
    if (rows.length > 0) return false;
  }
  return true;
}

export async function seedDemo(domain: Domain, opts: SeedOptions = {}): Promise<SeedSummary> {
  const started = Date.now();
  const orders = opts.orders ?? DEFAULT_ORDERS;
  const seed = opts.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(orders) || orders < 1 || orders > 10_000_000) throw new RangeError(`orders must be an integer in 1..10000000, got ${orders}`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (!(await isEmpty(domain))) throw new Error('The database already has domain data; wipe it first (kadesk seed --force)');
  const now = opts.now ?? domain.clock.now();
  const log = opts.log ?? (() => undefined);
  const random = new Random(seed);
  const buyers = makeBuyers(buyerCountFor(orders), random);
  const writer = new BulkWriter(domain.db);
  // The same accounts `start` ensures in demo mode (reused when they exist), so seeded claims point at them.
  await ensureDemoAgents(new AgentService({ clock: domain.clock }));
  const deskAgents = await Agent.findAll({ where: { email: DEMO_AGENTS.filter((a) => a.role === 'agent').map((a) => a.email) }, order: [['id', 'ASC']] });
  // A stream of its own, so adding conversations left the orders exactly as they were.
  const chats = new ConversationHistory({
    random: new Random(seed + 1),
    now,
    agents: deskAgents.map((a) => ({ key: String(a.id), name: a.name })),
    firstReplyMs: (opts.firstReplyMinutes ?? 5) * 60_000,
  });

  await domain.db.transaction(async (t) => {
    const at = new Date(now.getTime() - 120 * 86_400_000);
    await writer.insert(Merchant, MERCHANTS.map((m, i) => ({ id: i + 1, ...m, createdAt: at, updatedAt: at })), t);
    // The writer takes the model's columns only, so the generator's extra fields (popularity…) stay out.
    await writer.insert(Product, PRODUCTS.map((p, i) => ({ ...p, id: i + 1, merchantId: p.merchantIndex + 1, active: true, createdAt: at, updatedAt: at })), t);
    await writer.insert(
      Buyer,
      buyers.map((b, i) => ({ id: i + 1, externalId: b.externalId, name: b.name, phone: b.phone, createdAt: at, updatedAt: at })),
      t,
    );
  });
  log(`catalog: ${MERCHANTS.length} merchants, ${PRODUCTS.length} products, ${buyers.length} buyers`);

  const byStatus: Record<string, number> = {};
  for (const batch of generateOrders({
    orders,
    now,
    random,
    merchants: MERCHANTS,
    products: PRODUCTS,
    buyers,
    policy: domain.credit.getPolicy(),
    paymentTtlMinutes: opts.paymentTtlMinutes ?? 15,
    batchOrders: BATCH_ORDERS,
    stockLeft: STOCK_LEFT,
  })) {
    for (const o of batch.orders) byStatus[o.status] = (byStatus[o.status] ?? 0) + 1;
    chats.add(batch.orders);
    await domain.db.transaction(async (t) => {
      await writer.prepare(t);
      await writer.insert(Order, batch.orders, t);
      await writer.insert(CardKey, batch.cardKeys, t);
      await writer.insert(Payment, batch.payments, t);
      await writer.insert(Refund, batch.refunds, t);
      await writer.insert(Cancellation, batch.cancellations, t);
      await writer.insert(Dispute, batch.disputes, t);
      await writer.insert(OrderEvent, batch.events, t);
    });
    log(`orders: ${writer.written.get('orders') ?? 0}/${orders}`);
  }
  await domain.db.transaction(async (t) => {
    await writer.insert(Conversation, chats.rows.conversations, t);
    await writer.insert(ConversationMessage, chats.rows.messages, t);
    await writer.insert(Handoff, chats.rows.handoffs, t);
    await writer.insert(CsatRating, chats.rows.csat, t);
  });
  log(`conversations: ${chats.rows.conversations.length}, handoffs: ${chats.rows.handoffs.length}`);
  await writer.finish();

  return {
    seed,
    now: now.toISOString(),
    merchants: MERCHANTS.length,
    products: PRODUCTS.length,
    buyers: buyers.length,
    orders,
    abusiveBuyers: buyers.filter((b) => b.abusive).map((b) => b.externalId),
    rows: Object.fromEntries(writer.written),
    byStatus,
    ms: Date.now() - started,
  };
}

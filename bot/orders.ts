// Finding the order a buyer means: a number they wrote, a product they named, the order already chosen in this
// conversation, or a pick from their recent orders (one card per order). Buyers only ever see their own orders.
import { Op } from 'sequelize';
import type { Entities, ProductMatch } from '../intents';
import { Order, OrderSummary, Product, recentOrders, summarize } from '../models';
import { money } from './format';
import * as m from './messages';
import { ORDER_STATUS_TEXT } from './order-status-text';
import type { OrderIntent, Wanted } from './state';
import type { TurnContext } from './turn';

const PICK_LIMIT = 5;
/** How many of a brand's recent orders a product mention is looked for in. */
const MENTION_SCAN = 20;
/** From this score a mention names a product; below it (a brand alone scores 0.7) it names only a brand. */
export const NAMED_PRODUCT_SCORE = 0.75;

/** Our product id of a mention; none for entries not from the store's catalog. */
export const storeProductId = (mention: ProductMatch | undefined): number | undefined =>
  mention && /^\d+$/.test(mention.id) ? Number(mention.id) : undefined;

export async function buyerOrder(buyerId: number, where: { orderNo: string } | { id: number }): Promise<OrderSummary | null> {
  const order = await Order.findOne({ where: { ...where, buyerId }, raw: true });
  return order ? (await summarize([order]))[0] : null;
}

export const statusText = (turn: TurnContext, order: OrderSummary): string => ORDER_STATUS_TEXT[order.status][turn.lang];

export const productName = (order: OrderSummary): string => order.product?.name ?? `#${order.id}`;

/**
 * The buyer's recent orders of the product they named (newest first), else of its brand; empty when they have
 * none, or the mention is not a product of ours. SKUs sharing an alias (Q币 10/30/100) are one product to the
 * buyer: the NLU picks one of them, so its whole family counts.
 */
async function ordersOfMention(buyerId: number, mention: ProductMatch | undefined): Promise<Order[]> {
  const productId = storeProductId(mention);
  if (productId === undefined) return [];
  const named = await Product.findByPk(productId, { attributes: ['id', 'brand', 'name', 'aliases'] });
  if (!named) return [];
  const brand = await Product.findAll({ where: { brand: named.brand }, attributes: ['id', 'name', 'aliases'] });
  const names = new Set([named.name, ...named.aliases]);
  const family = new Set(
    mention!.score >= NAMED_PRODUCT_SCORE ? brand.filter((p) => names.has(p.name) || p.aliases.some((a) => names.has(a))).map((p) => p.id) : [],
  );
  const orders = await Order.findAll({
    where: { buyerId, productId: { [Op.in]: brand.map((p) => p.id) } },
    order: [['createdAt', 'DESC'], ['id', 'DESC']],
    limit: MENTION_SCAN,
    raw: true,
  });
  const ofFamily = orders.filter((o) => family.has(o.productId));
  return (ofFamily.length ? ofFamily : orders).slice(0, PICK_LIMIT);
}

/** Shows the buyer's recent orders (or those given) as cards and waits for a pick; says so when there are none. */
export async function askForOrder(turn: TurnContext, intent: OrderIntent, wanted?: Wanted, among?: OrderSummary[]): Promise<void> {
  const orders = among ?? (await recentOrders(turn.buyerId, PICK_LIMIT));
  if (orders.length === 0) {
    turn.say(m.choice(turn.t.noOrders, [{ label: turn.t.humanButton, postback: { action: 'human' } }]));
    return;
  }
  turn.say(m.text(turn.t.pickOrder));
  turn.say(
    m.carousel(
      orders.map((o) => ({
        title: productName(o),
        subtitle: turn.t.orderCard(o.orderNo, money(o.amountCents), statusText(turn, o)),
        buttons: [{ label: turn.t.selectButton, postback: { action: 'select_order', orderNo: o.orderNo } }],
      })),
    ),
  );
  turn.pending = { kind: 'order', intent, ...(wanted ? { wanted } : {}) };
}

/**
 * The order a turn is about: the first order number the buyer wrote (if it is theirs), else their one order of
 * the product they named (several: a pick among those), else the order already chosen in this conversation.
 * Null when the buyer has been asked to pick one.
 */
export async function resolveOrder(turn: TurnContext, intent: OrderIntent, entities: Entities, wanted?: Wanted): Promise<OrderSummary | null> {
  const written = entities.orderNumbers[0];
  if (written) {
    const order = await buyerOrder(turn.buyerId, { orderNo: written });
    if (order) return order;
    turn.say(m.text(turn.t.orderNotFound(written)));
    await askForOrder(turn, intent, wanted);
    return null;
  }
  const named = await ordersOfMention(turn.buyerId, entities.product);
  if (named.length === 1) return (await summarize(named))[0];
  if (named.length > 1) {
    await askForOrder(turn, intent, wanted, await summarize(named));
    return null;
  }
  const chosen = turn.state.orderId !== undefined ? turn.state.orderId : turn.conversation.orderId;
  if (chosen) {
    const order = await buyerOrder(turn.buyerId, { id: chosen });
    if (order) return order;
  }
  await askForOrder(turn, intent, wanted);
  return null;
}

export const payUrl = (turn: TurnContext, orderNo: string): string => turn.deps.config.payUrlTemplate.replace('{orderNo}', encodeURIComponent(orderNo));

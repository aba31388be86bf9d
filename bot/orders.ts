// Finding the order a buyer means: a number they wrote, the order already chosen in this conversation, or a
// pick from their recent orders (one card per order). Buyers only ever see their own orders.
import { Order, OrderSummary, recentOrders, summarize } from '../models';
import { money } from './format';
import * as m from './messages';
import { ORDER_STATUS_TEXT } from './order-status-text';
import type { OrderIntent, Wanted } from './state';
import type { TurnContext } from './turn';

const PICK_LIMIT = 5;

export async function buyerOrder(buyerId: number, where: { orderNo: string } | { id: number }): Promise<OrderSummary | null> {
  const order = await Order.findOne({ where: { ...where, buyerId }, raw: true });
  return order ? (await summarize([order]))[0] : null;
}

export const statusText = (turn: TurnContext, order: OrderSummary): string => ORDER_STATUS_TEXT[order.status][turn.lang];

export const productName = (order: OrderSummary): string => order.product?.name ?? `#${order.id}`;

/** Shows the buyer's recent orders as cards and waits for a pick; says so when there are none. */
export async function askForOrder(turn: TurnContext, intent: OrderIntent, wanted?: Wanted): Promise<void> {
  const orders = await recentOrders(turn.buyerId, PICK_LIMIT);
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
 * The order a turn is about: the first order number the buyer wrote (if it is theirs), else the order already
 * chosen in this conversation. Null when the buyer has been asked to pick one.
 */
export async function resolveOrder(turn: TurnContext, intent: OrderIntent, orderNumbers: string[], wanted?: Wanted): Promise<OrderSummary | null> {
  const written = orderNumbers[0];
  if (written) {
    const order = await buyerOrder(turn.buyerId, { orderNo: written });
    if (order) return order;
    turn.say(m.text(turn.t.orderNotFound(written)));
    await askForOrder(turn, intent, wanted);
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

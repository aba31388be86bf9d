// After a wrong purchase: the product the buyer named and the same brand in other face values / operators, on
// sale and in stock, the buyer's stated wish first, each with a one-tap re-order button.
import { Op, QueryTypes } from 'sequelize';
import { isDomainError, OrderSummary, Product } from '../models';
import { clock, money } from './format';
import * as m from './messages';
import { payUrl } from './orders';
import type { Wanted } from './state';
import type { TurnContext } from './turn';

const LIMIT = 5;

async function inStock(turn: TurnContext, products: Product[]): Promise<Product[]> {
  const stocked = products.filter((p) => p.fulfilment === 'stock').map((p) => p.id);
  if (stocked.length === 0) return products;
  const rows = await turn.deps.domain.db.sequelize.query<{ product_id: number }>(
    `SELECT DISTINCT product_id FROM card_keys WHERE status = 'available' AND product_id IN (:ids)`,
    { replacements: { ids: stocked }, type: QueryTypes.SELECT },
  );
  const available = new Set(rows.map((r) => Number(r.product_id)));
  return products.filter((p) => p.fulfilment === 'merchant' || available.has(p.id));
}

/** The named product first, then its brand, then the face value and operator asked for. */
const closeness = (p: Product, wanted: Wanted | undefined, wantedBrand: string | undefined): number =>
  (p.id === wanted?.productId ? 8 : 0) +
  (wantedBrand !== undefined && p.brand === wantedBrand ? 4 : 0) +
  (wanted?.faceValue !== undefined && p.faceValueCents === Math.round(wanted.faceValue * 100) ? 2 : 0) +
  (wanted?.operator && p.operator === wanted.operator ? 1 : 0);

export async function suggestAlternatives(turn: TurnContext, order: OrderSummary, wanted?: Wanted): Promise<void> {
  if (!order.product) return;
  const named = wanted?.productId !== undefined ? await Product.findByPk(wanted.productId, { attributes: ['brand'], raw: true }) : null;
  const candidates = await Product.findAll({
    where: { brand: { [Op.in]: [order.product.brand, ...(named ? [named.brand] : [])] }, active: true, id: { [Op.ne]: order.product.id } },
    order: [['faceValueCents', 'ASC'], ['id', 'ASC']],
  });
  const rank = (p: Product) => closeness(p, wanted, named?.brand);
  const ranked = (await inStock(turn, candidates)).sort((a, b) => rank(b) - rank(a)).slice(0, LIMIT);
  if (ranked.length === 0) {
    turn.say(m.text(turn.t.noSuggestion));
    return;
  }
  turn.say(m.text(turn.t.suggest));
  turn.say(
    m.carousel(
      ranked.map((p) => ({
        title: p.name,
        subtitle: money(p.priceCents * order.quantity) + (order.quantity > 1 ? ` (×${order.quantity})` : ''),
        buttons: [{ label: turn.t.reorderButton, postback: { action: 'reorder', productId: p.id, quantity: order.quantity } }],
      })),
    ),
  );
}

/** One-tap re-order: idempotent by the buyer message, so a resent tap creates one order. */
export async function reorder(turn: TurnContext, productId: number, quantity: number): Promise<void> {
  try {
    const { order } = await turn.deps.domain.orders.create(
      { buyerId: turn.buyerId, productId, quantity, requestId: `chat-reorder:${turn.message.id}` },
      turn.actor,
    );
    turn.actions.push(`created order ${order.orderNo}`);
    turn.state.orderId = order.id;
    turn.say(
      m.card({
        title: turn.t.reordered(order.orderNo, money(order.amountCents), clock(order.paymentExpiresAt)),
        buttons: [{ label: turn.t.payButton, url: payUrl(turn, order.orderNo) }],
      }),
    );
  } catch (err) {
    if (isDomainError(err) && ['OUT_OF_STOCK', 'PRODUCT_INACTIVE', 'PRODUCT_NOT_FOUND'].includes(err.code)) {
      turn.say(m.text(turn.t.outOfStock));
      return;
    }
    throw err;
  }
}

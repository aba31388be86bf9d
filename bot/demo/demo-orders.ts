// A demo buyer's orders, one per stage the bot handles differently: unpaid, delivering, delivered (not viewed),
// revealed and refunded. Made through the real order service, so they carry real payments, keys and audit rows.
import { Op } from 'sequelize';
import { Actor, Buyer, CardKey, Domain, DomainError, Order, Product } from '../../models';

export const DEMO_STAGES = ['unpaid', 'delivering', 'delivered', 'revealed', 'refunded'] as const;
export type DemoStage = (typeof DEMO_STAGES)[number];

const GATEWAY: Actor = { type: 'merchant', id: 'demo-gateway' };
const DEMO_AGENT: Actor = { type: 'agent', id: 'demo' };

/** Stock-fulfilled products with keys left, cheapest first, so the demo leaves the big items for the seed's story. */
async function stockedProducts(): Promise<Product[]> {
  const rows = await CardKey.findAll({ where: { status: 'available' }, attributes: ['productId'], group: ['productId'], raw: true });
  const ids = rows.map((r) => r.productId);
  if (ids.length === 0) return [];
  return Product.findAll({ where: { id: { [Op.in]: ids }, active: true, fulfilment: 'stock' }, order: [['priceCents', 'ASC'], ['id', 'ASC']], limit: DEMO_STAGES.length });
}

async function makeOrder(domain: Domain, buyer: Buyer, product: Product, stage: DemoStage): Promise<Order> {
  const buyerActor: Actor = { type: 'buyer', id: buyer.externalId };
  const { order } = await domain.orders.create({ buyerId: buyer.id, productId: product.id, quantity: 1, requestId: `demo:${buyer.externalId}:${stage}` }, buyerActor);
  if (stage === 'unpaid') return order;
  await domain.orders.recordPayment(order.id, { paymentId: `demo-${order.orderNo}`, amountCents: order.amountCents, channel: 'alipay' }, GATEWAY);
  if (stage === 'delivering') return (await domain.orders.startDelivery(order.id, GATEWAY)).order;
  if (stage === 'refunded') {
    // An oversold order the store cancelled: the buyer's credit is untouched and the refund has arrived.
    const { refunds } = await domain.orders.cancel(order.id, { category: 'merchant_fault', reasonCode: 'oversold', note: 'demo' }, DEMO_AGENT);
    for (const refund of refunds) await domain.orders.completeRefund(refund.id, GATEWAY);
    return domain.orders.get(order.id);
  }
  await domain.orders.deliver(order.id, {}, GATEWAY);
  if (stage === 'revealed') await domain.orders.reveal(order.id, buyerActor);
  return domain.orders.get(order.id);
}

/** Creates the demo orders for a buyer who has none (a second call changes nothing). */
export async function ensureDemoOrders(domain: Domain, buyer: Buyer): Promise<Order[]> {
  const existing = await Order.findAll({ where: { buyerId: buyer.id }, order: [['id', 'ASC']] });
  if (existing.length > 0) return existing;
  const products = await stockedProducts();
  if (products.length === 0) throw new DomainError('OUT_OF_STOCK', 'No product has card keys in stock for demo orders; run `kadesk seed`');
  const orders: Order[] = [];
  for (const [i, stage] of DEMO_STAGES.entries()) orders.push(await makeOrder(domain, buyer, products[i % products.length], stage));
  return orders;
}

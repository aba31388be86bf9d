// Order endpoints: the store creates orders and reports what its own systems did (payments, deliveries,
// cancellations, refunds arriving). Everything goes through the order service, acting as the merchant.
import { Router } from 'express';
import { Buyer, Domain, DomainError, Product, type Actor } from '../../models';
import { parseInput } from '../../models/validate';
import { createdOr200, route } from './handler';
import * as s from './schemas';
import { orderView, refundView } from './views';

/** The store's backend. Order events it causes are not echoed back to it as webhooks. */
const STORE: Actor = { type: 'merchant', id: 'platform-api' };

/**
 * A retried create must not make a second order, so one of these is required: the Idempotency-Key header,
 * `requestId` in the body (they must agree if both are sent), or the store's own `orderNo`.
 */
function requestIdOf(header: string | undefined, body: { requestId?: string; orderNo?: string }): string {
  const fromHeader = header === undefined ? undefined : parseInput(s.idempotencyKey, header);
  if (fromHeader && body.requestId && fromHeader !== body.requestId) {
    throw new DomainError('VALIDATION_FAILED', 'The Idempotency-Key header and requestId differ', { header: fromHeader, requestId: body.requestId });
  }
  const key = fromHeader ?? body.requestId ?? (body.orderNo ? `orderNo:${body.orderNo}` : undefined);
  if (!key) {
    throw new DomainError('VALIDATION_FAILED', 'Send an Idempotency-Key header, a requestId or your own orderNo, so a retry cannot create a second order');
  }
  return key;
}

export function orderRoutes(domain: Domain): Router {
  const router = Router();
  const { orders } = domain;
  const none = s.emptyBody;

  router.post(
    '/orders',
    route({ params: none, body: s.createOrderBody }, async ({ body, req }) => {
      const requestId = requestIdOf(req.get('idempotency-key'), body);
      const [product, buyer] = await Promise.all([Product.findOne({ where: { sku: body.sku } }), Buyer.findOne({ where: { externalId: body.buyerExternalId } })]);
      if (!product) throw new DomainError('PRODUCT_NOT_FOUND', undefined, { sku: body.sku });
      if (!buyer) throw new DomainError('BUYER_NOT_FOUND', undefined, { buyerExternalId: body.buyerExternalId });
      const input = { buyerId: buyer.id, productId: product.id, quantity: body.quantity, requestId, orderNo: body.orderNo, paymentTtlMinutes: body.paymentTtlMinutes };
      const { order, replayed } = await orders.create(input, STORE);
      return { status: createdOr200(!replayed), body: { replayed, order: await orderView(order) } };
    }),
  );

  router.get(
    '/orders/:orderNo',
    route({ params: s.orderPath, body: none }, async ({ params }) => ({ body: { order: await orderView(await orders.get(params.orderNo)) } })),
  );

  router.post(
    '/orders/:orderNo/payments',
    route({ params: s.orderPath, body: s.paymentBody }, async ({ params, body }) => {
      const { order, replayed, refund } = await orders.recordPayment(params.orderNo, body, STORE);
      return { body: { replayed, refund: refund ? refundView(refund) : null, order: await orderView(order) } };
    }),
  );

  router.post(
    '/orders/:orderNo/delivery',
    route({ params: s.orderPath, body: s.deliveryBody }, async ({ params, body }) => {
      const { order, replayed } =
        body.action === 'start' ? await orders.startDelivery(params.orderNo, STORE) : await orders.deliver(params.orderNo, { cards: body.cards }, STORE);
      return { body: { replayed, order: await orderView(order) } };
    }),
  );

  router.post(
    '/orders/:orderNo/cancel',
    route({ params: s.orderPath, body: s.cancelBody }, async ({ params, body }) => {
      const { order, replayed, refunds } = await orders.cancel(params.orderNo, body, STORE);
      return { body: { replayed, refunds: refunds.map(refundView), order: await orderView(order) } };
    }),
  );

  router.post(
    '/refunds/:id/complete',
    route({ params: s.refundPath, body: none }, async ({ params }) => {
      const { order, replayed, refund } = await orders.completeRefund(params.id, STORE);
      return { body: { replayed, refund: refundView(refund), order: await orderView(order) } };
    }),
  );

  return router;
}

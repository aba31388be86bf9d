// What the store may send to the platform API. Bodies are strict (a misspelt field is an error, not silently
// dropped) and built from the domain's own input schemas, so the edge and the services never disagree.
import { z } from 'zod';
import { catalogInputs, orderInputs } from '../../models';

const { merchant, product, buyer, cardKeys } = catalogInputs;
const { createOrderInput, paymentInput, cancelInput, deliverInput, ORDER_NO_PATTERN } = orderInputs;

export const merchantPath = merchant.pick({ code: true });
export const productPath = product.pick({ sku: true });
export const buyerPath = buyer.pick({ externalId: true });
export const orderPath = z.object({ orderNo: z.string().regex(ORDER_NO_PATTERN, 'an order number is KM + 14–18 digits or 16–20 digits') });
export const refundPath = z.object({ id: z.coerce.number().int().positive().max(2 ** 31 - 1) });

/** The natural key is in the path; the body carries the rest of the record (PUT replaces it whole). */
export const merchantBody = merchant.omit({ code: true }).strict();
export const productBody = product.omit({ sku: true }).strict();
export const buyerBody = buyer.omit({ externalId: true }).strict();
export const cardKeysBody = cardKeys.omit({ sku: true }).strict();

export const idempotencyKey = createOrderInput.shape.requestId.unwrap();

export const createOrderBody = z
  .object({
    buyerExternalId: buyer.shape.externalId,
    sku: product.shape.sku,
    quantity: createOrderInput.shape.quantity.default(1),
    orderNo: createOrderInput.shape.orderNo,
    requestId: createOrderInput.shape.requestId,
    paymentTtlMinutes: createOrderInput.shape.paymentTtlMinutes,
  })
  .strict();

export const paymentBody = paymentInput.strict();

export const deliveryBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('start') }).strict(),
  z.object({ action: z.literal('complete'), cards: deliverInput.shape.cards }).strict(),
]);

export const cancelBody = cancelInput.strict();

/** No body expected; an empty object is accepted so clients that always send `{}` work. */
export const emptyBody = z.object({}).strict();

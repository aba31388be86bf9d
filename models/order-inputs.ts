// Schemas of what callers may ask of the order service; the platform API, the bot and the desk reuse them.
import { z } from 'zod';
import { CANCEL_CATEGORIES, CANCEL_REASONS, COMPENSATION_KINDS, PAYMENT_CHANNELS } from './enums';

const requestId = z.string().trim().min(1).max(128);
const note = z.string().max(2000);
export const ORDER_NO_PATTERN = /^(KM\d{14,18}|\d{16,20})$/;

export const createOrderInput = z.object({
  buyerId: z.number().int().positive(),
  productId: z.number().int().positive(),
  quantity: z.number().int().min(1).max(100),
  /** Idempotency key: the same key creates one order. */
  requestId: requestId.optional(),
  /** The store's own order number when it has one; KaDesk generates a KM… number otherwise. */
  orderNo: z.string().regex(ORDER_NO_PATTERN, 'an order number is KM + 14–18 digits or 16–20 digits').optional(),
  paymentTtlMinutes: z.number().int().min(1).max(24 * 60).optional(),
});

export const paymentInput = z.object({
  paymentId: z.string().trim().min(1).max(128),
  amountCents: z.number().int().min(0),
  channel: z.enum(PAYMENT_CHANNELS),
  paidAt: z.coerce.date().optional(),
});

export const cancelInput = z.object({
  category: z.enum(CANCEL_CATEGORIES),
  reasonCode: z.enum(CANCEL_REASONS),
  note: note.nullish(),
});

export const deliverInput = z.object({
  cards: z
    .array(z.object({ serial: z.string().trim().min(1).max(128), secret: z.string().trim().min(1).max(256) }))
    .min(1)
    .max(100)
    .optional(),
});

export const disputeInput = z.object({ reasonCode: z.enum(CANCEL_REASONS), description: note.nullish() });

export const resolveDisputeInput = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('refund'), resolution: note, category: z.enum(CANCEL_CATEGORIES), reasonCode: z.enum(CANCEL_REASONS) }),
  z.object({ outcome: z.literal('reject'), resolution: note }),
]);

export const compensationInput = z.object({
  kind: z.enum(COMPENSATION_KINDS),
  amountCents: z.number().int().min(1).max(100_000),
  reason: z.string().trim().min(1).max(64),
  requestId: requestId.optional(),
});

/** An agent replaces delivered keys the buyer reports as bad; `requestId` makes a retry a replay. */
export const replaceKeysInput = z.object({ requestId, reasonCode: z.enum(CANCEL_REASONS), note: note.nullish() });

export type CreateOrderInput = z.input<typeof createOrderInput>;
export type PaymentInput = z.input<typeof paymentInput>;
export type CancelInput = z.input<typeof cancelInput>;
export type DeliverInput = z.input<typeof deliverInput>;
export type DisputeInput = z.input<typeof disputeInput>;
export type ResolveDisputeInput = z.input<typeof resolveDisputeInput>;
export type CompensationInput = z.input<typeof compensationInput>;
export type ReplaceKeysInput = z.input<typeof replaceKeysInput>;

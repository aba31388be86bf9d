// Button presses. A button's Botpress `value` is the JSON of one of these; the widget sends it back parsed as
// `postback`. Anything else is UNKNOWN_POSTBACK.
import { z } from 'zod';
import { orderInputs } from '../models';

const orderNo = z.string().regex(orderInputs.ORDER_NO_PATTERN);

/** Reasons a buyer can pick when asking to cancel; each maps to a cancellation reason code and a flow. */
export const BUYER_CANCEL_REASONS = ['forgot_to_pay', 'wrong_item', 'price_changed', 'delivery_delay', 'other'] as const;
export type BuyerCancelReason = (typeof BUYER_CANCEL_REASONS)[number];

export const postbackSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('select_order'), orderNo }).strict(),
  // Without a reason the bot asks for one first.
  z.object({ action: z.literal('cancel'), orderNo, reason: z.enum(BUYER_CANCEL_REASONS).optional() }).strict(),
  z.object({ action: z.literal('confirm'), orderNo }).strict(),
  z.object({ action: z.literal('deny') }).strict(),
  z.object({ action: z.literal('reorder'), productId: z.number().int().positive(), quantity: z.number().int().min(1).max(100) }).strict(),
  z.object({ action: z.literal('human') }).strict(),
]);
export type Postback = z.infer<typeof postbackSchema>;

/** The Botpress button value carrying a postback. */
export const encodePostback = (postback: Postback): string => JSON.stringify(postback);

// What the bot waits for between turns. Stored as JSON on the conversation row, parsed back on every turn.
import { z } from 'zod';
import { orderInputs, OPERATORS } from '../models';
import { BUYER_CANCEL_REASONS } from './postbacks';

/** Intents whose flow is about one order: the bot needs to know which before it can answer. */
export const ORDER_INTENTS = [
  'forgot_to_pay',
  'wrong_item',
  'cancel_order',
  'refund_status',
  'order_status',
  'price_changed',
  'cancel_policy',
  'redeem_help',
] as const;
export type OrderIntent = (typeof ORDER_INTENTS)[number];
export const isOrderIntent = (intent: string): intent is OrderIntent => (ORDER_INTENTS as readonly string[]).includes(intent);

const orderNo = z.string().regex(orderInputs.ORDER_NO_PATTERN);

/** What the buyer said they wanted instead (from the NLU's entities), used to rank re-order suggestions. */
export const wantedSchema = z.object({
  faceValue: z.number().positive().optional(),
  operator: z.enum(OPERATORS).optional(),
  /** A product of the store's catalog the buyer named. */
  productId: z.number().int().positive().optional(),
});
export type Wanted = z.infer<typeof wantedSchema>;

export const pendingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('order'), intent: z.enum(ORDER_INTENTS), wanted: wantedSchema.optional() }),
  z.object({ kind: z.literal('reason'), orderNo }),
  z.object({ kind: z.literal('confirm'), orderNo, reason: z.enum(BUYER_CANCEL_REASONS), intent: z.enum(ORDER_INTENTS), wanted: wantedSchema.optional() }),
  z.object({ kind: z.literal('human_offer') }),
]);
export type Pending = z.infer<typeof pendingSchema>;

/** A state written by an older version that no longer parses is dropped rather than trusted. */
export function readPending(raw: unknown): Pending | null {
  const parsed = pendingSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

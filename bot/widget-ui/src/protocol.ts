// The /widget namespace as the widget reads it. Parsing is deliberately tolerant: unknown fields pass,
// unknown message types render as a fallback, so a newer server never breaks an older widget.
import * as z from 'zod/mini';

const id = z.union([z.string(), z.number()]);

export const serverMessageSchema = z.looseObject({
  id,
  conversationId: z.optional(z.nullable(id)),
  role: z.string(),
  type: z.string(),
  payload: z.optional(z.unknown()),
  createdAt: z.optional(z.string()),
  replyTo: z.optional(z.nullable(id)),
});
export type ServerMessage = z.infer<typeof serverMessageSchema>;

const option = z.looseObject({ label: z.string(), value: z.string() });
const action = z.looseObject({ action: z.string(), label: z.string(), value: z.string() });
const card = z.looseObject({
  title: z.string(),
  subtitle: z.optional(z.string()),
  imageUrl: z.optional(z.string()),
  actions: z._default(z.array(action), []),
});

/** Order fields the widget shows; the live `order:update` event carries the same shape (or a part of it). */
export const orderSchema = z.looseObject({
  id: z.optional(id),
  orderNo: z.optional(z.string()),
  status: z.string(),
  amountCents: z.optional(z.number()),
  quantity: z.optional(z.number()),
  productName: z.optional(z.string()),
  product: z.optional(z.nullable(z.looseObject({ name: z.string() }))),
});
export type OrderInfo = z.infer<typeof orderSchema>;

/** Botpress standard payloads (see @botpress/sdk `messages.defaults`), plus an optional attached order. */
export const payloadSchemas = {
  text: z.looseObject({ text: z.string() }),
  image: z.looseObject({ imageUrl: z.string(), title: z.optional(z.string()) }),
  choice: z.looseObject({ text: z.string(), options: z.array(option) }),
  dropdown: z.looseObject({ text: z.string(), options: z.array(option) }),
  card,
  carousel: z.looseObject({ items: z.array(card) }),
  order: z.looseObject({ order: orderSchema, text: z.optional(z.string()) }),
};
export type CardPayload = z.infer<typeof card>;
export type CardAction = z.infer<typeof action>;
export type Option = z.infer<typeof option>;

export const orderUpdateSchema = z.union([orderSchema, z.object({ order: orderSchema })]);

export const conversationUpdateSchema = z.looseObject({
  conversationId: z.optional(z.nullable(id)),
  id: z.optional(id),
  status: z.string(),
  agent: z.optional(z.nullable(z.union([z.string(), z.looseObject({ name: z.string() })]))),
  agentName: z.optional(z.nullable(z.string())),
});

export type ConversationUpdate = z.infer<typeof conversationUpdateSchema>;

export const typingSchema = z.looseObject({ role: z.optional(z.string()), typing: z.optional(z.boolean()), on: z.optional(z.boolean()) });

export const ackSchema = z.union([
  z.looseObject({ ok: z.literal(true), message: z.optional(serverMessageSchema), messages: z.optional(z.array(serverMessageSchema)), conversation: z.optional(z.unknown()) }),
  z.looseObject({ ok: z.literal(false), error: z.looseObject({ code: z.string(), message: z.optional(z.string()) }) }),
]);
export type Ack = z.infer<typeof ackSchema>;

/**
 * The order a card is about, so its status can follow `order:update`: an `orderNo` on the card itself, else the
 * first postback button whose JSON value names one (the bot's buttons carry `{action, orderNo}`).
 */
export function cardOrderNo(card: CardPayload): string | null {
  if (typeof card.orderNo === 'string') return card.orderNo;
  for (const a of card.actions) {
    if (a.action !== 'postback') continue;
    try {
      const value: unknown = JSON.parse(a.value);
      if (value && typeof value === 'object' && typeof (value as { orderNo?: unknown }).orderNo === 'string') return (value as { orderNo: string }).orderNo;
    } catch {
      // Not JSON: a plain postback value names no order.
    }
  }
  return null;
}

/** What a button press sends: the option/action value, its label (shown as the buyer's bubble) and the message it answers. */
export interface Postback {
  value: string;
  label: string;
  messageId: string | number;
}

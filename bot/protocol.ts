// The widget protocol's inbound payloads (buyer → server) and the outbound message shape (server → buyer).
// See bot/README.md for the full protocol.
import { z } from 'zod';
import { CLIENT_MSG_ID } from '../models/conversation-service';
import { WidgetError } from './errors';
import { Postback, postbackSchema } from './postbacks';

export const MAX_TEXT_LENGTH = 2000;

const messageInput = z.union([
  z.object({ clientMsgId: CLIENT_MSG_ID, text: z.string() }).strict(),
  z
    .object({
      clientMsgId: CLIENT_MSG_ID,
      // `value` is the pressed button's value, returned as it was sent; `label` is what the buyer saw.
      postback: z.object({ value: z.string().max(1000), label: z.string().max(200).optional(), messageId: z.union([z.number(), z.string()]).optional() }),
    })
    .strict(),
]);

export type BuyerInput = { clientMsgId: string } & ({ kind: 'text'; text: string } | { kind: 'postback'; postback: Postback; label: string | null });

function decodePostback(value: string): Postback {
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    throw new WidgetError('UNKNOWN_POSTBACK', undefined, { value });
  }
  const postback = postbackSchema.safeParse(json);
  if (!postback.success) throw new WidgetError('UNKNOWN_POSTBACK', undefined, { value });
  return postback.data;
}

/** Validates a `message` event payload; throws a WidgetError with the precise code. */
export function parseMessageInput(raw: unknown): BuyerInput {
  const parsed = messageInput.safeParse(raw);
  if (!parsed.success) {
    throw new WidgetError('VALIDATION_FAILED', 'message: expected {clientMsgId, text} or {clientMsgId, postback}', {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  const data = parsed.data;
  if ('text' in data) {
    const text = data.text.trim();
    if (!text) throw new WidgetError('VALIDATION_FAILED', 'text: must not be empty');
    if (text.length > MAX_TEXT_LENGTH) throw new WidgetError('TEXT_TOO_LONG', undefined, { max: MAX_TEXT_LENGTH, length: text.length });
    return { clientMsgId: data.clientMsgId, kind: 'text', text };
  }
  const label = data.postback.label?.trim() || null;
  return { clientMsgId: data.clientMsgId, kind: 'postback', postback: decodePostback(data.postback.value), label };
}

/** `afterId: null` (a fresh widget) means from the start. */
export const syncInput = z.object({ afterId: z.number().int().min(0).nullable() }).strict();

// The wire shape of a stored message is the domain's, shared with the desk namespace.
export type { StoredMessage as WireMessage } from '../models/events';
export { wireOf as toWire } from '../models/message-wire';

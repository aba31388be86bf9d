// Inbound `/desk` event payloads. Unknown fields are refused; types flow from these schemas.
import { z } from 'zod';
import { CANCEL_CATEGORIES, CANCEL_REASONS, COMPENSATION_KINDS, ORDER_STATUSES } from '../models';
import { CLOSE_TARGETS } from '../models/handoff-service';
import { CONVERSATION_LANGS } from '../models/conversation-enums';

const id = z.number().int().positive();
const handoff = { handoffId: id };
const orderAction = { handoffId: id, orderId: id, expectedStatus: z.enum(ORDER_STATUSES) };
const requestId = z.string().trim().min(1).max(100);

export const deskEvents = {
  'queue:list': z.object({}).strict(),
  'agents:roster': z.object({}).strict(),
  'handoff:open': z.object(handoff).strict(),
  'handoff:claim': z.object(handoff).strict(),
  'handoff:takeover': z.object(handoff).strict(),
  'handoff:transfer': z.object({ ...handoff, toAgentId: id.nullable() }).strict(),
  'message:send': z.object({ ...handoff, clientMsgId: z.string().trim().min(1).max(60), text: z.string() }).strict(),
  typing: z.object({ ...handoff, typing: z.boolean() }).strict(),
  'note:add': z.object({ ...handoff, text: z.string() }).strict(),
  'handoff:tag': z.object({ ...handoff, category: z.enum(CANCEL_CATEGORIES), reasonCode: z.enum(CANCEL_REASONS) }).strict(),
  'handoff:close': z.object({ ...handoff, to: z.enum(CLOSE_TARGETS) }).strict(),
  'order:cancel': z.object({ ...orderAction, category: z.enum(CANCEL_CATEGORIES), reasonCode: z.enum(CANCEL_REASONS), note: z.string().max(2000).nullish() }).strict(),
  'order:replaceKeys': z.object({ ...orderAction, requestId, reasonCode: z.enum(CANCEL_REASONS), note: z.string().max(2000).nullish() }).strict(),
  'order:compensate': z
    .object({ handoffId: id, orderId: id, kind: z.enum(COMPENSATION_KINDS), amountCents: z.number().int().min(1).max(100_000), reason: z.string().trim().min(1).max(64), requestId })
    .strict(),
  'order:resolveDispute': z.discriminatedUnion('outcome', [
    z.object({ ...orderAction, outcome: z.literal('refund'), resolution: z.string().max(2000), category: z.enum(CANCEL_CATEGORIES), reasonCode: z.enum(CANCEL_REASONS) }).strict(),
    z.object({ ...orderAction, outcome: z.literal('reject'), resolution: z.string().max(2000) }).strict(),
  ]),
  'canned:list': z.object({ lang: z.enum(CONVERSATION_LANGS).optional() }).strict(),
  'canned:render': z.object({ ...handoff, cannedId: id, orderId: id.optional() }).strict(),
} as const;

export type DeskEvent = keyof typeof deskEvents;
export type DeskPayload<E extends DeskEvent> = z.infer<(typeof deskEvents)[E]>;

// The /desk namespace and /api/auth as the web desk reads them (desk/README.md). Parsing is tolerant: unknown
// fields pass and optional parts default, so a newer server never blanks the desk; a payload that does not
// fit at all is dropped rather than half-rendered.
import * as z from 'zod/mini';

const iso = z.nullable(z.string());
const opt = <T extends z.ZodMiniType>(t: T) => z.optional(z.nullable(t));

export const wireMessageSchema = z.looseObject({
  id: z.number(),
  conversationId: z.number(),
  role: z.string(),
  type: z.string(),
  payload: z._default(z.record(z.string(), z.unknown()), {}),
  createdAt: z.string(),
});
export type WireMessage = z.infer<typeof wireMessageSchema>;

export const orderSchema = z.looseObject({
  id: z.number(),
  orderNo: z.string(),
  status: z.string(),
  quantity: z.number(),
  amountCents: z.number(),
  createdAt: z.string(),
  paidAt: opt(z.string()),
  deliveredAt: opt(z.string()),
  revealedAt: opt(z.string()),
  product: opt(z.looseObject({ name: z.string(), brand: z.optional(z.string()), sku: z.optional(z.string()) })),
  payments: z._default(z.array(z.looseObject({ externalId: z.string(), channel: z.string(), amountCents: z.number(), status: z.string(), paidAt: opt(z.string()) })), []),
  refunds: z._default(
    z.array(z.looseObject({ id: z.number(), amountCents: z.number(), channel: z.string(), status: z.string(), reason: z.string(), expectedBy: opt(z.string()), completedAt: opt(z.string()) })),
    [],
  ),
  cancellation: opt(z.looseObject({ category: z.string(), reasonCode: z.string(), stage: z.string(), initiatorType: z.string(), note: opt(z.string()), createdAt: z.string() })),
  cardKeys: z._default(z.array(z.looseObject({ serial: z.string(), secret: z.string(), status: z.string() })), []),
});
export type OrderSummary = z.infer<typeof orderSchema>;

export const noteSchema = z.looseObject({ id: z.number(), agentId: z.number(), agentName: z.string(), text: z.string(), createdAt: z.string() });
export type Note = z.infer<typeof noteSchema>;

const stateShape = {
  handoffId: z.number(),
  conversationId: z.number(),
  status: z.string(),
  reason: z.string(),
  orderId: opt(z.number()),
  priority: z.number(),
  claimedBy: opt(z.string()),
  claimedByName: opt(z.string()),
  slaDueAt: iso,
  replyDueAt: iso,
  breachedAt: iso,
  firstResponseAt: iso,
  tags: opt(z.looseObject({ category: z.string(), reasonCode: z.string() })),
  involvesCancellation: z.boolean(),
  createdAt: z.string(),
  claimedAt: iso,
  closedAt: iso,
};
export const handoffStateSchema = z.looseObject(stateShape);
export type HandoffState = z.infer<typeof handoffStateSchema>;

const creditReason = z.looseObject({ code: z.string(), message: z.optional(z.looseObject({ zh: z.string(), en: z.string() })) });
export const handoffViewSchema = z.looseObject({
  ...stateShape,
  summary: opt(
    z.looseObject({
      intent: opt(z.string()),
      orderNo: opt(z.string()),
      reason: opt(z.string()),
      detail: opt(z.string()),
      detailEn: opt(z.string()),
      lastBuyerText: opt(z.string()),
      botActions: opt(z.array(z.unknown())),
    }),
  ),
  buyer: z.looseObject({
    id: z.number(),
    externalId: z.string(),
    name: opt(z.string()),
    credit: z.looseObject({ level: z.string(), reasons: z._default(z.array(creditReason), []) }),
    previousConversations: z.number(),
    cancellations: z.number(),
  }),
  orders: z.array(orderSchema),
  transcript: z.array(wireMessageSchema),
  notes: z._default(z.array(noteSchema), []),
});
export type HandoffView = z.infer<typeof handoffViewSchema>;

export const agentSchema = z.looseObject({ id: z.number(), name: z.string(), role: z.string(), email: z.optional(z.string()) });
export type AgentProfile = z.infer<typeof agentSchema>;

export const rosterEntrySchema = z.looseObject({ id: z.number(), name: z.string(), role: z.string(), online: z.boolean(), held: z.number(), maxChats: z.number() });
export type RosterEntry = z.infer<typeof rosterEntrySchema>;

export const snapshotSchema = z.looseObject({ handoffs: z.array(handoffViewSchema), agent: agentSchema });
export const messageEventSchema = z.looseObject({ handoffId: z.number(), conversationId: z.number(), message: wireMessageSchema });
export const noteEventSchema = z.looseObject({ handoffId: z.number(), note: noteSchema });
export const orderEventSchema = z.looseObject({ handoffId: z.number(), order: orderSchema });
export const breachSchema = z.looseObject({ handoffId: z.number(), conversationId: z.number(), kind: z.string(), claimedBy: opt(z.string()), at: z.string() });
export type SlaBreach = z.infer<typeof breachSchema>;

export const cannedSchema = z.looseObject({ id: z.number(), shortcut: z.string(), lang: z.string(), title: z.string(), body: z.string() });
export type Canned = z.infer<typeof cannedSchema>;

export const errorSchema = z.looseObject({ code: z.string(), message: z._default(z.string(), ''), details: z.optional(z.record(z.string(), z.unknown())) });
export type DeskError = z.infer<typeof errorSchema>;

/** `{ok:true,…}` or `{ok:false,error}`: every agent → server event is acknowledged this way. */
export const ackSchema = z.union([z.looseObject({ ok: z.literal(true) }), z.looseObject({ ok: z.literal(false), error: errorSchema })]);

/** The fresh order an action failure carries (`ORDER_CHANGED` and domain refusals). */
export function freshOrderOf(error: DeskError): OrderSummary | null {
  const parsed = orderSchema.safeParse(error.details?.order);
  return parsed.success ? parsed.data : null;
}

/** The value as a one-element list when it fits the schema, else none: for flatMap over untrusted lists. */
export function parsed<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, value: unknown): T[] {
  const r = schema.safeParse(value);
  return r.success ? [r.data] : [];
}

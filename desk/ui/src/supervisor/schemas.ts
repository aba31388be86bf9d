// The /api/supervisor answers as the supervisor pages read them (desk/supervisor/README.md). Tolerant like
// protocol.ts: unknown fields pass; an answer that does not fit is reported as BAD_RESPONSE, never half-drawn.
import * as z from 'zod/mini';
import { cannedSchema } from '../protocol';

const rate = { orders: z.number(), cancelled: z.number(), rate: z.nullable(z.number()) };
export const rateSchema = z.looseObject(rate);
export type Rate = z.infer<typeof rateSchema>;

export const utteranceSchema = z.looseObject({ id: z.string(), intent: z.string(), lang: z.string(), text: z.string(), source: z.string(), edited: z.boolean() });
export type Utterance = z.infer<typeof utteranceSchema>;

export const intentsSchema = z.looseObject({
  intents: z.array(z.looseObject({ intent: z.string(), counts: z.looseObject({ zh: z.number(), en: z.number() }), edits: z.number() })),
  threshold: z.number(),
  activeVersion: z.nullable(z.string()),
});
export const utterancesSchema = z.looseObject({ utterances: z.array(utteranceSchema) });

export const auditSchema = z.looseObject({
  audit: z.array(z.looseObject({ id: z.number(), area: z.string(), action: z.string(), subject: z.unknown(), actorName: z.optional(z.nullable(z.string())), before: z.unknown(), after: z.unknown(), note: z.nullable(z.string()), createdAt: z.string() })),
});
export type AuditRow = z.infer<typeof auditSchema>['audit'][number];

export const inboxItemSchema = z.looseObject({
  messageId: z.number(),
  text: z.string(),
  lang: z.string(),
  createdAt: z.string(),
  nlu: z.nullable(z.looseObject({ intent: z.string(), confidence: z.nullable(z.number()) })),
  reasons: z.array(z.string()),
  relabel: z.nullable(z.looseObject({ intent: z.string(), agentName: z.nullable(z.string()) })),
  status: z.string(),
});
export type InboxItem = z.infer<typeof inboxItemSchema>;
export const inboxSchema = z.looseObject({ items: z.array(inboxItemSchema) });

const metricsSchema = z.looseObject({
  folds: z.number(),
  accuracy: z.number(),
  macroF1: z.number(),
  outOfScopeFalseAccept: z.nullable(z.number()),
  inScopeFalseReject: z.nullable(z.number()),
  confusions: z.array(z.looseObject({ truth: z.string(), predicted: z.string(), count: z.number(), examples: z.array(z.string()) })),
});
export type Metrics = z.infer<typeof metricsSchema>;
export const trainingSchema = z.looseObject({
  id: z.number(),
  status: z.string(),
  version: z.nullable(z.string()),
  examples: z.number(),
  startedAt: z.string(),
  error: z.nullable(z.string()),
  metrics: z.nullable(metricsSchema),
});
export type Training = z.infer<typeof trainingSchema>;
export const modelsSchema = z.looseObject({ activeVersion: z.nullable(z.string()), threshold: z.number(), retraining: z.boolean(), versions: z.array(z.string()), trainings: z.array(trainingSchema) });
export type Models = z.infer<typeof modelsSchema>;

const pairSchema = z.looseObject({ text: z.string(), lang: z.string(), truth: z.string(), baseline: z.string(), candidate: z.string() });
export type Pair = z.infer<typeof pairSchema>;
const side = z.looseObject({ version: z.string(), metrics: metricsSchema });
export const comparisonSchema = z.looseObject({
  baseline: side,
  candidate: side,
  paired: z.looseObject({ common: z.number(), baselineCorrect: z.number(), candidateCorrect: z.number(), fixed: z.array(pairSchema), broken: z.array(pairSchema) }),
});
export type Comparison = z.infer<typeof comparisonSchema>;

// The row key is the grouped column: a product or merchant id (number), a brand or a day (string).
export const ratesSchema = z.looseObject({ total: rateSchema, rows: z.array(z.looseObject({ key: z.union([z.number(), z.string()]), label: z.string(), ...rate })) });
export type RateRow = z.infer<typeof ratesSchema>['rows'][number];
const cellSchema = z.looseObject({ dow: z.number(), hour: z.number(), ...rate });
export type Cell = z.infer<typeof cellSchema>;
export const heatmapSchema = z.looseObject({ from: z.string(), to: z.string(), total: rateSchema, cells: z.array(cellSchema), peak: z.nullable(cellSchema) });
export const reasonsSchema = z.looseObject({
  total: z.number(),
  byCategory: z.array(z.looseObject({ category: z.string(), count: z.number(), share: z.nullable(z.number()) })),
  byReason: z.array(z.looseObject({ category: z.string(), reasonCode: z.string(), count: z.number(), share: z.nullable(z.number()), refundedCents: z.number() })),
  trend: z.array(z.looseObject({ day: z.string(), total: z.number(), byCategory: z.record(z.string(), z.number()), byReason: z.record(z.string(), z.number()) })),
});
export type Reasons = z.infer<typeof reasonsSchema>;
export const alertsSchema = z.looseObject({
  alerts: z.array(z.looseObject({ productId: z.number(), name: z.string(), brand: z.nullable(z.string()), window: rateSchema, baseline: rateSchema, ratio: z.nullable(z.number()), z: z.number() })),
});
export type Alert = z.infer<typeof alertsSchema>['alerts'][number];

const timing = z.looseObject({ count: z.number(), avgMs: z.nullable(z.number()), maxMs: z.nullable(z.number()) });
export const serviceSchema = z.looseObject({
  containment: z.looseObject({ conversations: z.number(), handedOff: z.number(), contained: z.number(), rate: z.nullable(z.number()) }),
  handoffsByIntent: z.array(z.looseObject({ intent: z.string(), conversations: z.number(), handedOff: z.number(), rate: z.nullable(z.number()) })),
  // `key` is null for the handoffs nobody claimed (by agent).
  rows: z.array(
    z.looseObject({ key: z.nullable(z.string()), label: z.string(), handoffs: z.number(), firstResponse: timing, handling: timing, slaBreaches: z.number(), csat: z.looseObject({ count: z.number(), average: z.nullable(z.number()) }) }),
  ),
});
export type Service = z.infer<typeof serviceSchema>;

export const buyerCreditSchema = z.looseObject({
  buyerId: z.number(),
  externalId: z.string(),
  name: z.nullable(z.string()),
  level: z.string(),
  computedLevel: z.string(),
  reasons: z.array(z.looseObject({ code: z.string(), count: z.number(), threshold: z.number(), message: z.looseObject({ zh: z.string(), en: z.string() }) })),
  override: z.nullable(z.looseObject({ level: z.string(), note: z.string(), byName: z.nullable(z.string()), at: z.string() })),
});
export type BuyerCredit = z.infer<typeof buyerCreditSchema>;
export const buyersSchema = z.looseObject({ buyers: z.array(buyerCreditSchema) });

/** `/api/desk/canned`: the desk's own canned response shape, listed. */
export const cannedListSchema = z.looseObject({ canned: z.array(cannedSchema) });

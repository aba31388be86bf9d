// The fixed intent vocabulary: later features (bot flows, desk routing, evaluations) key on these names.
import { z } from 'zod';

export const INTENTS = [
  'forgot_to_pay',
  'wrong_item',
  'cancel_order',
  'refund_status',
  'order_status',
  'price_changed',
  'redeem_help',
  'cancel_policy',
  'card_invalid',
  'payment_issue',
  'account_security',
  'merchant_issue',
  'complaint',
  'human_agent',
  'greeting',
  'thanks',
  'goodbye',
  'affirm',
  'deny',
  'out_of_scope',
] as const;

export const IntentSchema = z.enum(INTENTS);
export type Intent = z.infer<typeof IntentSchema>;

/** Intents the bot must hand to a person: money or trust is at stake and no scripted answer resolves them. */
export const HUMAN_INTENTS = [
  'card_invalid',
  'payment_issue',
  'account_security',
  'merchant_issue',
  'complaint',
  'human_agent',
] as const satisfies readonly Intent[];

export type HumanIntent = (typeof HUMAN_INTENTS)[number];

export function isHumanIntent(intent: Intent): intent is HumanIntent {
  return (HUMAN_INTENTS as readonly Intent[]).includes(intent);
}

export const LANGS = ['zh', 'en'] as const;
export const LangSchema = z.enum(LANGS);
export type Lang = z.infer<typeof LangSchema>;

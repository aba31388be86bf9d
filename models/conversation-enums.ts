// Closed vocabularies of widget conversations and handoffs; schemas, models and the bot derive from these lists.
export const CONVERSATION_STATUSES = ['bot', 'queued', 'agent', 'closed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const CONVERSATION_LANGS = ['zh', 'en'] as const;
export type ConversationLang = (typeof CONVERSATION_LANGS)[number];

export const MESSAGE_ROLES = ['buyer', 'bot', 'agent', 'system'] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];

export const HANDOFF_STATUSES = ['queued', 'claimed', 'closed'] as const;
export type HandoffStatus = (typeof HANDOFF_STATUSES)[number];

/** Why the bot gave a conversation to a person. */
export const HANDOFF_REASONS = [
  'human_intent',
  'credit_restricted',
  'amount_limit',
  'not_cancellable',
  'misunderstanding',
  'negative_sentiment',
  'buyer_request',
] as const;
export type HandoffReason = (typeof HANDOFF_REASONS)[number];

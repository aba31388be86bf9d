// Builders of the bot's outgoing messages. Every payload is checked against @botpress/sdk's standard message
// schemas, so whatever renders Botpress messages renders ours.
import { messages } from '@botpress/sdk';
import type { MessageDraft } from '../models/conversation-service';
import { encodePostback, Postback } from './postbacks';

const SCHEMAS = messages.defaults;

export interface Button {
  label: string;
  postback?: Postback;
  url?: string;
}

function draft(type: keyof typeof SCHEMAS, payload: Record<string, unknown>): MessageDraft {
  SCHEMAS[type].schema.parse(payload);
  return { role: 'bot', type, payload };
}

const action = (b: Button) =>
  b.url ? { action: 'url' as const, label: b.label, value: b.url } : { action: 'postback' as const, label: b.label, value: encodePostback(b.postback!) };

export const text = (body: string): MessageDraft => draft('text', { text: body });

/** A question with quick-reply buttons (postbacks only). */
export const choice = (body: string, buttons: Array<{ label: string; postback: Postback }>): MessageDraft =>
  draft('choice', { text: body, options: buttons.map((b) => ({ label: b.label, value: encodePostback(b.postback) })) });

export interface CardSpec {
  title: string;
  subtitle?: string;
  buttons: Button[];
}

const cardPayload = (c: CardSpec) => ({ title: c.title, ...(c.subtitle ? { subtitle: c.subtitle } : {}), actions: c.buttons.map(action) });

export const card = (c: CardSpec): MessageDraft => draft('card', cardPayload(c));

export const carousel = (cards: CardSpec[]): MessageDraft => draft('carousel', { items: cards.map(cardPayload) });

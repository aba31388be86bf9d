// What the bot needs from the composition root. The server's context satisfies it structurally, so bot/ never
// imports server/ (dependencies point one way).
import type { Logger } from 'pino';
import type { Domain } from '../models';
import type { Nlu } from './nlu';

export interface BotConfig {
  demo: boolean;
  /** HS256 secret of the buyer JWTs the host store signs for the chat widget. */
  widgetSecret: string;
  /** Cancellations of orders above this amount go to a human instead of the bot. */
  handoffAmountLimitCents: number;
  /** Per-buyer widget message budget: `points` messages per `seconds`. */
  widgetRateLimit: { points: number; seconds: number };
  /** The store's payment page for an order; `{orderNo}` is replaced. */
  payUrlTemplate: string;
}

export interface BotContext {
  config: BotConfig;
  domain: Domain;
  logger: Logger;
  /** The server's shared NLU engine (supervisors retrain and activate it); without one the bot loads its own. */
  nlu?: () => Promise<Nlu>;
}

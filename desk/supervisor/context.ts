// What the supervisor routes need from the composition root. The server's context, plus its intents runtime,
// satisfies it structurally, so desk/ never imports server/.
import type { Logger } from 'pino';
import type { Example, IntentEngine } from '../../intents';
import type { Domain } from '../../models';
import type { DeskConfig } from '../context';

export interface SupervisorIntents {
  /** The engine the bot classifies with, loaded on first use: what is activated here answers the bot's next turn. */
  engine(): Promise<IntentEngine>;
  /** The shipped training set (intents/data). */
  seed(): readonly Example[];
  /** Folds of the cross-validation after each retrain. */
  folds: number;
}

export interface SupervisorContext {
  config: { desk: DeskConfig };
  domain: Domain;
  logger: Logger;
  intents: SupervisorIntents;
}

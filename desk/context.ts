// What the desk needs from the composition root. The server's context satisfies it structurally, so desk/ never
// imports server/ (dependencies point one way).
import type { Logger } from 'pino';
import type { Domain } from '../models';
import type { DeskTimings } from '../models/handoff-service';

export interface DeskConfig {
  /** HS256 secret of desk tokens (agents' sessions); distinct from the widget's. */
  secret: string;
  timings: DeskTimings;
  /** Minutes after midnight, China time: [open, close). */
  businessHours: { open: number; close: number };
  /** Set the cookie's Secure flag (production behind HTTPS). */
  secureCookie: boolean;
  /** Round-robin: a handoff entering the queue goes to the online agent with room who least recently got one. */
  autoAssign: boolean;
}

export interface DeskContext {
  config: { demo: boolean; desk: DeskConfig };
  domain: Domain;
  logger: Logger;
}

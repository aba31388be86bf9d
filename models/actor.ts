// Who performs an action on an order; recorded on every audit event, cancellation and compensation.
import { z } from 'zod';
import { ACTOR_TYPES } from './enums';

export const actorSchema = z.object({
  type: z.enum(ACTOR_TYPES),
  id: z.string().max(128).nullish(),
});
export type Actor = z.infer<typeof actorSchema>;

export const SYSTEM: Actor = { type: 'system', id: null };

/** Actors whose cancellations are "automatic" (no human judged them) and so obey the credit policy. */
export const isAutomatic = (actor: Actor): boolean => actor.type === 'buyer' || actor.type === 'bot';

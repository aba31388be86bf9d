// The buyer's rating of a conversation an agent closed: one per conversation, a repeat returns the first.
import { UniqueConstraintError } from 'sequelize';
import { z } from 'zod';
import type { Clock } from './clock';
import { DomainError } from './errors';
import { Conversation, CsatRating, Handoff } from './tables';
import { parseInput } from './validate';

export const csatInput = z
  .object({
    clientMsgId: z.string().trim().min(1).max(64),
    conversationId: z.union([z.number().int().positive(), z.string().regex(/^\d+$/).transform(Number)]),
    rating: z.number().int().min(1).max(5),
    comment: z.string().trim().max(1000).nullish(),
  })
  .strict();

export class CsatService {
  constructor(private readonly deps: { clock: Clock }) {}

  /** Only the buyer's own conversation, and only after an agent closed it (that is when the widget asks). */
  async rate(buyerId: number, input: unknown): Promise<{ rating: CsatRating; duplicate: boolean }> {
    const data = parseInput(csatInput, input);
    const conversation = await Conversation.findByPk(data.conversationId);
    if (!conversation || conversation.buyerId !== buyerId) throw new DomainError('NOT_FOUND', 'No such conversation', { conversationId: data.conversationId });
    const known = await CsatRating.findOne({ where: { conversationId: conversation.id } });
    if (known) return { rating: known, duplicate: true };
    const handoff = await Handoff.findOne({ where: { conversationId: conversation.id, status: 'closed', closedTo: 'closed' }, order: [['id', 'DESC']] });
    if (!handoff) throw new DomainError('INVALID_TRANSITION', 'Only a conversation an agent closed can be rated', { conversationId: conversation.id });
    try {
      const rating = await CsatRating.create({
        conversationId: conversation.id,
        handoffId: handoff.id,
        buyerId,
        rating: data.rating,
        comment: data.comment || null,
        createdAt: this.deps.clock.now(),
      });
      return { rating, duplicate: false };
    } catch (err) {
      if (err instanceof UniqueConstraintError) return { rating: await CsatRating.findOne({ where: { conversationId: conversation.id }, rejectOnEmpty: true }), duplicate: true };
      throw err;
    }
  }
}

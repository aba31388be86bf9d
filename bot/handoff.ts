// When the bot stops and a person takes over: a handoff row with a summary an agent can act on without
// scrolling (intent, order, what the bot already did, why), the conversation queued, the buyer told.
import { OrderEvent, OrderSummary } from '../models';
import type { HandoffReason } from '../models/conversation-enums';
import { describeHandoff } from './handoff-summary';
import * as m from './messages';
import type { TurnContext } from './turn';

/** Money or account safety first, then upset buyers, then the rest. */
const PRIORITY: Record<HandoffReason, number> = {
  negative_sentiment: 3,
  credit_restricted: 2,
  amount_limit: 2,
  not_cancellable: 2,
  human_intent: 2,
  buyer_request: 1,
  misunderstanding: 1,
};
const URGENT_INTENTS: ReadonlySet<string> = new Set(['account_security', 'payment_issue', 'card_invalid']);

export const handoffPriority = (reason: HandoffReason, intent: string | null): number => PRIORITY[reason] + (intent && URGENT_INTENTS.has(intent) ? 1 : 0);

/** What the bot did to orders in this conversation (audited under its actor id) plus this turn's actions. */
async function botActions(turn: TurnContext): Promise<string[]> {
  const events = await OrderEvent.findAll({ where: { actorType: 'bot', actorId: turn.actor.id }, order: [['id', 'ASC']], raw: true });
  const done = events.map((e) => `${e.action} order #${e.orderId} → ${e.toStatus}${e.reason ? ` (${e.reason})` : ''}`);
  return [...done, ...turn.actions];
}

/**
 * `opts.detail` is the flow's technical note (kept as `trace`); the agent reads a sentence written from the
 * turn's facts, in both languages.
 */
export async function handOff(turn: TurnContext, reason: HandoffReason, opts: { intent?: string | null; order?: OrderSummary | null; detail: string }): Promise<void> {
  if (turn.conversation.status === 'queued') {
    // Already waiting for a person: one handoff per wait, the agent reads this message in the transcript.
    turn.pending = null;
    turn.say(m.text(turn.t.stillQueued));
    return;
  }
  const intent = opts.intent ?? turn.state.intent ?? turn.conversation.intent ?? null;
  const priority = handoffPriority(reason, intent);
  const credit = reason === 'credit_restricted' ? (await turn.deps.domain.credit.profile(turn.buyerId)).reasons : [];
  const human = describeHandoff({ reason, intent, order: opts.order ?? null, buyerText: turn.buyerText, credit, misses: turn.failedCount });
  turn.handoff = {
    reason,
    intent,
    orderId: opts.order?.id ?? null,
    priority,
    summary: {
      intent,
      orderNo: opts.order?.orderNo ?? null,
      reason,
      detail: human.zh,
      detailEn: human.en,
      trace: opts.detail,
      botActions: await botActions(turn),
      lastBuyerText: turn.buyerText,
    },
  };
  turn.state.status = 'queued';
  turn.pending = null;
  turn.say(m.text(turn.t.join(turn.t.handoffReason[reason], turn.t.handoff)));
}

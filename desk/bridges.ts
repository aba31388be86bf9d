// Domain events → `/desk` rooms. Each node forwards the events of the changes it made; the adapter carries the
// emits to agents on other nodes. New handoffs are admitted here (SLA clock, priority) and then pushed preloaded.
import type { Namespace } from 'socket.io';
import { Handoff, Order, summarize } from '../models';
import type { HandoffChanged } from '../models/events';
import { describeHours } from './business-hours';
import type { DeskContext } from './context';
import { handoffState, handoffView } from './handoff-view';
import { deskOpen, publishQueue } from './queue-notices';
import { onlineAgentIds } from './roster';
import { AGENTS, agentRoom, SUPERVISORS } from './rooms';
import type { DeskServices } from './services';
import { DESK_TEXTS } from './texts';

/** Changes after which queued buyers stand somewhere else. */
const QUEUE_MOVES: ReadonlySet<HandoffChanged['change']> = new Set(['admitted', 'claimed', 'assigned', 'taken_over', 'requeued', 'breached', 'closed']);

export function bridgeDeskEvents(nsp: Namespace, ctx: DeskContext, services: DeskServices): () => void {
  const { domain, logger } = ctx;
  const { events } = domain;
  const holders = (h: Handoff) => (h.status === 'claimed' && h.claimedBy ? [agentRoom(h.claimedBy), SUPERVISORS] : [AGENTS]);
  const guard = (what: string, fn: () => Promise<unknown>) => void fn().catch((err) => logger.error({ err }, `desk: ${what} failed`));
  const refreshQueue = () => guard('queue notices', () => publishQueue(nsp, domain, ctx.config.desk, services));

  /** With DESK_AUTO_ASSIGN a handoff entering the queue goes straight to an agent (not the one who just let it go). */
  async function assigned(e: HandoffChanged): Promise<boolean> {
    if (!ctx.config.desk.autoAssign || (e.change !== 'admitted' && e.change !== 'requeued')) return false;
    return (await services.handoffs.autoAssign(e.handoffId, [...(await onlineAgentIds(nsp))], e.previousAgentId)) !== null;
  }

  async function onChanged(e: HandoffChanged): Promise<void> {
    if (await assigned(e)) return;
    const h = await services.handoffs.get(e.handoffId);
    if (e.change === 'admitted' || e.change === 'requeued') {
      nsp.to(AGENTS).emit('handoff:new', await handoffView(domain, h, await services.handoffs.involvesCancellation(h)));
    } else {
      nsp.to(AGENTS).emit('handoff:update', { ...(await handoffState(h)), involvesCancellation: await services.handoffs.involvesCancellation(h) });
    }
    if ((e.change === 'transferred' || e.change === 'taken_over' || e.change === 'assigned') && h.claimedBy) {
      nsp.to(agentRoom(h.claimedBy)).emit('handoff:assigned', await handoffView(domain, h, await services.handoffs.involvesCancellation(h)));
    }
    if (e.change === 'breached' || e.cause === 'agent_idle' || e.cause === 'disconnected') {
      const kind = e.change === 'breached' ? 'first_reply' : e.cause;
      nsp.to(SUPERVISORS).emit('sla:breach', { handoffId: h.id, conversationId: h.conversationId, kind, claimedBy: h.claimedBy ?? e.previousAgentId, at: domain.clock.now().toISOString() });
    }
    if (e.change === 'admitted') {
      const { open } = await deskOpen(nsp, domain, ctx.config.desk);
      if (!open) {
        const hours = describeHours(ctx.config.desk.businessHours);
        await services.handoffs.systemMessage(h.conversationId, { zh: DESK_TEXTS.offline.zh.replace('{hours}', hours), en: DESK_TEXTS.offline.en.replace('{hours}', hours) });
      }
    }
    if (QUEUE_MOVES.has(e.change)) refreshQueue();
  }

  const unsubscribe = [
    events.subscribe('handoff.created', (e) => guard('admission', () => services.handoffs.admit(e.handoffId))),
    events.subscribe('handoff.changed', (e) => guard('handoff update', () => onChanged(e))),
    events.subscribe('conversation.message', (e) =>
      guard('message forward', async () => {
        if (e.status !== 'queued' && e.status !== 'agent') return;
        const h = await services.handoffs.activeFor(e.conversationId);
        if (!h) return;
        if (e.message.role === 'buyer') await services.timers.buyerWrote(e.conversationId);
        nsp.to(holders(h)).emit('message', { handoffId: h.id, conversationId: e.conversationId, message: e.message });
      }),
    ),
    events.subscribe('order.changed', (e) =>
      guard('order forward', async () => {
        const h = await Handoff.findOne({ where: { buyerId: e.buyerId, status: 'claimed' } });
        if (!h) return;
        const [order] = await summarize([await Order.findByPk(e.orderId, { raw: true, rejectOnEmpty: true })]);
        nsp.to(holders(h)).emit('order:update', { handoffId: h.id, order });
      }),
    ),
  ];
  return () => unsubscribe.forEach((off) => off());
}

// The /desk Socket.IO namespace: agents sign in with a desk token, get the queue snapshot, and work handoffs —
// claim, transfer, chat, notes, tags, order actions, close. Every payload is validated, every ack is
// {ok:true,…} | {ok:false,error}. Protocol: desk/README.md.
import type { Namespace, Server, Socket } from 'socket.io';
import { Agent, Buyer, DomainError, isDomainError, Order, summarize } from '../models';
import { OrderActionEvent, OrderActions } from './actions';
import { DeskSocketData, deskSocketAuth } from './auth';
import { bridgeDeskEvents } from './bridges';
import type { DeskContext } from './context';
import { handoffState, handoffView, HandoffView, noteViews } from './handoff-view';
import { deskEvents, DeskEvent, DeskPayload } from './protocol';
import { publishQueue } from './queue-notices';
import { roster } from './roster';
import { AGENTS, agentRoom, SUPERVISORS } from './rooms';
import { deskServices } from './services';

type Ack = (response: unknown) => void;
type Handler<E extends DeskEvent> = (agent: Agent, payload: DeskPayload<E>, socket: Socket) => Promise<Record<string, unknown>>;

export function attachDesk(io: Server, ctx: DeskContext): Namespace {
  const { domain, logger } = ctx;
  const services = deskServices(ctx);
  const { handoffs, timers, canned } = services;
  const actions = new OrderActions(domain, handoffs);
  const nsp = io.of('/desk');
  nsp.use(deskSocketAuth(ctx.config.desk.secret));
  io.httpServer.once('close', bridgeDeskEvents(nsp, ctx, services));

  const viewOf = async (handoffId: number): Promise<HandoffView> => {
    const h = await handoffs.get(handoffId);
    return handoffView(domain, h, await handoffs.involvesCancellation(h));
  };

  const handlers: { [E in DeskEvent]: Handler<E> } = {
    'queue:list': async (agent) => ({ handoffs: await snapshot(agent) }),
    'agents:roster': async () => ({ agents: await roster(nsp, handoffs) }),
    'handoff:open': async (agent, p) => {
      const h = await handoffs.get(p.handoffId);
      if (h.status === 'claimed' && h.claimedBy !== String(agent.id) && agent.role !== 'supervisor') throw new DomainError('FORBIDDEN', 'Another agent holds this conversation');
      return { handoff: await viewOf(h.id) };
    },
    'handoff:claim': async (agent, p) => ({ handoff: await viewOf((await handoffs.claim(p.handoffId, agent)).id) }),
    'handoff:takeover': async (agent, p) => ({ handoff: await viewOf((await handoffs.takeover(p.handoffId, agent)).id) }),
    'handoff:transfer': async (agent, p) => ({ handoff: await handoffState(await handoffs.transfer(p.handoffId, agent, p.toAgentId)) }),
    'message:send': async (agent, p) => {
      const { message, duplicate } = await handoffs.agentMessage(p.handoffId, agent, { clientMsgId: p.clientMsgId, text: p.text });
      return { message, ...(duplicate ? { duplicate: true } : {}) };
    },
    typing: async (agent, p) => {
      const h = await handoffs.get(p.handoffId);
      handoffs.assertHolder(h, agent, false);
      domain.events.publish('conversation.typing', { conversationId: h.conversationId, role: 'agent', typing: p.typing });
      return {};
    },
    'note:add': async (agent, p) => {
      const h = await handoffs.get(p.handoffId);
      const [note] = await noteViews([await handoffs.addNote(h.id, agent, { text: p.text })]);
      const rooms = h.claimedBy ? [agentRoom(h.claimedBy), SUPERVISORS] : [SUPERVISORS];
      nsp.to(rooms).emit('note', { handoffId: h.id, note });
      return { note };
    },
    'handoff:tag': async (agent, p) => ({ handoff: await handoffState(await handoffs.tag(p.handoffId, agent, { category: p.category, reasonCode: p.reasonCode })) }),
    'handoff:close': async (agent, p) => ({ handoff: await handoffState(await handoffs.close(p.handoffId, agent, p.to)) }),
    'order:cancel': (agent, p) => orderAction('order:cancel', agent, p),
    'order:replaceKeys': (agent, p) => orderAction('order:replaceKeys', agent, p),
    'order:compensate': (agent, p) => orderAction('order:compensate', agent, p),
    'order:resolveDispute': (agent, p) => orderAction('order:resolveDispute', agent, p),
    'canned:list': async (_agent, p) => ({ canned: (await canned.list(p.lang)).map((c) => ({ id: c.id, shortcut: c.shortcut, lang: c.lang, title: c.title, body: c.body })) }),
    'canned:render': async (agent, p) => {
      const h = await handoffs.get(p.handoffId);
      const orderId = p.orderId ?? h.orderId;
      const order = orderId ? await Order.findOne({ where: { id: orderId, buyerId: h.buyerId }, raw: true }) : null;
      const [summary] = order ? await summarize([order]) : [null];
      const buyer = await Buyer.findByPk(h.buyerId);
      return { text: await canned.render(p.cannedId, { order: summary ?? null, buyerName: buyer?.name ?? null, agentName: agent.name }) };
    },
  };

  async function orderAction<E extends OrderActionEvent>(event: E, agent: Agent, payload: DeskPayload<E>) {
    return { ...(await actions.run(event, agent, payload)) };
  }

  /** Queued handoffs, and what this agent holds (a supervisor: all held ones), most urgent first. */
  async function snapshot(agent: Agent): Promise<HandoffView[]> {
    const rows = [...(await handoffs.queue()), ...(await handoffs.held(agent))];
    return Promise.all(rows.map(async (h) => handoffView(domain, h, await handoffs.involvesCancellation(h))));
  }

  function bind<E extends DeskEvent>(socket: Socket, event: E): void {
    socket.on(event as string, (raw: unknown, maybeAck: unknown) => {
      const ack: Ack = typeof maybeAck === 'function' ? (maybeAck as Ack) : () => undefined;
      void (async () => {
        try {
          const parsed = deskEvents[event].safeParse(raw ?? {});
          if (!parsed.success) {
            const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
            throw new DomainError('VALIDATION_FAILED', `${event}: ${issues[0]?.path || 'payload'}: ${issues[0]?.message}`, { issues });
          }
          // Re-read on every event: a role change or a logout elsewhere applies at once.
          const agent = await Agent.findByPk((socket.data as DeskSocketData).agentId);
          if (!agent) throw new DomainError('AUTH_INVALID');
          ack({ ok: true, ...(await (handlers[event] as Handler<E>)(agent, parsed.data as DeskPayload<E>, socket)) });
        } catch (err) {
          if (isDomainError(err)) ack({ ok: false, error: err.toJSON() });
          else {
            logger.error({ err, event }, 'desk event failed');
            ack({ ok: false, error: { code: 'INTERNAL', message: 'Internal error' } });
          }
        }
      })();
    });
  }

  nsp.on('connection', async (socket) => {
    const { agentId } = socket.data as DeskSocketData;
    for (const event of Object.keys(deskEvents) as DeskEvent[]) bind(socket, event);
    socket.on('disconnect', () => {
      void (async () => {
        // The claim survives a short drop: only when no socket of this agent is left (on any node) does the grace period start.
        if ((await nsp.in(agentRoom(agentId)).fetchSockets()).length === 0) await timers.disconnected(agentId);
        await publishQueue(nsp, domain, ctx.config.desk, services);
      })().catch((err) => logger.error({ err, agentId }, 'desk disconnect handling failed'));
    });
    try {
      const agent = await Agent.findByPk(agentId, { rejectOnEmpty: true });
      socket.join([AGENTS, agentRoom(agentId), ...(agent.role === 'supervisor' ? [SUPERVISORS] : [])]);
      await timers.reconnected(agentId);
      socket.emit('queue:snapshot', { handoffs: await snapshot(agent), agent: { id: agent.id, name: agent.name, role: agent.role } });
      await publishQueue(nsp, domain, ctx.config.desk, services);
    } catch (err) {
      logger.error({ err, agentId }, 'desk connection setup failed');
    }
  });
  return nsp;
}

// Order actions from the desk: only by the conversation's holder, only on the handoff buyer's orders, audited
// as the agent. The agent acts on the state they saw (`expectedStatus`); if the order moved meanwhile, or the
// domain refuses, the error carries the fresh order so the desk can redraw it.
import { DomainError, isDomainError, Order, summarize, type Agent, type Domain, type OrderSummary } from '../models';
import type { Actor } from '../models/actor';
import type { HandoffService } from '../models/handoff-service';
import type { DeskPayload } from './protocol';

export type OrderActionEvent = 'order:cancel' | 'order:replaceKeys' | 'order:compensate' | 'order:resolveDispute';

export interface ActionResult {
  order: OrderSummary;
  replayed: boolean;
  compensation?: { id: number; kind: string; amountCents: number; couponCode: string | null; cardSerial: string | null };
}

const fresh = async (orderId: number): Promise<OrderSummary> => (await summarize([(await Order.findByPk(orderId, { raw: true, rejectOnEmpty: true }))]))[0]!;

export class OrderActions {
  constructor(
    private readonly domain: Domain,
    private readonly handoffs: HandoffService,
  ) {}

  async run<E extends OrderActionEvent>(event: E, agent: Agent, payload: DeskPayload<E>): Promise<ActionResult> {
    const h = await this.handoffs.get(payload.handoffId);
    this.handoffs.assertHolder(h, agent, false);
    const order = await Order.findByPk(payload.orderId);
    if (!order || order.buyerId !== h.buyerId) throw new DomainError('ORDER_NOT_FOUND', undefined, { orderId: payload.orderId });
    if ('expectedStatus' in payload && order.status !== payload.expectedStatus) {
      throw new DomainError('ORDER_CHANGED', undefined, { expectedStatus: payload.expectedStatus, order: await fresh(order.id) });
    }
    const actor: Actor = { type: 'agent', id: String(agent.id) };
    try {
      const result = await this.apply(event, payload, order.id, actor);
      if (result.cancelled) await this.handoffs.markCancellation(h.id);
      return { order: await fresh(order.id), replayed: result.replayed, ...(result.compensation ? { compensation: result.compensation } : {}) };
    } catch (err) {
      if (isDomainError(err) && err.code !== 'VALIDATION_FAILED') {
        throw new DomainError(err.code, err.message, { ...err.details, order: await fresh(order.id) });
      }
      throw err;
    }
  }

  private async apply(
    event: OrderActionEvent,
    payload: DeskPayload<OrderActionEvent>,
    orderId: number,
    actor: Actor,
  ): Promise<{ replayed: boolean; cancelled: boolean; compensation?: ActionResult['compensation'] }> {
    const { orders, compensation } = this.domain;
    switch (event) {
      case 'order:cancel': {
        const p = payload as DeskPayload<'order:cancel'>;
        const r = await orders.cancel(orderId, { category: p.category, reasonCode: p.reasonCode, note: p.note }, actor);
        return { replayed: r.replayed, cancelled: true };
      }
      case 'order:replaceKeys': {
        const p = payload as DeskPayload<'order:replaceKeys'>;
        const r = await orders.replaceKeys(orderId, { requestId: p.requestId, reasonCode: p.reasonCode, note: p.note }, actor);
        return { replayed: r.replayed, cancelled: false };
      }
      case 'order:compensate': {
        const p = payload as DeskPayload<'order:compensate'>;
        const r = await compensation.issue(orderId, { kind: p.kind, amountCents: p.amountCents, reason: p.reason, requestId: p.requestId }, actor);
        const c = r.compensation;
        return {
          replayed: r.replayed,
          cancelled: false,
          compensation: { id: c.id, kind: c.kind, amountCents: c.amountCents, couponCode: c.couponCode, cardSerial: r.cardKey?.serial ?? null },
        };
      }
      case 'order:resolveDispute': {
        const p = payload as DeskPayload<'order:resolveDispute'>;
        const input = p.outcome === 'refund' ? { outcome: p.outcome, resolution: p.resolution, category: p.category, reasonCode: p.reasonCode } : { outcome: p.outcome, resolution: p.resolution };
        const r = await orders.resolveDispute(orderId, input, actor);
        return { replayed: r.replayed, cancelled: p.outcome === 'refund' };
      }
    }
  }
}

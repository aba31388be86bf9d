import { randomUUID } from 'node:crypto';
import { CardKey, Compensation, CsatRating, Handoff, OrderEvent } from '../../models';
import { Buyerside, buyerActor, buyerWithCatalog, gateway, Harness, startHarness, tokenFor } from '../bot/widget-harness';
import { Deskside, tokenOf, waitFor } from './desk-harness';

const agentActor = (id: number) => ({ actorType: 'agent', actorId: String(id) });

describe('a buyer asks for a human; an agent works the conversation from the desk', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('sqlite');
  });
  afterAll(() => h.close());

  test('handoff:new arrives preloaded; claim, chat, actions, tagging, close and CSAT', async () => {
    const c = await buyerWithCatalog();
    const { order: paid } = await h.d.orders.create({ buyerId: c.buyer.id, productId: c.product.id, quantity: 1 }, buyerActor(c.buyer));
    await h.d.orders.recordPayment(paid.id, { paymentId: `p-${paid.id}`, amountCents: paid.amountCents, channel: 'alipay' }, gateway);
    const { order: delivered } = await h.d.orders.create({ buyerId: c.buyer.id, productId: c.product.id, quantity: 1 }, buyerActor(c.buyer));
    await h.d.orders.recordPayment(delivered.id, { paymentId: `p-${delivered.id}`, amountCents: delivered.amountCents, channel: 'wechat' }, gateway);
    await h.d.orders.deliver(delivered.id, {}, gateway);
    await h.d.orders.reveal(delivered.id, buyerActor(c.buyer));

    const { agent, token } = await tokenOf(h);
    const desk = await Deskside.connect(h, token);
    await desk.until(() => desk.of('queue:snapshot')[0], 'queue snapshot');

    const buyer = await Buyerside.connect(h, tokenFor(h.config, c.buyer.externalId));
    const queueUpdates: any[] = [];
    buyer.socket.on('queue:update', (u) => queueUpdates.push(u));
    await buyer.say('卡密无效，充值不了');
    const conversationId = buyer.messages[0]!.conversationId;

    const view = await desk.until(() => desk.of('handoff:new').find((v) => v.conversationId === conversationId), 'handoff:new');
    expect(view).toMatchObject({ status: 'queued', reason: 'human_intent', slaDueAt: '2026-11-02T10:05:00.000Z', summary: { lastBuyerText: '卡密无效，充值不了' } });
    expect(view.buyer).toMatchObject({ id: c.buyer.id, credit: { level: 'good', reasons: expect.any(Array) } });
    expect(view.orders).toHaveLength(2);
    const shown = view.orders.find((o: any) => o.id === delivered.id);
    expect(shown.payments[0]).toMatchObject({ channel: 'wechat', amountCents: delivered.amountCents });
    expect(shown.cardKeys[0].secret).toMatch(/\*/);
    expect(view.transcript.map((m: any) => m.payload.text)).toContain('卡密无效，充值不了');
    await waitFor(() => queueUpdates.find((u) => u.conversationId === conversationId && u.position === 1 && u.open), 'queue position');

    const claimed = await desk.emit('handoff:claim', { handoffId: view.handoffId });
    expect(claimed).toMatchObject({ ok: true, handoff: { status: 'claimed', claimedBy: String(agent.id) } });
    await buyer.until(() => buyer.conversationUpdates.find((u) => u.status === 'agent' && u.agentName === agent.name), 'agent joined');

    // The bot stays silent: no reply, no typing; the agent gets the buyer's words.
    const typingBefore = buyer.messages.length;
    const sent = await buyer.emit('message', { clientMsgId: randomUUID(), text: '我要退款' });
    expect(sent.ok).toBe(true);
    await desk.until(() => desk.of('message').find((m) => m.message.payload.text === '我要退款'), 'buyer message on the desk');
    const reply = await desk.emit('message:send', { handoffId: view.handoffId, clientMsgId: 'c1', text: '您好，我来帮您处理' });
    expect(reply.ok).toBe(true);
    await buyer.until(() => buyer.messages.find((m) => m.role === 'agent' && m.payload.text === '您好，我来帮您处理'), 'agent message in the widget');
    expect(buyer.messages.slice(typingBefore).filter((m) => m.role === 'bot')).toEqual([]);
    expect(await Handoff.findByPk(view.handoffId)).toMatchObject({ firstResponseMs: 0, slaDueAt: null });

    // Actions on orders, audited with the agent; a stale view gets the fresh order.
    const stale = await desk.emit('order:cancel', { handoffId: view.handoffId, orderId: paid.id, expectedStatus: 'pending_payment', category: 'system_fault', reasonCode: 'delivery_delay' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'ORDER_CHANGED', details: { order: { id: paid.id, status: 'paid' } } } });
    const cancel = await desk.emit('order:cancel', { handoffId: view.handoffId, orderId: paid.id, expectedStatus: 'paid', category: 'system_fault', reasonCode: 'delivery_delay' });
    expect(cancel).toMatchObject({ ok: true, order: { status: 'refund_pending', refunds: [{ amountCents: paid.amountCents }] } });
    expect(await OrderEvent.findOne({ where: { orderId: paid.id, action: 'cancelled' } })).toMatchObject(agentActor(agent.id));

    const oldKeys = await CardKey.findAll({ where: { orderId: delivered.id } });
    const replace = await desk.emit('order:replaceKeys', { handoffId: view.handoffId, orderId: delivered.id, expectedStatus: 'delivered', requestId: 'r1', reasonCode: 'card_invalid' });
    expect(replace).toMatchObject({ ok: true, order: { status: 'delivered', revealedAt: null } });
    expect(await CardKey.findByPk(oldKeys[0]!.id)).toMatchObject({ status: 'void' });
    expect(await OrderEvent.findOne({ where: { orderId: delivered.id, action: 'keys_replaced' } })).toMatchObject(agentActor(agent.id));

    const comp = await desk.emit('order:compensate', { handoffId: view.handoffId, orderId: delivered.id, kind: 'coupon', amountCents: 500, reason: 'card_invalid', requestId: 'comp-1' });
    expect(comp).toMatchObject({ ok: true, compensation: { kind: 'coupon', amountCents: 500 } });
    expect(await Compensation.findOne({ where: { orderId: delivered.id } })).toMatchObject({ issuedByType: 'agent', issuedById: String(agent.id) });

    // A cancellation happened: closing needs its category and reason.
    expect(await desk.emit('handoff:close', { handoffId: view.handoffId, to: 'closed' })).toMatchObject({ ok: false, error: { code: 'TAG_REQUIRED' } });
    expect(await desk.emit('handoff:tag', { handoffId: view.handoffId, category: 'system_fault', reasonCode: 'bogus' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect((await desk.emit('handoff:tag', { handoffId: view.handoffId, category: 'system_fault', reasonCode: 'delivery_delay' })).ok).toBe(true);
    h.d.clock.advance(60_000);
    const closed = await desk.emit('handoff:close', { handoffId: view.handoffId, to: 'closed' });
    expect(closed).toMatchObject({ ok: true, handoff: { status: 'closed', handlingMs: 60_000, tags: { category: 'system_fault', reasonCode: 'delivery_delay' } } });
    await buyer.until(() => buyer.conversationUpdates.find((u) => u.status === 'closed' && u.csat), 'CSAT request');

    const rated = await buyer.emit('csat', { clientMsgId: randomUUID(), conversationId, rating: 5, comment: '很快' });
    expect(rated).toEqual({ ok: true });
    expect((await buyer.emit('csat', { clientMsgId: randomUUID(), conversationId, rating: 1, comment: '' })).duplicate).toBe(true);
    expect(await CsatRating.findOne({ where: { conversationId } })).toMatchObject({ rating: 5, comment: '很快', handoffId: view.handoffId });
    expect((await buyer.emit('csat', { clientMsgId: 'x', conversationId, rating: 9 })).error.code).toBe('VALIDATION_FAILED');
    buyer.close();
    desk.close();
  });
});

import { Conversation, ConversationMessage, Handoff } from '../../models';
import { runDeskTimers } from '../../desk/sla-job';
import { deskServices } from '../../desk/services';
import { createLogger } from '../../server/logger';
import { dialects } from '../helpers/databases';
import { makeBuyer } from '../helpers/domain';
import { Harness, startHarness } from '../bot/widget-harness';
import { Deskside, queueHandoff, tokenOf, waitFor } from './desk-harness';

describe.each(dialects())('desk queue on %s', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(dialect, { DESK_GRACE_SECONDS: '30', DESK_REASSIGN_MINUTES: '10' });
  });
  afterAll(() => h.close());
  const timers = () => runDeskTimers(deskServices({ domain: h.d, config: h.config, logger: createLogger('silent') }));

  test('many agents claim one handoff at the same moment: exactly one wins', async () => {
    const agents = await Promise.all(Array.from({ length: 8 }, () => tokenOf(h)));
    const desks = await Promise.all(agents.map((a) => Deskside.connect(h, a.token)));
    const { handoff } = await queueHandoff(h, (await makeBuyer()).id);
    await Promise.all(desks.map((d) => d.until(() => d.of('handoff:new').find((v) => v.handoffId === handoff.id), 'handoff:new')));
    const acks = await Promise.all(desks.map((d) => d.emit('handoff:claim', { handoffId: handoff.id })));
    const winners = acks.filter((a) => a.ok);
    expect(winners).toHaveLength(1);
    expect(acks.filter((a) => !a.ok).map((a) => a.error.code)).toEqual(Array(7).fill('HANDOFF_TAKEN'));
    expect(await Handoff.findByPk(handoff.id)).toMatchObject({ status: 'claimed', claimedBy: winners[0].handoff.claimedBy });
    await Promise.all(desks.map((d) => d.until(() => d.of('handoff:update').find((u) => u.handoffId === handoff.id && u.status === 'claimed'), 'update')));
    desks.forEach((d) => d.close());
  });

  test('capacity, transfer to another agent and back to the queue; only the holder writes', async () => {
    const a = await tokenOf(h, 'agent', 1);
    const b = await tokenOf(h, 'agent', 2);
    const [da, db] = await Promise.all([Deskside.connect(h, a.token), Deskside.connect(h, b.token)]);
    const first = (await queueHandoff(h, (await makeBuyer()).id)).handoff;
    const second = (await queueHandoff(h, (await makeBuyer()).id)).handoff;
    expect((await da.emit('handoff:claim', { handoffId: first.id })).ok).toBe(true);
    expect(await da.emit('handoff:claim', { handoffId: second.id })).toMatchObject({ ok: false, error: { code: 'CAPACITY_REACHED' } });
    expect(await db.emit('message:send', { handoffId: first.id, clientMsgId: 'x', text: 'hi' })).toMatchObject({ ok: false, error: { code: 'NOT_HOLDER' } });
    expect(await db.emit('handoff:transfer', { handoffId: first.id, toAgentId: b.agent.id })).toMatchObject({ ok: false, error: { code: 'NOT_HOLDER' } });

    expect(await da.emit('handoff:transfer', { handoffId: first.id, toAgentId: b.agent.id })).toMatchObject({ ok: true, handoff: { claimedBy: String(b.agent.id) } });
    const assigned = await db.until(() => db.of('handoff:assigned').find((v) => v.handoffId === first.id), 'assigned');
    expect(assigned.orders).toEqual([]);
    expect(await Conversation.findByPk(first.conversationId)).toMatchObject({ status: 'agent', agentName: b.agent.name });
    expect((await db.emit('message:send', { handoffId: first.id, clientMsgId: 'x', text: 'hi' })).ok).toBe(true);

    expect(await db.emit('handoff:transfer', { handoffId: first.id, toAgentId: null })).toMatchObject({ ok: true, handoff: { status: 'queued', claimedBy: null } });
    expect(await Conversation.findByPk(first.conversationId)).toMatchObject({ status: 'queued', agentName: null });
    expect(await da.emit('handoff:claim', { handoffId: 999999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await da.emit('handoff:claim', { handoffId: 'x' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    da.close();
    db.close();
  });

  test('SLA: no first reply in 5 minutes → flagged, moved up, supervisors alerted, buyer told; fires once', async () => {
    const sup = await tokenOf(h, 'supervisor');
    const ds = await Deskside.connect(h, sup.token);
    const { handoff } = await queueHandoff(h, (await makeBuyer()).id);
    await waitFor(async () => (await Handoff.findByPk(handoff.id))?.slaDueAt, 'admission');
    h.d.clock.advance(4 * 60_000);
    await timers();
    expect(await Handoff.findByPk(handoff.id)).toMatchObject({ breachedAt: null });
    h.d.clock.advance(61_000);
    await Promise.all([timers(), timers()]);
    const after = await Handoff.findByPk(handoff.id);
    expect(after).toMatchObject({ breachedAt: expect.any(Date), priority: handoff.priority + 10 });
    await ds.until(() => ds.of('sla:breach').find((b) => b.handoffId === handoff.id && b.kind === 'first_reply'), 'breach alert');
    const notices = await ConversationMessage.findAll({ where: { conversationId: handoff.conversationId, role: 'system' } });
    expect(notices.map((m) => m.payload.text)).toEqual([expect.stringContaining('客服正在赶来')]);
    ds.close();
  });

  test('a disconnected holder keeps the claim through the grace period, then it returns to the queue', async () => {
    const a = await tokenOf(h);
    let desk = await Deskside.connect(h, a.token);
    const { handoff } = await queueHandoff(h, (await makeBuyer()).id);
    expect((await desk.emit('handoff:claim', { handoffId: handoff.id })).ok).toBe(true);
    desk.close();
    await waitFor(async () => (await Handoff.findByPk(handoff.id))?.graceDueAt, 'grace start');
    desk = await Deskside.connect(h, a.token);
    await waitFor(async () => (await Handoff.findByPk(handoff.id))?.graceDueAt === null, 'grace cleared');
    expect((await desk.emit('message:send', { handoffId: handoff.id, clientMsgId: 'back', text: '我回来了' })).ok).toBe(true);
    desk.close();
    await waitFor(async () => (await Handoff.findByPk(handoff.id))?.graceDueAt, 'grace start again');
    h.d.clock.advance(31_000);
    await timers();
    expect(await Handoff.findByPk(handoff.id)).toMatchObject({ status: 'queued', claimedBy: null });
    expect(await Conversation.findByPk(handoff.conversationId)).toMatchObject({ status: 'queued' });
  });
});

import { Conversation } from '../../models';
import { dialects } from '../helpers/databases';
import { makeBuyer } from '../helpers/domain';
import { Harness, startHarness } from '../bot/widget-harness';
import { Deskside, queueHandoff, tokenOf, waitFor } from './desk-harness';

describe.each(dialects())('desk roster and claim races on %s', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(dialect);
  });
  afterAll(() => h.close());

  test('agents:roster: every account with online status across the adapter, role and load vs cap; no emails', async () => {
    const a = await tokenOf(h, 'agent', 2);
    const b = await tokenOf(h, 'agent', 1);
    const s = await tokenOf(h, 'supervisor', 3);
    const [da, ds] = await Promise.all([Deskside.connect(h, a.token), Deskside.connect(h, s.token)]);
    const { handoff } = await queueHandoff(h, (await makeBuyer()).id);
    expect((await da.emit('handoff:claim', { handoffId: handoff.id })).ok).toBe(true);

    const reply = await da.emit('agents:roster', {});
    expect(reply.ok).toBe(true);
    const byId = new Map<number, any>(reply.agents.map((e: any) => [e.id, e]));
    expect(byId.get(a.agent.id)).toEqual({ id: a.agent.id, name: a.agent.name, role: 'agent', online: true, held: 1, maxChats: 2 });
    expect(byId.get(b.agent.id)).toEqual({ id: b.agent.id, name: b.agent.name, role: 'agent', online: false, held: 0, maxChats: 1 });
    expect(byId.get(s.agent.id)).toMatchObject({ role: 'supervisor', online: true, held: 0 });
    // Online agents come first.
    const firstOffline = reply.agents.findIndex((e: any) => !e.online);
    expect(reply.agents.slice(firstOffline).every((e: any) => !e.online)).toBe(true);

    const db = await Deskside.connect(h, b.token);
    expect((await db.emit('agents:roster', {})).agents.find((e: any) => e.id === b.agent.id)).toMatchObject({ online: true });
    db.close();
    await waitFor(async () => !(await da.emit('agents:roster', {})).agents.find((e: any) => e.id === b.agent.id).online, 'b offline');
    expect(await da.emit('agents:roster', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    da.close();
    ds.close();
  });

  test('the loser of a claim race is told who won, by name', async () => {
    const [a, b] = await Promise.all([tokenOf(h), tokenOf(h)]);
    const [da, db] = await Promise.all([Deskside.connect(h, a.token), Deskside.connect(h, b.token)]);
    const { handoff } = await queueHandoff(h, (await makeBuyer()).id);
    expect((await da.emit('handoff:claim', { handoffId: handoff.id })).ok).toBe(true);
    expect(await db.emit('handoff:claim', { handoffId: handoff.id })).toMatchObject({
      ok: false,
      error: { code: 'HANDOFF_TAKEN', details: { handoffId: handoff.id, claimedBy: String(a.agent.id), claimedByName: a.agent.name } },
    });
    expect(await Conversation.findByPk(handoff.conversationId)).toMatchObject({ status: 'agent', agentName: a.agent.name });
    da.close();
    db.close();
  });
});

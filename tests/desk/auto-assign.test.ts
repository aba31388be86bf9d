import { Conversation, Handoff } from '../../models';
import { dialects } from '../helpers/databases';
import { makeBuyer } from '../helpers/domain';
import { Harness, startHarness } from '../bot/widget-harness';
import { Deskside, queueHandoff, tokenOf, waitFor } from './desk-harness';

describe.each(dialects())('round-robin auto-assignment (DESK_AUTO_ASSIGN=1) on %s', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(dialect, { DESK_AUTO_ASSIGN: '1' });
  });
  afterAll(() => h.close());

  const holderOf = (handoffId: number) => waitFor(async () => (await Handoff.findByPk(handoffId))?.claimedBy, `assignment of ${handoffId}`);

  test('new handoffs go round the online agents with room, least recently assigned first; full or offline agents are skipped', async () => {
    // One after the other: ties go to the lower id, so a must be created first.
    const a = await tokenOf(h, 'agent', 2);
    const b = await tokenOf(h, 'agent', 1);
    await tokenOf(h, 'agent', 5); // offline: never picked
    const sup = await tokenOf(h, 'supervisor', 5); // online, but supervisors are not in the rotation
    const [da, db, ds] = await Promise.all([Deskside.connect(h, a.token), Deskside.connect(h, b.token), Deskside.connect(h, sup.token)]);

    const first = (await queueHandoff(h, (await makeBuyer()).id)).handoff;
    expect(await holderOf(first.id)).toBe(String(a.agent.id));
    const assigned = await da.until(() => da.of('handoff:assigned').find((v) => v.handoffId === first.id), 'handoff:assigned');
    expect(assigned).toMatchObject({ status: 'claimed', claimedByName: a.agent.name, orders: [] });
    expect(await Conversation.findByPk(first.conversationId)).toMatchObject({ status: 'agent', agentName: a.agent.name });

    const second = (await queueHandoff(h, (await makeBuyer()).id)).handoff;
    expect(await holderOf(second.id)).toBe(String(b.agent.id));
    const third = (await queueHandoff(h, (await makeBuyer()).id)).handoff;
    expect(await holderOf(third.id)).toBe(String(a.agent.id)); // b is full (1/1)

    // Everyone is full: the handoff waits in the queue for a manual claim, announced as usual.
    const fourth = (await queueHandoff(h, (await makeBuyer()).id)).handoff;
    await ds.until(() => ds.of('handoff:new').find((v) => v.handoffId === fourth.id), 'handoff:new');
    expect(await Handoff.findByPk(fourth.id)).toMatchObject({ status: 'queued', claimedBy: null });

    // b gives one back to the queue: it goes to someone with room who is not b — nobody, so it stays queued.
    expect((await db.emit('handoff:transfer', { handoffId: second.id, toAgentId: null })).ok).toBe(true);
    await ds.until(() => ds.of('handoff:new').find((v) => v.handoffId === second.id), 'requeued handoff:new');
    expect(await Handoff.findByPk(second.id)).toMatchObject({ status: 'queued', claimedBy: null });
    [da, db, ds].forEach((d) => d.close());
  });

  test('a burst of handoffs at once is spread evenly and never past a cap', async () => {
    const agents = await Promise.all([tokenOf(h, 'agent', 3), tokenOf(h, 'agent', 3), tokenOf(h, 'agent', 3)]);
    const desks = await Promise.all(agents.map((a) => Deskside.connect(h, a.token)));
    // The previous test's desks must have left: only these three are in the rotation.
    const ours = new Set(agents.map((a) => a.agent.id));
    await waitFor(async () => (await desks[0]!.emit('agents:roster', {})).agents.every((e: any) => e.online === ours.has(e.id)), 'only the burst agents online');
    const buyers = await Promise.all(Array.from({ length: 6 }, () => makeBuyer()));
    const handoffs = await Promise.all(buyers.map(async (buyer) => (await queueHandoff(h, buyer.id)).handoff));
    const holders = await Promise.all(handoffs.map((x) => holderOf(x.id)));
    const perAgent = agents.map((a) => holders.filter((id) => id === String(a.agent.id)).length);
    expect(perAgent).toEqual([2, 2, 2]);
    desks.forEach((d) => d.close());
  });
});

// Service metrics through the API against hand-computed figures: bot containment, handoff rate by intent, first
// response and handling times, SLA breaches and CSAT, by day (CST) and by agent.
import { Conversation, CsatRating, Handoff } from '../../models';
import { dialects } from '../helpers/databases';
import { makeBuyer } from '../helpers/domain';
import { tokenOf } from './desk-harness';
import { api, startSupervisorHarness, SupervisorHarness } from './supervisor-harness';

describe.each(dialects())('supervisor service metrics on %s', (dialect) => {
  let h: SupervisorHarness;
  let token: string;
  let a1: { id: number; name: string };
  let a2: { id: number; name: string };

  async function conversation(at: string, intent: string | null, handoff?: { intent: string; agent?: { id: number }; frMs?: number; handlingMs?: number; breached?: boolean; csat?: number }) {
    const buyer = await makeBuyer();
    const when = new Date(at);
    const c = await Conversation.create({ buyerId: buyer.id, status: handoff ? 'closed' : 'bot', lang: 'zh', intent, pending: null, orderId: null, agentName: null, createdAt: when, updatedAt: when });
    if (!handoff) return;
    const h0 = await Handoff.create({
      conversationId: c.id,
      buyerId: buyer.id,
      orderId: null,
      reason: 'human_intent',
      intent: handoff.intent,
      summary: { intent: handoff.intent, orderNo: null, reason: 'human_intent', detail: '', botActions: [], lastBuyerText: null },
      priority: 0,
      status: handoff.agent ? 'closed' : 'queued',
      claimedBy: handoff.agent ? String(handoff.agent.id) : null,
      claimedAt: handoff.agent ? when : null,
      closedAt: null,
      firstResponseMs: handoff.frMs ?? null,
      handlingMs: handoff.handlingMs ?? null,
      breachedAt: handoff.breached ? when : null,
      createdAt: when,
      updatedAt: when,
    });
    if (handoff.csat) await CsatRating.create({ conversationId: c.id, handoffId: h0.id, buyerId: buyer.id, rating: handoff.csat, comment: null, createdAt: when });
  }

  beforeAll(async () => {
    h = await startSupervisorHarness(dialect);
    token = (await tokenOf(h, 'supervisor')).token;
    a1 = (await tokenOf(h, 'agent')).agent;
    a2 = (await tokenOf(h, 'agent')).agent;
    // 2026-10-05 CST: four conversations; 2026-10-06 CST (from 16:00 UTC on the 5th): one more.
    await conversation('2026-10-05T02:00:00Z', 'order_status');
    await conversation('2026-10-05T03:00:00Z', 'cancel_order', { intent: 'cancel_order', agent: a1, frMs: 30_000, handlingMs: 600_000, csat: 5 });
    await conversation('2026-10-05T04:00:00Z', null, { intent: 'human_agent', agent: a2, frMs: 90_000, handlingMs: 1_200_000, breached: true, csat: 2 });
    await conversation('2026-10-05T05:00:00Z', 'cancel_order');
    await conversation('2026-10-05T17:00:00Z', 'cancel_order', { intent: 'cancel_order' });
    await conversation('2026-10-08T05:00:00Z', 'order_status'); // outside the range
  });
  afterAll(() => h.close());

  const get = async (url: string) => {
    const res = await api(h, token, 'GET', url);
    expect(res.status).toBe(200);
    return res.body;
  };

  test('containment and handoff rate by intent', async () => {
    const r = await get('/analytics/service?from=2026-10-05&to=2026-10-06');
    expect(r.containment).toEqual({ conversations: 5, handedOff: 3, contained: 2, rate: 0.4 });
    expect(r.handoffsByIntent).toEqual([
      { intent: 'cancel_order', conversations: 3, handedOff: 2, rate: 0.6667 },
      { intent: 'human_agent', conversations: 1, handedOff: 1, rate: 1 },
      { intent: 'order_status', conversations: 1, handedOff: 0, rate: 0 },
    ]);
  });

  test('by day (China time)', async () => {
    const r = await get('/analytics/service?by=day&from=2026-10-05&to=2026-10-06');
    expect(r.rows).toEqual([
      {
        key: '2026-10-05',
        label: '2026-10-05',
        handoffs: 2,
        firstResponse: { count: 2, avgMs: 60_000, maxMs: 90_000 },
        handling: { count: 2, avgMs: 900_000, maxMs: 1_200_000 },
        slaBreaches: 1,
        csat: { count: 2, average: 3.5 },
      },
      {
        key: '2026-10-06',
        label: '2026-10-06',
        handoffs: 1,
        firstResponse: { count: 0, avgMs: null, maxMs: null },
        handling: { count: 0, avgMs: null, maxMs: null },
        slaBreaches: 0,
        csat: { count: 0, average: null },
      },
    ]);
  });

  test('by agent', async () => {
    const r = await get('/analytics/service?by=agent&from=2026-10-05&to=2026-10-06');
    const rows = r.rows.map((x: any) => [x.key, x.label, x.handoffs, x.firstResponse.avgMs, x.handling.avgMs, x.slaBreaches, x.csat.average]);
    expect(rows).toEqual(
      [
        [String(a1.id), a1.name, 1, 30_000, 600_000, 0, 5],
        [String(a2.id), a2.name, 1, 90_000, 1_200_000, 1, 2],
        [null, 'unclaimed', 1, null, null, 0, null],
      ].sort((x, y) => String(x[1]).localeCompare(String(y[1]))),
    );
    expect((await api(h, token, 'GET', '/analytics/service?by=week')).status).toBe(400);
  });
});

// Buyer credit for supervisors: the watch / restricted list with the policy's reasons, and overrides that change
// the level CreditService reports — so the bot's automatic cancellation obeys them — each audited with its note.
import type { Buyer, Product } from '../../models';
import { dialects } from '../helpers/databases';
import { makeBuyer } from '../helpers/domain';
import { tokenOf } from './desk-harness';
import { api, makeMerchant, makeProduct, startSupervisorHarness, SupervisorHarness } from './supervisor-harness';

const gateway = { type: 'merchant' as const, id: 'gateway' };
const bot = { type: 'bot' as const, id: 'conversation:1' };
const agentActor = { type: 'agent' as const, id: 'a1' };

describe.each(dialects())('supervisor buyer credit on %s', (dialect) => {
  let h: SupervisorHarness;
  let supervisor: string;
  let agent: string;
  let product: Product;
  let watch: Buyer;
  let restricted: Buyer;
  let good: Buyer;
  let payments = 0;

  const order = async (buyer: Buyer) => (await h.d.orders.create({ buyerId: buyer.id, productId: product.id, quantity: 1 }, agentActor)).order;

  /** `n` orders paid and then cancelled by the buyer, an hour apart. */
  async function paidCancellations(buyer: Buyer, n: number) {
    for (let i = 0; i < n; i++) {
      h.d.clock.advance(3_600_000);
      const o = await order(buyer);
      await h.d.orders.recordPayment(o.id, { paymentId: `cp-${dialect}-${++payments}`, amountCents: o.amountCents, channel: 'wechat' }, gateway);
      await h.d.orders.cancel(o.id, { category: 'user_initiated', reasonCode: 'wrong_item' }, agentActor);
    }
  }

  const botCancel = async (buyer: Buyer) => {
    const o = await order(buyer);
    return h.d.orders.cancel(o.id, { category: 'user_initiated', reasonCode: 'other' }, bot).then(
      () => 'cancelled',
      (err) => err.code as string,
    );
  };

  beforeAll(async () => {
    h = await startSupervisorHarness(dialect);
    supervisor = (await tokenOf(h, 'supervisor')).token;
    agent = (await tokenOf(h, 'agent')).token;
    product = await makeProduct(await makeMerchant('m', '星辰卡行'), 'game_card', '腾讯Q币');
    h.d.clock.set('2026-10-01T00:00:00Z');
    watch = await makeBuyer('观察');
    restricted = await makeBuyer('限制');
    good = await makeBuyer('良好');
    await paidCancellations(watch, 4); // 4 paid, all within 24 h: watch on two rules
    await paidCancellations(restricted, 8); // 8 paid: restricted
    const slip = await order(good);
    await h.d.orders.cancel(slip.id, { category: 'user_initiated', reasonCode: 'forgot_to_pay' }, agentActor); // an unpaid slip: still good
  });
  afterAll(() => h.close());

  const list = async (query = '') => (await api(h, supervisor, 'GET', `/credit/buyers${query}`)).body.buyers;

  test('the watch and restricted buyers, worst first, with the reasons', async () => {
    const buyers = await list();
    expect(buyers.map((b: any) => [b.buyerId, b.level])).toEqual([
      [restricted.id, 'restricted'],
      [watch.id, 'watch'],
    ]);
    expect(buyers[1]).toMatchObject({ externalId: watch.externalId, name: '观察', computedLevel: 'watch', override: null, stats: { paidCancellations: 4, burst: 4 } });
    expect(buyers[1].reasons.map((r: any) => r.code).sort()).toEqual(['CANCELLATION_BURST', 'FREQUENT_PAID_CANCELLATIONS']);
    // The list counts in SQL for speed; each entry must be what CreditService itself reports.
    for (const b of buyers) {
      const { externalId, name, ...rest } = b;
      expect(JSON.parse(JSON.stringify(await h.d.credit.profile(b.buyerId)))).toEqual(rest);
      expect([externalId, name]).toEqual([expect.any(String), expect.any(String)]);
    }
    expect((await list('?level=watch')).map((b: any) => b.buyerId)).toEqual([watch.id]);
    expect((await api(h, supervisor, 'GET', '/credit/buyers?level=good')).status).toBe(400);
    expect((await api(h, agent, 'GET', '/credit/buyers')).status).toBe(403);
  });

  test('an override changes what CreditService reports and what the bot may do; clearing it restores the policy', async () => {
    expect(await botCancel(good)).toBe('cancelled');
    const set = await api(h, supervisor, 'PUT', `/credit/buyers/${good.id}/override`, { level: 'restricted', note: '多次恶意退款，人工核实' });
    expect(set.status).toBe(200);
    expect(set.body.buyer).toMatchObject({ level: 'restricted', computedLevel: 'good', override: { level: 'restricted', note: '多次恶意退款，人工核实', byName: expect.stringMatching(/^supervisor-/) } });
    expect((await h.d.credit.profile(good.id)).level).toBe('restricted');
    expect(await botCancel(good)).toBe('CREDIT_RESTRICTED');
    expect((await list()).map((b: any) => b.buyerId)).toEqual(expect.arrayContaining([good.id]));

    expect(await botCancel(restricted)).toBe('CREDIT_RESTRICTED');
    await api(h, supervisor, 'PUT', `/credit/buyers/${restricted.id}/override`, { level: 'good', note: '核实为误操作' });
    expect(await botCancel(restricted)).toBe('cancelled');
    expect((await list()).map((b: any) => b.buyerId)).not.toContain(restricted.id);

    const cleared = await api(h, supervisor, 'DELETE', `/credit/buyers/${good.id}/override`, { note: '申诉通过' });
    expect(cleared.body.buyer).toMatchObject({ level: 'good', override: null });
    expect(await botCancel(good)).toBe('cancelled');
    expect((await api(h, supervisor, 'DELETE', `/credit/buyers/${good.id}/override`, { note: 'again' })).status).toBe(404);

    const audit = (await api(h, supervisor, 'GET', '/audit?area=credit')).body.audit;
    expect(audit.map((a: any) => [a.action, a.subject, a.note, a.before.level, a.after.level])).toEqual([
      ['credit.clear', `buyer:${good.id}`, '申诉通过', 'restricted', 'good'],
      ['credit.override', `buyer:${restricted.id}`, '核实为误操作', 'restricted', 'good'],
      ['credit.override', `buyer:${good.id}`, '多次恶意退款，人工核实', 'good', 'restricted'],
    ]);
  });

  test('an override with an expiry lapses on its own', async () => {
    const expiresAt = new Date(h.d.clock.now().getTime() + 3_600_000).toISOString();
    await api(h, supervisor, 'PUT', `/credit/buyers/${watch.id}/override`, { level: 'good', note: '老客户，观察期豁免一小时', expiresAt });
    expect((await h.d.credit.profile(watch.id)).level).toBe('good');
    h.d.clock.advance(3_600_001);
    expect((await h.d.credit.profile(watch.id)).level).toBe('watch');
  });

  test('bad overrides change nothing', async () => {
    const cases: Array<[number, unknown, number]> = [
      [watch.id, { level: 'restricted' }, 400],
      [watch.id, { level: 'banned', note: 'x' }, 400],
      [watch.id, { level: 'good', note: 'x', expiresAt: '2020-01-01T00:00:00Z' }, 400],
      [watch.id, { level: 'good', note: 'x', extra: true }, 400],
      [999_999, { level: 'good', note: 'x' }, 404],
    ];
    for (const [buyerId, body, status] of cases) expect((await api(h, supervisor, 'PUT', `/credit/buyers/${buyerId}/override`, body)).status).toBe(status);
    expect((await api(h, agent, 'PUT', `/credit/buyers/${watch.id}/override`, { level: 'good', note: 'x' })).status).toBe(403);
    expect((await h.d.credit.profile(watch.id)).override).toBeNull();
  });
});

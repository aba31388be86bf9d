import { ensureDemoAgents } from '../../desk/demo-agents';
import { AgentService } from '../../models/agent-service';
import { CannedResponse } from '../../models';
import { buyerActor, buyerWithCatalog, Harness, startHarness } from '../bot/widget-harness';
import { Deskside, queueHandoff, tokenOf } from './desk-harness';

describe('demo canned responses', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('sqlite');
  });
  afterAll(() => h.close());

  test('created once with the demo accounts, in zh and en, and rendered with the order and the people', async () => {
    const agents = new AgentService({ clock: h.d.clock });
    await ensureDemoAgents(agents);
    const created = await CannedResponse.count();
    await ensureDemoAgents(agents);
    expect(await CannedResponse.count()).toBe(created);
    const all = await CannedResponse.findAll();
    const zh = all.filter((c) => c.lang === 'zh').map((c) => c.shortcut).sort();
    expect(zh.length).toBeGreaterThanOrEqual(5);
    expect(all.filter((c) => c.lang === 'en').map((c) => c.shortcut).sort()).toEqual(zh);
    for (const v of ['{orderNo}', '{amount}', '{refundDate}', '{buyerName}', '{agentName}']) expect(all.some((c) => c.body.includes(v))).toBe(true);

    const c = await buyerWithCatalog();
    const { order } = await h.d.orders.create({ buyerId: c.buyer.id, productId: c.product.id, quantity: 1 }, buyerActor(c.buyer));
    const { handoff } = await queueHandoff(h, c.buyer.id, { orderId: order.id });
    const agent = await tokenOf(h);
    const desk = await Deskside.connect(h, agent.token);
    const hello = all.find((x) => x.shortcut === 'hello' && x.lang === 'zh')!;
    const { text } = await desk.emit('canned:render', { handoffId: handoff.id, cannedId: hello.id });
    expect(text).toBe(`您好 ${c.buyer.name}，我是客服${agent.agent.name}，很高兴为您服务。请问订单 ${order.orderNo} 遇到了什么问题？`);
    desk.close();
  });
});

// The live-agent desk end to end in a real browser: a buyer asks for a human in the widget on the demo store, an
// agent signs into /desk, sees the handoff arrive with the order history, claims it, answers with a canned
// response, cancels a paid order with a refund, tags the reason and closes; the buyer rates the chat. The DB
// holds the cancellation (agent-initiated, categorised), the refund, the tags and the rating.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Agent, Cancellation, CsatRating, Handoff, Order, Refund } from '../../models';
import { AgentService } from '../../models/agent-service';
import { DEMO_AGENTS, ensureDemoAgents } from '../../desk/demo-agents';
import { io, type Socket } from 'socket.io-client';
import { makeCatalog } from '../helpers/domain';
import { describeBrowser, ensureWidgetBuilt, launchBrowser, openPage, startServer, widget, type Browser, type LiveServer, type Page } from './browser';

const ROOT = path.resolve(__dirname, '../..');
const [AGENT, , SUPERVISOR] = DEMO_AGENTS;
const DESKTOP = { width: 1440, height: 900 };

/** Polls the database until the row exists (the bot stores the handoff right after its reply). */
async function until<T>(find: () => Promise<T | null>): Promise<T> {
  for (let i = 0; i < 50; i++) {
    const found = await find();
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('not found in time');
}
const TABLET = { width: 1024, height: 768 };

/** The desk bundle is small (about a second to build): always build it, so a test never drives a stale one. */
function buildDesk(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', path.join(ROOT, 'desk/ui')], { stdio: 'inherit' });
}

async function openDesk(browser: Browser, base: string): Promise<Page> {
  const page = await browser.newPage({ viewport: DESKTOP });
  page.setDefaultTimeout(8_000);
  await page.goto(`${base}/desk`);
  return page;
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

describeBrowser('agent desk: handoff → claim → cancel with refund → tag → close → CSAT', () => {
  let browser: Browser;
  let live: LiveServer;
  const shots = fs.mkdtempSync(path.join(os.tmpdir(), 'kadesk-desk-'));

  beforeAll(async () => {
    ensureWidgetBuilt();
    buildDesk();
    // One after the other: if the browser cannot start, afterAll still stops the server.
    live = await startServer();
    // SLA countdowns run against the browser's clock: start the server's manual clock at the real time.
    live.domain.clock.set(new Date());
    await makeCatalog({ keys: 40 });
    await ensureDemoAgents(new AgentService({ clock: live.domain.clock }));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await live?.stop();
  });

  test('serves the desk page and its assets; a wrong password is said plainly', async () => {
    const res = await fetch(`${live.base}/desk`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const script = html.match(/src="(\/desk\/assets\/[^"]+\.js)"/)?.[1];
    expect(script).toBeTruthy();
    expect((await fetch(`${live.base}${script}`)).headers.get('content-type')).toMatch(/javascript/);

    const page = await openDesk(browser, live.base);
    await signIn(page, AGENT!.email, 'not-the-password');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('邮箱或密码错误');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Agent sign-in' }).waitFor();
    await expect(page.evaluate('document.documentElement.lang')).resolves.toBe('en');
    await page.close();
  });

  test('the whole handoff, with screenshots of the conversation view', async () => {
    const buyerId = 'e2e-desk-1';
    const canned = await createCannedResponse();

    // Page 1: the buyer on the demo store asks for a person.
    const store = await openPage(browser, `${live.base}/?buyer=${buyerId}`);
    const paidRow = store.locator('#orders tr', { has: store.locator('[data-status="delivering"]') }).first();
    const orderNo = (await paidRow.getAttribute('data-order'))!;
    expect(orderNo).toBeTruthy();
    await widget(store).locator('button.launcher').click();
    await widget(store).getByLabel('输入消息').fill('转人工客服');
    await widget(store).getByLabel('输入消息').press('Enter');
    await widget(store).locator('.row.bot .bubble', { hasText: '人工客服' }).first().waitFor();

    // Page 2: the agent signs in and sees the handoff with the buyer's orders preloaded.
    const desk = await openDesk(browser, live.base);
    await signIn(desk, AGENT!.email, AGENT!.password);
    const item = desk.locator('.queue-item[data-status="queued"]', { hasText: `Demo ${buyerId}` });
    await item.waitFor();
    await item.click();
    const side = desk.locator('aside.side');
    await side.locator(`[data-order="${orderNo}"]`).waitFor();
    await expect(side.locator('details.order').count()).resolves.toBe(5);

    // Claim with the keyboard shortcut; the buyer hears that an agent joined.
    await desk.locator('body').press('c');
    await desk.locator('.conv-head [data-status="claimed"]').waitFor();
    await widget(store).locator('[data-notice="agentJoined"]', { hasText: AGENT!.name }).waitFor();

    // A canned reply, rendered with this buyer's variables, sent with Ctrl+Enter.
    await desk.locator('#composer').press('/');
    await desk.getByRole('option', { name: new RegExp(canned.title) }).click();
    // Rendered by the server (canned:render), so it lands a moment later.
    await desk.waitForFunction(`document.getElementById('composer').value.includes('Demo ${buyerId}')`);
    await desk.locator('#composer').press('Control+Enter');
    await desk.locator('.transcript .line.agent[data-message-id]').waitFor();
    await widget(store).locator('.row.agent .bubble', { hasText: `您好 Demo ${buyerId}` }).waitFor();

    // The server drops the desk's socket, then the agent reloads: the unsent draft survives, the desk comes back
    // to the same conversation, and what the buyer wrote meanwhile is there.
    await desk.locator('#composer').fill('稍等，我查一下物流');
    live.server.io.of('/desk').disconnectSockets();
    await widget(store).getByLabel('输入消息').fill('还要多久？');
    await widget(store).getByLabel('输入消息').press('Enter');
    await desk.locator('.transcript .line.buyer', { hasText: '还要多久？' }).waitFor();
    await desk.reload();
    await desk.locator('[data-connection="online"]').waitFor();
    await desk.locator('.conv-head [data-status="claimed"]').waitFor();
    await expect(desk.locator('#composer').inputValue()).resolves.toBe('稍等，我查一下物流');
    await desk.locator('#composer').fill('');

    // Cancel the paid order with a refund, categorised.
    const order = side.locator(`details.order[data-order="${orderNo}"]`);
    if ((await order.getAttribute('open')) === null) await order.locator('summary').click();
    await order.locator('[data-action="cancel"]').click();
    let dialog = desk.locator('dialog[open]');
    // Meanwhile the merchant delivers: confirming what the agent saw is refused, and the fresh state is shown.
    const stale = await Order.findOne({ where: { orderNo }, rejectOnEmpty: true });
    await live.domain.orders.deliver(stale.id, {}, { type: 'merchant', id: 'e2e-gateway' });
    await order.locator('.badge[data-status="delivered"]').waitFor();
    await dialog.locator('select[name="category"]').selectOption('merchant_fault');
    await dialog.locator('select[name="reasonCode"]').selectOption('delivery_delay');
    await dialog.getByRole('button', { name: '确认' }).click();
    await expect(dialog.locator('.form-error').textContent()).resolves.toContain('订单状态已变化');
    await expect(Order.findOne({ where: { orderNo }, raw: true })).resolves.toMatchObject({ status: 'delivered' });
    await dialog.getByRole('button', { name: '返回' }).click();

    // Acting again on the fresh state: the delivered keys were never viewed, so it can still be cancelled.
    await order.locator('[data-action="cancel"]').click();
    dialog = desk.locator('dialog[open]');
    await dialog.locator('select[name="category"]').selectOption('merchant_fault');
    await dialog.locator('select[name="reasonCode"]').selectOption('delivery_delay');
    await dialog.locator('textarea[name="note"]').fill('超时未发货，全额退款');
    await dialog.getByRole('button', { name: '确认' }).click();
    await order.locator('.badge[data-status="refund_pending"]').waitFor();
    await order.locator('[data-refund-status="pending"]').waitFor();
    await order.locator('[data-cancellation="merchant_fault/delivery_delay"]').waitFor();

    await desk.screenshot({ path: path.join(shots, 'desk-desktop-1440x900.png') });
    await desk.setViewportSize(TABLET);
    await desk.screenshot({ path: path.join(shots, 'desk-tablet-1024x768.png') });
    await desk.setViewportSize(DESKTOP);

    // Closing without a tag is refused up front (the server's rule): tag, then confirm the close.
    await desk.locator('.conv-actions').getByRole('button', { name: '结束会话' }).click();
    const tagDialog = desk.locator('dialog[open]');
    await tagDialog.getByText('结束前必须先选择取消类别和原因代码').waitFor();
    await tagDialog.locator('select[name="category"]').selectOption('merchant_fault');
    await tagDialog.locator('select[name="reasonCode"]').selectOption('delivery_delay');
    await tagDialog.getByRole('button', { name: '保存标签' }).click();
    await desk.locator('dialog[open]').getByRole('button', { name: '结束会话' }).click();
    await desk.locator('.conv-head [data-status="closed"]').waitFor();

    // The buyer rates the chat.
    await widget(store).getByRole('button', { name: '5 星' }).click();
    await widget(store).getByPlaceholder('留下您的意见（选填）').fill('处理很快');
    await widget(store).getByRole('button', { name: '提交评价' }).click();
    await widget(store).getByText('感谢您的评价').waitFor();

    const row = await Order.findOne({ where: { orderNo }, rejectOnEmpty: true });
    expect(row.status).toBe('refund_pending');
    const agentId = (await Agent.findOne({ where: { email: AGENT!.email }, rejectOnEmpty: true })).id;
    expect(await Cancellation.findOne({ where: { orderId: row.id }, raw: true })).toMatchObject({
      category: 'merchant_fault',
      reasonCode: 'delivery_delay',
      initiatorType: 'agent',
      initiatorId: String(agentId),
      note: '超时未发货，全额退款',
      refundedCents: row.amountCents,
      stage: 'delivered',
    });
    expect(await Refund.findAll({ where: { orderId: row.id }, raw: true })).toEqual([expect.objectContaining({ amountCents: row.amountCents, status: 'pending' })]);
    const handoff = await Handoff.findOne({ where: { buyerId: row.buyerId }, rejectOnEmpty: true });
    expect(handoff).toMatchObject({ status: 'closed', claimedBy: String(agentId), tagCategory: 'merchant_fault', tagReason: 'delivery_delay' });
    expect(handoff.firstResponseMs).toEqual(expect.any(Number));
    expect(await CsatRating.findOne({ where: { conversationId: handoff.conversationId }, raw: true })).toMatchObject({ rating: 5, comment: '处理很快', buyerId: row.buyerId });

    await store.close();
    await desk.close();
    console.info(`[e2e] desk screenshots in ${shots}`);
  });

  test('a lost claim race is explained, not an error; supervisors get the SLA breach alert', async () => {
    const buyerId = 'e2e-desk-race';
    const store = await openPage(browser, `${live.base}/?buyer=${buyerId}`);
    await widget(store).locator('button.launcher').click();
    await widget(store).getByLabel('输入消息').fill('转人工客服');
    await widget(store).getByLabel('输入消息').press('Enter');
    await widget(store).locator('.row.bot .bubble', { hasText: '人工客服' }).first().waitFor();
    const handoff = await until(() => Handoff.findOne({ where: { status: 'queued' }, order: [['id', 'DESC']] }));

    // Agent 2 looks at the handoff; the queue updates that would hide it are held back, as in the instant
    // between another agent's claim and its broadcast.
    const slow = await browser.newPage({ viewport: DESKTOP });
    slow.setDefaultTimeout(8_000);
    await slow.routeWebSocket(/\/socket\.io\//, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((m) => server.send(m));
      server.onMessage((m) => {
        if (!String(m).includes('["handoff:update"')) ws.send(m);
      });
    });
    await slow.goto(`${live.base}/desk`);
    await signIn(slow, DEMO_AGENTS[1]!.email, DEMO_AGENTS[1]!.password);
    await slow.locator(`.queue-item[data-handoff="${handoff.id}"]`).click();

    const supervisor = await openDesk(browser, live.base);
    await signIn(supervisor, SUPERVISOR!.email, SUPERVISOR!.password);
    await supervisor.locator(`.queue-item[data-handoff="${handoff.id}"]`).waitFor();

    // Agent 1 wins the claim first (through the protocol, as another browser would).
    const winner = await deskSocket(AGENT!);
    await expect(winner.emitWithAck('handoff:claim', { handoffId: handoff.id })).resolves.toMatchObject({ ok: true });
    winner.close();
    await slow.locator('.conv-actions').getByRole('button', { name: /接入会话/ }).click();
    // The refusal itself names the winner (HANDOFF_TAKEN details.claimedByName), even with the update withheld.
    await expect(slow.locator('.notice[role="alert"]').textContent()).resolves.toContain(`该会话已被 ${AGENT!.name} 接入`);
    await expect(slow.locator('.toast.error').count()).resolves.toBe(0);

    // No first reply within 5 minutes: the timer job flags the breach and the supervisor is alerted.
    live.domain.clock.advance(6 * 60_000);
    await supervisor.locator('.alerts', { hasText: `会话 #${handoff.id}` }).waitFor({ timeout: 12_000 });
    await supervisor.locator(`.queue-item[data-handoff="${handoff.id}"] [data-sla="breached"]`).waitFor();
    await supervisor.locator(`.queue-item[data-handoff="${handoff.id}"]`).click();
    await supervisor.screenshot({ path: path.join(shots, 'desk-supervisor-breach-1440x900.png') });
    await Promise.all([store.close(), slow.close(), supervisor.close()]);
  });

  async function deskSocket(account: { email: string; password: string }): Promise<Socket> {
    const login = await fetch(`${live.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: account.email, password: account.password }) });
    const { token } = (await login.json()) as { token: string };
    const socket = io(`${live.base}/desk`, { auth: { token }, transports: ['websocket'] });
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('connect_error', reject));
    return socket;
  }

  async function createCannedResponse() {
    const login = await fetch(`${live.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: SUPERVISOR!.email, password: SUPERVISOR!.password }),
    });
    const { token } = (await login.json()) as { token: string };
    const res = await fetch(`${live.base}/api/desk/canned`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ shortcut: 'refund-start', lang: 'zh', title: '退款受理', body: '您好 {buyerName}，我是客服{agentName}，正在为您处理订单问题，请稍候。' }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { canned: { id: number; title: string } }).canned;
  }
});

// The supervisor workspaces in a real browser: a buyer's message the bot could not read lands in the inbox; the
// supervisor adds it to the right intent, retrains, activates the new version, and the bot now classifies that
// message correctly. The analytics page draws the hour-of-week heatmap of the default-size demo seed, whose
// hottest cells are the weekend evenings it was seeded with, and the reason report downloads as CSV. The service
// and credit pages show their figures. A supervisor manages canned responses in the UI (a bad variable is refused
// with the server's code and message) and the desk API serves what was saved. Screenshots (1440×900) of every page are kept for review.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { ConversationMessage } from '../../models';
import { AgentService } from '../../models/agent-service';
import { DEMO_AGENTS, ensureDemoAgents } from '../../desk/demo-agents';
import { createServer } from '../../server/app';
import { loadConfig } from '../../server/config';
import { createLogger } from '../../server/logger';
import { seedDemo } from '../../server/seed';
import { DEMO_DAYS } from '../../server/seed/calendar';
import { cstDay } from '../../desk/ui/src/supervisor/format';
import { Buyerside, tokenFor, type Harness } from '../bot/widget-harness';
import { SMALL_SEED } from '../desk/supervisor-seed';
import { openTestDomain } from '../helpers/domain';
import { describeBrowser, launchBrowser, type Browser, type Page } from './browser';

const ROOT = path.resolve(__dirname, '../..');
const SUPERVISOR = DEMO_AGENTS.find((a) => a.role === 'supervisor')!;
/** No line of the small seed set shares a character with it: the bot reads it as out_of_scope until taught. */
const STRANGER = '呜哩哇啦卡卡西';

describeBrowser('supervisor workspaces: inbox → retrain → activate → the bot reads it; analytics heatmap and CSV', () => {
  let browser: Browser;
  let h: Harness;
  const modelDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kadesk-e2e-models-'));
  const shots = process.env.KADESK_SHOTS_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kadesk-supervisor-'));

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', path.join(ROOT, 'desk/ui')], { stdio: 'inherit' });
    const d = await openTestDomain('sqlite');
    d.clock.set(new Date());
    // The default size (20,000 orders over DEMO_DAYS): the weekend-evening spike must show on realistic volumes.
    await seedDemo(d);
    await ensureDemoAgents(new AgentService({ clock: d.clock }));
    const config = loadConfig({ NODE_ENV: 'test', KADESK_DEMO: '1', LOG_LEVEL: 'silent' });
    // The small seed set and two folds keep the retrain to a fraction of a second.
    const server = createServer({ config, domain: d, logger: createLogger('silent') }, { intents: { modelDir, folds: 2, seed: () => SMALL_SEED } });
    const port = await server.listen(0, '127.0.0.1');
    h = { d, config, server, url: `http://127.0.0.1:${port}`, close: async () => (await server.close(), await d.teardown()) };
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
    fs.rmSync(modelDir, { recursive: true, force: true });
  });

  /** A new widget buyer says `text`; the bot's recorded reading of it. */
  async function botReads(text: string): Promise<{ messageId: number; intent: string | null }> {
    const buyer = await Buyerside.connect(h, tokenFor(h.config, `e2e-sv-${randomUUID()}`));
    try {
      const { ack } = await buyer.say(text);
      if (!ack.ok) throw new Error(ack.error.message);
      const message = await ConversationMessage.findByPk(ack.message.id, { rejectOnEmpty: true });
      return { messageId: message.id, intent: message.nluIntent };
    } finally {
      buyer.close();
    }
  }

  async function signedIn(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    page.setDefaultTimeout(10_000);
    await page.goto(`${h.url}/desk`);
    await page.getByLabel('邮箱').fill(SUPERVISOR.email);
    await page.getByLabel('密码').fill(SUPERVISOR.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator('.workspace-tabs').waitFor();
    return page;
  }

  test('an inbox message added to the right intent, retrained and activated, is classified right by the bot', async () => {
    const before = await botReads(STRANGER);
    expect(before.intent).toBe('out_of_scope');

    const page = await signedIn();
    await page.locator('[data-view="intents"]').click();
    await page.getByRole('tab', { name: '待处理消息' }).click();
    const row = page.locator(`tr[data-message="${before.messageId}"]`);
    await expect(row.textContent()).resolves.toContain(STRANGER);
    await row.getByLabel('加入意图').selectOption('order_status');
    await row.getByRole('button', { name: '加入意图' }).click();
    await row.waitFor({ state: 'detached' });

    await page.getByRole('tab', { name: '模型' }).click();
    const activeBefore = await page.locator('[data-active-version]').textContent();
    await page.getByRole('button', { name: '重新训练' }).click();
    const ready = page.locator('tr[data-status="ready"]', { has: page.getByRole('button', { name: '启用' }) });
    await ready.waitFor({ timeout: 30_000 });
    // The candidate's cross-validated figures.
    await page.locator('.candidate .figures').waitFor();
    await ready.getByRole('button', { name: '启用' }).click();
    await page.locator('dialog').getByRole('button', { name: '启用' }).click();
    await page.waitForFunction(`document.querySelector('[data-active-version]')?.textContent !== ${JSON.stringify(activeBefore)}`);
    const version = (await page.locator('[data-active-version]').textContent())!;
    expect(version).not.toBe(activeBefore);
    await page.screenshot({ path: path.join(shots, 'intent-tuning.png') });

    const after = await botReads(STRANGER);
    expect(after.intent).toBe('order_status');
    await page.close();
  }, 60_000);

  test('the analytics page draws the heatmap of the seeded orders and exports the reason report as CSV', async () => {
    const page = await signedIn();
    await page.locator('[data-view="analytics"]').click();
    const heatmap = page.locator('.heatmap');
    await heatmap.locator('canvas').waitFor();
    await expect(heatmap.getAttribute('data-peak')).resolves.toMatch(/^[0-6]-\d{1,2}$/);
    await page.locator('.reasons canvas').first().waitFor();
    await page.getByLabel('游戏点卡').selectOption('game_card');
    await page.waitForFunction(`document.querySelector('.peak')?.textContent?.includes('峰值')`);
    // The whole seeded period, so every hour of the week has a few hundred game-card orders to judge it by.
    const range = `${cstDay(DEMO_DAYS - 1)}..${cstDay(0)}`;
    await page.locator('input[name="from"]').fill(cstDay(DEMO_DAYS - 1));
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForFunction(`document.querySelector('.heatmap')?.dataset.range === ${JSON.stringify(range)}`);
    // Seeded: game cards ordered Fri–Sun 19–24h CST are cancelled ≈29% of the time, ≈16.5% otherwise.
    const top = (await heatmap.getAttribute('data-top'))!.split(' ').map((x) => x.split('-').map(Number) as [number, number]);
    expect(top).toHaveLength(5);
    const weekendEvening = ([dow, hour]: [number, number]) => dow >= 4 && hour >= 19;
    expect(top.slice(0, 3).filter(weekendEvening)).toEqual(top.slice(0, 3));
    await expect(heatmap.getAttribute('data-peak')).resolves.toBe(top[0]!.join('-'));
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(shots, 'analytics.png'), fullPage: false });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 CSV' }).click()]);
    const file = await download.path();
    const csv = fs.readFileSync(file!, 'utf8');
    expect(csv.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe('day,category,reason_code,cancellations,refunded_yuan');
    expect(csv.trim().split(/\r?\n/).length).toBeGreaterThan(1);
    await page.close();
  }, 60_000);

  test('the service and credit pages show the seeded figures', async () => {
    // A buyer the bot answers without a person: containment becomes a rate, not a dash.
    await botReads('我的订单到哪了');
    const page = await signedIn();
    await page.locator('[data-view="service"]').click();
    await expect(page.locator('[data-containment]').textContent()).resolves.toMatch(/^\d+(\.\d)?%$/);
    await page.screenshot({ path: path.join(shots, 'service.png') });

    await page.locator('[data-view="credit"]').click();
    // The seed's abusive buyers are restricted by the credit policy, with their reasons.
    const restricted = page.locator('tr[data-buyer]', { has: page.locator('.level.restricted') });
    await restricted.first().waitFor();
    await expect(restricted.first().locator('td').nth(3).textContent()).resolves.toMatch(/\S/);
    await page.screenshot({ path: path.join(shots, 'credit.png') });
    await page.close();
  }, 30_000);

  /** The canned responses the desk API lists in `lang`, read with a supervisor's own token. */
  async function apiCanned(lang: string): Promise<Array<{ id: number; shortcut: string; lang: string; title: string; body: string }>> {
    const login = await fetch(`${h.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: SUPERVISOR.email, password: SUPERVISOR.password }) });
    const { token } = (await login.json()) as { token: string };
    const res = await fetch(`${h.url}/api/desk/canned?lang=${lang}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { canned: Array<{ id: number; shortcut: string; lang: string; title: string; body: string }> }).canned;
  }

  test('a canned response created, edited and deleted in the UI is served by the desk API; a bad variable is refused', async () => {
    const shortcut = 'e2e-refund';
    const page = await signedIn();
    await page.locator('[data-view="canned"]').click();
    await page.getByRole('button', { name: '新建快捷回复' }).click();
    const form = page.locator('dialog');
    await form.getByLabel('快捷指令').fill(shortcut);
    await form.getByLabel('语言').selectOption('zh');
    await form.getByLabel('标题').fill('退款说明');
    await form.getByLabel('内容').fill('<b>{buyerName}</b> 您好，订单 {orderId} 的退款 ¥{amount} 已提交');
    // The preview marks variables as text: the tag stays visible, the unknown name is flagged.
    const preview = form.locator('.canned-preview');
    await expect(preview.locator('mark.var').allTextContents()).resolves.toEqual(['{buyerName}', '{orderId}', '{amount}']);
    await expect(preview.locator('mark.unknown').allTextContents()).resolves.toEqual(['{orderId}']);
    await expect(preview.locator('b').count()).resolves.toBe(0);
    await expect(preview.textContent()).resolves.toContain('<b>');
    await form.getByRole('button', { name: '保存' }).click();
    const error = form.locator('.form-error');
    await expect(error.getAttribute('data-code')).resolves.toBe('VALIDATION_FAILED');
    await expect(error.textContent()).resolves.toMatch(/VALIDATION_FAILED.*body: unknown variable/);
    expect((await apiCanned('zh')).filter((c) => c.shortcut === shortcut)).toEqual([]);

    const body = '{buyerName} 您好，订单 {orderNo} 的退款 ¥{amount} 已提交，预计 {refundDate} 前退回';
    await form.getByLabel('内容').fill('{buyerName} 您好，订单 ');
    await form.getByRole('button', { name: '{orderNo}' }).click();
    await expect(form.getByLabel('内容').inputValue()).resolves.toBe('{buyerName} 您好，订单 {orderNo}');
    await form.getByLabel('内容').fill(body);
    await form.getByRole('button', { name: '保存' }).click();
    await form.waitFor({ state: 'detached' });
    const created = (await apiCanned('zh')).find((c) => c.shortcut === shortcut);
    expect(created).toMatchObject({ lang: 'zh', title: '退款说明', body });
    expect((await apiCanned('en')).some((c) => c.shortcut === shortcut)).toBe(false);
    const row = page.locator(`tr[data-canned="${created!.id}"]`);
    await expect(row.locator('mark.var').count()).resolves.toBe(4);
    await page.getByLabel('语言').selectOption('en');
    await row.waitFor({ state: 'detached' });
    await page.getByLabel('语言').selectOption('zh');
    await row.waitFor();
    await page.screenshot({ path: path.join(shots, 'canned.png') });

    await row.getByRole('button', { name: '编辑' }).click();
    await form.getByLabel('标题').fill('退款进度');
    await form.getByRole('button', { name: '保存' }).click();
    await form.waitFor({ state: 'detached' });
    // The list re-reads after the dialog closes.
    await row.locator('td:nth-child(3)', { hasText: /^退款进度$/ }).waitFor();
    expect((await apiCanned('zh')).find((c) => c.id === created!.id)).toMatchObject({ title: '退款进度', body });

    await row.getByRole('button', { name: '删除' }).click();
    await form.getByRole('button', { name: '删除' }).click();
    await row.waitFor({ state: 'detached' });
    expect((await apiCanned('zh')).some((c) => c.id === created!.id)).toBe(false);
    await page.close();
  }, 30_000);
});

// The whole stack in a real browser: the demo store page, the embedded widget, the /widget namespace, the
// conversation engine and the order service on SQLite. A buyer cancels an unpaid order from the chat.
import { Order } from '../../models';
import { demoStore, describeBrowser, openPage, type Page, widget } from './browser';

/** Presses the newest enabled button with this label (older messages keep theirs, disabled). */
async function press(page: Page, name: RegExp): Promise<void> {
  const button = widget(page).getByRole('button', { name }).and(widget(page).locator(':enabled')).last();
  await button.click();
}

describeBrowser('buyer cancels an unpaid order through the widget', () => {
  const store = demoStore();

  test('asks about the unpaid order, presses cancel and confirm, and sees the status change', async () => {
    const page = await openPage(store.browser, `${store.live.base}/?buyer=e2e-cancel-1`);
    const unpaidRow = page.locator('#orders tr', { has: page.locator('[data-status="pending_payment"]') }).first();
    const orderNo = (await unpaidRow.getAttribute('data-order'))!;
    expect(orderNo).toBeTruthy();

    await widget(page).locator('button.launcher').click();
    await widget(page).getByLabel('输入消息').fill(`订单 ${orderNo} 现在什么状态？`);
    await widget(page).getByLabel('输入消息').press('Enter');

    await press(page, /^取消订单$/);
    const reason = widget(page).locator('.chip:enabled', { hasText: /忘记付款|不想要|其他/ });
    if (await reason.count()) await reason.first().click();
    await press(page, /^确认取消$/);

    await widget(page).locator('.row.bot .bubble', { hasText: `已为您取消订单 ${orderNo}` }).waitFor();
    await widget(page).locator(`.card[data-order="${orderNo}"] [data-status="cancelled"]`).first().waitFor();
    await page.locator(`#orders tr[data-order="${orderNo}"] [data-status="cancelled"]`).waitFor();
    const order = await Order.findOne({ where: { orderNo }, raw: true });
    expect(order?.status).toBe('cancelled');
    await page.close();
  });

  test('a message containing HTML shows as literal text', async () => {
    const page = await openPage(store.browser, `${store.live.base}/?buyer=e2e-xss-1`);
    await page.evaluate('window.__pwned = false');
    const attack = '<img src=x onerror="window.__pwned = true">';
    await widget(page).locator('button.launcher').click();
    await widget(page).getByLabel('输入消息').fill(attack);
    await widget(page).getByLabel('输入消息').press('Enter');
    const stored = widget(page).locator('.row.buyer[data-message-id] .bubble', { hasText: attack });
    await stored.waitFor();
    await expect(stored.textContent()).resolves.toBe(attack);
    await expect(widget(page).locator('.log img').count()).resolves.toBe(0);
    await expect(page.evaluate('window.__pwned')).resolves.toBe(false);
    await page.close();
  });
});

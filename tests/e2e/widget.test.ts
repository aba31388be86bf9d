// The embedded widget on the demo store page: shadow-DOM isolation against hostile host CSS, open/close with
// focus management, the phone-size full-screen panel, and screenshots for a human look.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { computedStyle, demoStore, describeBrowser, focusInWidget, openPage, widget } from './browser';

const HOSTILE_CSS = `
  * { font-size: 40px !important; color: red !important; letter-spacing: 12px !important; line-height: 4 !important; }
  button, input, div { display: none !important; }
  body * { transform: rotate(8deg) !important; filter: blur(2px) !important; }
  kadesk-widget { display: none !important; position: absolute !important; }
`;

describeBrowser('buyer widget on the demo store page', () => {
  const store = demoStore();
  const shots = fs.mkdtempSync(path.join(os.tmpdir(), 'kadesk-widget-'));

  test('serves widget.js and the store page with exactly one widget tag', async () => {
    const js = await fetch(`${store.live.base}/widget.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    const html = await (await fetch(`${store.live.base}/?buyer=shop-1`)).text();
    expect(html.match(/<script src="\/widget\.js"/g)).toHaveLength(1);
    expect(html).toContain('data-token-url="/demo/token?buyer=shop-1"');
    const bad = await fetch(`${store.live.base}/?buyer=%3Cscript%3E`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
  });

  test('hostile host CSS cannot hide or restyle the widget', async () => {
    const page = await openPage(store.browser, `${store.live.base}/?buyer=hostile-1`);
    await page.addStyleTag({ content: HOSTILE_CSS });
    const launcher = widget(page).locator('button.launcher');
    await expect(launcher.isVisible()).resolves.toBe(true);
    await launcher.click();
    const input = widget(page).getByLabel('输入消息');
    await expect(input.isVisible()).resolves.toBe(true);
    const style = await computedStyle(page, 'kadesk-widget #kd-input', ['font-size', 'color', 'letter-spacing', 'transform']);
    expect(style).toEqual({ 'font-size': '14px', color: 'rgb(31, 35, 41)', 'letter-spacing': 'normal', transform: 'none' });
    const box = await widget(page).locator('.panel').boundingBox();
    expect(box).toMatchObject({ width: 380 });
    expect(box!.x + box!.width).toBeLessThanOrEqual(1280 - 20);
    await page.close();
  });

  test('opening moves focus to the labelled input; Escape closes and returns focus to the launcher', async () => {
    const page = await openPage(store.browser, `${store.live.base}/?buyer=focus-1&lang=en`);
    const launcher = widget(page).getByRole('button', { name: 'Open customer service chat' });
    await launcher.click();
    await expect(focusInWidget(page, '#kd-input')).resolves.toMatchObject({ id: 'kd-input' });
    const dialog = widget(page).getByRole('dialog', { name: 'Customer service' });
    await expect(dialog.isVisible()).resolves.toBe(true);
    await page.keyboard.press('Escape');
    await expect(dialog.isVisible()).resolves.toBe(false);
    expect((await focusInWidget(page, '.launcher'))?.className).toContain('launcher');
    await page.close();
  });

  test('on a phone the open panel fills the screen (screenshots for review)', async () => {
    const desktop = await openPage(store.browser, `${store.live.base}/?buyer=shot-1`);
    await widget(desktop).locator('button.launcher').click();
    await desktop.screenshot({ path: path.join(shots, 'desktop.png') });
    await desktop.close();

    const phone = await openPage(store.browser, `${store.live.base}/?buyer=shot-1`, 'phone');
    await widget(phone).locator('button.launcher').click();
    const box = await widget(phone).locator('.panel').boundingBox();
    expect(box).toEqual({ x: 0, y: 0, width: 390, height: 844 });
    await phone.screenshot({ path: path.join(shots, 'phone.png') });
    await phone.close();
    console.info(`[e2e] widget screenshots in ${shots}`);
  });
});

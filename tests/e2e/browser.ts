// Launches Debian's chromium for browser tests, and the real KaDesk server (in-process, SQLite test DB, demo
// config) for it to drive. Without chromium the tests are skipped with a notice, unless
// KADESK_REQUIRE_BROWSER=1 makes that a failure (CI).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createServer, type KadeskServer } from '../../server/app';
import { loadConfig } from '../../server/config';
import { createLogger } from '../../server/logger';
import { makeCatalog, openTestDomain, type TestDomain } from '../helpers/domain';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const browserAvailable = fs.existsSync(CHROMIUM_PATH);

/** `describe` for browser tests: skipped with a visible warning when there is no chromium and it is not required. */
export function describeBrowser(name: string, body: () => void): void {
  if (browserAvailable || process.env.KADESK_REQUIRE_BROWSER === '1') {
    describe(name, body);
    return;
  }
  console.warn(`[e2e] SKIPPED "${name}": no chromium at ${CHROMIUM_PATH} (install it, set CHROMIUM_PATH, or set KADESK_REQUIRE_BROWSER=1 to fail instead)`);
  describe.skip(name, body);
}

export async function launchBrowser(): Promise<Browser> {
  if (!browserAvailable) throw new Error(`KADESK_REQUIRE_BROWSER=1 but no chromium at ${CHROMIUM_PATH}`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const DESKTOP = { viewport: { width: 1280, height: 800 } };

/** A page at desktop or phone size whose waits fail in seconds, well inside jest's timeout. */
export async function openPage(browser: Browser, url: string, size: 'desktop' | 'phone' = 'desktop'): Promise<Page> {
  const page = await browser.newPage(size === 'phone' ? PHONE : DESKTOP);
  page.setDefaultTimeout(8_000);
  await page.goto(url);
  return page;
}

const UI = path.resolve(__dirname, '../../bot/widget-ui');
const newest = (dir: string): number =>
  Math.max(...fs.readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).mtimeMs)));

/** Builds widget.js when it is missing or older than its sources, so the tests never run a stale bundle. */
export function ensureWidgetBuilt(): void {
  const out = path.join(UI, 'dist/widget.js');
  if (fs.existsSync(out) && fs.statSync(out).mtimeMs >= newest(path.join(UI, 'src'))) return;
  execFileSync(process.execPath, [path.resolve(UI, '../../node_modules/vite/bin/vite.js'), 'build', UI], { stdio: 'inherit' });
}

export interface LiveServer {
  base: string;
  domain: TestDomain;
  server: KadeskServer;
  stop(): Promise<void>;
}

/** The real server over a fresh SQLite database, listening on an ephemeral port. */
export async function startServer(): Promise<LiveServer> {
  const domain = await openTestDomain('sqlite');
  const config = loadConfig({ NODE_ENV: 'test', KADESK_DEMO: '1', LOG_LEVEL: 'silent' });
  const server = createServer({ config, domain, logger: createLogger('silent') });
  // As `kadesk start` does: the intent model is loaded (or first trained) before the server listens, so the first
  // buyer message is not the one that waits for it.
  await server.warmUp();
  const port = await server.listen(0, '127.0.0.1');
  return {
    base: `http://127.0.0.1:${port}`,
    domain,
    server,
    stop: async () => {
      await server.close();
      await domain.teardown();
    },
  };
}

/**
 * For one describe block: the demo store (real server, fresh SQLite, a product with keys in stock so demo buyers'
 * orders are real) and a browser, both closed afterwards. Read `browser` / `live` inside tests, not at definition.
 */
export function demoStore(): { browser: Browser; live: LiveServer } {
  const fixture = {} as { browser: Browser; live: LiveServer };
  beforeAll(async () => {
    ensureWidgetBuilt();
    // One after the other: if the browser cannot start, afterAll still stops the server.
    fixture.live = await startServer();
    await makeCatalog({ keys: 40 });
    fixture.browser = await launchBrowser();
    // The first training of the intent model can take a while when CI runs test files side by side.
  }, 90_000);
  afterAll(async () => {
    await fixture.browser?.close();
    await fixture.live?.stop();
  });
  return fixture;
}

/** Everything inside the widget lives in its shadow root; Playwright's CSS locators pierce it. */
export const widget = (page: Page) => page.locator('kadesk-widget');

/** The id/class of what has focus inside the widget (DOM code as a string: the test program has no DOM lib). */
/**
 * The element focused inside the widget once it matches `selector` (focus moves in an effect after the render that
 * opens or closes the panel, so it is waited for), or whatever has focus there after 5 s: the assertion shows it.
 */
export async function focusInWidget(page: Page, selector: string): Promise<{ id: string; className: string } | null> {
  const active = `document.querySelector('kadesk-widget')?.shadowRoot?.activeElement`;
  await page.waitForFunction(`${active}?.matches(${JSON.stringify(selector)}) === true`, undefined, { timeout: 5_000 }).catch(() => undefined);
  return page.evaluate(`(() => { const a = ${active}; return a ? { id: a.id, className: String(a.className) } : null; })()`);
}

/** Computed style properties of the first element a selector finds (through the element's own window). */
export const computedStyle = (page: Page, selector: string, props: string[]): Promise<Record<string, string>> =>
  page.locator(selector).evaluate((el: any, names: string[]) => {
    const style = el.ownerDocument.defaultView.getComputedStyle(el);
    return Object.fromEntries(names.map((n) => [n, String(style.getPropertyValue(n))]));
  }, props);

export type { Browser, BrowserContext, Page };

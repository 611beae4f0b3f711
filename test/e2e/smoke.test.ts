import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_DIR, launchBrowser, screenshot, startServer, type LaunchedBrowser, type TestServer } from './harness';

describe('e2e harness smoke test', () => {
  let server: TestServer;
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('has a production build of the extension', () => {
    expect(existsSync(join(EXTENSION_DIR, 'manifest.json'))).toBe(true);
  });

  it('the page-side scripts carry neither the polyfill nor the engine (both stay in the background)', () => {
    const pageSide = ['checker.js', 'content-scripts/sidebar.js'].map((f) => readFileSync(join(EXTENSION_DIR, f), 'utf8'));
    const background = readFileSync(join(EXTENSION_DIR, 'background.js'), 'utf8');
    const polyfill = 'This script should only be loaded in a browser extension';
    expect(background).toContain(polyfill);
    for (const script of pageSide) expect(script).not.toContain(polyfill);
    // the rules live in the engine (the sidebar shows their findings, it does not run them)
    for (const engineOnly of ['review-litigation-total', 'fee-magnitude', 'prose-total']) {
      expect(background).toContain(engineOnly);
      for (const script of pageSide) expect(script).not.toContain(engineOnly);
    }
    // the first script, which runs before the marks, has no UI: no shadow root, no sidebar CSS or words
    const [first, sidebar] = pageSide;
    // nor zod: its schema construction and first parse cost ~6 ms there (the plan is checked by hand, src/messaging/wire.ts)
    for (const uiOnly of ['attachShadow', ':host', '复制 JSON', '_zod']) {
      expect(sidebar).toContain(uiOnly);
      expect(first).not.toContain(uiOnly);
    }
  });

  it('the detector, which runs on every gov.cn page, is a plain script: no WXT wrapper, polyfill or engine', () => {
    const detector = readFileSync(join(EXTENSION_DIR, 'detector.js'), 'utf8');
    const checker = readFileSync(join(EXTENSION_DIR, 'checker.js'), 'utf8');
    // WXT's unlisted-script wrapper reports a crash on startup (checker.js is one, so the marker is live)
    const wrapper = 'crashed on startup';
    expect(checker).toContain(wrapper);
    expect(detector).not.toContain(wrapper);
    expect(detector).not.toContain('This script should only be loaded in a browser extension');
    expect(detector).not.toContain('review-litigation-total');
    // what it does carry: the one XPath and the message that asks for the checker
    expect(detector).toContain('boolean(/html/head/meta');
    expect(detector).toContain('candidate');
    expect(detector.length).toBeLessThan(5000);
  });

  it('loads the extension and its service worker', async () => {
    expect(browser.extensionId).toMatch(/^[a-p]{32}$/);
    const workers = browser.context.serviceWorkers();
    expect(workers.map((w) => w.url())).toContain(`chrome-extension://${browser.extensionId}/background.js`);
    type Chrome = { runtime: { getManifest(): { name: string; manifest_version: number } } };
    const manifest = await workers[0]!.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.runtime.getManifest());
    expect(manifest.manifest_version).toBe(3);
    const name = manifest.name;
    expect(name).toBeTruthy();
  });

  it('serves a gov.cn report page through the host mapping, and it renders Chinese', async () => {
    const page = await browser.context.newPage();
    const url = server.url('www.weihai.gov.cn', '/seed-004.html');
    expect(url).toBe(`http://www.weihai.gov.cn:${server.port}/seed-004.html`);
    const response = await page.goto(url, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toBe('text/html; charset=utf-8');
    expect(await page.title()).toContain('年度报告');
    await expect(page.locator('table').count()).resolves.toBeGreaterThanOrEqual(3);
    const png = await screenshot(page, 'smoke-seed-004');
    expect(statSync(png).size).toBeGreaterThan(10_000);
    await page.close();
  });

  it('serves 404s, the slow route and the big news page', async () => {
    const page = await browser.context.newPage();
    const missing = await page.goto(server.url('www.weihai.gov.cn', '/nope.html'));
    expect(missing?.status()).toBe(404);

    const t0 = Date.now();
    const slow = await page.goto(server.url('www.weihai.gov.cn', '/slow/no-report.html'));
    expect(slow?.status()).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1400);

    const big = await page.goto(server.url('www.huancui.gov.cn', '/big-news.html'));
    expect(big?.status()).toBe(200);
    const bytes = (await big!.body()).length;
    expect(bytes).toBeGreaterThan(1_900_000);
    expect(bytes).toBeLessThan(2_500_000);
    expect(await page.title()).not.toContain('年度报告');
    await page.close();
  });
});

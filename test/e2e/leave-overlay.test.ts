import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Worker } from 'playwright-core';
import { launchBrowser, REPO_ROOT, startServer, type LaunchedBrowser, type TestServer } from './harness';

// Issue 16, items 9 and 10.
//  9. Leaving a large report 100–300 ms after load: the next, non-report page showed the old
//     badge (the check finished after the tab had moved on, and its badge landed on the next page).
// 10. A page overlay at z-index 2147483647 took the sidebar's clicks (the sidebar's host was one lower).

const PANEL = 'gov-report-check .panel';
const errorsHtml = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'html', 'errors.html'), 'utf8');

/** errors.html with ~3 MB of ordinary paragraphs after the report: a check that takes a while. */
function bigReport(): string {
  const para = '<p>为进一步提升基层治理水平，我区深入开展网格化服务管理，推动资源力量向基层一线下沉，本次培训采取专题授课、案例分析、现场教学相结合的方式。</p>\n';
  return errorsHtml.replace('</body>', `<div class="appendix">${para.repeat(Math.ceil(3_000_000 / Buffer.byteLength(para)))}</div></body>`);
}

const OVERLAY = '<div id="overlay" style="position:fixed;top:0;left:0;right:0;bottom:0;z-index:2147483647;background:rgba(0,0,0,0.15)"></div>';

let server: TestServer;
let browser: LaunchedBrowser;
let worker: Worker;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const found = browser.context.serviceWorkers()[0];
  if (!found) throw new Error('no service worker');
  worker = found;
  await checkAsked('about:blank');
  const big = bigReport();
  await browser.context.route(/\/(big-report|overlay-report)\.html/, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: route.request().url().includes('big-report') ? big : errorsHtml.replace('</body>', `${OVERLAY}</body>`),
    }),
  );
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

type Chrome = {
  scripting: { executeScript: (...args: unknown[]) => Promise<unknown> };
  storage: { local: { get: (...args: unknown[]) => unknown } };
};

/**
 * Whether the background has received the page of `url` to check: the first in-page script's
 * result (src/background/inject.ts), seen by wrapping scripting.executeScript (the background's
 * `browser.scripting` is this same object). Installed once, with a way to make the background's check slow: while
 * `__slowMs` is set, its reads of storage (settings, history, decisions: every check makes them)
 * take that long — a large report's check as it runs on a slow machine, made to order.
 */
async function checkAsked(url: string): Promise<boolean> {
  return worker.evaluate((u) => {
    const g = globalThis as unknown as { __asked?: Set<string>; __slowMs?: number; chrome: Chrome };
    if (!g.__asked) {
      const asked = (g.__asked = new Set<string>());
      const scripting = g.chrome.scripting;
      const execute = scripting.executeScript.bind(scripting);
      scripting.executeScript = (...args: unknown[]) =>
        execute(...args).then((results) => {
          const first = Array.isArray(results) ? (results[0] as { result?: { url?: unknown; request?: unknown } } | undefined) : undefined;
          if (first?.result?.request && typeof first.result.url === 'string') asked.add(first.result.url);
          return results;
        });
      const local = g.chrome.storage.local;
      const get = local.get.bind(local);
      local.get = (...args: unknown[]) => {
        const ms = g.__slowMs ?? 0;
        if (!ms) return get(...args);
        return new Promise((resolve) => setTimeout(resolve, ms)).then(() => get(...args));
      };
    }
    return g.__asked.has(u);
  }, url);
}

async function slowChecks(ms: number): Promise<void> {
  await worker.evaluate((m) => {
    (globalThis as unknown as { __slowMs?: number }).__slowMs = m;
  }, ms);
}

/** The toolbar badge of the tab showing `url`, read in the extension's service worker. */
async function badgeOf(url: string): Promise<string> {
  return worker.evaluate(async (u) => {
    const api = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> }; action: { getBadgeText(d: { tabId: number }): Promise<string> } } }).chrome;
    const tab = (await api.tabs.query({})).find((t) => t.url === u);
    if (tab?.id === undefined) throw new Error(`no tab shows ${u}`);
    return api.action.getBadgeText({ tabId: tab.id });
  }, url);
}

describe('leaving a large report right after load (item 9)', () => {
  it('control: the large report itself gets its badge', { timeout: 60_000 }, async () => {
    const page = await browser.context.newPage();
    const url = server.url('www.weihai.gov.cn', '/big-report.html?control');
    await page.goto(url, { waitUntil: 'load' });
    await page.locator(PANEL).waitFor({ timeout: 30_000 });
    await expect.poll(() => badgeOf(url), { timeout: 10_000 }).toBe('5');
    await page.close();
  });

  for (const delay of [100, 200, 300]) {
    it(`left ${delay} ms after its check began: the next, non-report page shows no badge`, { timeout: 60_000 }, async () => {
      const page = await browser.context.newPage();
      const url = server.url('www.weihai.gov.cn', `/big-report.html?leave=${delay}`);
      await slowChecks(800);
      await page.goto(url, { waitUntil: 'load' });
      // the page's HTML has reached the background: its check is running now
      await expect.poll(() => checkAsked(url), { timeout: 20_000, interval: 20 }).toBe(true);
      await page.waitForTimeout(delay);
      const next = server.url('www.weihai.gov.cn', `/no-report.html?after=${delay}`);
      await page.goto(next, { waitUntil: 'load' });
      // long enough for the left report's check to have finished in the background
      await page.waitForTimeout(5_000);
      await slowChecks(0);
      expect(await badgeOf(next)).toBe('');
      expect(await page.locator('gov-report-check').count()).toBe(0);
      await page.close();
    });
  }
});

describe('a page overlay at z-index 2147483647 (item 10)', () => {
  async function rejectFirst(page: Page): Promise<void> {
    const first = page.locator(`${PANEL} li.item`).first();
    // a real click at the button's place: it fails if the overlay is what the pointer hits
    await first.locator('button[data-state="rejected"]').click({ timeout: 3_000 });
    await expect.poll(() => first.getAttribute('class'), { timeout: 5_000 }).toContain('rejected');
  }

  it('an overlay in the page as served: clicking the sidebar works', { timeout: 30_000 }, async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('www.weihai.gov.cn', '/overlay-report.html?served'), { waitUntil: 'load' });
    await page.locator(PANEL).waitFor({ timeout: 15_000 });
    expect(await page.locator('#overlay').count()).toBe(1);
    await rejectFirst(page);
    await page.close();
  });

  it('an overlay the page adds after the sidebar came up: clicking the sidebar still works', { timeout: 30_000 }, async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('www.weihai.gov.cn', '/errors.html?late-overlay'), { waitUntil: 'load' });
    await page.locator(PANEL).waitFor({ timeout: 15_000 });
    await page.evaluate((html) => document.body.insertAdjacentHTML('beforeend', html), OVERLAY);
    await rejectFirst(page);
    // the overlay still covers the page itself
    const hit = await page.evaluate(() => document.elementFromPoint(200, 400)?.id ?? null);
    expect(hit).toBe('overlay');
    await page.close();
  });
});

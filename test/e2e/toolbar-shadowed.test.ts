// Issue 16, item 1's open end: on a site that is not gov.cn no detector runs at document_start, so
// the extension's world in the page is made only when the toolbar injects the checker — after the
// page's markup. A page that shadows BOTH `browser` and `chrome` there (named-access forms, named
// iframes) leaves the page side with no extension API at all. The toolbar check must not need one:
// the background reads the page through scripting.executeScript's result and hands the marks and
// the result back through its args (src/background/inject.ts), so the sidebar still shows the report.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clickToolbarButton, screenshot } from './harness';
import { useBrowser } from './use-browser';

const env = useBrowser();
const PANEL = 'gov-report-check .panel';
const MIRROR = 'gov-mirror.test';

async function open(path: string): Promise<Page> {
  const page = await env.browser.context.newPage();
  await page.goto(env.server.url(MIRROR, path), { waitUntil: 'load' });
  return page;
}

async function tabIdOf(url: string): Promise<number> {
  const worker = env.browser.context.serviceWorkers()[0];
  if (!worker) throw new Error('no service worker');
  return worker.evaluate(async (u) => {
    const c = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } }).chrome;
    return (await c.tabs.query({})).find((t) => t.url === u)?.id ?? -1;
  }, url);
}

/** The toolbar check of errors.html must come out as it does on an ordinary page: five errors, six failing cells marked. */
async function expectErrorsReport(page: Page): Promise<void> {
  await page.locator(PANEL).waitFor({ timeout: 15_000 });
  expect(await page.locator(`${PANEL} .count.err b`).textContent()).toBe('5');
  expect(await page.locator('td[data-grc~="fail"]').count()).toBe(6);
  // the findings themselves, by rule and place
  for (const id of ['balance/t2:natural', 'row-total/t2:unable-1']) expect(await page.locator(`${PANEL} button[data-finding="${id}"]`).count()).toBe(1);
  expect(await page.locator(PANEL).textContent()).toContain('威海市某某区人民政府');
}

describe('toolbar check on a site that is not gov.cn, the page shadowing both browser and chrome', () => {
  it('forms named browser and chrome, and a script assigning both: the sidebar shows the five errors', async () => {
    const page = await open('/shadow-both.html?toolbar');
    // the page really shadows both names in its own world (the extension's world sees its forms too)
    expect(await page.evaluate(() => (window as unknown as { chrome: { runtime: { id: string } } }).chrome.runtime.id)).toBe('hijacked');
    expect(await page.locator('form#browser input[name="runtime"], form[name="chrome"] input[name="runtime"]').count()).toBe(2);
    expect(await page.locator('gov-report-check').count()).toBe(0);
    await clickToolbarButton(env.browser.context, env.browser.extensionId, page);
    await expectErrorsReport(page);
    // decisions could not be saved from here: the sidebar says why and offers none, so nothing typed is lost
    expect((await page.locator(`${PANEL} .notice.offline`).textContent()) ?? '').toContain('侧栏无法与扩展后台通信');
    expect(await page.locator(`${PANEL} .decide, ${PANEL} button`, { hasText: '驳回' }).count()).toBe(0);
    await page.locator(PANEL).scrollIntoViewIfNeeded();
    await screenshot(page, 'toolbar-shadow-both');
    await page.close();
  });

  for (const shape of ['form-both', 'iframe-browser']) {
    it(`${shape} (clobber shape): the toolbar check still marks the report and shows the sidebar`, async () => {
      const page = await open(`/clobber/${shape}.html?toolbar`);
      expect(await page.locator('gov-report-check').count()).toBe(0);
      await clickToolbarButton(env.browser.context, env.browser.extensionId, page);
      await expectErrorsReport(page);
      await page.close();
    });
  }

  it('the popup shows the shadowed page\'s summary (the page itself cannot answer it)', async () => {
    const page = await open('/shadow-both.html?popup');
    // the button grants activeTab for this tab; the popup page then asks for the tab by its id
    await clickToolbarButton(env.browser.context, env.browser.extensionId, page);
    await page.locator(PANEL).waitFor({ timeout: 15_000 });
    const popup = await env.browser.context.newPage();
    await popup.goto(`chrome-extension://${env.browser.extensionId}/popup.html?tab=${await tabIdOf(page.url())}`);
    await popup.locator('.counts').waitFor({ timeout: 15_000 });
    expect(await popup.locator('.counts .err b').textContent()).toBe('5');
    await popup.close();
    await page.close();
  });
});

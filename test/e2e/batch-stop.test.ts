import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, screenshot, startServer, type LaunchedBrowser, type TestServer } from './harness';

// A long batch can be stopped and gone on with, and a tab closed mid-run loses at most the last
// few seconds: what was done is kept while it runs, and comes back with 继续检查 for the rest.
// Twenty slow pages (1.5 s each), two at a time.

let server: TestServer;
let browser: LaunchedBrowser;
let page: Page;
const URLS: string[] = [];

beforeAll(async () => {
  server = await startServer();
  for (let i = 0; i < 20; i++) URLS.push(server.url(`t${i}.example.gov.cn`, `/slow/huancui-2023.html?n=${i}`));
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/batch.html`);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const statuses = (p: Page): Promise<(string | null)[]> => p.locator('table.results tr.row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));
const doneCount = async (p: Page): Promise<number> => (await statuses(p)).filter((s) => s !== 'pending' && s !== 'running').length;

describe('batch page: stop, go on, and a tab closed mid-run', () => {
  it('停止: nothing more is started, what was checked stays; 继续检查 offers the rest', async () => {
    await page.locator('label', { hasText: '同时检查' }).locator('input').fill('2');
    await page.locator('textarea').first().fill(URLS.join('\n'));
    await page.locator('button', { hasText: '开始检查' }).click();
    await expect.poll(() => doneCount(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    await page.locator('button.stop').click();
    await expect.poll(() => page.locator('button', { hasText: '开始检查' }).isEnabled(), { timeout: 30_000 }).toBe(true);
    const after = await statuses(page);
    const done = after.filter((s) => s === 'sound').length;
    expect(done).toBeGreaterThanOrEqual(2);
    expect(done).toBeLessThanOrEqual(6);
    expect(after.filter((s) => s === 'pending')).toHaveLength(20 - done);
    expect(await page.locator('button.stop').count()).toBe(0);
    expect(await page.locator('button.resume').textContent()).toBe(`继续检查未完成的 ${20 - done} 项`);
    await screenshot(page, 'e2e-batch-stopped');
    // stopped, yet kept: a reload shows the same
    await page.reload();
    await expect.poll(() => statuses(page), { timeout: 10_000 }).toEqual(after);
  });

  it('a tab closed mid-run: what was done is there when the page opens again, and 继续检查 finishes the batch', async () => {
    const before = await doneCount(page);
    await page.locator('label', { hasText: '同时检查' }).locator('input').fill('1');
    await page.locator('button.resume').click();
    await expect.poll(() => doneCount(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(before + 2);
    // kept every 5 s while it runs: wait for one keep, then close the tab mid-run
    await new Promise((r) => setTimeout(r, 5_500));
    const seen = await doneCount(page);
    expect(seen).toBeLessThan(20);
    await page.close();

    page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/batch.html`);
    await expect.poll(() => page.locator('table.results tr.row').count(), { timeout: 10_000 }).toBe(20);
    const back = await statuses(page);
    expect(back.filter((s) => s === 'running')).toEqual([]);
    const kept = back.filter((s) => s === 'sound').length;
    expect(kept).toBeGreaterThan(before);
    expect(kept).toBeLessThan(20);
    expect(await page.locator('button.resume').textContent()).toBe(`继续检查未完成的 ${20 - kept} 项`);
    await page.locator('button.resume').click();
    await expect.poll(() => page.locator('.progress .label').textContent(), { timeout: 60_000 }).toContain('20 / 20（100%）');
    await expect.poll(() => page.locator('button', { hasText: '开始检查' }).isEnabled(), { timeout: 30_000 }).toBe(true);
    expect(await statuses(page)).toEqual(Array(20).fill('sound'));
    expect(await page.locator('button.resume').count()).toBe(0);
    await screenshot(page, 'e2e-batch-resumed', { fullPage: true });
  });
});

// Screenshots for docs/ (README and the store listing) from real runs: the built extension in
// headless Chromium on fixture pages. Run after `npx wxt build`: npx tsx scripts/screenshots.ts
import { copyFileSync, mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launchBrowser, screenshot, startServer } from '../test/e2e/harness';

const server = await startServer();
const browser = await launchBrowser();
const docs = new URL('../docs/', import.meta.url);
mkdirSync(docs, { recursive: true });

async function shoot(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 }); // the store's screenshot size
  await page.waitForTimeout(300);
  copyFileSync(await screenshot(page, `docs-${name}`), new URL(`${name}.png`, docs));
  console.log(`wrote docs/${name}.png`);
}

try {
  // 1. the sidebar on a report with errors, a cell shown and its tooltip
  const page = await browser.context.newPage();
  await page.goto(server.url('www.weihai.gov.cn', '/errors.html'));
  await page.locator('gov-report-check .panel').waitFor();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.locator('gov-report-check button.finding[data-finding="row-total/t2:unable-1"]').click();
  await page.waitForTimeout(1200);
  await page.locator('td[data-grc~="fail"]', { hasText: '73' }).hover();
  await shoot(page, 'sidebar-errors');

  // 2. the popup for that tab
  const tabId = await browser.context.serviceWorkers()[0]?.evaluate(async (u) => {
    const c = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } }).chrome;
    return (await c.tabs.query({})).find((t) => t.url === u)?.id ?? -1;
  }, page.url());
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
  await popup.locator('.counts').waitFor();
  await popup.setViewportSize({ width: 360, height: 260 });
  copyFileSync(await screenshot(popup, 'docs-popup'), new URL('popup.png', docs));

  // 3. the printable findings page
  const [print] = await Promise.all([browser.context.waitForEvent('page'), page.locator('gov-report-check button.action', { hasText: '打印' }).click()]);
  await print.locator('table.findings').waitFor();
  await shoot(print, 'print');

  // 4. the batch page over a few URLs
  const batch = await browser.context.newPage();
  await batch.goto(`chrome-extension://${browser.extensionId}/batch.html`);
  const paths = ['/huancui-2023.html', '/errors.html', '/seed-004.html', '/seed-002.html', '/no-report.html', '/missing.html', '/blanks.html', '/template-2019.html'];
  await batch.locator('textarea').fill(paths.map((p, i) => server.url(`town${i}.example.gov.cn`, p)).join('\n'));
  await batch.locator('button', { hasText: '开始检查' }).click();
  await batch.locator('.progress .label', { hasText: '100%' }).waitFor({ timeout: 60_000 });
  await batch.locator('tr.row', { hasText: 'errors.html' }).click();
  await shoot(batch, 'batch');

  // 5. the options page: settings and stored reports
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.locator('table.records').waitFor();
  await shoot(options, 'options');
} finally {
  await browser.close();
  await server.close();
}

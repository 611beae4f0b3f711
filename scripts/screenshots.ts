// Screenshots for docs/ from real runs: the built extension in headless Chromium on fixture pages.
// Run after `npx wxt build`: npx tsx scripts/screenshots.ts
import { copyFileSync, mkdirSync } from 'node:fs';
import { launchBrowser, screenshot, startServer } from '../test/e2e/harness';

const server = await startServer();
const browser = await launchBrowser();
try {
  mkdirSync(new URL('../docs/', import.meta.url), { recursive: true });
  const page = await browser.context.newPage();
  await page.goto(server.url('www.weihai.gov.cn', '/errors.html'));
  await page.locator('gov-report-check .panel').waitFor();
  await page.locator('gov-report-check button.finding[data-finding="row-total/t2:unable-1"]').click();
  await page.waitForTimeout(1200);
  const cell = page.locator('td[data-grc~="fail"]', { hasText: '73' });
  await cell.hover();
  await page.waitForTimeout(300);
  const file = await screenshot(page, 'docs-sidebar-errors');
  copyFileSync(file, new URL('../docs/sidebar-errors.png', import.meta.url));
  console.log('wrote docs/sidebar-errors.png');
} finally {
  await browser.close();
  await server.close();
}

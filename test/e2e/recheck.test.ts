import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, REPO_ROOT, startServer, type LaunchedBrowser, type TestServer } from './harness';

// Issue 16, item 5: a clock or counter in any <td> re-ran the whole check and re-mounted the
// sidebar every second for as long as the page was open, each re-injection with a fresh give-up
// timer. errors.html with a clock ticking every second: in a layout cell outside the report's
// tables it must cause no re-check at all; in a cell of a report table, a bounded few.

const PANEL = 'gov-report-check .panel';
const errorsHtml = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'html', 'errors.html'), 'utf8');

const CLOCK_OUTSIDE = errorsHtml.replace(
  /<body([^>]*)>/,
  `<body$1>
<table class="topbar"><tr><td>北京时间</td><td id="clock">--:--:--</td></tr></table>
<script>var n = 0; setInterval(function () { document.getElementById("clock").textContent = "10:00:" + (++n); }, 1000);</script>`,
);
const CLOCK_INSIDE = errorsHtml.replace(
  '</body>',
  `<script>var n = 0; setInterval(function () { var t = document.getElementsByTagName("table")[1]; var cells = t.getElementsByTagName("td"); cells[cells.length - 1].textContent = String(++n); }, 1000);</script>
</body>`,
);

let server: TestServer;
let browser: LaunchedBrowser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await browser.context.route(/\/clock-(outside|inside)\.html/, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: route.request().url().includes('outside') ? CLOCK_OUTSIDE : CLOCK_INSIDE }),
  );
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens the page with a counter of sidebar hosts mounted (each check shows the sidebar anew), waits for the first. */
async function open(path: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { __mounts: number };
    w.__mounts = 0;
    new MutationObserver((records) => {
      for (const r of records) for (const n of Array.from(r.addedNodes)) if (n.nodeName === 'GOV-REPORT-CHECK') w.__mounts += 1;
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(server.url('www.weihai.gov.cn', path), { waitUntil: 'load' });
  await page.locator(PANEL).waitFor({ timeout: 15_000 });
  return page;
}

const mounts = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { __mounts: number }).__mounts);

describe('a page with a clock cell ticking every second', () => {
  it('in a cell outside the report tables: no re-check over 10 s', { timeout: 40_000 }, async () => {
    const page = await open('/clock-outside.html');
    const first = await mounts(page);
    await page.waitForTimeout(10_000);
    const rechecks = (await mounts(page)) - first;
    console.log(`clock outside the report tables: ${rechecks} re-checks in 10 s`);
    expect(await page.locator('#clock').textContent()).not.toBe('--:--:--');
    expect(rechecks).toBe(0);
    expect(await page.locator('td[data-grc~="fail"]').count()).toBe(6);
    await page.close();
  });

  it('in a cell of a report table: re-checked, but a bounded few times over 10 s', { timeout: 40_000 }, async () => {
    const page = await open('/clock-inside.html');
    const first = await mounts(page);
    await page.waitForTimeout(10_000);
    const rechecks = (await mounts(page)) - first;
    console.log(`clock inside a report table: ${rechecks} re-checks in 10 s`);
    expect(rechecks).toBeGreaterThanOrEqual(1);
    // debounced, then at least 5 s apart (src/page/watch.ts WATCH_LIMITS)
    expect(rechecks).toBeLessThanOrEqual(3);
    await page.locator(PANEL).waitFor({ timeout: 5_000 });
    await page.close();
  });
});

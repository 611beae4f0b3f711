// Issue 16 in Chromium, the two items its unit tests covered alone: an auditor's note typed on one
// finding and a decision clicked on the next at once (both kept, through a reload); and a page
// whose one table is made to be padded to millions of cells (the background stays up, says the
// page is too large, and a normal report opened afterwards still gets its sidebar).
import { describe, expect, it } from 'vitest';
import { useBrowser } from './use-browser';

const PANEL = 'gov-report-check .panel';
const env = useBrowser();

/** One row of 40 cells spanning 500 columns each, then 2,000 one-cell rows (issue 16, item 3). */
function hugeTable(): string {
  const wide = `<tr>${'<td colspan="500">政府信息公开</td>'.repeat(40)}</tr>`;
  const rows = Array.from({ length: 2000 }, (_, i) => `<tr><td>${i}</td></tr>`).join('');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>2024年政府信息公开工作年度报告</title></head><body>
<h1>某某区2024年政府信息公开工作年度报告</h1><p>一、总体情况</p><table>${wide}${rows}</table></body></html>`;
}

describe('nothing lost, nothing hijacked (Chromium)', () => {
  it('a note typed on one finding and a decision clicked on the next at once are both kept', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(env.server.url('www.notes.gov.cn', '/errors.html'));
    await page.locator(PANEL).waitFor({ timeout: 15_000 });
    const a = page.locator(`${PANEL} li.item`, { has: page.locator('button[data-finding="row-total/t2:unable-1"]') });
    const b = page.locator(`${PANEL} li.item`, { has: page.locator('button[data-finding="balance/t2:natural"]') });
    await a.locator('input.note').fill('已电话核实，应为72');
    // no pause: the note's save and the decision's save overlap
    await b.locator('button.state[data-state="rejected"]').click();
    await expect.poll(() => b.getAttribute('class')).toContain('rejected');
    await page.waitForTimeout(1200); // past the note's typing pause
    await page.reload({ waitUntil: 'load' });
    await page.locator(PANEL).waitFor({ timeout: 15_000 });
    const a2 = page.locator(`${PANEL} li.item`, { has: page.locator('button[data-finding="row-total/t2:unable-1"]') });
    const b2 = page.locator(`${PANEL} li.item`, { has: page.locator('button[data-finding="balance/t2:natural"]') });
    await expect.poll(() => b2.getAttribute('class')).toContain('rejected');
    expect(await a2.locator('input.note').inputValue()).toBe('已电话核实，应为72');
    await page.close();
  });

  it('decisions imported on the options page while the sidebar saves one: both kept (the import goes through the background)', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(env.server.url('www.options-race.gov.cn', '/errors.html'));
    await page.locator(PANEL).waitFor({ timeout: 15_000 });
    const options = await env.browser.context.newPage();
    await options.goto(`chrome-extension://${env.browser.extensionId}/options.html`);
    const input = options.locator('input[name="import-decisions"]');
    await input.waitFor({ timeout: 10_000 });
    const other = 'http://www.elsewhere.gov.cn/2024.html';
    const file = JSON.stringify({
      version: 1,
      reports: { [other]: { figures: 'f', decisions: [{ fingerprint: 'imported-1', state: 'confirmed', note: '导入', at: '2026-01-01T00:00:00.000Z', rule: 'balance', message: { zh: 'x', en: 'x' } }] } },
    });
    const b = page.locator(`${PANEL} li.item`, { has: page.locator('button[data-finding="balance/t2:natural"]') });
    // both at once: the options page's import and the sidebar's decision
    await Promise.all([
      input.setInputFiles({ name: 'decisions.json', mimeType: 'application/json', buffer: Buffer.from(file) }),
      b.locator('button.state[data-state="rejected"]').click(),
    ]);
    await expect.poll(() => options.locator('[role="status"]').first().textContent(), { timeout: 10_000 }).toContain('已导入 1 条核查意见');
    await expect.poll(() => b.getAttribute('class')).toContain('rejected');
    const worker = env.browser.context.serviceWorkers()[0];
    if (!worker) throw new Error('no service worker');
    const stored = await worker.evaluate(async () => {
      const c = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome;
      const r = (await c.storage.local.get('reviews')).reviews as { reports: Record<string, { decisions: { fingerprint: string; state: string }[] }> };
      return Object.fromEntries(Object.entries(r.reports).map(([u, x]) => [u, x.decisions.map((d) => d.state)]));
    });
    expect(stored[other]).toEqual(['confirmed']);
    expect(stored[page.url()]).toEqual(['rejected']);
    await options.close();
    await page.close();
  });

  it('a table padded to millions of cells neither kills the background nor the next report', async () => {
    const huge = await env.browser.context.newPage();
    const url = env.server.url('www.huge.gov.cn', '/huge-table.html');
    await huge.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: hugeTable() }));
    await huge.goto(url);
    // give the background the page; it must answer (a reason, or no sidebar) and stay up
    await huge.waitForTimeout(3000);
    const worker = env.browser.context.serviceWorkers()[0];
    expect(worker, 'the background is still running').toBeDefined();
    const normal = await env.browser.context.newPage();
    await normal.goto(env.server.url('www.after.gov.cn', '/errors.html'));
    await normal.locator(PANEL).waitFor({ timeout: 15_000 });
    expect(await normal.locator(`${PANEL} button.finding`).count()).toBeGreaterThan(0);
    await normal.close();
    await huge.close();
  });
});

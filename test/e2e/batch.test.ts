import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parseCsv } from '../../src/output/csv';
import { launchBrowser, screenshot, startServer, type LaunchedBrowser, type TestServer } from './harness';
import { seedText } from '../support/seeds';

// The batch page driven end to end in real Chromium: 50 URLs with mixed outcomes from the local
// server (UTF-8 and GBK pages, a 404, a 500, a page slower than the timeout, a redirect, pictures,
// a page that is not a report), plus PDF files chosen from disk.

let server: TestServer;
let browser: LaunchedBrowser;
let page: Page;

/** One kind of URL and the status the batch page must give it. */
const KINDS: { path: string; status: string; why: string }[] = [
  { path: '/huancui-2023.html', status: 'sound', why: 'a sound report' },
  { path: '/errors.html', status: 'errors', why: 'arithmetic errors' },
  { path: '/seed-004.html', status: 'warnings', why: 'its prose says 结转7件, row 四 says 9' },
  { path: '/seed-004-gbk.html', status: 'warnings', why: 'the same page in GBK: decoded, not mojibake' },
  { path: '/seed-002.html', status: 'pictures', why: 'tables published as pictures' },
  { path: '/no-report.html', status: 'no-report', why: 'an ordinary news page' },
  { path: '/missing-page.html', status: 'failed', why: '404' },
  { path: '/status/500/x.html', status: 'failed', why: '500, retried once' },
  { path: '/slow/seed-001.html', status: 'failed', why: 'slower than the 1 s timeout' },
  { path: '/redirect/huancui-2023.html', status: 'sound', why: 'a redirect to a sound report' },
];

function urls(): { url: string; status: string }[] {
  const out: { url: string; status: string }[] = [];
  for (let i = 0; i < 50; i++) {
    const k = KINDS[i % KINDS.length];
    if (!k) continue;
    // a distinct host per URL, all mapped to the local server
    out.push({ url: server.url(`s${i}.example.gov.cn`, `${k.path}?n=${i}`), status: k.status });
  }
  return out;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/batch.html`);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('batch page', () => {
  it('checks 50 URLs to 100% with the right status for each', async () => {
    const list = urls();
    await page.locator('textarea').first().fill(list.map((u) => u.url).join('\n'));
    await page.locator('label', { hasText: '超时' }).locator('input').fill('1');
    await page.locator('label', { hasText: '同时检查' }).locator('input').fill('6');
    await page.locator('button', { hasText: '开始检查' }).click();
    await expect.poll(() => page.locator('.progress .label').textContent(), { timeout: 60_000 }).toContain('50 / 50（100%）');
    await expect.poll(() => page.locator('button', { hasText: '开始检查' }).isEnabled(), { timeout: 30_000 }).toBe(true); // the run has ended
    expect(await page.locator('.progress').getAttribute('aria-valuenow')).toBe('100');
    const rows = await page.locator('tr.row').evaluateAll((els) => els.map((e) => [e.querySelector('.target')?.textContent ?? '', e.getAttribute('data-status') ?? '']));
    expect(rows).toHaveLength(50);
    const got = new Map(rows.map(([t, s]) => [t, s]));
    for (const u of list) expect(got.get(u.url), u.url).toBe(u.status);
    // the GBK page was decoded: its body reads as Chinese
    const gbk = page.locator('tr.row', { hasText: 'seed-004-gbk.html' }).first();
    expect(await gbk.textContent()).toContain('威海市环翠区人民政府');
    await screenshot(page, 'e2e-batch');
  });

  it('shows why a URL failed, and drills down into a report', async () => {
    expect(await page.locator('tr.row', { hasText: 'missing-page.html' }).first().locator('.reason').textContent()).toContain('页面不存在');
    await page.locator('tr.row', { hasText: 'errors.html' }).first().click();
    const detail = page.locator('tr.detail li');
    await expect.poll(() => detail.count()).toBe(6);
    // each finding's words first, its rule id after, muted
    expect(await page.locator('tr.detail li').first().textContent()).toMatch(/^表二「[^」]+」列「一\+二 = （七）总计\+四」不成立.*balance$/);
    expect(await page.locator('tr.detail li small.rule').first().textContent()).toBe('balance');
  });

  it('filters by status and sorts by a column', async () => {
    await page.locator('select').selectOption('errors');
    await expect.poll(() => page.locator('tr.row').count()).toBe(5);
    await page.locator('select').selectOption('all');
    await page.locator('th', { hasText: '错误' }).click(); // ascending
    await page.locator('th', { hasText: '错误' }).click(); // descending
    await expect.poll(() => page.locator('tr.row').first().getAttribute('data-status')).toBe('errors');
  });

  it('exports a CSV that Excel opens (UTF-8 with BOM) and that reads back', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('button', { hasText: '导出 CSV' }).click()]);
    const path = await download.path();
    const text = readFileSync(path, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(text);
    const header = rows[0] ?? [];
    expect(header.length).toBeGreaterThanOrEqual(10);
    const body = rows.slice(1);
    // every URL appears, and errors.html's five arithmetic errors appear for each of its 5 copies
    for (const u of urls()) expect(body.some((r) => r[0] === u.url), u.url).toBe(true);
    const balance = body.filter((r) => r.includes('balance'));
    expect(balance.length).toBe(5 * 2);
  });

  it('keeps the results when the tab is closed and reopened', async () => {
    await page.reload();
    await expect.poll(() => page.locator('tr.row').count(), { timeout: 10_000 }).toBe(50);
  });

  it('checks a pasted report text and a dropped file', async () => {
    await page.locator('textarea').first().fill('');
    await page.locator('input[type=file]').setInputFiles([]);
    const seed = seedText('004_383c93ca4b8bd76d.txt');
    await page.locator('details.paste summary').click();
    await page.locator('details.paste textarea').fill(seed);
    const html = readFileSync(new URL('../fixtures/html/errors.html', import.meta.url), 'utf8');
    await page.evaluate((content) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], 'errors-dropped.html', { type: 'text/html' }));
      const main = document.querySelector('main.batch');
      main?.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, html);
    await page.locator('.files', { hasText: 'errors-dropped.html' }).waitFor();
    await page.locator('button', { hasText: '开始检查' }).click();
    await expect.poll(() => page.locator('.progress .label').textContent(), { timeout: 60_000 }).toContain('2 / 2（100%）');
    await expect.poll(() => page.locator('button', { hasText: '开始检查' }).isEnabled(), { timeout: 30_000 }).toBe(true); // the run has ended
    const rows = await page.locator('tr.row').evaluateAll((els) => els.map((e) => [e.querySelector('.target')?.textContent ?? '', e.getAttribute('data-status') ?? '']));
    expect(rows).toEqual([
      ['errors-dropped.html', 'errors'],
      ['粘贴的文字 2', 'warnings'],
    ]);
    await page.locator('details.paste textarea').fill('');
  });

  it('a page whose report is a PDF attachment offers to check it, and the batch page does', async () => {
    const article = await browser.context.newPage();
    await article.goto(server.url('www.town.gov.cn', '/attachment-report.html'));
    const panel = article.locator('gov-report-check .panel');
    await panel.waitFor({ timeout: 10_000 });
    expect(await panel.locator('.attachments li').count()).toBe(1);
    const [batch] = await Promise.all([browser.context.waitForEvent('page'), panel.locator('.attachments button', { hasText: '检查' }).first().click()]);
    await batch.locator('.progress .label', { hasText: '1 / 1（100%）' }).waitFor({ timeout: 60_000 });
    expect(await batch.locator('tr.row').getAttribute('data-status')).toBe('errors');
    await batch.close();
    await article.close();
  });

  it('checks chosen PDF files the same way: errors found, a scan reported as pictures', async () => {
    const fixtures = new URL('../fixtures/pdf/', import.meta.url).pathname;
    await page.locator('textarea').first().fill('');
    await page.locator('input[type=file]').setInputFiles([`${fixtures}errors.pdf`, `${fixtures}scanned.pdf`]);
    await page.locator('button', { hasText: '开始检查' }).click();
    await expect.poll(() => page.locator('.progress .label').textContent(), { timeout: 60_000 }).toContain('2 / 2（100%）');
    await expect.poll(() => page.locator('button', { hasText: '开始检查' }).isEnabled(), { timeout: 30_000 }).toBe(true); // the run has ended
    const rows = await page.locator('tr.row').evaluateAll((els) => els.map((e) => [e.querySelector('.target')?.textContent ?? '', e.getAttribute('data-status') ?? '']));
    expect(rows).toEqual([
      ['errors.pdf', 'errors'],
      ['scanned.pdf', 'pictures'],
    ]);
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, screenshot, type LaunchedBrowser } from './harness';
import { MIRROR_HOST, startSiteServer, writeTestSite, type SiteServer } from '../site/site';

// Issue 19 in real Chromium: the batch page given the test site's three listing URLs (no flag)
// finds every report through the listings' pages (下一页, createPageHTML, the GBK site, the PDF
// behind an article page), checks them, compares each body's years, shows the series, and the
// downloaded workbook holds them — read back with exceljs.

let dir: string;
let server: SiteServer;
let browser: LaunchedBrowser;
let page: Page;
let listings: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'site-e2e-'));
  const site = writeTestSite(dir);
  server = await startSiteServer(site);
  listings = site.listings.map((l) => server.url(l.host, l.path));
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 1100 });
  await page.goto(`chrome-extension://${browser.extensionId}/batch.html`);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function readBack(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return wb;
}

function column(wb: ExcelJS.Workbook, sheet: string, n: number): unknown[] {
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet}`);
  return Array.from({ length: ws.rowCount - 1 }, (_, i) => {
    const v = ws.getRow(i + 2).getCell(n).value;
    return v !== null && typeof v === 'object' && 'text' in v ? v.text : v;
  });
}

describe('batch page on the test site: listing URLs in, the series and the workbook out', () => {
  it('expands the three listings into their 14 reports, compares the years, shows the series', async () => {
    await page.locator('textarea').first().fill(listings.join('\n'));
    await page.locator('button', { hasText: '开始检查' }).click();
    await expect.poll(() => page.locator('.progress .label').textContent(), { timeout: 120_000 }).toContain('14 / 14（100%）');
    await expect.poll(() => page.locator('button', { hasText: '开始检查' }).isEnabled(), { timeout: 30_000 }).toBe(true);

    // one line per listing: what it gave; the copy on the other site left out
    const notes = await page.locator('.listing-notes li').allTextContents();
    expect(notes).toHaveLength(3);
    expect(notes[0]).toContain('列表页：读了 3 页，找到 5 份年报（1 份在其他网站，未查）');
    expect(notes[1]).toContain('列表页：读了 2 页，找到 4 份年报');
    expect(notes[2]).toContain('列表页：读了 2 页，找到 5 份年报');
    expect(server.requests.some((r) => r.host === MIRROR_HOST)).toBe(false);

    // the reports in listed order: statuses after the comparison along each series
    const statuses = await page.locator('table.results tr.row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));
    expect(statuses).toEqual(['sound', 'sound', 'sound', 'sound', 'sound', 'sound', 'sound', 'sound', 'sound', 'sound', 'warnings', 'sound', 'sound', 'sound']);
    const targets = await page.locator('table.results td.target').allTextContents();
    expect(targets[3]).toBe(server.url('www.huancui.gov.cn', '/module/download/attach/hc2022nb.pdf'));
    // the repeated year's findings, in its detail
    await page.locator('table.results tr.row').nth(10).click();
    const detail = await page.locator('tr.detail li').allTextContents();
    expect(detail.some((t) => /与上年（2023年度）报告.*完全相同/.test(t))).toBe(true);
    expect(detail.filter((t) => t.includes('上年结转')).length).toBe(6);
    await page.locator('table.results tr.row').nth(10).click();

    // the series: three bodies, the missing year, the repeated year
    const rows = page.locator('.series-table tr.series-row');
    expect(await rows.count()).toBe(3);
    const text = await rows.allTextContents();
    expect(text[0]).toContain('二十里店镇');
    expect(text[0]).toContain('2023（缺）');
    expect(text[0]).toContain('2021–2025年度之间缺少2023年度的报告');
    expect(text[1]).toContain('威海市环翠区人民政府 / 环翠区人民政府 / 威海市环翠区政府');
    expect(text[1]).toContain('逐年衔接无问题');
    expect(text[2]).toContain('2024年度报告的三张表与2023年度完全相同，可能照抄了上年数据');
    expect(await page.locator('.series-table .year.inconsistent').allTextContents()).toEqual(['2024']);
    expect(await page.locator('.series-table .year.missing').allTextContents()).toEqual(['2023（缺）']);
    await screenshot(page, 'e2e-batch-site', { fullPage: true });
  });

  it('the downloaded workbook holds the 14 reports, the repeated year’s findings and the series', async () => {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.locator('button', { hasText: '导出 Excel' }).click()]);
    const wb = await readBack(readFileSync(await download.path()));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概览', '发现', '系列', '数据', '统计']);
    expect(column(wb, '概览', 4)).toEqual([2025, 2024, 2023, 2022, 2021, 2025, 2024, 2022, 2021, 2025, 2024, 2023, 2022, 2021]);
    expect(column(wb, '概览', 5).filter((s) => s !== '无问题')).toEqual(['有警告']);
    expect((column(wb, '发现', 18) as string[]).sort()).toEqual(['carry-over', 'carry-over', 'carry-over', 'carry-over', 'carry-over', 'carry-over', 'copied-from-last-year', 'in-force']);
    expect(column(wb, '系列', 1)).toEqual(['二十里店镇', '二十里店镇', '二十里店镇', '二十里店镇', '二十里店镇', '环翠区', '环翠区', '环翠区', '环翠区', '环翠区', '某某市生态环境局', '某某市生态环境局', '某某市生态环境局', '某某市生态环境局', '某某市生态环境局']);
    expect(column(wb, '系列', 5)).toEqual([
      '首年（无上年可比）', '衔接无误', null, '上年缺失，未比', '衔接无误',
      '首年（无上年可比）', '衔接无误', '衔接无误', '衔接无误', '衔接无误',
      '首年（无上年可比）', '衔接无误', '衔接无误', '不衔接', '衔接无误',
    ]);
    expect(column(wb, '系列', 4)[2]).toBe('缺失');
    expect(wb.getWorksheet('数据')?.rowCount).toBe(1 + 14);
  });

  it('the batch is kept in the history; next round, a report whose year before is only kept is checked against the kept record', async () => {
    type Rec = { bodyKey: string; year: number; source: string | null; carriedOver: Record<string, number | null>; carriedForward: Record<string, number | null>; figures?: unknown; documents: unknown };
    type Chrome = { chrome: { storage: { local: { get(k: string): Promise<Record<string, { version: number; records: Rec[] } | undefined>>; set(v: Record<string, unknown>): Promise<void> } } } };
    const stored = await page.evaluate(async () => (await (globalThis as unknown as Chrome).chrome.storage.local.get('history')).history);
    expect(stored?.records).toHaveLength(14);
    const r2021 = stored?.records.find((r) => r.bodyKey === '二十里店镇' && r.year === 2021);
    if (!stored || !r2021?.source) throw new Error('no 2021 record of 二十里店镇');
    // a 2020 report checked earlier (kept in the history, as records kept before figures were), its
    // carried-forward what 2021 carries over but in one column
    const col = Object.keys(r2021.carriedOver)[0] as string;
    const { figures: _figures, ...bare } = r2021;
    const kept = { ...bare, year: 2020, source: server.url('www.hyesld.gov.cn', '/kept-2020.html'), carriedForward: { ...r2021.carriedOver, [col]: 41 }, documents: {} };
    await page.evaluate(async (h) => (globalThis as unknown as Chrome).chrome.storage.local.set({ history: h }), { ...stored, records: [...stored.records, kept] });

    await page.locator('textarea').first().fill(r2021.source);
    await page.locator('button', { hasText: '开始检查' }).click();
    await expect.poll(() => page.locator('.progress .label').textContent(), { timeout: 60_000 }).toContain('1 / 1（100%）');
    await expect.poll(() => page.locator('button', { hasText: '开始检查' }).isEnabled(), { timeout: 30_000 }).toBe(true);
    expect(await page.locator('table.results tr.row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')))).toEqual(['warnings']);
    const rows = page.locator('.series-table tr.series-row');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator('.series-table .year.kept').allTextContents()).toEqual(['2020（已存记录）']);
    expect(await page.locator('.series-table .year.inconsistent').allTextContents()).toEqual(['2021']);
    expect(await rows.first().textContent()).toContain(`2021年度「上年结转」有 1 列与已存的2020年度记录（${kept.source}）「结转下年度继续办理」不符`);
    expect(await page.locator('.kept-note').textContent()).toContain('用已存的记录核对上年结转');
    await page.locator('table.results tr.row').first().click();
    expect((await page.locator('tr.detail li').allTextContents()).filter((t) => t.includes('上年结转') && t.includes('41'))).toHaveLength(1);
    await screenshot(page, 'e2e-batch-kept', { fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.locator('button', { hasText: '导出 Excel' }).click()]);
    const wb = await readBack(readFileSync(await download.path()));
    expect(column(wb, '系列', 5)).toEqual(['不衔接']);
    expect(column(wb, '系列', 9)).toEqual([`与已存的2020年度记录比较（${kept.source}）`]);
    // this round kept too: the 2021 record replaced (same address), the kept 2020 one still there
    const after = await page.evaluate(async () => (await (globalThis as unknown as Chrome).chrome.storage.local.get('history')).history);
    expect(after?.records).toHaveLength(15);
  });

  it('a county’s round is kept whole: 420 reports (~14 MB, over storage.local’s 10 MB without unlimitedStorage) saved and shown again after a reload', async () => {
    type Stored = { version: number; items: { target: string }[]; at: string };
    type Chrome = { chrome: { storage: { local: { get(k: string): Promise<Record<string, Stored | undefined>>; set(v: Record<string, unknown>): Promise<void>; getBytesInUse(k: string): Promise<number>; QUOTA_BYTES: number } } } };
    const bytes = await page.evaluate(async () => {
      const local = (globalThis as unknown as Chrome).chrome.storage.local;
      const one = (await local.get('batch')).batch;
      const item = one?.items[0];
      if (!one || !item) throw new Error('no stored batch');
      const items = Array.from({ length: 420 }, (_, k) => ({ ...item, target: `${item.target}?copy=${k}` }));
      await local.set({ batch: { ...one, items } });
      return [await local.getBytesInUse('batch'), local.QUOTA_BYTES];
    });
    expect(bytes[0]).toBeGreaterThan(bytes[1] as number);
    await page.reload();
    await expect.poll(() => page.locator('table.results tr.row').count(), { timeout: 30_000 }).toBe(420);
    expect(await page.locator('table.results td.target').nth(419).textContent()).toContain('?copy=419');
    expect(await page.locator('p.note').count()).toBe(0);
  });
});

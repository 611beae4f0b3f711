import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, screenshot, startServer, type LaunchedBrowser, type TestServer } from './harness';

// The batch page's 导出 Excel (issue 19) in real Chromium: three URLs checked, the workbook
// downloaded (its writer loaded lazily in the extension page, under the extension's CSP) and read
// back with exceljs.

let server: TestServer;
let browser: LaunchedBrowser;
let page: Page;

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

describe('batch page: 导出 Excel', () => {
  it('downloads a workbook with the four sheets and the run\'s results', async () => {
    const urls = [server.url('a.example.gov.cn', '/huancui-2023.html'), server.url('b.example.gov.cn', '/errors.html'), server.url('c.example.gov.cn', '/missing-page.html')];
    await page.locator('textarea').first().fill(urls.join('\n'));
    await page.locator('button', { hasText: '开始检查' }).click();
    await expect.poll(() => page.locator('.progress .label').textContent(), { timeout: 60_000 }).toContain('3 / 3（100%）');
    const button = page.locator('button', { hasText: '导出 Excel' });
    // enabled once the run has ended (after 100%: the series, and the batch kept in the history)
    await expect.poll(() => button.isEnabled(), { timeout: 30_000 }).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), button.click()]);
    expect(download.suggestedFilename()).toMatch(/^年报批量检查-.*\.xlsx$/);
    const bytes = readFileSync(await download.path());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概览', '发现', '系列', '数据', '统计']);
    const overview = wb.getWorksheet('概览');
    if (!overview) throw new Error('no 概览');
    const col = (n: number): unknown[] =>
      Array.from({ length: overview.rowCount - 1 }, (_, i) => {
        const v = overview.getRow(i + 2).getCell(n).value;
        return v !== null && typeof v === 'object' && 'text' in v ? v.text : v;
      });
    expect(col(2)).toEqual(urls);
    expect(col(5)).toEqual(['无问题', '有错误', '获取失败']);
    expect(overview.getRow(2).getCell(2).value).toEqual({ text: urls[0], hyperlink: urls[0] });
    expect(String(overview.getRow(4).getCell(6).value)).toContain('页面不存在');
    expect(overview.views[0]?.state).toBe('frozen');
    expect(wb.getWorksheet('发现')?.rowCount).toBe(1 + 6); // errors.html's six findings
    expect(wb.getWorksheet('数据')?.rowCount).toBe(1 + 2);
    // the button is back to its label once the file is made
    await expect.poll(() => button.textContent()).toBe('导出 Excel');
    await screenshot(page, 'e2e-batch-xlsx');
  });
});

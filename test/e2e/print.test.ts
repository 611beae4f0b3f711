import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { RESULTS_DIR, screenshot } from './harness';
import { useBrowser } from './use-browser';
import { RULESET_VERSION } from '../../src/check/index';

// Issue 18, item 3: the print page as a working paper. Everything a working paper names (report,
// body, year, URL, check time, rule-set version, the verdict line, each finding with its decision
// and note), columns that do not wrap one character per line, one A4 page for a short report. The
// PDF Chromium prints is read back with pdfjs.

const env = useBrowser();
const PANEL = 'gov-report-check .panel';

async function decide(page: Page, finding: string, state: 'confirmed' | 'rejected', note: string): Promise<void> {
  const item = page.locator(`${PANEL} li.item`, { has: page.locator(`button.finding[data-finding="${finding}"]`) });
  await item.locator('input.note').fill(note);
  await item.locator(`button.state[data-state="${state}"]`).click();
  await expect.poll(() => item.locator('button.state[aria-pressed="true"]').getAttribute('data-state')).toBe(state);
}

/** The lines of text on each page of a PDF (runs joined by their baseline). */
async function pdfLines(data: Uint8Array): Promise<string[][]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data, useSystemFonts: false }).promise;
  const pages: string[][] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    const lines = new Map<number, { x: number; s: string }[]>();
    for (const item of content.items) {
      if (!('str' in item) || item.str === '') continue;
      const y = Math.round(item.transform[5] ?? 0);
      const list = lines.get(y) ?? [];
      list.push({ x: item.transform[4] ?? 0, s: item.str });
      lines.set(y, list);
    }
    pages.push(
      [...lines.entries()]
        .sort((a, b) => b[0] - a[0])
        .map(([, runs]) =>
          runs
            .sort((a, b) => a.x - b.x)
            .map((r) => r.s)
            .join('')
            // the font's glyphs for some characters read back as radicals (⼈ for 人, ⻅ for 见)
            .normalize('NFKC')
            .replace(/⻅/g, '见'),
        ),
    );
  }
  return pages;
}

describe('the printed working paper', () => {
  it('names the report, body, year, URL, check time and rule set, gives the verdict, the findings with decisions and notes, on one A4 page', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(env.server.url('www.print.gov.cn', '/errors.html'), { waitUntil: 'load' });
    await page.locator(`${PANEL} button.finding`).first().waitFor({ timeout: 10_000 });
    await decide(page, 'row-total/t2:unable-1', 'confirmed', '已电话核实，总计应为72');
    await decide(page, 'prose-figures/review:cases.review-total', 'rejected', '正文另计信访件');
    const [print] = await Promise.all([env.browser.context.waitForEvent('page'), page.locator(`${PANEL} button.action`, { hasText: '打印' }).click()]);
    try {
      await print.locator('table.findings').waitFor({ timeout: 10_000 });
      const meta = (await print.locator('table.meta').textContent()) ?? '';
      expect(meta).toContain('威海市某某区人民政府2024年政府信息公开工作年度报告');
      expect(meta).toContain('机关威海市某某区人民政府');
      expect(meta).toContain('2024 · 2021年版模板');
      expect(meta).toContain(page.url());
      expect(meta).toMatch(/核查时间\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
      expect(meta).toContain(`规则集 ${RULESET_VERSION}`);
      expect(meta).toContain('有 5 处数字不一致');
      // findings: six rows, the decisions and notes in their own columns
      const rows = await print.locator('table.findings tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
      expect(rows).toHaveLength(6);
      const row = rows.find((r) => r[2]?.includes('row-total'));
      expect(row?.slice(3)).toEqual(['72', '73', '确认', '已电话核实，总计应为72']);
      expect(rows.find((r) => r[2]?.includes('prose-figures'))?.slice(5)).toEqual(['驳回', '正文另计信访件']);
      expect(rows.filter((r) => r[5] === '待核')).toHaveLength(4);

      // as printed: headers and the short columns on one line each (no 错/误, 应/为, 核查意/见)
      await print.emulateMedia({ media: 'print' });
      await print.setViewportSize({ width: 680, height: 1000 }); // A4 less its margins, at 96 dpi
      const wrapped = await print.locator('table.findings th, table.findings td.sev, table.findings td.num, table.findings td.state, table.meta th').evaluateAll((cells) =>
        cells
          .filter((c) => (c.textContent ?? '').trim() !== '')
          .filter((c) => {
            const range = document.createRange();
            range.selectNodeContents(c);
            const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
            return tops.size > 1;
          })
          .map((c) => c.textContent),
      );
      expect(wrapped).toEqual([]);
      await screenshot(print, 'print-working-paper', { fullPage: true });

      const pdf = await print.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
      mkdirSync(RESULTS_DIR, { recursive: true });
      writeFileSync(join(RESULTS_DIR, 'print-working-paper.pdf'), pdf);
      const pages = await pdfLines(new Uint8Array(pdf));
      expect(pages).toHaveLength(1);
      const text = pages[0] ?? [];
      // the header row of the findings table is one line, each header whole
      expect(text.find((l) => l.includes('序号'))?.replace(/\s/g, '')).toBe('序号级别问题应为实为核查意见备注');
      expect(text.some((l) => l.includes('核查人') && l.includes('复核人') && l.includes('日期'))).toBe(true);
    } finally {
      await print.close();
      await page.close();
    }
  });
});

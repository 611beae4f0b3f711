import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../src/extract/html';
import { isLimitNote, MAX_COLUMNS, MAX_GRID_CELLS } from '../../src/extract/limits';
import { checkDocument } from '../../src/pipeline';

// Issue 16, items 3 and 11: a page decides how much work extraction does. Past a bound it reads
// what it can and says "too large / too deep" — never a crash, never a heap of padding.

const dom = (html: string): Document => parseHTML(html).document as unknown as Document;
const page = (body: string): string => `<!DOCTYPE html><html><head><title>t</title></head><body>${body}</body></html>`;
const fixture = (name: string): string => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'html', `${name}.html`), 'utf8');
const source = { kind: 'file' as const, location: 'x.html', format: 'html' as const };

/** the 39 KB table: one row of 40 `colspan=500` cells over 2,000 one-cell rows */
const WIDE = `<table><tr>${'<td colspan=500>x</td>'.repeat(40)}</tr>${Array.from({ length: 2000 }, (_, i) => `<tr><td>${i}</td></tr>`).join('')}</table>`;
const nestedTables = (n: number): string => '<table><tr><td>'.repeat(n) + '深处' + '</td></tr></table>'.repeat(n);

function gridCells(doc: ReturnType<typeof extractHtml>): number {
  return doc.items.reduce((n, it) => n + (it.kind === 'grid' ? it.grid.rows.reduce((m, r) => m + r.length, 0) : 0), 0);
}

describe('bounded HTML extraction', () => {
  it('the wide table is not padded to rows × widest row: it is not read, and a note says it is too large', () => {
    const t0 = performance.now();
    const x = extractHtml(dom(page(WIDE)));
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(gridCells(x)).toBeLessThanOrEqual(MAX_GRID_CELLS);
    expect(x.notes.filter(isLimitNote).join('\n')).toMatch(/第 1 个表格过大（2001 行 × 200 列），未读取/);
  });

  it('a report beside the wide table is still checked, with its five errors', () => {
    const html = fixture('errors').replace('</body>', `${WIDE}</body>`);
    const out = checkDocument(dom(html), source);
    expect(out.ok && out.result.summary.errors).toBe(5);
  });

  it('a page holding only the wide table says it was too large, in Chinese, not just "no report"', () => {
    const out = checkDocument(dom(page(WIDE)), source);
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.reason.zh).toMatch(/^超出处理上限：第 1 个表格过大/);
      expect(out.reason.zh).toContain('未发现政府信息公开工作年度报告');
      expect(out.reason.en).toContain('too large');
    }
  });

  it('colspan and rowspan are capped; columns past the bound are not read', () => {
    const x = extractHtml(dom(page('<table><tr><td colspan="100000">a</td><td rowspan="99999">b</td></tr><tr><td>c</td></tr></table>')));
    const grid = x.items.find((i) => i.kind === 'grid');
    expect(grid?.kind === 'grid' && grid.grid.rows.every((r) => r.length <= MAX_COLUMNS)).toBe(true);
    expect(grid?.kind === 'grid' && grid.grid.rows.length).toBe(2);
  });

  it('tables nested 1,000 deep: no stack overflow, a note that it is too deep', () => {
    const x = extractHtml(dom(page(nestedTables(1000))));
    expect(x.notes.some((n) => isLimitNote(n) && n.includes('嵌套'))).toBe(true);
    const out = checkDocument(dom(page(nestedTables(1000))), source);
    expect(!out.ok && out.reason.zh).toMatch(/^超出处理上限：网页元素嵌套超过/);
  });

  it('20,000 nested <div>s and a cell holding 20,000 nested <span>s: no stack overflow', () => {
    expect(() => extractHtml(dom(page('<div>'.repeat(20_000) + 'x' + '</div>'.repeat(20_000))))).not.toThrow();
    expect(() => extractHtml(dom(page(`<table><tr><td>${'<span>'.repeat(20_000)}7${'</span>'.repeat(20_000)}</td></tr></table>`)))).not.toThrow();
  });

  it('a report nested a few dozen levels deep is read as before', () => {
    const html = fixture('errors').replace(/<body([^>]*)>/, `<body$1>${'<div>'.repeat(60)}`).replace('</body>', `${'</div>'.repeat(60)}</body>`);
    const out = checkDocument(dom(html), source);
    expect(out.ok && out.result.summary.errors).toBe(5);
  });
});

import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { mayHoldReport } from '../../src/extract/detect';

const page = (html: string): Document => parseHTML(html).document as unknown as Document;
const fixture = (name: string): Document => page(readFileSync(new URL(`../fixtures/html/${name}.html`, import.meta.url), 'utf8'));

describe('the cheap detector (every gov.cn page pays for it)', () => {
  it('says yes for every report fixture, pictures included', () => {
    for (const name of ['seed-000', 'seed-001', 'seed-002', 'seed-003', 'seed-004', 'template-2019', 'split-table', 'one-table', 'errors', 'blanks']) {
      expect(mayHoldReport(fixture(name)), name).toBe(true);
    }
  });
  it('says no for an ordinary news page with a table', () => {
    expect(mayHoldReport(fixture('no-report'))).toBe(false);
  });
  it('finds a report by its table words when the title is generic', () => {
    expect(mayHoldReport(page('<html><head><title>通知公告</title></head><body><table><tr><td>一、本年新收政府信息公开申请数量</td><td>3</td></tr></table></body></html>'))).toBe(true);
  });
  it('finds a report by its h1 when the page title is the site name', () => {
    expect(mayHoldReport(page('<html><head><title>某某市人民政府</title></head><body><h1>某某市2024年政府信息公开工作年度报告</h1></body></html>'))).toBe(true);
  });
  it('a traditional-character mirror', () => {
    expect(mayHoldReport(page('<html><head><title>某某縣2023年政府信息公開工作年度報告</title></head><body></body></html>'))).toBe(true);
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { checkInput } from '../../src/cli/main';
import { checkDocument, checkText } from '../../src/pipeline';
import { RULES, runChecks } from '../../src/check/index';
import { dateLine, findPublished, metaDate } from '../../src/recognise/published';
import type { CheckResultJson } from '../../src/model/result';
import { CORPUS_DIR } from '../corpus/expected';
import { seedText } from '../support/seeds';

const FIX = new URL('../fixtures/html/', import.meta.url).pathname;
const rule = RULES.filter((r) => r.id === 'published-late');

async function corpus(id: string, ext: string): Promise<CheckResultJson> {
  const o = await checkInput(join(CORPUS_DIR, id, `source.${ext}`), { lang: 'zh', timeoutMs: 1000 });
  if (!o.ok) throw new Error(`${id}: ${o.reason}`);
  return o.result;
}

function late(result: CheckResultJson): string[] {
  return runChecks(result.report, rule).findings.map((f) => f.message.zh);
}

describe('dates as reports print them', () => {
  it('a date line: digits, spaces, brackets and Chinese numerals', () => {
    expect(dateLine('2026年1月23日')).toBe('2026-01-23');
    expect(dateLine('(2024年3 月 26日)')).toBe('2024-03-26');
    expect(dateLine('（2024年12月3日）')).toBe('2024-12-03');
    expect(dateLine('二〇二四年一月二十日')).toBe('2024-01-20');
    expect(dateLine('二○二三年十二月三十一日')).toBe('2023-12-31');
    expect(dateLine('二〇二五年二月十日')).toBe('2025-02-10');
  });

  it('no date line: a clock with its weekday, an impossible day, a sentence', () => {
    expect(dateLine('2019年12月3日星期二')).toBeNull();
    expect(dateLine('2024年2月30日')).toBeNull();
    expect(dateLine('2024年13月1日')).toBeNull();
    expect(dateLine('于2024年1月20日发布')).toBeNull();
  });

  it('meta contents: date and time, slashes, ISO', () => {
    expect(metaDate('2024-02-15 10:00')).toBe('2024-02-15');
    expect(metaDate('2024/2/5')).toBe('2024-02-05');
    expect(metaDate('2024-02-15T10:00:00+08:00')).toBe('2024-02-15');
    expect(metaDate('yesterday')).toBeNull();
  });

  it('the page date wins over the metadata, the metadata over the signature', () => {
    const paras = ['某某镇2023年政府信息公开工作年度报告', '发布日期：2024-02-15 来源：某某镇', '一、总体情况', '……', '某某镇人民政府', '2024年1月20日'];
    const meta = { name: 'PubDate', content: '2024-02-16 09:30' };
    expect(findPublished(paras, 2, 0, meta)).toEqual({ date: '2024-02-15', where: 'page', label: '发布日期' });
    const noLine = paras.filter((p) => !p.startsWith('发布日期'));
    expect(findPublished(noLine, 1, 0, meta)).toEqual({ date: '2024-02-16', where: 'meta', label: 'PubDate' });
    expect(findPublished(noLine, 1, 0, null)).toEqual({ date: '2024-01-20', where: 'signature', label: '' });
  });

  it('dates of the page outside its header are not the report’s: a 发布时间 after the first section, a bare 时间 with no header words', () => {
    const paras = ['某某镇2023年政府信息公开工作年度报告', '时间：2024-05-01', '一、总体情况', '发布时间：2024-06-01', '……'];
    expect(findPublished(paras, 2, 0, null)).toBeNull();
  });
});

describe('publication dates read from real pages (test/corpus)', () => {
  it('full-001: 发布时间 in the page header', async () => {
    const r = (await corpus('full-001', 'txt')).report;
    expect([r.published, r.publishedFrom]).toEqual(['2024-03-08', { where: 'page', label: '发布时间' }]);
  });

  it('local-021: the page’s 发布时间 preferred to the bracketed date under the title (the same day)', async () => {
    const r = (await corpus('local-021', 'txt')).report;
    expect([r.published, r.publishedFrom]).toEqual(['2024-03-26', { where: 'page', label: '发布时间' }]);
  });

  it('full-008: no page date, the signature at the end (2026年1月23日)', async () => {
    const r = (await corpus('full-008', 'md')).report;
    expect([r.published, r.publishedFrom]).toEqual(['2026-01-23', { where: 'signature', label: '' }]);
  });

  it('web-004: a bare 时间 beside 来源 in the header line', async () => {
    const r = (await corpus('web-004', 'txt')).report;
    expect([r.published, r.publishedFrom]).toEqual(['2024-01-31', { where: 'page', label: '时间' }]);
  });

  it('web-040: a crawled byline read as cells (`作者:本站原创 | 来源:本站原创 | 时间:2019-01-18`) wins over the signature (2018年12月31日)', async () => {
    const r = (await corpus('web-040', 'txt')).report;
    expect([r.published, r.publishedFrom]).toEqual(['2019-01-18', { where: 'page', label: '时间' }]);
  });

  it('old-008: the site header’s clock (2019年12月3日星期二) is not taken; 发布时间 is', async () => {
    const r = (await corpus('old-008', 'txt')).report;
    expect(r.published).toBe('2020-01-20');
  });

  it('web-001 (a saved page): 发布日期：2020-01-31', async () => {
    const r = (await corpus('web-001', 'html')).report;
    expect([r.published, r.publishedFrom]).toEqual(['2020-01-31', { where: 'page', label: '发布日期' }]);
  });

  it('html-002 (a saved gov.cn page): <meta name="PubDate" content="2024-03-08 15:34">, taken before the header’s bare 时间', async () => {
    const r = (await corpus('html-002', 'html')).report;
    expect([r.published, r.publishedFrom]).toEqual(['2024-03-08', { where: 'meta', label: 'PubDate' }]);
  });

  it('a page with only <meta name="PubDate">', () => {
    const { document } = parseHTML(
      '<html><head><meta name="PubDate" content="2025-02-20 09:30"><title>羊亭镇2024年政府信息公开工作年度报告</title></head><body>' +
        `<pre>${seedText('000_09810aafb975b6d8.txt').replace(/</g, '&lt;')}</pre></body></html>`,
    );
    const o = checkDocument(document, { kind: 'file', location: null, format: 'html' });
    if (!o.ok) throw new Error(o.reason.en);
    expect([o.result.report.published, o.result.report.publishedFrom]).toEqual(['2025-02-20', { where: 'meta', label: 'PubDate' }]);
  });
});

describe('published-late', () => {
  it('local-021 (杨林镇, a township, 2023 report on 2024-03-26) is late, and says the date and where it was read', async () => {
    expect(late(await corpus('local-021', 'txt'))).toEqual(['发布于2024年3月26日（页面“发布时间”），晚于条例规定的次年1月31日。']);
  });

  it('silent: a county-level government by 31 March (平潭 2023 on 2024-03-08), a signature on 23 January (沐阳县 2025), a township on 31 January', async () => {
    expect(late(await corpus('full-001', 'txt'))).toEqual([]);
    expect(late(await corpus('full-008', 'md'))).toEqual([]);
    expect(late(await corpus('local-006', 'txt'))).toEqual([]);
  });

  it('a department on 1 February is late; the fixture pages published in time are not', async () => {
    const o = await checkInput(join(FIX, 'template-2019.html'), { lang: 'zh', timeoutMs: 1000 });
    if (!o.ok) throw new Error(o.reason);
    expect(late(o.result)).toEqual([]);
    const r = structuredClone(o.result.report);
    r.published = '2021-02-01';
    expect(late({ ...o.result, report: r })).toEqual(['发布于2021年2月1日（页面“发布日期”），晚于条例规定的次年1月31日。']);
  });

  it('a signature after the deadline: 落款日期, from the report’s last line', () => {
    const text = `${seedText('000_09810aafb975b6d8.txt')}\n威海市环翠区羊亭镇人民政府\n二〇二四年二月十日\n`;
    const o = checkText(text, { kind: 'text', location: null, format: 'text' });
    if (!o.ok) throw new Error(o.reason.en);
    expect(o.result.report.publishedFrom).toEqual({ where: 'signature', label: '' });
    expect(late(o.result)).toEqual(['落款日期为2024年2月10日（文末落款），晚于条例规定的次年1月31日。']);
  });

  it('no date, no finding; a date outside the following year is left to year-consistency', async () => {
    const o = await corpus('full-001', 'txt');
    const r = structuredClone(o.report);
    r.published = null;
    expect(late({ ...o, report: r })).toEqual([]);
    r.published = '2025-06-01';
    expect(late({ ...o, report: r })).toEqual([]);
  });
});

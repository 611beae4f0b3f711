import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { isReportTitle, listingLinks, titleYear } from '../../src/discover/listing';
import { crawlListing } from '../../src/discover/crawl';

const BASE = 'http://www.town.gov.cn/col/nb/index.html';
const doc = (body: string): Document => parseHTML(`<!doctype html><html><head></head><body>${body}</body></html>`).document as unknown as Document;

describe('a 年报 listing page: report links and pagination (issue 19)', () => {
  it('reads the year from a title, Arabic or Chinese digits', () => {
    expect(titleYear('某某镇2023年政府信息公开工作年度报告')).toBe(2023);
    expect(titleYear('某某镇二〇二二年政府信息公开工作年度报告')).toBe(2022);
    expect(titleYear('某某镇２０２１年政府信息公开年报')).toBe(2021);
    expect(titleYear('政府信息公开工作年度报告')).toBeNull();
  });

  it('a report title names the disclosure, the report and a year; a file needs only the report and a year', () => {
    expect(isReportTitle('某某镇2023年政府信息公开工作年度报告', false)).toBe(true);
    expect(isReportTitle('某某区2023年政务公开年报', false)).toBe(true);
    expect(isReportTitle('2023年年度报告', false)).toBe(false); // could be any annual report
    expect(isReportTitle('2023年年度报告', true)).toBe(true);
    expect(isReportTitle('政府信息公开年报', false)).toBe(false); // the column's own name
    expect(isReportTitle('关于2023年政府信息公开工作的通知', false)).toBe(false);
  });

  it('finds the reports (pages and attachments, a truncated title by its title attribute), once each, absolute', () => {
    const links = listingLinks(
      doc(`
      <a href="/col/nb/">年报</a>
      <a href="../news/1.html">关于召开2023年工作会议的通知</a>
      <ul>
        <li><a href="art-2024.html" title="某某镇人民政府2024年政府信息公开工作年度报告">某某镇人民政府2024年政府信息公开工作年...</a></li>
        <li><a href="/col/nb/art-2023.html#top">某某镇二〇二三年政府信息公开工作年度报告</a></li>
        <li><a href="/col/nb/art-2023.html">重复的链接：某某镇2023年政府信息公开工作年度报告</a></li>
        <li><a href="/upload/2022%E5%B9%B4%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A.pdf">附件下载</a></li>
        <li><a href="/upload/nb2021.docx">某某镇2021年政府信息公开工作年度报告（Word）</a></li>
        <li><a href="http://other.gov.cn/nb/2020.html">外站2020年政府信息公开工作年度报告</a></li>
        <li><a href="javascript:void(0)">2019年政府信息公开工作年度报告</a></li>
      </ul>`),
      BASE,
    );
    expect(links.reports).toEqual([
      { url: 'http://www.town.gov.cn/col/nb/art-2024.html', title: '某某镇人民政府2024年政府信息公开工作年度报告', year: 2024, kind: 'page' },
      { url: 'http://www.town.gov.cn/col/nb/art-2023.html', title: '某某镇二〇二三年政府信息公开工作年度报告', year: 2023, kind: 'page' },
      { url: 'http://www.town.gov.cn/upload/2022%E5%B9%B4%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A.pdf', title: '附件下载', year: 2022, kind: 'pdf' },
      { url: 'http://www.town.gov.cn/upload/nb2021.docx', title: '某某镇2021年政府信息公开工作年度报告（Word）', year: 2021, kind: 'docx' },
      { url: 'http://other.gov.cn/nb/2020.html', title: '外站2020年政府信息公开工作年度报告', year: 2020, kind: 'page' },
    ]);
    expect(links.pages).toEqual([]);
  });

  it('finds the other pages: 下一页, index_N.html beside the listing, and those createPageHTML writes', () => {
    const links = listingLinks(
      doc(`
      <a href="index.html">首页</a> <a href="index_1.html">下一页</a> <a href="index_1.html">2</a> <a href="index_5.html">尾页</a>
      <a href="/other/index_1.html">别的栏目</a>
      <script>createPageHTML(4, 0, "index", "html");</script>`),
      BASE,
    );
    expect(links.pages).toEqual(['http://www.town.gov.cn/col/nb/index_1.html', 'http://www.town.gov.cn/col/nb/index_5.html', 'http://www.town.gov.cn/col/nb/index_2.html', 'http://www.town.gov.cn/col/nb/index_3.html']);
    const next = listingLinks(doc(`<a href="list?page=2">下一页</a>`), 'http://www.town.gov.cn/list?page=1');
    expect(next.pages).toEqual(['http://www.town.gov.cn/list?page=2']);
  });
});

describe('following a listing (crawlListing, the network given)', () => {
  const site: Record<string, string> = {
    'http://www.town.gov.cn/col/nb/index_1.html': `<a href="r2.html">2022年政府信息公开工作年度报告</a><a href="index_2.html">下一页</a><a href="index.html">上一页</a>`,
    'http://www.town.gov.cn/col/nb/index_2.html': `<a href="r1.html">2021年政府信息公开工作年度报告</a><a href="index_3.html">下一页</a>`,
    'http://www.town.gov.cn/col/nb/index_3.html': `<a href="r0.html">2020年政府信息公开工作年度报告</a>`,
  };
  const fetched: string[] = [];
  const opts = (maxPages: number, allowHosts: string[] = []) => ({
    maxPages,
    allowHosts,
    parseHtml: (html: string) => doc(html),
    fetchHtml: async (url: string) => {
      fetched.push(url);
      const html = site[url];
      return html === undefined ? { ok: false as const, reason: '404' } : { ok: true as const, html, finalUrl: url };
    },
  });
  const first = { url: BASE, doc: doc(`<a href="r3.html">2023年政府信息公开工作年度报告</a><a href="http://www.other.gov.cn/r.html">2023年政府信息公开工作年度报告（镜像）</a><a href="index_1.html">下一页</a><a href="index_9.html">9</a>`) };

  it('reads every page once, same site only, and keeps another site\'s reports apart', async () => {
    fetched.length = 0;
    const r = await crawlListing(first, opts(20));
    expect(r.reports.map((x) => x.url.split('/').pop())).toEqual(['r3.html', 'r2.html', 'r1.html', 'r0.html']);
    expect(r.pages).toHaveLength(4);
    expect(r.failed).toEqual([{ url: 'http://www.town.gov.cn/col/nb/index_9.html', reason: '404' }]);
    expect(r.offSite).toEqual(['http://www.other.gov.cn/r.html']);
    expect(r.capped).toBe(false);
    expect(new Set(fetched).size).toBe(fetched.length); // index.html (上一页) not read again
  });

  it('stops at the page cap, and --allow-host lets another site\'s report in', async () => {
    const r = await crawlListing(first, opts(2, ['other.gov.cn']));
    expect(r.pages).toHaveLength(2);
    expect(r.capped).toBe(true);
    expect(r.reports.map((x) => x.url.split('/').pop())).toEqual(['r3.html', 'r.html', 'r2.html']);
    expect(r.offSite).toEqual([]);
  });
});

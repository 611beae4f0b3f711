import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { addsTables, mayHoldReport, onAddedFramesLoad, REPORT_XPATH, TABLE_WORDS } from '../../src/extract/detect';

// jsdom, not linkedom or happy-dom: the detector reads the page through one XPath
// (document.evaluate), which only jsdom implements. In real Chromium: test/e2e/extension.test.ts
// (late insert, iframe, the 2 MB non-report page; its report pages all have a report title or
// meta). Generic-title pages (late tables, slow and cross-origin frames, a carousel, the 12/13-table
// limit) were checked once in Chromium by hand and are not yet e2e tests.
const page = (html: string): Document => new JSDOM(html).window.document;
const fixture = (name: string): Document => page(readFileSync(new URL(`../fixtures/html/${name}.html`, import.meta.url), 'utf8'));
/** jsdom parses a ~100 KB fixture in ~0.3 s (seconds on a busy machine): the fixture loops get room. */
const SLOW = 60_000;
const shell = (body: string, head = '<title>通知公告_某某区人民政府</title>'): string => `<!DOCTYPE html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;

/** A small table whose first cell says `first` (a table word, or not). */
const table = (first: string): string => `<table><tr><td>${first}</td><td>自然人</td></tr><tr><td>合计</td><td>3</td></tr></table>`;
/** Ordinary news tables: an interview schedule, the weather, a project list (as in /big-news.html). */
const NEWS_TABLES = [
  '<table><tr><td>序号</td><td>岗位名称</td><td>面试时间</td><td>面试地点</td><td>进入面试人数</td></tr><tr><td>1</td><td>综合管理岗1</td><td>2025年4月11日上午</td><td>区政务服务中心三楼</td><td>3</td></tr></table>',
  '<table><tr><td>日期</td><td>天气</td><td>最高气温（℃）</td><td>最低气温（℃）</td><td>风力</td></tr><tr><td>3月1日</td><td>晴</td><td>12</td><td>2</td><td>北风3-4级</td></tr></table>',
  '<table><tr><td>项目名称</td><td>建设单位</td><td>总投资（万元）</td><td>建设内容</td><td>计划完工时间</td></tr><tr><td>某某路改造工程1期</td><td>区住房和城乡建设局</td><td>3200</td><td>道路、管网及配套设施建设</td><td>2025年7月</td></tr></table>',
];

describe('the cheap detector (every gov.cn page pays for it)', () => {
  it('says yes for every report fixture, pictures included', () => {
    for (const name of ['seed-000', 'seed-001', 'seed-002', 'seed-003', 'seed-004', 'template-2019', 'split-table', 'one-table', 'errors', 'blanks']) {
      expect(mayHoldReport(fixture(name)), name).toBe(true);
    }
  }, SLOW);

  it('says yes for every report fixture by its body alone: title blanked, <meta> removed, then <h1> removed too', () => {
    for (const name of ['seed-000', 'seed-001', 'seed-002', 'seed-003', 'seed-004', 'template-2019', 'split-table', 'one-table', 'errors', 'blanks']) {
      const doc = fixture(name);
      doc.title = '某某区人民政府';
      for (const m of [...doc.querySelectorAll('meta')]) m.remove();
      expect(mayHoldReport(doc), `${name} by its h1 or tables`).toBe(true);
      for (const h of [...doc.querySelectorAll('h1')]) h.remove();
      // seed-002 has no tables (its tables are pictures): only its title, meta or h1 can tell
      expect(mayHoldReport(doc), `${name} by its tables`).toBe(name !== 'seed-002');
    }
  }, SLOW);

  it('says no for an ordinary news page with a table', () => {
    expect(mayHoldReport(fixture('no-report'))).toBe(false);
  });

  it('says no for a news page with unrelated tables, a 政府信息公开年报 menu link and a 政务动态 column', () => {
    const head = '<title>全区重点工作情况汇编_政务动态_某某区人民政府</title><meta name="ColumnName" content="政务动态"><meta name="ArticleTitle" content="全区重点工作情况汇编">';
    const nav = '<ul class="nav"><li><a href="/col/col4101/">政府信息公开</a></li><li><a href="/col/col4601/">政府信息公开年报</a></li></ul>';
    expect(mayHoldReport(page(shell(`${nav}<h1>全区重点工作情况汇编</h1><p>近日，区委常委会召开会议。</p>${NEWS_TABLES.join('<p>……</p>')}`, head)))).toBe(false);
  });

  it('finds a report by its table words when the title is generic', () => {
    expect(mayHoldReport(page('<html><head><title>通知公告</title></head><body><table><tr><td>一、本年新收政府信息公开申请数量</td><td>3</td></tr></table></body></html>'))).toBe(true);
  });

  it('finds a report by each table word, alone in its table (the XPath names every one)', () => {
    for (const word of TABLE_WORDS) {
      expect(REPORT_XPATH, word).toContain(`'${word}'`);
      expect(mayHoldReport(page(shell(table(`一、${word}`)))), word).toBe(true);
    }
    expect(mayHoldReport(page(shell(table('一、本年新增'))))).toBe(false);
  });

  it('finds a report by a traditional-character table word', () => {
    expect(mayHoldReport(page(shell(table('二、上年結轉政府信息公開申請數量'))))).toBe(true);
  });

  it('finds a report by its h1 when the page title is the site name', () => {
    expect(mayHoldReport(page('<html><head><title>某某市人民政府</title></head><body><h1>某某市2024年政府信息公开工作年度报告</h1></body></html>'))).toBe(true);
  });

  it('a site banner in an <h1> does not hide the title in the next one', () => {
    expect(mayHoldReport(page(shell('<div class="logo"><h1>某某市人民政府</h1></div><div class="article"><h1>某某市2024年政府信息公开工作年度报告</h1></div>', '<title>某某市人民政府</title>')))).toBe(true);
  });

  it('where the CMS states the title in <meta name="ArticleTitle">, the h1 is not read (one document walk less)', () => {
    const h1 = '<h1>某某市2024年政府信息公开工作年度报告</h1>';
    expect(mayHoldReport(page(shell(h1, '<title>某某市人民政府</title><meta name="ArticleTitle" content="">')))).toBe(true); // empty: the h1 counts
    // documented limit: a wrong ArticleTitle hides a report h1 (its tables would still be read)
    expect(mayHoldReport(page(shell(h1, '<title>某某市人民政府</title><meta name="ArticleTitle" content="某某市人民政府">')))).toBe(false);
    expect(mayHoldReport(page(shell(`${h1}${table('第二十条第（一）项')}`, '<title>某某市人民政府</title><meta name="ArticleTitle" content="某某市人民政府">')))).toBe(true);
  });

  it('an <h1> that only names a column (政府信息公开年报, no 年度报告) is not a report title', () => {
    expect(mayHoldReport(page(shell('<h1>政府信息公开年报</h1>', '<title>某某市人民政府</title>')))).toBe(false);
  });

  it('a traditional-character mirror: by its title, or by its h1', () => {
    expect(mayHoldReport(page('<html><head><title>某某縣2023年政府信息公開工作年度報告</title></head><body></body></html>'))).toBe(true);
    expect(mayHoldReport(page(shell('<h1>某某縣2023年政府信息公開工作年度報告</h1>', '<title>某某縣人民政府</title>')))).toBe(true);
  });

  it('finds a report by <meta name="ArticleTitle"> when the title and body say nothing', () => {
    expect(mayHoldReport(page(shell('<div id="zoom"></div>', '<title>某某区人民政府</title><meta name="ArticleTitle" content="某某区2024年政府信息公开工作年度报告">')))).toBe(true);
    expect(mayHoldReport(page(shell('<div id="zoom"></div>', '<title>某某区人民政府</title><meta name="ArticleTitle" content="某某区2024年公开招聘面试安排的公告">')))).toBe(false);
  });

  it('finds a report by <meta name="ColumnName" content="政府信息公开年报">, traditional forms too', () => {
    expect(mayHoldReport(page(shell('', '<title>某某区人民政府</title><meta name="ColumnName" content="政府信息公开年报">')))).toBe(true);
    expect(mayHoldReport(page(shell('', '<title>某某縣人民政府</title><meta name="ArticleTitle" content="某某縣2023年政府信息公開工作年度報告">')))).toBe(true);
  });

  it('ignores a long <meta description> that merely mentions the words', () => {
    const long = `本站发布政务公开、政府信息公开、年度报告等信息。${'欢迎访问本站。'.repeat(30)}`;
    expect(mayHoldReport(page(shell('', `<title>某某区人民政府</title><meta name="description" content="${long}">`)))).toBe(false);
  });

  it('a listing page with links named "…年度报告" in a <ul> says no (the checker is not asked to look)', () => {
    const links = [2024, 2023, 2022].map((y) => `<li><a href="/art/${y}/1/20/art_4601_${y}.html">某某区${y}年政府信息公开工作年度报告</a><span>${y + 1}-01-20</span></li>`).join('');
    expect(mayHoldReport(page(shell(`<h1>政府信息公开年报</h1><ul class="list">${links}</ul>`, '<title>政府信息公开年报_某某区人民政府</title>')))).toBe(false);
  });

  it('reads the first 12 tables only (document order, each in its own container): a report table 13th is not seen', () => {
    const at = (n: number): string =>
      Array.from({ length: n }, (_, i) => `<div class="box">${i === n - 1 ? table('一、本年新收政府信息公开申请数量') : NEWS_TABLES[i % 3]}</div>`).join('');
    expect(mayHoldReport(page(shell(at(12))))).toBe(true);
    expect(mayHoldReport(page(shell(at(13))))).toBe(false); // documented limit: the title, meta or h1 must say it
  });

  it('reads the first 600 characters of a table only', () => {
    const late = (pad: number): string => `<table><tr><td>${'某'.repeat(pad)}</td></tr><tr><td>行政复议</td></tr></table>`;
    expect(mayHoldReport(page(shell(late(580))))).toBe(true);
    expect(mayHoldReport(page(shell(late(620))))).toBe(false);
  });

  it('a report table inside layout tables is found; a layout table itself (5000+ elements) is not read', () => {
    const filler = '<p><span>正文</span></p>'.repeat(2600);
    const layout = (inner: string): string => `<table class="layout"><tr><td>${inner}</td></tr></table>`;
    expect(mayHoldReport(page(shell(layout(`${filler}${table('第二十条第（一）项')}`))))).toBe(true);
    // the layout table's own first 600 characters hold the word, but it is too big to be a report table
    expect(mayHoldReport(page(shell(layout(`<p>行政复议</p>${filler}`))))).toBe(false);
    expect(mayHoldReport(page(shell(layout(`<p>行政复议</p>${filler.slice(0, 1000)}`))))).toBe(true);
  });

  it('looks into same-origin frames, two levels deep at most', () => {
    const doc = page(shell('<iframe></iframe>', '<title>政府信息公开年报_某某区人民政府</title>'));
    const frameDoc = (d: Document): Document => (d.querySelector('iframe') as HTMLIFrameElement).contentDocument as Document;
    expect(mayHoldReport(doc)).toBe(false);
    const one = frameDoc(doc);
    one.body.innerHTML = '<iframe></iframe>';
    const two = frameDoc(one);
    two.body.innerHTML = '<iframe></iframe>';
    const three = frameDoc(two);
    three.body.innerHTML = table('一、本年新收政府信息公开申请数量');
    expect(mayHoldReport(doc)).toBe(false); // three levels down: not looked at
    two.body.insertAdjacentHTML('beforeend', table('一、本年新收政府信息公开申请数量'));
    expect(mayHoldReport(doc)).toBe(true); // two levels down
  });

  it('looks into the first 8 frames only', () => {
    const doc = page(shell('<iframe></iframe>'.repeat(9)));
    const frames = [...doc.querySelectorAll('iframe')].map((f) => f.contentDocument as Document);
    (frames[8] as Document).body.innerHTML = table('第二十条第（一）项');
    expect(mayHoldReport(doc)).toBe(false);
    (frames[7] as Document).body.innerHTML = table('第二十条第（一）项');
    expect(mayHoldReport(doc)).toBe(true);
  });

  it('a DOM without XPath (linkedom): the title still counts, the rest says no, nothing throws', () => {
    const bare = (html: string): Document => parseHTML(html).document as unknown as Document;
    expect(typeof (bare(shell('')) as { evaluate?: unknown }).evaluate).not.toBe('function');
    expect(mayHoldReport(bare(shell(table('一、本年新收政府信息公开申请数量'))))).toBe(false);
    expect(mayHoldReport(bare(shell('', '<title>某某区2024年政府信息公开工作年度报告</title>')))).toBe(true);
  });

  it('an XPath that throws (an odd document) counts as no', () => {
    const doc = page(shell(table('一、本年新收政府信息公开申请数量')));
    expect(mayHoldReport(doc)).toBe(true);
    doc.evaluate = () => {
      throw new Error('not supported');
    };
    expect(mayHoldReport(doc)).toBe(false);
  });
});

describe('addsTables: which mutations earn a second look', () => {
  /** The records a MutationObserver on `document` collects while `mutate` runs. */
  const recordsOf = (mutate: (doc: Document) => void, body = '<div id="zoom"></div><ul id="carousel"><li>1</li></ul>'): MutationRecord[] => {
    const { window } = new JSDOM(shell(body));
    const doc = window.document;
    const observer = new window.MutationObserver(() => undefined);
    observer.observe(doc, { childList: true, subtree: true });
    mutate(doc);
    const records = observer.takeRecords();
    observer.disconnect();
    expect(records.length).toBeGreaterThan(0);
    return records;
  };
  const zoom = (doc: Document): HTMLElement => doc.getElementById('zoom') as HTMLElement;

  it('yes: a table arrives, alone or inside the article body', () => {
    expect(addsTables(recordsOf((d) => zoom(d).appendChild(d.createElement('table'))))).toBe(true);
    expect(addsTables(recordsOf((d) => (zoom(d).innerHTML = `<div class="WordSection1"><p>一、总体情况</p>${table('第二十条第（一）项')}</div>`)))).toBe(true);
  });

  it('yes: an iframe arrives, alone or wrapped', () => {
    expect(addsTables(recordsOf((d) => zoom(d).appendChild(d.createElement('iframe'))))).toBe(true);
    expect(addsTables(recordsOf((d) => (zoom(d).innerHTML = '<div class="frame"><iframe src="about:blank"></iframe></div>')))).toBe(true);
  });

  it('no: a carousel tick, text, a removal', () => {
    expect(addsTables(recordsOf((d) => (d.getElementById('carousel') as HTMLElement).insertAdjacentHTML('beforeend', '<li><a href="/a.html"><img src="/b.jpg" alt="新闻"></a></li>')))).toBe(false);
    expect(addsTables(recordsOf((d) => zoom(d).appendChild(d.createTextNode('正在加载……'))))).toBe(false);
    expect(addsTables(recordsOf((d) => (d.getElementById('carousel') as HTMLElement).remove()))).toBe(false);
  });

  it('no: our own sidebar host, whatever it holds', () => {
    expect(
      addsTables(
        recordsOf((d) => {
          const host = d.createElement('gov-report-check');
          host.innerHTML = table('第二十条第（一）项');
          d.body.appendChild(host);
        }),
      ),
    ).toBe(false);
  });

  it('a burst: yes if any record in it brings a table', () => {
    expect(
      addsTables(
        recordsOf((d) => {
          (d.getElementById('carousel') as HTMLElement).insertAdjacentHTML('beforeend', '<li>2</li>');
          zoom(d).insertAdjacentHTML('beforeend', table('行政复议'));
        }),
      ),
    ).toBe(true);
  });
});

describe('onAddedFramesLoad: a frame inserted late is looked at again once it has loaded', () => {
  it('listens once on each added iframe, alone or inside what was added; not on our sidebar or on text', () => {
    const { window } = new JSDOM(shell('<div id="zoom"></div>'));
    const doc = window.document;
    const observer = new window.MutationObserver(() => undefined);
    observer.observe(doc, { childList: true, subtree: true });
    const zoom = doc.getElementById('zoom') as HTMLElement;
    const alone = doc.createElement('iframe');
    zoom.appendChild(alone);
    const wrapper = doc.createElement('div');
    wrapper.innerHTML = '<p>正文</p><iframe></iframe>';
    zoom.appendChild(wrapper);
    const ours = doc.createElement('gov-report-check');
    ours.appendChild(doc.createElement('iframe'));
    doc.body.appendChild(ours);
    zoom.appendChild(doc.createTextNode('文字'));
    const records = observer.takeRecords();
    observer.disconnect();
    let loads = 0;
    onAddedFramesLoad(records, () => loads++);
    expect(loads).toBe(0);
    alone.dispatchEvent(new window.Event('load'));
    alone.dispatchEvent(new window.Event('load')); // once
    (wrapper.querySelector('iframe') as HTMLIFrameElement).dispatchEvent(new window.Event('load'));
    (ours.querySelector('iframe') as HTMLIFrameElement).dispatchEvent(new window.Event('load'));
    expect(loads).toBe(2);
  });
});

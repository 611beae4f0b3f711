/**
 * The command line reads HTML into the light tree (src/extract/light-dom.ts) instead of linkedom's
 * DOM; the one extractor runs over either. Here every HTML page the project holds — the fixtures,
 * the real reports of the corpus, the e2e pages, generated reports — and pages of tag soup give
 * the same extraction (items, cells and their sources, title, notes, page date, which element each
 * source points at) and the same check result through both trees.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { extractHtml } from '../../src/extract/html';
import type { DomElement } from '../../src/extract/dom';
import { parseLight } from '../../src/extract/light-dom';
import { checkDocument } from '../../src/pipeline';
import { asDocument } from '../../src/batch/check-document';
import { decodeHtml } from '../../src/fetch';
import { randomSoundFigures, renderHtml } from '../support/render';

const ROOT = join(import.meta.dirname, '..', '..');
const SOURCE = { kind: 'file', location: 'page.html', format: 'html' } as const;

const linkedom = (html: string): Document => parseHTML(html).document as unknown as Document;

/** Which element it is: its tag and its place among the document's elements of that tag. */
function place(el: DomElement): string {
  const same = el.ownerDocument.getElementsByTagName(el.nodeName.toLowerCase());
  return `${el.nodeName}#${Array.prototype.indexOf.call(same, el)}`;
}

/** Both trees' extraction and check of one page, in a form toEqual compares whole. */
function both(html: string): { light: unknown; dom: unknown } {
  const view = (doc: Parameters<typeof extractHtml>[0] | ReturnType<typeof parseLight>): unknown => {
    const x = extractHtml(doc);
    const out = checkDocument(doc, SOURCE);
    return {
      items: x.items,
      title: x.title,
      notes: x.notes,
      pageDate: x.pageDate,
      elements: [...x.elements].map(([k, el]) => `${k} ${place(el)}`),
      check: out.ok ? { findings: out.result.findings, report: out.result.report, summary: out.result.summary } : out.reason,
    };
  };
  return { light: view(parseLight(html)), dom: view(linkedom(html)) };
}

function pages(dir: string, pick: (name: string) => boolean = (n) => /\.html?$/.test(n)): [string, string][] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter(pick)
    .sort()
    .map((f) => [f, asDocument(decodeHtml(new Uint8Array(readFileSync(join(dir, f))), null))]);
}

const FIXTURES = pages(join(ROOT, 'test', 'fixtures', 'html'));
const CORPUS = pages(join(ROOT, 'test', 'corpus', 'cases'), (n) => /source\.html?$/.test(n));
const E2E = pages(join(ROOT, 'test', 'e2e', 'pages'));

describe('the light tree reads every page as linkedom does', () => {
  it('has pages to compare', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(10);
    expect(CORPUS.length).toBeGreaterThanOrEqual(4);
  });

  it.each([...FIXTURES, ...CORPUS, ...E2E])('%s', (_name, html) => {
    const { light, dom } = both(html);
    expect(light).toEqual(dom);
    // and the raw bytes, not wrapped
    const raw = both(html.replace(/^<!DOCTYPE html><html><head><meta charset="utf-8"><\/head><body>/, ''));
    expect(raw.light).toEqual(raw.dom);
  });

  it('generated reports', () => {
    for (const f of fc.sample(randomSoundFigures, { seed: 19, numRuns: 8 })) {
      const { light, dom } = both(renderHtml(f));
      expect(light).toEqual(dom);
    }
  });

  const cases: Record<string, string> = {
    'plain text, no element': '一、总体情况 2024年',
    'a lone comment': '<!-- 年度报告 -->',
    'no <body>': '<html><head><title>t</title></head><div><table><tr><td>总计</td><td>1</td></tr></table></div></html>',
    'no <head>': '<html><body><p>2024年政府信息公开工作年度报告</p><table><tr><td>总计</td><td>1</td></tr></table></body></html>',
    'a doctype and no <html>': '<!DOCTYPE html><table><tr><td>总计</td><td>1</td></tr></table>',
    'attribute names in capitals': '<html><head></head><body><table><tr><TD COLSPAN=2 ROWSPAN="2">a</TD><td>b</td></tr><tr><td>c</td></tr></table><p HIDDEN>x</p><p STYLE="display:none">y</p></body></html>',
    'hidden and display:none': '<html><head></head><body><p hidden>a</p><div style="DISPLAY : none">b</div><p>c</p></body></html>',
    'entities in text, title and attributes': '<html><head><title>&lt;2024&gt;年&amp;报告&nbsp;</title><meta name="PubDate" content="2024-01-05&#32;10:00"></head><body><img alt="表&quot;一" src="a.png?x=1&amp;y"><p>&#x4e00;&#19968;&amp;</p></body></html>',
    'title outside the head, and two titles': '<html><head><title>一</title><title>二</title></head><body><title>三</title></body></html>',
    'tables in cells, template, noscript, iframe, svg': '<html><head></head><body><table><tr><td><table><tr><td>1</td></tr></table></td></tr></table><template><table><tr><td>2</td></tr></table></template><noscript><table><tr><td>3</td></tr></table></noscript><iframe src="x.html"></iframe><svg><table><tr><td>4</td></tr></table></svg><table><tr><td>5</td></tr></table></body></html>',
    'implied and stray tags': '<html><head></head><body><p>a<p>b</p></p></br><table><td>x<tr><td>y</table><li>1<li>2</body></html>',
    'text around the root element': 'before<html>inside</html>after',
    'Word markup': '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head></head><body><table class=MsoNormalTable><tr><td><p class=MsoNormal><span>总计<o:p></o:p></span></p></td></tr></table></body></html>',
  };
  it.each(Object.entries(cases))('%s', (_name, html) => {
    const { light, dom } = both(html);
    expect(light).toEqual(dom);
  });

  it('tag soup', () => {
    const TAGS = ['html', 'head', 'body', 'title', 'table', 'tbody', 'thead', 'tr', 'td', 'th', 'p', 'div', 'span', 'br', 'img', 'iframe', 'noscript', 'template', 'script', 'style', 'li', 'o:p', 'svg', 'meta'];
    const attr = fc.constantFrom('', ' rowspan="2"', ' colspan=3', ' COLSPAN="2"', ' hidden', ' style="display:none"', ' alt="表一" src="/a.png"', ' name="PubDate" content="2024-02-01"');
    const part = fc.oneof(
      { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...TAGS), attr).map(([t, a]) => `<${t}${a}>`) },
      { weight: 2, arbitrary: fc.constantFrom(...TAGS).map((t) => `</${t}>`) },
      { weight: 4, arbitrary: fc.constantFrom('总计', '（七）总计', '12', ' ', '\n', '2024年政府信息公开工作年度报告', '&nbsp;', '&amp;', '<!--x-->', '<', '>') },
    );
    fc.assert(
      fc.property(fc.array(part, { maxLength: 120 }), (parts) => {
        const { light, dom } = both(parts.join(''));
        expect(light).toEqual(dom);
      }),
      { seed: 2024, numRuns: 300 },
    );
  });
});

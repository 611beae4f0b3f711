import { readdirSync, readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractHtml, extractSnapshot, refKey } from '../../src/extract/html';
import { snapshotDocument } from '../../src/extract/snapshot';
import type { SourceRef } from '../../src/extract/types';
import { pageLocator } from '../../src/page/locate';
import { applyPlan, completeMarks, MARK_ATTR } from '../../src/page/highlight';
import { elementPath, planMarks } from '../../src/messaging/mark-plan';
import { checkExtracted } from '../../src/pipeline';

// The in-page checker sends the page's HTML; the background parses it again with linkedom and
// extracts it there; the page then finds the cells to mark by index. That only works when the
// copy reads as the live page does. jsdom plays the browser here: it parses as the HTML standard
// says, as Chromium does (the e2e tests run the same path in Chromium itself).

const FIXTURES = new URL('../fixtures/html/', import.meta.url);
const E2E_PAGES = new URL('../e2e/pages/', import.meta.url);
const linkedom = (html: string): Document => parseHTML(html).document as unknown as Document;
/** scripting on, as in a browser tab: <noscript> content is then text, not elements */
const browserPage = (html: string): Document => new JSDOM(html, { runScripts: 'outside-only' }).window.document;

const pages: [string, string][] = [
  ...readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.html'))
    .map((f): [string, string] => [f, readFileSync(new URL(f, FIXTURES), 'utf8')]),
  ...['attachment-report.html', 'iframe-host.html'].map((f): [string, string] => [f, readFileSync(new URL(f, E2E_PAGES), 'utf8')]),
];

/** Every cell of every grid with the element the live page's own extraction found for it. */
function originCells(doc: Document): { src: SourceRef; raw: string; el: Element | undefined }[] {
  const live = extractHtml(doc);
  const out: { src: SourceRef; raw: string; el: Element | undefined }[] = [];
  for (const item of live.items) {
    if (item.kind !== 'grid') continue;
    for (const row of item.grid.rows) for (const c of row) if (c.origin) out.push({ src: c.src, raw: c.raw, el: live.elements.get(refKey(c.src)) });
  }
  return out;
}

describe('a page sent as HTML reads in the background as it reads in the page', () => {
  it.each(pages)('%s: the same paragraphs, grids and pictures, and every cell found again by its index', { timeout: 30_000 }, (_name, html) => {
    const doc = browserPage(html);
    const live = extractHtml(doc);
    const copy = extractSnapshot(snapshotDocument(doc), linkedom);
    expect(copy.items).toEqual(live.items);
    expect(copy.title).toBe(live.title);
    expect(copy.notes).toEqual(live.notes);
    const locate = pageLocator(doc);
    const cells = originCells(doc);
    for (const c of cells) expect(locate.cell(c.src, c.raw)).toBe(c.el);
    expect(locate.stale).toBe(false);
  });

  it('markup a browser keeps out of the tree or nests its own way is counted as the browser counts it', () => {
    // quirks mode (no doctype) puts a <table> inside a <p> (linkedom closes the <p> first); the
    // content of a <template> is not in a browser's tree (linkedom would count its table); a nested
    // layout table. (<noscript> content is text in a tab with scripts on, but jsdom parses it as
    // elements even then: that case is in the e2e page /hostile-css.html, in Chromium.)
    const html = `<html><head><title>某某镇2023年政府信息公开工作年度报告</title></head><body>
      <template><table><tr><td>模板里的表</td><td>1</td></tr></table></template>
      <p class=MsoNormal>前言<table border=1><tr><td>本年新收政府信息公开申请数量</td><td>&nbsp;3&nbsp;</td></tr></table>
      <table><tr><td><table><tr><td>其中：网络申请</td><td>4<br>件</td></tr></table></td></tr></table>
      <div hidden><table><tr><td>隐藏</td><td>5</td></tr></table></div>
      <div style="margin:0 auto; DISPLAY : None"><table><tr><td>隐藏二</td><td>6</td></tr></table></div>
      <table style="border:solid 1pt; width:100%"><tr><td style="padding:0cm 5.4pt">上年结转政府信息公开申请数量</td><td style='mso-yfti-irow:0'>7</td></tr></table>
      <p>结转下年度继续办理<span>7</span>件。</p></body></html>`;
    const doc = browserPage(html);
    const live = extractHtml(doc);
    const copy = extractSnapshot(snapshotDocument(doc), linkedom);
    expect(copy.items).toEqual(live.items);
    const grids = copy.items.filter((i) => i.kind === 'grid');
    expect(grids.map((g) => (g.kind === 'grid' ? g.grid.rows[0]?.map((c) => c.raw) : null))).toEqual([
      ['本年新收政府信息公开申请数量', '\u00a03\u00a0'],
      ['其中：网络申请', '4\n件'],
      ['上年结转政府信息公开申请数量', '7'],
    ]);
    // the snapshot drops style attributes but those that hide, and attributes extraction never reads
    const sent = snapshotDocument(doc).html;
    expect(sent).not.toContain('padding:0cm');
    expect(sent).not.toContain('mso-yfti-irow');
    expect(sent).toContain('DISPLAY : None');
    expect(sent).not.toContain('MsoNormal');
    expect(sent).not.toMatch(/ border=/);
    expect(sent).toContain('hidden');
    const locate = pageLocator(doc);
    for (const c of originCells(doc)) expect(locate.cell(c.src, c.raw)).toBe(c.el);
    // the paragraph a prose finding quotes is found by its words, spans and all
    expect(locate.paragraph({ kind: 'html', table: -1, row: 3, cell: 0 }, '结转下年度继续办理7件')?.textContent).toBe('结转下年度继续办理7件。');
    expect(locate.paragraph({ kind: 'html', table: -1, row: 3, cell: 0 }, '没有这句话')).toBeNull();
  });

  it('a report in a same-origin frame: the frame goes along, its cells are named by the frame path and found in the frame', () => {
    const host = new JSDOM(`<!DOCTYPE html><html><head><title>政府信息公开年报</title></head><body><iframe></iframe><p>门户</p><iframe id=r></iframe></body></html>`);
    const iframe = host.window.document.getElementById('r') as HTMLIFrameElement;
    const inner = iframe.contentDocument;
    if (!inner) throw new Error('no frame document');
    inner.open();
    inner.write(readFileSync(new URL('errors.html', FIXTURES), 'utf8'));
    inner.close();
    const doc = host.window.document;
    const snap = snapshotDocument(doc);
    // the first, empty frame has an (empty) document too; the report's frame is the second iframe
    expect(snap.frames.map((f) => f.path)).toEqual([[0], [1]]);
    const copy = extractSnapshot(snap, linkedom);
    expect(copy.items).toEqual(extractHtml(doc).items);
    const cell = copy.items.flatMap((i) => (i.kind === 'grid' ? i.grid.rows.flat() : [])).find((c) => c.origin && c.src.kind === 'html' && c.src.frame);
    expect(cell?.src).toMatchObject({ kind: 'html', frame: [1] });
    const el = cell ? pageLocator(doc).cell(cell.src, cell.raw) : null;
    expect(el?.ownerDocument).toBe(inner);
  });

  it('a cell that no longer holds what the background read is not marked, and the locator says the page changed', () => {
    const doc = browserPage(readFileSync(new URL('errors.html', FIXTURES), 'utf8'));
    const snap = snapshotDocument(doc);
    const copy = extractSnapshot(snap, linkedom);
    const cell = copy.items.flatMap((i) => (i.kind === 'grid' ? i.grid.rows.flat() : [])).find((c) => c.origin && /^\d+$/.test(c.text.trim()));
    if (!cell) throw new Error('no numeric cell');
    const locate = pageLocator(doc);
    const el = locate.cell(cell.src, cell.raw);
    expect(el).not.toBeNull();
    if (el) el.textContent = '999';
    expect(pageLocator(doc).cell(cell.src, cell.raw)).toBeNull();
    const later = pageLocator(doc);
    later.cell(cell.src, cell.raw);
    expect(later.stale).toBe(true);
    // an index past the page's tables or rows is not found either (and not thrown on)
    expect(pageLocator(doc).cell({ kind: 'html', table: 999, row: 0, cell: 0 }, '')).toBeNull();
    expect(pageLocator(doc).cell({ kind: 'html', frame: [5], table: 0, row: 0, cell: 0 }, '')).toBeNull();
  });
});

describe('marks from a background plan land on the page\'s own cells', () => {
  it('errors.html: the failing cells, their rows and the quoted paragraph are marked; a sound page gets none; all marks go again', () => {
    for (const [name, failing] of [
      ['errors.html', true],
      ['seed-001.html', false],
    ] as const) {
      const doc = browserPage(readFileSync(new URL(name, FIXTURES), 'utf8'));
      const before = doc.documentElement.outerHTML;
      // the background's side: extract the copy, check it, plan the marks (paragraph paths from the copy's tree)
      const copy = extractSnapshot(snapshotDocument(doc), linkedom);
      const outcome = checkExtracted(copy, { kind: 'url', location: `http://www.example.gov.cn/${name}`, format: 'html' });
      if (!outcome.ok) throw new Error(outcome.reason.en);
      const plan = planMarks(outcome.result, (src) => {
        const el = copy.elements.get(refKey(src));
        return el ? elementPath(el) : null;
      });
      // the page's side: first the plan alone, then the rest once the result is read
      const locate = pageLocator(doc);
      const applied = applyPlan(doc, plan, locate);
      const failed = [...doc.querySelectorAll(`td[${MARK_ATTR}~="fail"]`)].map((td) => (td.textContent ?? '').trim());
      expect(locate.stale).toBe(false);
      if (failing) {
        // errors.html's changed cells (fixtures/html/README.md) and the totals their relations rest on
        expect(failed.sort()).toEqual(['150', '154', '7', '7', '73', '8'].sort());
        expect(doc.querySelectorAll(`tr[${MARK_ATTR}~="row-fail"]`).length).toBeGreaterThanOrEqual(4);
        // the prose warning's paragraph, found by the path the background read (no search of the page)
        expect(plan.paragraphs).toHaveLength(1);
        expect(plan.paragraphs[0]?.path).not.toBeNull();
        expect(applied.paragraphs[0]?.getAttribute(MARK_ATTR)).toBe('prose');
        // the other cells of the failing relations come with the sidebar (completeMarks)
        expect(plan.cells.some((c) => c.mark === 'part')).toBe(true);
        expect(doc.querySelectorAll(`[${MARK_ATTR}~="part"]`).length).toBe(0);
      } else {
        expect(failed).toEqual([]);
        expect(doc.querySelectorAll(`[${MARK_ATTR}]`).length).toBe(0);
      }
      const marks = completeMarks(doc, applied, outcome.result, locate);
      expect(doc.querySelectorAll(`[${MARK_ATTR}~="part"]`).length).toBe(plan.cells.filter((c) => c.mark === 'part').length);
      for (const f of outcome.result.findings.filter((x) => x.outcome === 'fail')) {
        const el = f.primary[0] ? marks.element(f.primary[0]) : null;
        expect(el && marks.findingsAt(el)).toContain(f);
      }
      marks.clear();
      expect(doc.querySelectorAll(`[${MARK_ATTR}]`).length).toBe(0);
      expect(doc.documentElement.outerHTML).toBe(before);
    }
  });

  it('a paragraph whose path leads elsewhere is found by its words once the result is read', () => {
    const doc = browserPage(readFileSync(new URL('errors.html', FIXTURES), 'utf8'));
    const copy = extractSnapshot(snapshotDocument(doc), linkedom);
    const outcome = checkExtracted(copy, { kind: 'url', location: 'http://www.example.gov.cn/errors.html', format: 'html' });
    if (!outcome.ok) throw new Error(outcome.reason.en);
    const plan = planMarks(outcome.result, () => [1, 0]); // a wrong path: <body>'s first child
    const locate = pageLocator(doc);
    const applied = applyPlan(doc, plan, locate);
    expect(applied.paragraphs[0]).toBeNull();
    expect(doc.querySelectorAll(`[${MARK_ATTR}~="prose"]`).length).toBe(0);
    const marks = completeMarks(doc, applied, outcome.result, locate);
    const prose = [...doc.querySelectorAll(`[${MARK_ATTR}~="prose"]`)];
    expect(prose).toHaveLength(1);
    expect(prose[0]?.textContent).toContain(plan.paragraphs[0]?.quote.slice(0, 4));
    marks.clear();
    expect(doc.querySelectorAll(`[${MARK_ATTR}]`).length).toBe(0);
  });
});

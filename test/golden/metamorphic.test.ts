/**
 * The same report dressed differently reads the same. Every saved page we hold (the HTML
 * fixtures and the corpus's real pages) goes through the rewritings real CMSs and Word exports
 * apply (FORMAT.md, "What real pages look like"): each must leave every figure of the three
 * tables and every error finding as they were. And a page's text copied the way a browser copies
 * it (a table's cells tab-separated, a row per line) reads as the page does. No expectation here
 * comes from the engine: each page is its own control.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLight } from '../../src/extract/light-dom';
import { extractHtml } from '../../src/extract/html';
import { asDocument } from '../../src/batch/check-document';
import { checkDocument, checkText, type PipelineOutcome } from '../../src/pipeline';

const ROOT = new URL('../../', import.meta.url).pathname;

function pages(): [string, string][] {
  const out: [string, string][] = [];
  const fixtures = join(ROOT, 'test/fixtures/html');
  for (const f of readdirSync(fixtures).filter((f) => f.endsWith('.html')).sort()) out.push([f, readFileSync(join(fixtures, f), 'utf8')]);
  const corpus = join(ROOT, 'test/corpus/cases');
  for (const c of readdirSync(corpus).sort()) {
    const p = join(corpus, c, 'source.html');
    if (existsSync(p)) out.push([c, readFileSync(p, 'utf8')]);
  }
  return out;
}

/** Cell contents only (no nested table, row or cell tag inside). */
const CELL = /<td([^>]*)>((?:(?!<\/?t[dr]|<table)[\s\S])*?)<\/td>/gi;

const DRESSINGS: Record<string, (html: string) => string> = {
  'every cell wrapped in <p><span> (Word export)': (s) => s.replace(CELL, "<td$1><p class=MsoNormal align=center><span style='font-size:10.5pt;font-family:宋体'>$2</span></p></td>"),
  'figures padded with &nbsp;': (s) => s.replace(/>(\d+)</g, '>&nbsp;$1&nbsp;<'),
  'a figure split over two <span>s': (s) => s.replace(/>(\d)(\d+)</g, '><span>$1</span><span>$2</span><'),
  'tags in capitals': (s) => s.replace(/<(\/?)(table|tr|td|th|tbody|p|span|div)\b/gi, (_m, slash: string, tag: string) => `<${slash}${tag.toUpperCase()}`),
  'the whole body inside a layout table': (s) => s.replace(/<body([^>]*)>/i, '<body$1><table width="100%"><tr><td class="content">').replace(/<\/body>/i, '</td></tr></table></body>'),
  'label cells as <th>': (s) => s.replace(/<td([^>]*)>((?:(?!<\/?t[dr])[\s\S])*?[\u4e00-\u9fff](?:(?!<\/?t[dr])[\s\S])*?)<\/td>/gi, '<th$1>$2</th>'),
  'a <br> inside long labels': (s) => s.replace(/([\u4e00-\u9fff]{3})([\u4e00-\u9fff]{3,})(?=[^<>]*<\/td>)/g, '$1<br>$2'),
  'figures inside <font>': (s) => s.replace(/>(\d+)</g, '><font face="宋体" size="2">$1</font><'),
};

/** What a reader sees of a result: every figure of the three tables and every error finding. */
function reading(o: PipelineOutcome): { figures: string; errors: string[] } | string {
  if (!o.ok) return `refused: ${o.reason.zh}`;
  const r = o.result;
  const figures = (['t1', 't2', 't3'] as const)
    .map((t) => r.report.tables[t].rows.map((row) => `${row.key}:${row.cells.map((c) => (c.value.kind === 'number' ? c.value.value : c.value.kind)).join(',')}`).join(';'))
    .join('|');
  return { figures, errors: r.findings.filter((f) => f.severity === 'error').map((f) => f.id).sort() };
}

const checkHtml = (html: string): PipelineOutcome => checkDocument(parseLight(asDocument(html)), { kind: 'file', location: 'page.html', format: 'html' });

describe('a report dressed differently reads the same', () => {
  const all = pages();
  it('has pages to dress: the HTML fixtures and the corpus pages', () => {
    expect(all.length).toBeGreaterThanOrEqual(15);
  });
  for (const [name, dress] of Object.entries(DRESSINGS)) {
    it(name, () => {
      let changed = 0;
      for (const [id, html] of all) {
        const dressed = dress(html);
        if (dressed === html) continue;
        changed++;
        expect(reading(checkHtml(dressed)), id).toEqual(reading(checkHtml(html)));
      }
      expect(changed).toBeGreaterThan(0);
    });
  }

  it("a page's text copied as a browser copies it (cells tab-separated) reads as the page", () => {
    for (const [id, html] of all) {
      const doc = parseLight(asDocument(html));
      const page = checkDocument(doc, { kind: 'file', location: 'page.html', format: 'html' });
      // pictures have no text: a page of pictured tables says so, its text cannot
      if (page.ok && page.result.report.images.length > 0) continue;
      const text = extractHtml(doc)
        .items.map((i) => (i.kind === 'para' ? i.text : i.kind === 'grid' ? i.grid.rows.map((r) => r.filter((c) => c.origin).map((c) => c.raw.replace(/\s*\n\s*/g, ' ').trim()).join('\t')).join('\n') : ''))
        .join('\n');
      expect(reading(checkText(text, { kind: 'text', location: null, format: 'text' })), id).toEqual(reading(page));
    }
  });

  // Crawled text (the form of corpus web-026 and web-029): every paragraph and every cell on its
  // own line, a blank line after each; an empty cell is one bare newline (web-029's crawl) or a
  // line of spaces between blank lines (web-026's). Rows are no longer lines: the reader has only
  // labels, figures and the empty cells to go by.
  const EMPTY_CELL: Record<string, string> = { 'one bare newline': '\n', 'a line of spaces': '\u00a0\u00a0\n\n' };
  for (const [how, empty] of Object.entries(EMPTY_CELL)) {
    it(`a page's text crawled one cell a line, an empty cell ${how}, reads as the page`, () => {
      let tried = 0;
      for (const [id, html] of all) {
        const doc = parseLight(asDocument(html));
        const page = checkDocument(doc, { kind: 'file', location: 'page.html', format: 'html' });
        if (page.ok && page.result.report.images.length > 0) continue;
        const parts: string[] = [];
        for (const item of extractHtml(doc).items) {
          if (item.kind === 'para') parts.push(`${item.text}\n\n`);
          if (item.kind !== 'grid') continue;
          for (const row of item.grid.rows)
            for (const c of row.filter((x) => x.origin)) {
              const t = c.raw.replace(/\s*\n\s*/g, ' ').trim();
              parts.push(t === '' ? empty : `${t}\n\n`);
            }
        }
        tried++;
        expect(reading(checkText(parts.join(''), { kind: 'text', location: null, format: 'text' })), id).toEqual(reading(page));
      }
      expect(tried).toBeGreaterThanOrEqual(15);
    });
  }
});

import { normalizeText } from '../text/normalize';
import { refKey, rowCells, sameOriginDocument, tableRows, upperName } from './dom-index';
import type { DomDocument, DomElement, DomNode } from './dom';

export { refKey };
import type { DocItem, ExtractedDoc, Grid, GridCell, SourceRef } from './types';
import type { PageSnapshot } from './snapshot';
import { pageDate } from './page-date';
import { limitNote, MAX_COLUMNS, MAX_DEPTH, MAX_DOC_CELLS, MAX_GRID_CELLS, MAX_SPAN } from './limits';

/**
 * A DOM subtree (the browser's document; in Node the light tree of light-dom.ts, or linkedom or
 * happy-dom — anything with the members of dom.ts) → paragraphs, grids and
 * pictures in document order. Every <table> that holds no other table becomes one grid with its
 * rowspan/colspan expanded into a rectangle; a table that holds tables is layout and is walked as
 * a container. Which rows belong to which standard table is decided later, by label, so a table
 * split over several <table>s or three tables in one <table> need nothing special here.
 */
export interface HtmlExtractOptions {
  /** iframe path prefix, for content read from a same-origin iframe */
  frame?: number[];
  /** walk into same-origin iframes (default true) */
  iframes?: boolean;
  /**
   * The document inside an iframe, by its frame path (see dom-index.ts); by default the live
   * same-origin document. The background passes the frames the page sent as HTML.
   */
  frameDocument?: (iframe: DomElement, path: number[]) => DomDocument | null;
}

export interface HtmlExtractedDoc<E extends DomElement = Element> extends ExtractedDoc {
  /** the element behind each cell and paragraph, by `refKey(src)`; not part of any JSON */
  elements: Map<string, E>;
}

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'svg', 'SVG', 'SELECT', 'OPTION', 'TEXTAREA', 'BUTTON']);
const BLOCK = new Set([
  'P', 'DIV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'UL', 'OL', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER',
  'NAV', 'MAIN', 'ASIDE', 'CENTER', 'BLOCKQUOTE', 'PRE', 'TR', 'TD', 'TH', 'DL', 'DT', 'DD', 'FORM', 'HR', 'BR',
  'TABLE', 'FIGURE', 'FIGCAPTION', 'ADDRESS', 'FIELDSET',
]);

/**
 * The elements in the map are the tree's own: a browser document gives browser elements (what the
 * page's marks need), the light tree gives its own.
 */
export function extractHtml(root: Document | Element, options?: HtmlExtractOptions): HtmlExtractedDoc<Element>;
export function extractHtml(root: DomDocument | DomElement, options?: HtmlExtractOptions): HtmlExtractedDoc<DomElement>;
export function extractHtml(root: DomDocument | DomElement, options: HtmlExtractOptions = {}): HtmlExtractedDoc<DomElement> {
  const doc: DomDocument = 'documentElement' in root ? root : root.ownerDocument;
  // a document with no root element (a "page" of plain text or a lone comment, as linkedom reads
  // it): nothing to read, and its `body` getter throws there (fuzz test, test/fuzz.test.ts)
  const start: DomElement | null = 'documentElement' in root ? (root.documentElement ? (root.body ?? root.documentElement) : null) : root;
  const frame = options.frame ?? [];
  const out: HtmlExtractedDoc<DomElement> = { items: [], title: null, notes: [], elements: new Map() };
  if (!start) return out;

  const tableIndex = indexOf(doc.getElementsByTagName('table'));
  /** cells left for this document's tables (src/extract/limits.ts) */
  const budget = { cells: MAX_DOC_CELLS };
  let tooDeep = false;
  const frameIndex = indexOf(doc.getElementsByTagName('iframe'));
  const frameDocument = options.frameDocument ?? sameOriginDocument;

  let buf = '';
  let bufEl: DomElement | null = null;
  let paraCount = 0;
  const flush = (): void => {
    const text = normalizeText(buf);
    if (text !== '') {
      const src: SourceRef = { kind: 'html', frame: frame.length ? frame : undefined, table: -1, row: paraCount++, cell: 0 };
      out.items.push({ kind: 'para', text, src });
      if (bufEl) out.elements.set(refKey(src), bufEl);
    }
    buf = '';
    bufEl = null;
  };

  const walk = (node: DomNode, blockEl: DomElement, depth: number): void => {
    if (node.nodeType === 3) {
      buf += node.nodeValue ?? '';
      if (!bufEl) bufEl = blockEl;
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as DomElement;
    if (depth > MAX_DEPTH) {
      // nesting no report has (1,000 tables one inside the next): not walked, so no stack overflow
      tooDeep = true;
      return;
    }
    const tag = upperName(el);
    if (SKIP.has(tag) || isHidden(el)) return;
    if (tag === 'IMG') {
      flush();
      out.items.push({ kind: 'image', name: imageName(el), src: null });
      return;
    }
    if (tag === 'IFRAME') {
      const idx = frameIndex.get(el);
      if (options.iframes === false || idx === undefined) return;
      const path = [...frame, idx];
      const inner = frameDocument(el, path);
      if (inner) {
        flush();
        const sub = extractHtml(inner, { ...options, frame: path });
        out.items.push(...sub.items);
        for (const [k, v] of sub.elements) out.elements.set(k, v);
        out.notes.push(...sub.notes);
      }
      return;
    }
    if (tag === 'TABLE' && !containsTable(el) && !holdsProse(el)) {
      flush();
      const grid = buildGrid(el, tableIndex.get(el) ?? -1, frame, out, budget);
      if (grid.rows.length > 0) out.items.push({ kind: 'grid', grid });
      return;
    }
    const block = BLOCK.has(tag);
    if (block) flush();
    for (let c = el.firstChild; c; c = c.nextSibling) walk(c, block ? el : blockEl, depth + 1);
    if (block) flush();
  };

  walk(start, start, 0);
  flush();
  if (tooDeep) out.notes.push(limitNote(`网页元素嵌套超过 ${MAX_DEPTH} 层，更深处的内容未读取`, `elements nested more than ${MAX_DEPTH} deep; what lies deeper was not read`));
  out.title = pageTitle(doc, out.items);
  if (frame.length === 0) out.pageDate = pageDate(doc);
  return out;
}

function indexOf(list: ArrayLike<DomElement>): Map<DomElement, number> {
  const index = new Map<DomElement, number>();
  for (let i = 0; i < list.length; i++) {
    const el = list[i];
    if (el) index.set(el, i);
  }
  return index;
}

function isHidden(el: DomElement): boolean {
  if (el.hasAttribute('hidden')) return true;
  const style = el.getAttribute('style');
  return style !== null && /display\s*:\s*none/i.test(style);
}

function containsTable(el: DomElement): boolean {
  return el.getElementsByTagName('table').length > 0;
}

/** No cell of the template holds this much text: its longest label or header has some 40 characters. */
const PROSE_CELL = 300;
/** A layout table has a few cells (a column of links, the article); the smallest standard table has 15. */
const LAYOUT_CELLS = 12;
/** Nodes looked at to tell, at most: a table of figures is decided long before. */
const PROSE_NODES = 20_000;

/**
 * A table used for layout with no table inside it: a few cells, one holding prose (an old CMS that
 * puts the whole article in one cell, pictures of the tables and all). It is walked as a container,
 * its paragraphs read as paragraphs, not as one cell of a grid.
 */
function holdsProse(table: DomElement): boolean {
  let nodes = 0;
  const cells = [...Array.from(table.getElementsByTagName('td')), ...Array.from(table.getElementsByTagName('th'))];
  // a table of figures has dozens of cells, and may carry a long note in one of them
  if (cells.length > LAYOUT_CELLS) return false;
  for (const cell of cells) {
    let chars = 0;
    const stack: DomNode[] = [cell];
    while (stack.length > 0) {
      const n = stack.pop() as DomNode;
      if (++nodes > PROSE_NODES) return false;
      if (n.nodeType === 3) {
        chars += (n.nodeValue ?? '').replace(/\s+/g, '').length;
        if (chars > PROSE_CELL) return true;
        continue;
      }
      if (n.nodeType !== 1 || SKIP.has(upperName(n as DomElement))) continue;
      for (let c = n.firstChild; c; c = c.nextSibling) stack.push(c);
    }
  }
  return false;
}

function imageName(el: DomElement): string {
  const src = el.getAttribute('src') ?? '';
  const file = src.split(/[?#]/)[0]?.split('/').pop() ?? '';
  return normalizeText(el.getAttribute('alt') ?? '') || file || 'image';
}

/** `colspan="3"`, `colspan=\"3\"` (HTML kept in a JS string on portal clones), junk → 1. */
function span(el: DomElement, name: string): number {
  const v = el.getAttribute(name);
  if (v === null) return 1;
  const m = /\d+/.exec(v);
  const n = m ? parseInt(m[0], 10) : 1;
  return n >= 1 ? Math.min(n, MAX_SPAN) : 1;
}

/**
 * One <table> → a rectangle of cells, spans expanded. Bounded (src/extract/limits.ts): spans are
 * capped, columns past MAX_COLUMNS are not read, and a table whose rectangle (rows × its widest
 * row) would exceed MAX_GRID_CELLS, or the document's remaining budget, is not read at all (a note
 * says so): a row of 40 `colspan=500` cells over 2,000 one-cell rows once padded every row to
 * 20,000 cells and took the process down.
 */
function buildGrid(table: DomElement, index: number, frame: number[], out: HtmlExtractedDoc<DomElement>, budget: { cells: number }): Grid {
  const trs = tableRows(table);
  const tooLarge = (what: string, whatEn: string): Grid => {
    out.notes.push(limitNote(`第 ${index + 1} 个表格${what}，未读取`, `table ${index + 1} ${whatEn}; not read`));
    return { rows: [] };
  };
  // a first bound before anything is built: the rows alone
  if (trs.length > MAX_GRID_CELLS || trs.length > budget.cells) return tooLarge(`行数过多（${trs.length} 行）`, `has too many rows (${trs.length})`);
  const matrix: (GridCell | undefined)[][] = [];
  let cellBudget = MAX_GRID_CELLS;
  let width = 0;
  let cut = false;
  for (let r = 0; r < trs.length && cellBudget >= 0; r++) {
    const tr = trs[r];
    if (!tr) continue;
    matrix[r] ??= [];
    let col = 0;
    const cells = rowCells(tr);
    for (let k = 0; k < cells.length && cellBudget >= 0; k++) {
      const td = cells[k];
      if (!td) continue;
      const row = matrix[r] ?? [];
      while (row[col] !== undefined) col++;
      if (col >= MAX_COLUMNS) {
        cut = true;
        break;
      }
      const raw = cellText(td);
      const src: SourceRef = { kind: 'html', frame: frame.length ? frame : undefined, table: index, row: r, cell: k };
      out.elements.set(refKey(src), td);
      const rs = Math.min(span(td, 'rowspan'), trs.length - r);
      const cs = Math.min(span(td, 'colspan'), MAX_COLUMNS - col);
      if (cs < span(td, 'colspan')) cut = true;
      const text = normalizeText(raw);
      for (let dr = 0; dr < rs && cellBudget >= 0; dr++) {
        const target = (matrix[r + dr] ??= []);
        for (let dc = 0; dc < cs; dc++) {
          if (--cellBudget < 0) break;
          target[col + dc] = { raw, text, src, origin: dr === 0 && dc === 0 };
        }
      }
      col += cs;
      width = Math.max(width, col);
    }
  }
  // padded to a rectangle, the table holds rows × width cells: bounded before a cell of padding is made
  const padded = matrix.length * width;
  if (cellBudget < 0 || padded > MAX_GRID_CELLS) return tooLarge(`过大（${matrix.length} 行 × ${width} 列）`, `is too large (${matrix.length} rows × ${width} columns)`);
  if (padded > budget.cells) return tooLarge(`超出整页的表格总量`, `goes past the page's total of table cells`);
  budget.cells -= padded;
  if (cut) out.notes.push(limitNote(`第 ${index + 1} 个表格超过 ${MAX_COLUMNS} 列，其后的列未读取`, `table ${index + 1} has more than ${MAX_COLUMNS} columns; the rest were not read`));
  const rows = matrix.map((row, r) => {
    const filled: GridCell[] = [];
    for (let c = 0; c < width; c++) {
      // A hole (a row shorter than the widest) becomes an empty cell that points at nothing new.
      filled.push(row[c] ?? { raw: '', text: '', src: { kind: 'html', frame: frame.length ? frame : undefined, table: index, row: r, cell: -1 }, origin: false });
    }
    return filled;
  });
  return { rows: rows.filter((row) => row.some((c) => c.text !== '' || c.origin)) };
}

/** Cell text with <br> and paragraph breaks kept as line breaks (labels are matched without them). */
function cellText(el: DomElement): string {
  let s = '';
  const walk = (n: DomNode, depth: number): void => {
    if (n.nodeType === 3) {
      s += n.nodeValue ?? '';
      return;
    }
    if (n.nodeType !== 1 || depth > MAX_DEPTH) return;
    const e = n as DomElement;
    const tag = upperName(e);
    if (SKIP.has(tag)) return;
    if (tag === 'BR') {
      s += '\n';
      return;
    }
    const block = tag === 'P' || tag === 'DIV';
    if (block && s !== '' && !s.endsWith('\n')) s += '\n';
    for (let c = e.firstChild; c; c = c.nextSibling) walk(c, depth + 1);
    if (block && !s.endsWith('\n')) s += '\n';
  };
  walk(el, 0);
  return s.replace(/\n+$/, '');
}

function pageTitle(doc: DomDocument, items: DocItem[]): string | null {
  for (const item of items.slice(0, 60)) {
    if (item.kind === 'para' && /年度报告|年度報告/.test(item.text) && item.text.length <= 80) return item.text;
  }
  const t = normalizeText(doc.title ?? '');
  return t || null;
}

/** Something that parses HTML into a document: linkedom in the background, DOMParser elsewhere. */
export type ParseHtml = (html: string) => Document;

/**
 * Background side: parse a snapshot and extract it. Elements a browser never puts in the tree
 * (the content of <template>, and of <noscript> where scripts run) are dropped first, so that
 * tables and frames are counted as the live page counts them.
 */
export function extractSnapshot(snap: PageSnapshot, parse: ParseHtml): HtmlExtractedDoc & { document: Document } {
  const frames = new Map(snap.frames.map((f) => [f.path.join('.'), f.html]));
  const load = (html: string): Document => {
    const doc = parse(html);
    for (const tag of ['template', 'noscript']) {
      const found = doc.getElementsByTagName(tag);
      for (let i = found.length - 1; i >= 0; i--) found[i]?.remove();
    }
    return doc;
  };
  const document = load(snap.html);
  const extracted = extractHtml(document, {
    frameDocument: (_iframe, path) => {
      const html = frames.get(path.join('.'));
      return html === undefined ? null : load(html);
    },
  });
  return { ...extracted, document };
}

import { normalizeText, unRadicalise } from '../text/normalize';
import { isValueLike } from '../text/cell-value';
import type { DocItem, ExtractedDoc, GridRow } from './types';

/**
 * A PDF (the report as published, or Word/WPS printed to PDF) → paragraphs, grids and pictures,
 * the same shape the HTML and text extractors give, so recognise and the checks need nothing
 * PDF-specific.
 *
 * What pdfjs gives is positioned text: runs of glyphs with a baseline, a left edge, a width and a
 * font size, in no reliable order (a page number `-4-` or a running header can come between two
 * table rows). Everything here is rebuilt from positions:
 *
 *  1. Runs → lines: runs whose baselines lie within 0.3 × font size of each other, page by page,
 *     top to bottom. Every line gets a running number across the whole document (below).
 *  2. Page furniture is dropped: page numbers (`-4-`, `— 4 —`, `第4页`, `第4页 共9页`, `4/9`, a bare
 *     number alone at the top or bottom of the page) and running headers/footers (the same text
 *     at the same height in the top or bottom margin of at least two pages).
 *  3. Tables from ruling lines ("lattice"): the table borders the PDF draws (thin filled
 *     rectangles or stroked lines, read from the page's operator list) give every cell its box,
 *     merged cells included (a border that is missing between two boxes merges them, as
 *     rowspan/colspan do in HTML). Each text run goes to the cell its centre falls in; the lines
 *     of a cell are joined (`（四）无` + `法提供` → `（四）无法提供`, the vertical
 *     `三/、/本/年/度/…` → `三、本年度办理结果`). An empty box is an empty cell, so a blank cell keeps
 *     its column. Rows come out like the HTML extractor's: a cell that spans several rows is
 *     repeated in each (origin false), a cell that spans several columns appears once.
 *  4. Tables from text positions alone ("stream"), among the lines no ruled table holds (a PDF
 *     without borders, or a table whose borders were not drawn): see `streamTables`.
 *  5. What is left are paragraphs: consecutive lines are joined while a line runs to the right
 *     edge of the text and the next starts at the left edge (no first-line indent, no numbering),
 *     across page breaks too. Section headings stay their own paragraphs.
 *  6. Pictures: every painted image (`paintImageXObject` and friends) of at least 32 pt on a
 *     side becomes an `image` item at its place on the page, named `第N页图片K`.
 *
 * Provenance: `{ kind: 'text', line, cell }`. `line` is the 1-based number of a text line in the
 * whole document — all lines of page 1 top to bottom, then page 2, … — counting every line that
 * has text, the dropped page numbers and running headers included, so a number never depends on
 * what the extractor kept. For a grid cell, `line` is the line of the cell's first text (the line
 * nearest the cell's middle when the cell is empty) and `cell` is its index in the grid row; for a
 * paragraph, `line` is its first line and `cell` is 0.
 *
 * `scanned` is true when not one page holds text: the pages are pictures (a scanned
 * report), nothing can be read, and the caller should say so with `SCANNED_REASON` rather than
 * run the checks. Such a document has only `image` items; the pipeline then finds no report
 * (`ok: false`), which is why the caller must look at `scanned` first.
 *
 * Never throws: a damaged, truncated or encrypted PDF rejects with an Error whose message is one
 * line in Chinese and English.
 */

export interface PdfExtractedDoc extends ExtractedDoc {
  /** no text on any page: a scanned or picture-only PDF */
  scanned: boolean;
  pages: number;
}

export interface PdfExtractOptions {
  /**
   * 'auto' (default): tables from ruling lines where the page draws them, from text positions
   * elsewhere. 'text': ignore ruling lines everywhere (tests use this to exercise the text-only
   * reading on PDFs that do have borders).
   */
  tables?: 'auto' | 'text';
  /**
   * Where pdfjs reads its CJK character maps from (a folder URL ending in `/`, holding the
   * `cmaps/*.bcmap` files of pdfjs-dist). Node finds them in the installed package by itself;
   * a browser page passes the URL of a packaged copy. Without them, PDFs whose fonts use a
   * predefined CMap (UniGB-UCS2-H and the like, common in older Chinese PDFs) give no text.
   */
  cMapUrl?: string;
}

/** What the caller reports for a scanned PDF (`scanned: true`). */
export const SCANNED_REASON = {
  zh: 'PDF 为扫描件/图片，无法读取：没有文字层，表格数字只在图片里（需先做文字识别 OCR）。',
  en: 'Scanned / picture-only PDF, cannot be read: there is no text layer and the tables exist only as images (OCR needed).',
} as const;

// ---------------------------------------------------------------------------------------------
// pdfjs

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type Matrix = [number, number, number, number, number, number];

let pdfjsModule: Promise<PdfJs> | null = null;
function pdfjs(): Promise<PdfJs> {
  pdfjsModule ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsModule;
}

/**
 * Where pdfjs finds its CJK character maps (older Chinese PDFs use predefined CMaps such as
 * UniGB-UCS2-H with fonts that are not embedded; without the maps their text cannot be decoded).
 * Read from the installed package on disk in Node; never fetched from a CDN. null elsewhere.
 */
let cmapDir: Promise<string | null> | null = null;
function nodeCMapDir(): Promise<string | null> {
  cmapDir ??= (async (): Promise<string | null> => {
    if (typeof process === 'undefined' || !process.versions?.node) return null;
    try {
      // a variable specifier: bundlers for the browser leave this Node-only import alone
      const nodeModule = 'node:module';
      const { createRequire } = (await import(/* @vite-ignore */ nodeModule)) as { createRequire(from: string): { resolve(id: string): string } };
      const pkg = createRequire(import.meta.url).resolve('pdfjs-dist/package.json');
      return pkg.replace(/package\.json$/, 'cmaps/');
    } catch {
      return null;
    }
  })();
  return cmapDir;
}

/** One line, both languages: what the caller shows for a PDF that cannot be opened. */
function openError(e: unknown): Error {
  const name = e instanceof Error ? e.name : '';
  const detail = (e instanceof Error ? e.message : String(e)).split('\n')[0]?.trim() ?? '';
  if (name === 'PasswordException') return new Error('PDF 已加密，需要密码才能打开 / the PDF is password-protected');
  if (name === 'InvalidPDFException' || /invalid pdf|pdf header|xref|startxref|trailer/i.test(detail)) {
    return new Error(`PDF 文件已损坏或不完整，无法打开 / the PDF is damaged or truncated (${detail || name || 'invalid'})`);
  }
  return new Error(`无法读取 PDF / the PDF cannot be read (${detail || name || 'unknown error'})`);
}

// ---------------------------------------------------------------------------------------------
// Geometry read from the pages. All coordinates are in the page's viewport at scale 1: points,
// origin at the top left, y growing downwards.

/** A run of text as pdfjs gives it. */
interface Run {
  text: string;
  x0: number;
  x1: number;
  /** baseline */
  base: number;
  size: number;
  page: number;
  /** running line number, set when lines are built */
  line: number;
}

interface Seg {
  /** horizontal: y; vertical: x */
  at: number;
  from: number;
  to: number;
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

interface PageData {
  index: number;
  width: number;
  height: number;
  runs: Run[];
  h: Seg[];
  v: Seg[];
  images: Box[];
}

const mul = (m1: Matrix, m2: Matrix): Matrix => [
  m1[0] * m2[0] + m1[2] * m2[1],
  m1[1] * m2[0] + m1[3] * m2[1],
  m1[0] * m2[2] + m1[2] * m2[3],
  m1[1] * m2[2] + m1[3] * m2[3],
  m1[0] * m2[4] + m1[2] * m2[5] + m1[4],
  m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]];

function toMatrix(v: unknown): Matrix | null {
  if (!Array.isArray(v) && !ArrayBuffer.isView(v)) return null;
  const a = Array.from(v as ArrayLike<unknown>, Number);
  if (a.length < 6 || a.slice(0, 6).some((n) => !Number.isFinite(n))) return null;
  return [a[0] ?? 0, a[1] ?? 0, a[2] ?? 0, a[3] ?? 0, a[4] ?? 0, a[5] ?? 0];
}

const SPACE_ONLY = /^[\s\u00a0\u3000]*$/;


function readRuns(items: readonly unknown[], vt: Matrix, page: number): Run[] {
  const runs: Run[] = [];
  for (const item of items) {
    if (typeof item !== 'object' || item === null || !('str' in item)) continue;
    const { str, transform, width } = item as { str: unknown; transform: unknown; width: unknown };
    if (typeof str !== 'string' || SPACE_ONLY.test(str)) continue;
    const t = toMatrix(transform);
    if (!t) continue;
    const m = mul(vt, t);
    const size = Math.hypot(m[2], m[3]) || Number((item as { height?: unknown }).height) || 10;
    const w = typeof width === 'number' && Number.isFinite(width) ? width : str.length * size;
    // leading/trailing spaces carry no position of their own worth keeping
    const lead = str.length - str.trimStart().length;
    const perChar = str.length > 0 ? w / str.length : 0;
    const text = unRadicalise(str.trim());
    const x0 = m[4] + lead * perChar;
    runs.push({ text, x0, x1: x0 + text.length * perChar, base: m[5], size, page, line: 0 });
  }
  return runs;
}

/** Paint operators of pdfjs's OPS that draw the current path (fill and/or stroke). */
interface PaintOps {
  fill: Set<number>;
  stroke: Set<number>;
}

/**
 * Ruling lines and pictures of one page, from its operator list: the current transformation is
 * followed through save/restore/transform and form XObjects; a thin filled rectangle or a
 * straight stroked segment is a rule, near-white ones excepted.
 */
function readGraphics(fnArray: number[], argsArray: unknown[], OPS: PdfJs['OPS'], vt: Matrix): { h: Seg[]; v: Seg[]; images: Box[] } {
  const paint: PaintOps = {
    fill: new Set([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]),
    stroke: new Set([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]),
  };
  const h: Seg[] = [];
  const v: Seg[] = [];
  const images: Box[] = [];
  interface State {
    ctm: Matrix;
    fill: string;
    stroke: string;
  }
  let st: State = { ctm: [1, 0, 0, 1, 0, 0], fill: '#000000', stroke: '#000000' };
  const stack: State[] = [];
  const addRule = (x0: number, y0: number, x1: number, y1: number, thick: number): void => {
    const w = Math.abs(x1 - x0);
    const hh = Math.abs(y1 - y0);
    if (w >= hh && w >= 3 && hh <= Math.max(3, thick)) h.push({ at: (y0 + y1) / 2, from: Math.min(x0, x1), to: Math.max(x0, x1) });
    else if (hh > w && hh >= 3 && w <= Math.max(3, thick)) v.push({ at: (x0 + x1) / 2, from: Math.min(y0, y1), to: Math.max(y0, y1) });
  };
  const box = (pts: [number, number][]): Box => {
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    return { left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys) };
  };

  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i];
    switch (fn) {
      case OPS.save:
        stack.push({ ...st });
        break;
      case OPS.restore:
        st = stack.pop() ?? st;
        break;
      case OPS.transform: {
        const m = toMatrix(args);
        if (m) st = { ...st, ctm: mul(st.ctm, m) };
        break;
      }
      case OPS.paintFormXObjectBegin: {
        stack.push({ ...st });
        const m = Array.isArray(args) ? toMatrix(args[0]) : null;
        if (m) st = { ...st, ctm: mul(st.ctm, m) };
        break;
      }
      case OPS.paintFormXObjectEnd:
        st = stack.pop() ?? st;
        break;
      case OPS.setFillRGBColor:
        if (Array.isArray(args) && typeof args[0] === 'string') st = { ...st, fill: args[0] };
        break;
      case OPS.setStrokeRGBColor:
        if (Array.isArray(args) && typeof args[0] === 'string') st = { ...st, stroke: args[0] };
        break;
      case OPS.paintImageXObject:
      case OPS.paintInlineImageXObject:
      case OPS.paintImageXObjectRepeat: {
        const m = mul(vt, st.ctm);
        const b = box([apply(m, 0, 0), apply(m, 1, 0), apply(m, 0, 1), apply(m, 1, 1)]);
        if (b.right - b.left >= 32 || b.bottom - b.top >= 32) images.push(b);
        break;
      }
      case OPS.constructPath: {
        if (!Array.isArray(args)) break;
        const op = Number(args[0]);
        const filled = paint.fill.has(op) && !isWhite(st.fill);
        const stroked = paint.stroke.has(op) && !isWhite(st.stroke);
        if (!filled && !stroked) break;
        const m = mul(vt, st.ctm);
        for (const sub of subpaths(args[1])) {
          const pts = sub.map(([x, y]) => apply(m, x, y));
          if (pts.length < 2) continue;
          if (filled && isAxisRect(pts)) {
            const b = box(pts);
            addRule(b.left, b.top, b.right, b.bottom, 0);
          } else if (stroked) {
            for (let k = 0; k + 1 < pts.length; k++) {
              const a = pts[k];
              const b = pts[k + 1];
              if (a && b) addRule(a[0], a[1], b[0], b[1], 0.5);
            }
          }
        }
        break;
      }
      default:
        break;
    }
  }
  return { h, v, images };
}

function isWhite(color: string): boolean {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!m) return false;
  return [m[1], m[2], m[3]].every((c) => parseInt(c ?? '0', 16) >= 0xf0);
}

/**
 * The straight subpaths of a pdfjs 5 path (DrawOPS: 0 moveTo x y, 1 lineTo x y, 2 curveTo
 * 6 numbers, 3 quadraticCurveTo 4 numbers, 4 closePath); a subpath with a curve is left out.
 * A closed subpath ends with its first point again.
 */
function subpaths(data: unknown): [number, number][][] {
  const arrays: ArrayLike<number>[] = [];
  if (ArrayBuffer.isView(data)) arrays.push(data as unknown as ArrayLike<number>);
  else if (Array.isArray(data)) {
    for (const d of data) if (ArrayBuffer.isView(d) || Array.isArray(d)) arrays.push(d as ArrayLike<number>);
  }
  const out: [number, number][][] = [];
  for (const a of arrays) {
    let cur: [number, number][] = [];
    let curved = false;
    const end = (): void => {
      if (!curved && cur.length > 1) out.push(cur);
      cur = [];
      curved = false;
    };
    for (let i = 0; i < a.length; ) {
      const op = a[i];
      if (op === 0) {
        end();
        cur.push([Number(a[i + 1]), Number(a[i + 2])]);
        i += 3;
      } else if (op === 1) {
        cur.push([Number(a[i + 1]), Number(a[i + 2])]);
        i += 3;
      } else if (op === 2) {
        curved = true;
        i += 7;
      } else if (op === 3) {
        curved = true;
        i += 5;
      } else if (op === 4) {
        const first = cur[0];
        if (first) cur.push([first[0], first[1]]);
        end();
        i += 1;
      } else break; // not a path this code knows
    }
    end();
  }
  return out;
}

function isAxisRect(pts: [number, number][]): boolean {
  if (pts.length < 4 || pts.length > 5) return false;
  for (let k = 0; k < pts.length; k++) {
    const a = pts[k];
    const b = pts[(k + 1) % pts.length];
    if (!a || !b) return false;
    if (Math.abs(a[0] - b[0]) > 0.5 && Math.abs(a[1] - b[1]) > 0.5) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Lines

interface Line {
  runs: Run[];
  page: number;
  base: number;
  size: number;
  x0: number;
  x1: number;
  no: number;
  text: string;
}

const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/;

/** Runs of one line, left to right, as text: a gap wider than a quarter em between two non-CJK characters is a space. */
function joinRuns(runs: Run[]): string {
  let s = '';
  let prev: Run | null = null;
  for (const r of runs) {
    if (prev) {
      const gap = r.x0 - prev.x1;
      const a = s.slice(-1);
      const b = r.text.charAt(0);
      const em = Math.min(prev.size, r.size);
      // a wide gap is a separator even between CJK characters (分散对齐 `总    计`, `日期：…    来源：…`)
      if (gap > CELL_GAP * em || (gap > 0.25 * em && !CJK.test(a) && !CJK.test(b))) s += ' ';
    }
    s += r.text;
    prev = r;
  }
  return s;
}

/** A gap wider than this many em (and 6 pt) between two runs of a line separates two cells. */
const CELL_GAP = 0.9;

/** The runs of one line (left to right) split into cells at wide gaps. */
function splitAtGaps(runs: Run[]): Run[][] {
  const out: Run[][] = [];
  let cur: Run[] = [];
  for (const r of runs) {
    const last = cur[cur.length - 1];
    if (last && r.x0 - last.x1 > Math.max(6, CELL_GAP * Math.min(last.size, r.size))) {
      out.push(cur);
      cur = [];
    }
    cur.push(r);
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

/** Two pieces of one label or sentence broken over lines: no space between CJK, one between words. */
function joinBroken(a: string, b: string): string {
  if (a === '') return b;
  if (b === '') return a;
  return CJK.test(a.slice(-1)) || CJK.test(b.charAt(0)) ? a + b : `${a} ${b}`;
}

function makeLine(runs: Run[], no: number): Line {
  const sorted = runs.slice().sort((a, b) => a.x0 - b.x0);
  const first = sorted[0];
  return {
    runs: sorted,
    page: first?.page ?? 0,
    base: median(sorted.map((r) => r.base)),
    size: Math.max(...sorted.map((r) => r.size)),
    x0: Math.min(...sorted.map((r) => r.x0)),
    x1: Math.max(...sorted.map((r) => r.x1)),
    no,
    text: joinRuns(sorted),
  };
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/** Runs → lines by baseline (within 0.3 × the smaller font size), top to bottom. */
function clusterLines(runs: Run[]): Run[][] {
  const sorted = runs.slice().sort((a, b) => a.base - b.base || a.x0 - b.x0);
  const out: Run[][] = [];
  let cur: Run[] = [];
  let ref = 0;
  let refSize = 0;
  for (const r of sorted) {
    if (cur.length > 0 && Math.abs(r.base - ref) <= 0.3 * Math.min(refSize, r.size)) {
      cur.push(r);
      continue;
    }
    if (cur.length > 0) out.push(cur);
    cur = [r];
    ref = r.base;
    refSize = r.size;
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Page furniture

const PAGE_MARK = [
  /^[-—–－―~～_·•]+\s*\d{1,4}\s*[-—–－―~～_·•]+$/, // -4-  — 4 —  - 4 -
  /^第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?$/, // 第4页, 第4页 共9页
  /^\d{1,4}\s*\/\s*\d{1,4}$/, // 4/9
  /^(?:page|p\.)\s*\d{1,4}(?:\s*of\s*\d{1,4})?$/i,
];

function isPageMarker(text: string): boolean {
  const t = normalizeText(text);
  return PAGE_MARK.some((re) => re.test(t));
}

/**
 * Lines to drop as page furniture: page-number lines anywhere outside tables, a bare number that
 * is the first or last line of its page, and running headers/footers — a line in the top or
 * bottom 12% of the page whose text (digits ignored) recurs at the same height on at least two
 * pages and on at least half of them.
 */
function furniture(pages: { page: PageData; lines: Line[] }[], inTable: (l: Line) => boolean): Set<Line> {
  const drop = new Set<Line>();
  const candidates = new Map<string, Line[]>();
  for (const { page, lines } of pages) {
    const free = lines.filter((l) => !inTable(l));
    for (const l of free) if (isPageMarker(l.text)) drop.add(l);
    const edge = free.filter((l) => !drop.has(l));
    const firstLine = edge[0];
    const lastLine = edge[edge.length - 1];
    for (const l of [firstLine, lastLine]) {
      if (l && /^\d{1,4}$/.test(normalizeText(l.text)) && isolated(l, free)) drop.add(l);
    }
    for (const l of edge) {
      if (l.base > page.height * 0.12 && l.base < page.height * 0.88) continue;
      const key = `${Math.round(l.base / 2)}|${normalizeText(l.text).replace(/\d+/g, '#')}`;
      const list = candidates.get(key) ?? [];
      list.push(l);
      candidates.set(key, list);
    }
  }
  for (const list of candidates.values()) {
    const pagesWith = new Set(list.map((l) => l.page)).size;
    if (pagesWith >= 2 && pagesWith * 2 >= pages.length) for (const l of list) drop.add(l);
  }
  return drop;
}

/** A line far (≥ 1.5 lines) from every other line of its page. */
function isolated(l: Line, lines: Line[]): boolean {
  return lines.every((o) => o === l || Math.abs(o.base - l.base) >= 1.5 * Math.max(o.size, l.size) + l.size);
}

// ---------------------------------------------------------------------------------------------
// Tables from ruling lines

interface LatticeTable {
  box: Box;
  xs: number[];
  ys: number[];
  /** group id of each fine cell, [row][col] */
  group: number[][];
}

const TOL = 2;
/** More ruling segments than this on one page: not read as tables (the pairing is quadratic). */
const MAX_RULES = 6000;

/** Merge positions closer than `tol` into one (their mean). */
function clusterPositions(values: number[], tol: number): number[] {
  const s = values.slice().sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of s) {
    const last = out[out.length - 1];
    if (last && v - (last[last.length - 1] ?? v) <= tol) last.push(v);
    else out.push([v]);
  }
  return out.map((g) => g.reduce((a, b) => a + b, 0) / g.length);
}

function find(parent: number[], i: number): number {
  let r = i;
  while (parent[r] !== r) r = parent[r] ?? r;
  let k = i;
  while (parent[k] !== r) {
    const next = parent[k] ?? r;
    parent[k] = r;
    k = next;
  }
  return r;
}
function union(parent: number[], a: number, b: number): void {
  const ra = find(parent, a);
  const rb = find(parent, b);
  if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
}

/** Does some segment at `at` (±TOL) cover the middle of [from, to]? */
function covered(segs: Seg[], at: number, from: number, to: number): boolean {
  const q = (to - from) * 0.3;
  return segs.some((s) => Math.abs(s.at - at) <= TOL && s.from <= from + q + 0.01 && s.to >= to - q - 0.01);
}

/** Collinear pieces of one border joined: a border drawn cell by cell becomes one segment. */
function mergeSegs(segs: Seg[]): Seg[] {
  const sorted = segs.slice().sort((a, b) => a.at - b.at || a.from - b.from);
  const lanes: Seg[][] = [];
  for (const s of sorted) {
    const lane = lanes.find((l) => Math.abs((l[0]?.at ?? Infinity) - s.at) <= TOL);
    if (lane) lane.push(s);
    else lanes.push([s]);
  }
  const out: Seg[] = [];
  for (const lane of lanes) {
    lane.sort((a, b) => a.from - b.from);
    let cur: Seg | null = null;
    for (const s of lane) {
      if (cur && s.from <= cur.to + 3) cur.to = Math.max(cur.to, s.to); // pieces, or the dashes of a dashed border
      else {
        if (cur) out.push(cur);
        cur = { ...s };
      }
    }
    if (cur) out.push(cur);
  }
  return out;
}

function latticeTables(h: Seg[], v: Seg[]): LatticeTable[] {
  const segs = [...h.map((s) => ({ s, horiz: true })), ...v.map((s) => ({ s, horiz: false }))];
  const parent = segs.map((_, i) => i);
  for (let i = 0; i < segs.length; i++) {
    const a = segs[i];
    if (!a) continue;
    for (let j = i + 1; j < segs.length; j++) {
      const b = segs[j];
      if (!b) continue;
      if (a.horiz === b.horiz) {
        // collinear pieces of one border, end to end (a border drawn cell by cell)
        if (Math.abs(a.s.at - b.s.at) <= TOL && a.s.from <= b.s.to + TOL && b.s.from <= a.s.to + TOL) union(parent, i, j);
        continue;
      }
      const hs = a.horiz ? a.s : b.s;
      const vs = a.horiz ? b.s : a.s;
      if (vs.at >= hs.from - TOL && vs.at <= hs.to + TOL && hs.at >= vs.from - TOL && hs.at <= vs.to + TOL) union(parent, i, j);
    }
  }
  const comps = new Map<number, { h: Seg[]; v: Seg[] }>();
  segs.forEach((x, i) => {
    const r = find(parent, i);
    const c = comps.get(r) ?? { h: [], v: [] };
    (x.horiz ? c.h : c.v).push(x.s);
    comps.set(r, c);
  });
  const tables: LatticeTable[] = [];
  for (const comp of comps.values()) {
    if (comp.h.length < 2 || comp.v.length < 2) continue;
    const c = { h: mergeSegs(comp.h), v: mergeSegs(comp.v) };
    const left = Math.min(...c.h.map((s) => s.from), ...c.v.map((s) => s.at));
    const right = Math.max(...c.h.map((s) => s.to), ...c.v.map((s) => s.at));
    const top = Math.min(...c.v.map((s) => s.from), ...c.h.map((s) => s.at));
    const bottom = Math.max(...c.v.map((s) => s.to), ...c.h.map((s) => s.at));
    const xs = clusterPositions([left, right, ...c.v.map((s) => s.at)], 2.5);
    const ys = clusterPositions([top, bottom, ...c.h.map((s) => s.at)], 2.5);
    const rows = ys.length - 1;
    const cols = xs.length - 1;
    if (rows < 1 || cols < 1) continue;
    const id = (r: number, k: number): number => r * cols + k;
    const p = Array.from({ length: rows * cols }, (_, i) => i);
    for (let r = 0; r < rows; r++) {
      const y0 = ys[r] ?? 0;
      const y1 = ys[r + 1] ?? 0;
      for (let k = 0; k < cols; k++) {
        const x0 = xs[k] ?? 0;
        const x1 = xs[k + 1] ?? 0;
        if (k + 1 < cols && !covered(c.v, x1, y0, y1)) union(p, id(r, k), id(r, k + 1));
        if (r + 1 < rows && !covered(c.h, y1, x0, x1)) union(p, id(r, k), id(r + 1, k));
      }
    }
    const group = Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, k) => find(p, id(r, k))));
    if (new Set(group.flat()).size < 2) continue; // a box around text, not a table
    tables.push({ box: { left, right, top, bottom }, xs, ys, group });
  }
  return tables;
}

function indexIn(bounds: number[], x: number): number {
  for (let i = 0; i + 1 < bounds.length; i++) if (x < (bounds[i + 1] ?? 0)) return i;
  return bounds.length - 2;
}

const centreY = (r: Run): number => r.base - 0.35 * r.size;
const centreX = (r: Run): number => (r.x0 + r.x1) / 2;

function inBox(b: Box, r: Run): boolean {
  const x = centreX(r);
  const y = centreY(r);
  return x >= b.left - 1 && x <= b.right + 1 && y >= b.top - 1 && y <= b.bottom + 1;
}

/** The text of a cell: its runs as lines, top to bottom, joined (labels broken over lines become one). */
function cellText(runs: Run[]): string {
  return clusterLines(runs)
    .map((l) => joinRuns(l.sort((a, b) => a.x0 - b.x0)))
    .reduce(joinBroken, '');
}

interface Block {
  page: number;
  top: number;
  item: DocItem;
}

/**
 * A ruled table whose rules do not separate its columns — a 三线表 with horizontal rules only, or
 * borders drawn for some rows — puts a label and its numbers in one box. Such a box, a line of it
 * holding a value set apart by a wide gap, means the table is read from text positions instead.
 */
function underRuled(groups: Iterable<Run[]>): boolean {
  for (const runs of groups) {
    for (const line of clusterLines(runs)) {
      const parts = splitAtGaps(line.sort((a, b) => a.x0 - b.x0));
      if (parts.length >= 2 && parts.some((p) => isValueLike(joinRuns(p)))) return true;
    }
  }
  return false;
}

function latticeGrid(t: LatticeTable, runs: Run[], lineAt: (y: number) => number): Block | 'under-ruled' | null {
  const rows = t.ys.length - 1;
  const cols = t.xs.length - 1;
  const byGroup = new Map<number, Run[]>();
  for (const r of runs) {
    const row = indexIn(t.ys, centreY(r));
    const col = indexIn(t.xs, centreX(r));
    const g = t.group[row]?.[col];
    if (g === undefined) continue;
    const list = byGroup.get(g) ?? [];
    list.push(r);
    byGroup.set(g, list);
  }
  if (underRuled(byGroup.values())) return 'under-ruled';
  // Each merged cell's first row and column, text and provenance line.
  const info = new Map<number, { r0: number; c0: number; raw: string; line: number }>();
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const g = t.group[r]?.[c];
      if (g === undefined || info.has(g)) continue;
      const own = byGroup.get(g) ?? [];
      const first = own.slice().sort((a, b) => a.base - b.base || a.x0 - b.x0)[0];
      // an empty cell points at the line nearest its middle
      let r1 = r;
      while (r1 + 1 < rows && t.group[r1 + 1]?.[c] === g) r1++;
      const mid = ((t.ys[r] ?? 0) + (t.ys[r1 + 1] ?? 0)) / 2;
      info.set(g, { r0: r, c0: c, raw: cellText(own), line: first ? first.line : lineAt(mid) });
    }
  }
  const gridRows: GridRow[] = [];
  for (let r = 0; r < rows; r++) {
    const row: GridRow = [];
    let prev = -1;
    for (let c = 0; c < cols; c++) {
      const g = t.group[r]?.[c];
      if (g === undefined || g === prev) continue; // a cell spanning columns appears once
      prev = g;
      const cell = info.get(g);
      if (!cell) continue;
      row.push({ raw: cell.raw, text: normalizeText(cell.raw), src: { kind: 'text', line: cell.line, cell: row.length }, origin: cell.r0 === r });
    }
    // as in the HTML extractor: a row made only of copies of cells from above, all empty, is dropped
    if (row.some((c) => c.text !== '' || c.origin)) gridRows.push(row);
  }
  if (gridRows.length === 0) return null;
  return { page: -1, top: t.box.top, item: { kind: 'grid', grid: { rows: gridRows } } };
}

// ---------------------------------------------------------------------------------------------
// Tables from text positions alone

/** A piece of a line between wide gaps (see splitAtGaps). */
interface Cell {
  text: string;
  x0: number;
  x1: number;
  /** the cell's own baseline (a line's runs can sit a little apart) */
  base: number;
  line: Line;
}

function lineCells(l: Line): Cell[] {
  return splitAtGaps(l.runs).map((cur) => ({
    text: joinRuns(cur),
    x0: cur[0]?.x0 ?? 0,
    x1: Math.max(...cur.map((r) => r.x1)),
    base: median(cur.map((r) => r.base)),
    line: l,
  }));
}

const valueCell = (c: Cell): boolean => isValueLike(c.text);

/** A label printed one or two characters per line (the vertical 三、本年度办理结果). */
const SHORT_PIECE = /^[\u4e00-\u9fff、，（）()]{1,2}$/;

/**
 * Tables without ruling lines, read from positions alone (cells of a line split at gaps of
 * ≥ 0.9 em):
 *  - a table region starts at a line of two or more cells and goes on through lines of two or
 *    more cells and narrow one-cell lines (label pieces, headers), each at most three line
 *    heights below the one before (or at the top of the next page) and in a similar font size;
 *    eight one-cell lines in a row, a wide line or a change of font size end it;
 *  - a row is anchored on a line that holds values (numbers, `—`, `/`, `无`); a line without
 *    values whose cells all lie left of the values of the rows around it holds label pieces — a
 *    label broken over lines and printed centred on its numbers, or a group label
 *    (（三）不予公开) centred on its rows — and each piece goes to the row whose values are
 *    nearest in height; pieces in one column band are joined top to bottom
 *    (`（四）无` + `法提供`). Any other line without values is a header row;
 *  - a label printed one or two characters per line on one narrow band (三/、/本/年/度/…) is
 *    taken out and kept as one label row of its own, so it breaks no row;
 *  - value columns are the bands where the values of the rows between two header rows fall;
 *    a row with no value in a band gets an empty cell there, so a blank cell keeps its column.
 *    (A column blank in every row of a stretch has no band, and then such rows read one cell
 *    short: text positions alone cannot show a column nobody wrote in.)
 */
function streamTables(lines: Line[], edges: Map<number, { left: number; right: number }>): { blocks: Block[]; used: Set<Line> } {
  const used = new Set<Line>();
  const blocks: Block[] = [];
  const cellsOf = new Map<Line, Cell[]>();
  for (const l of lines) cellsOf.set(l, lineCells(l));
  const cells = (l: Line): Cell[] => cellsOf.get(l) ?? [];
  const multi = (l: Line): boolean => cells(l).length >= 2;
  const narrow = (l: Line): boolean => {
    const e = edges.get(l.page);
    return cells(l).length === 1 && (!e || l.x1 - l.x0 <= 0.5 * (e.right - e.left));
  };
  const adjacent = (a: Line, b: Line): boolean =>
    a.page === b.page ? b.base - a.base <= 3 * Math.max(a.size, b.size) : b.page === a.page + 1;

  let i = 0;
  while (i < lines.length) {
    const start = lines[i];
    if (!start || !multi(start)) {
      i++;
      continue;
    }
    const sizes = [start.size];
    let last = i;
    let singles = 0;
    for (let k = i + 1; k < lines.length; k++) {
      const l = lines[k];
      const prev = lines[k - 1];
      if (!l || !prev || !adjacent(prev, l)) break;
      const size = median(sizes);
      if (Math.abs(l.size - size) > 0.25 * size) break;
      if (multi(l)) {
        sizes.push(l.size);
        last = k;
        singles = 0;
        continue;
      }
      if (!narrow(l) || ++singles > 8) break;
    }
    // one-cell lines after the last multi-cell line stay only when they are that row's label
    let end = last;
    const lastLine = lines[last];
    while (lastLine && end + 1 < lines.length) {
      const l = lines[end + 1];
      if (!l || multi(l) || !narrow(l) || l.page !== lastLine.page || l.base - lastLine.base > 2 * l.size) break;
      end++;
    }
    // and one-cell lines right above the first: the first row's label, printed centred on it
    let begin = i;
    while (begin > 0 && i - begin < 8) {
      const l = lines[begin - 1];
      const next = lines[begin];
      if (!l || !next || used.has(l) || multi(l) || !narrow(l) || l.page !== next.page || next.base - l.base > 1.6 * next.size) break;
      if (Math.abs(l.size - start.size) > 0.25 * start.size) break;
      begin--;
    }
    const region = lines.slice(begin, end + 1);
    const valueLines = region.filter((l) => multi(l) && cells(l).some(valueCell));
    const values = valueLines.reduce((n, l) => n + cells(l).filter(valueCell).length, 0);
    // two rows with values, or one with at least three (table 3 is a single row)
    const grid = valueLines.length >= 2 || values >= 3 ? streamGrid(region, cells) : null;
    const first = region[0];
    if (grid && first) {
      blocks.push({ page: first.page, top: first.base - first.size, item: grid });
      for (const l of region) used.add(l);
      i = end + 1;
    } else i++;
  }
  return { blocks, used };
}

interface StreamRow {
  page: number;
  y: number;
  /** cells left of the values, as found on the row's own line */
  labels: Cell[];
  /** label texts: pieces joined into cells (see streamGrid), filled in last */
  blocks: Cell[][];
  vals: Cell[];
  header: boolean;
  /** a vertical label, joined */
  text?: string;
  line: number;
}

function streamGrid(region: Line[], cells: (l: Line) => Cell[]): DocItem | null {
  // anchors: lines with values; where a line's values start
  const valueStart = new Map<Line, number>();
  for (const l of region) {
    const cs = cells(l);
    const k = cs.findIndex(valueCell);
    if (k >= 0 && cs.length >= 2) valueStart.set(l, cs[k]?.x0 ?? 0);
  }
  const anchors = region.filter((l) => valueStart.has(l));
  if (anchors.length === 0) return null;
  /** where values start around a line: at the nearest anchors above and below it */
  const valueLeft = (l: Line): number => {
    const idx = region.indexOf(l);
    let above: Line | undefined;
    let below: Line | undefined;
    for (let k = idx - 1; k >= 0 && !above; k--) if (valueStart.has(region[k] as Line)) above = region[k];
    for (let k = idx + 1; k < region.length && !below; k++) if (valueStart.has(region[k] as Line)) below = region[k];
    const xs = [above, below].filter((a): a is Line => a !== undefined).map((a) => valueStart.get(a) ?? Infinity);
    return Math.min(...xs);
  };

  const rows: StreamRow[] = [];
  const anchorRow = new Map<Line, StreamRow>();
  const pieces: Cell[] = [];
  for (const l of region) {
    const cs = cells(l);
    const start = valueStart.get(l);
    if (start !== undefined) {
      const row: StreamRow = { page: l.page, y: centreOf(l), labels: cs.filter((c) => c.x0 < start - 1), blocks: [], vals: cs.filter((c) => c.x0 >= start - 1), header: false, line: l.no };
      rows.push(row);
      anchorRow.set(l, row);
      continue;
    }
    const left = valueLeft(l);
    if (cs.every((c) => c.x1 <= left + 1)) pieces.push(...cs);
    else rows.push({ page: l.page, y: centreOf(l), labels: cs, blocks: cs.map((c) => [c]), vals: [], header: true, line: l.no });
  }

  // vertical labels: one or two characters per line, stacked on one narrow band
  const vertical = new Set<Cell>();
  const short = pieces.filter((c) => SHORT_PIECE.test(normalizeText(c.text)));
  for (const band of groupBy(short, (a, b) => Math.abs(a.x0 - b.x0) <= 0.6 * a.line.size)) {
    band.sort((a, b) => a.line.page - b.line.page || a.base - b.base);
    let run: Cell[] = [];
    const flush = (): void => {
      const first = run[0];
      if (run.length >= 3 && first) {
        for (const c of run) vertical.add(c);
        const text = run.map((c) => normalizeText(c.text)).join('');
        rows.push({ page: first.line.page, y: centreOf(first.line), labels: [], blocks: [], vals: [], header: false, text, line: first.line.no });
      }
      run = [];
    };
    for (const c of band) {
      const prev = run[run.length - 1];
      if (prev && (prev.line.page !== c.line.page || c.base - prev.base > 1.8 * c.line.size)) flush();
      run.push(c);
    }
    flush();
  }

  // label pieces → cell texts: a piece continues the piece right above it (the line before,
  // overlapping in x) unless it starts with numbering; an anchor's own label cells take part
  const blocks: Cell[][] = [];
  const candidates = [...pieces.filter((c) => !vertical.has(c)), ...[...anchorRow.values()].flatMap((r) => r.labels)];
  candidates.sort((a, b) => a.line.page - b.line.page || a.base - b.base || a.x0 - b.x0);
  const lastOf = (b: Cell[]): Cell | undefined => b[b.length - 1];
  for (const c of candidates) {
    let best: Cell[] | null = null;
    let overlap = 0;
    if (!NUMBERED.test(normalizeText(c.text))) {
      for (const b of blocks) {
        const p = lastOf(b);
        if (!p || p.line.page !== c.line.page) continue;
        const dy = c.base - p.base;
        if (dy <= 0.5 * c.line.size || dy > 1.6 * c.line.size) continue;
        const o = Math.min(p.x1, c.x1) - Math.max(p.x0, c.x0);
        if (o > overlap) {
          best = b;
          overlap = o;
        }
      }
    }
    if (best) best.push(c);
    else blocks.push([c]);
  }
  // each block → the row on whose line one of its pieces sits, else the row (with values, or a
  // header) nearest the block's middle on the same page, else a row of its own
  for (const b of blocks) {
    const first = b[0];
    const last = lastOf(b);
    if (!first || !last) continue;
    const own = b.map((c) => anchorRow.get(c.line)).find((r) => r !== undefined);
    const y = (first.base + last.base) / 2 - 0.35 * first.line.size;
    let best: StreamRow | null = own ?? null;
    if (!best) {
      let dist = Infinity;
      for (const r of rows) {
        if (r.page !== first.line.page || r.text !== undefined) continue;
        const d = Math.abs(r.y - y);
        if (d < dist) {
          best = r;
          dist = d;
        }
      }
      if (dist > 3 * first.line.size) best = null;
    }
    if (best) best.blocks.push(b);
    else rows.push({ page: first.line.page, y, labels: [], blocks: [b], vals: [], header: false, line: first.line.no });
  }
  rows.sort((a, b) => a.page - b.page || a.y - b.y);

  // value bands per stretch of rows between header rows
  const out: GridRow[] = [];
  let stretch: StreamRow[] = [];
  const emitStretch = (): void => {
    const bands = valueBands(stretch.flatMap((r) => r.vals));
    for (const r of stretch) out.push(streamRow(r, bands));
    stretch = [];
  };
  for (const r of rows) {
    if (r.header) {
      emitStretch();
      out.push(streamRow(r, null));
    } else stretch.push(r);
  }
  emitStretch();
  return out.length > 0 ? { kind: 'grid', grid: { rows: out } } : null;
}

function streamRow(r: StreamRow, bands: { x0: number; x1: number }[] | null): GridRow {
  const row: GridRow = [];
  const push = (raw: string, line: number): void => {
    row.push({ raw, text: normalizeText(raw), src: { kind: 'text', line, cell: row.length }, origin: true });
  };
  if (r.text !== undefined) push(r.text, r.line);
  // label cells: each block's pieces joined top to bottom, blocks left to right
  const groups = r.blocks.slice().sort((a, b) => Math.min(...a.map((c) => c.x0)) - Math.min(...b.map((c) => c.x0)));
  for (const g of groups) push(g.map((c) => c.text).reduce(joinBroken, ''), g[0]?.line.no ?? r.line);
  if (!bands) return row;
  const left = r.vals.slice();
  for (const b of bands) {
    const k = left.findIndex((c) => c.x1 >= b.x0 - 1 && c.x0 <= b.x1 + 1);
    const v = k >= 0 ? left.splice(k, 1)[0] : undefined;
    push(v ? v.text : '', v ? v.line.no : r.line);
  }
  for (const v of left) push(v.text, v.line.no); // not under any band: kept, never dropped
  return row;
}

const centreOf = (l: Line): number => l.base - 0.35 * l.size;

/** Value cells → column bands: the union of overlapping x intervals, left to right. */
function valueBands(cells: Cell[]): { x0: number; x1: number }[] {
  const iv = cells.map((c) => ({ x0: c.x0, x1: c.x1 })).sort((a, b) => a.x0 - b.x0);
  const out: { x0: number; x1: number }[] = [];
  for (const x of iv) {
    const last = out[out.length - 1];
    if (last && x.x0 <= last.x1 + 1) last.x1 = Math.max(last.x1, x.x1);
    else out.push({ ...x });
  }
  return out;
}

/** Connected groups under a symmetric relation. */
function groupBy<T>(xs: T[], same: (a: T, b: T) => boolean): T[][] {
  const parent = xs.map((_, i) => i);
  for (let i = 0; i < xs.length; i++) {
    for (let j = i + 1; j < xs.length; j++) {
      const a = xs[i];
      const b = xs[j];
      if (a !== undefined && b !== undefined && same(a, b)) union(parent, i, j);
    }
  }
  const groups = new Map<number, T[]>();
  xs.forEach((x, i) => {
    const r = find(parent, i);
    const g = groups.get(r) ?? [];
    g.push(x);
    groups.set(r, g);
  });
  return [...groups.values()];
}

// ---------------------------------------------------------------------------------------------
// Paragraphs

const NUMBERED = /^(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|\d{1,2}\s*[、.．](?!\d))/;

/**
 * Lines → paragraphs. A line continues the one before when that one runs to the right edge of the
 * page's text (within two em) and this one starts at its left edge (within half an em) — or, after
 * a centred line, is centred too (a title wrapped over two lines) — in the same font size, at most
 * about one line apart (or at the top of the next page), and does not start with numbering.
 */
function paragraphs(seq: (Line | Block)[], edges: Map<number, { left: number; right: number }>): Block[] {
  const out: Block[] = [];
  // the body text's size: the size most characters are set in
  const bySize = new Map<number, number>();
  for (const x of seq) if ('runs' in x) bySize.set(Math.round(x.size), (bySize.get(Math.round(x.size)) ?? 0) + x.text.length);
  const bodySize = [...bySize.entries()].sort((p, q) => q[1] - p[1])[0]?.[0] ?? 0;
  let cur: { lines: Line[] } | null = null;
  const flush = (): void => {
    const first = cur?.lines[0];
    if (cur && first) {
      const text = normalizeText(cur.lines.map((l) => l.text).reduce(joinBroken, ''));
      if (text !== '') out.push({ page: first.page, top: first.base - first.size, item: { kind: 'para', text, src: { kind: 'text', line: first.no, cell: 0 } } });
    }
    cur = null;
  };
  for (const x of seq) {
    if (!('runs' in x)) {
      flush();
      out.push(x);
      continue;
    }
    const prev: Line | undefined = cur?.lines[cur.lines.length - 1];
    if (cur && prev && continues(prev, x, edges, bodySize)) {
      cur.lines.push(x);
      continue;
    }
    flush();
    cur = { lines: [x] };
  }
  flush();
  return out;
}

function continues(a: Line, b: Line, edges: Map<number, { left: number; right: number }>, bodySize: number): boolean {
  const ea = edges.get(a.page);
  const eb = edges.get(b.page);
  if (!ea || !eb) return false;
  if (Math.abs(a.size - b.size) > 0.15 * Math.max(a.size, b.size)) return false;
  if (a.x1 < ea.right - 2 * a.size) return false;
  // the next line starts at the left edge, or is centred and set larger than the body text (the
  // end of a wrapped title: `…工作年度报` / `告`)
  const centred = a.size > 1.15 * bodySize && Math.abs((b.x0 + b.x1) / 2 - (eb.left + eb.right) / 2) <= b.size;
  if (b.x0 > eb.left + 0.5 * b.size && !centred) return false;
  if (NUMBERED.test(normalizeText(b.text))) return false;
  if (a.page === b.page) return b.base - a.base > 0 && b.base - a.base <= 2.2 * a.size;
  return b.page === a.page + 1;
}

// ---------------------------------------------------------------------------------------------
// The whole document

export async function extractPdf(bytes: Uint8Array, options: PdfExtractOptions = {}): Promise<PdfExtractedDoc> {
  if (bytes.length === 0) throw new Error('PDF 文件是空的 / the PDF file is empty');
  if (!/%PDF-/.test(new TextDecoder('latin1').decode(bytes.subarray(0, 1024)))) {
    throw new Error('不是 PDF 文件（文件开头没有 %PDF- 标记）/ not a PDF file (no %PDF- header)');
  }
  const lib = await pdfjs();
  const cmaps = options.cMapUrl ?? (await nodeCMapDir());
  const notes: string[] = [];
  // pdfjs takes the buffer over: give it a copy so the caller's bytes stay usable
  const task = lib.getDocument({
    data: bytes.slice(),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    disableAutoFetch: true,
    disableStream: true,
    disableRange: true,
    stopAtErrors: false,
    verbosity: lib.VerbosityLevel.ERRORS,
    ...(cmaps ? { cMapUrl: cmaps, cMapPacked: true } : {}),
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    throw openError(e);
  }

  const pages: PageData[] = [];
  const numPages = doc.numPages;
  let failed = 0;
  try {
    for (let p = 1; p <= numPages; p++) {
      try {
        const page = await doc.getPage(p);
        const vp = page.getViewport({ scale: 1 });
        const vt = toMatrix(vp.transform) ?? [1, 0, 0, -1, 0, vp.height];
        const content = await page.getTextContent();
        const ops = await page.getOperatorList();
        const g = readGraphics(ops.fnArray, ops.argsArray as unknown[], lib.OPS, vt);
        pages.push({ index: p, width: vp.width, height: vp.height, runs: readRuns(content.items, vt, p), ...g });
        page.cleanup();
      } catch (e) {
        failed++;
        notes.push(`第${p}页无法读取，已跳过 / page ${p} could not be read (${(e instanceof Error ? e.message : String(e)).split('\n')[0] ?? ''})`);
      }
    }
  } finally {
    await doc.destroy().catch(() => undefined);
  }
  if (pages.length === 0) {
    throw new Error(failed > 0 ? `PDF 文件已损坏，没有一页能读取 / the PDF is damaged: no page could be read` : 'PDF 没有页面 / the PDF has no pages');
  }
  try {
    return layout(pages, numPages, notes, options);
  } catch (e) {
    // not expected: a layout this code cannot handle still gets a one-line reason, never a stack
    const msg = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
    throw new Error(`PDF 版面无法解析 / the PDF layout could not be read (${msg})`);
  }
}

/** Pages read by pdf.js → the document's items (steps 1–6 of the module comment). */
function layout(pages: PageData[], numPages: number, notes: string[], options: PdfExtractOptions): PdfExtractedDoc {

  // 1. lines, numbered across the document
  let lineNo = 0;
  const paged = pages.map((page) => {
    const lines = clusterLines(page.runs).map((runs) => {
      const l = makeLine(runs, ++lineNo);
      for (const r of runs) r.line = l.no;
      return l;
    });
    return { page, lines };
  });

  // 2. tables from ruling lines, and which runs they hold
  const tableRuns = new Set<Run>();
  const blocks: Block[] = [];
  if (options.tables !== 'text') {
    for (const { page, lines } of paged) {
      // a page of vector drawing (a chart, a scanned form redrawn as paths) is not a table
      if (page.h.length + page.v.length > MAX_RULES) {
        notes.push(`第${page.index}页线条过多，未按表格线读取 / page ${page.index}: too many lines to read as table borders`);
        continue;
      }
      const tables = latticeTables(page.h, page.v).filter((t) => page.runs.some((r) => inBox(t.box, r)));
      const lineAt = (y: number): number => nearestLine(lines, y);
      for (const t of tables) {
        const own = page.runs.filter((r) => !tableRuns.has(r) && inBox(t.box, r));
        const b = latticeGrid(t, own, lineAt);
        if (b === 'under-ruled') continue; // its lines are left to the text-position reading
        for (const r of own) tableRuns.add(r);
        if (b) blocks.push({ ...b, page: page.index });
      }
    }
  }

  // 3. page furniture, outside tables
  const inTable = (l: Line): boolean => l.runs.every((r) => tableRuns.has(r));
  const drop = furniture(paged, inTable);

  // 4. the remaining lines, without their table runs
  const free: Line[] = [];
  for (const { lines } of paged) {
    for (const l of lines) {
      if (drop.has(l)) continue;
      const rest = l.runs.filter((r) => !tableRuns.has(r));
      if (rest.length === 0) continue;
      free.push(rest.length === l.runs.length ? l : makeLine(rest, l.no));
    }
  }

  // 5. tables from text positions, then paragraphs; the text's left and right edges per page
  const edgesOf = (ls: Line[]): Map<number, { left: number; right: number }> => {
    const edges = new Map<number, { left: number; right: number }>();
    for (const { page } of paged) {
      const own = ls.filter((l) => l.page === page.index);
      const wide = own.filter((l) => l.x1 - l.x0 > 8 * l.size);
      const basis = wide.length > 0 ? wide : own;
      if (basis.length > 0) edges.set(page.index, { left: Math.min(...basis.map((l) => l.x0)), right: Math.max(...basis.map((l) => l.x1)) });
    }
    return edges;
  };
  const stream = streamTables(free, edgesOf(free));
  blocks.push(...stream.blocks);
  const proseLines = free.filter((l) => !stream.used.has(l));
  const edges = edgesOf(proseLines);

  // 6. pictures
  const images: Block[] = [];
  for (const { page } of paged) {
    page.images.forEach((b, k) => {
      images.push({ page: page.index, top: b.top, item: { kind: 'image', name: `第${page.index}页图片${k + 1}`, src: null } });
    });
  }

  // reading order: page, then height; paragraphs never run across a table or a picture
  const seq: (Line | Block)[] = [...proseLines, ...blocks, ...images];
  const key = (x: Line | Block): [number, number] => ('runs' in x ? [x.page, x.base - x.size] : [x.page, x.top]);
  seq.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka[0] - kb[0] || ka[1] - kb[1];
  });
  const items = paragraphs(seq, edges).map((b) => b.item);

  const scanned = pages.every((p) => p.runs.length === 0);
  if (scanned) notes.push(SCANNED_REASON.zh);
  return { items, title: findTitle(items), notes, scanned, pages: numPages };
}

function nearestLine(lines: Line[], y: number): number {
  let best = 0;
  let dist = Infinity;
  for (const l of lines) {
    const d = Math.abs(l.base - y);
    if (d < dist) {
      dist = d;
      best = l.no;
    }
  }
  return best;
}

/** The report title: the first paragraph that names a 年度报告, else null (as the text extractor). */
function findTitle(items: DocItem[]): string | null {
  for (const item of items.slice(0, 40)) {
    if (item.kind === 'para' && /年度报告|年度報告/.test(item.text) && item.text.length <= 80) return item.text;
  }
  return null;
}

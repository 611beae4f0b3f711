import type { DocItem, ExtractedDoc } from '../types';
import { furniture } from './furniture';
import { readGraphics, readRuns, toMatrix, type PageData, type Run } from './geometry';
import { MAX_RULES, inBox, latticeGrid, latticeTables, type Block } from './lattice';
import { clusterLines, makeLine, type Line } from './lines';
import { paragraphs } from './paragraphs';
import { nodeCMapDir, openError, pdfjs } from './pdfjs';
import { streamTables } from './stream';

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
// The whole document (each step lives in its own file of this folder: geometry, lines, furniture,
// lattice, stream, paragraphs; pdfjs loads the library)

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

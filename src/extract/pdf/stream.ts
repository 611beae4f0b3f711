import { normalizeText } from '../../text/normalize';
import { isValueLike } from '../../text/cell-value';
import type { DocItem, GridRow } from '../types';
import type { Block } from './lattice';
import { joinBroken, joinRuns, median, splitAtGaps, type Line } from './lines';
import { NUMBERED, continues } from './paragraphs';
import { groupBy } from './union-find';

// Step 4 of extractPdf (see index.ts): tables from text positions alone ("stream"), among the
// lines no ruled table holds.

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
export function streamTables(lines: Line[], edges: Map<number, { left: number; right: number }>): { blocks: Block[]; used: Set<Line> } {
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

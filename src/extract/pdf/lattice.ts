import { normalizeText } from '../../text/normalize';
import { isValueLike } from '../../text/cell-value';
import type { DocItem, GridRow } from '../types';
import type { Box, Run, Seg } from './geometry';
import { clusterLines, joinBroken, joinRuns, splitAtGaps } from './lines';
import { find, union } from './union-find';

// Step 3 of extractPdf (see index.ts): tables from ruling lines ("lattice").

export interface LatticeTable {
  box: Box;
  xs: number[];
  ys: number[];
  /** group id of each fine cell, [row][col] */
  group: number[][];
}

const TOL = 2;
/** More ruling segments than this on one page: not read as tables (the pairing is quadratic). */
export const MAX_RULES = 6000;

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

export function latticeTables(h: Seg[], v: Seg[]): LatticeTable[] {
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

export function inBox(b: Box, r: Run): boolean {
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

export interface Block {
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

export function latticeGrid(t: LatticeTable, runs: Run[], lineAt: (y: number) => number): Block | 'under-ruled' | null {
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

import type { Run } from './geometry';

// Step 1 of extractPdf (see index.ts): text runs → lines, and lines → cells at wide gaps.

export interface Line {
  runs: Run[];
  page: number;
  base: number;
  size: number;
  x0: number;
  x1: number;
  no: number;
  text: string;
}

export const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/;

/** Runs of one line, left to right, as text: a gap wider than a quarter em between two non-CJK characters is a space. */
export function joinRuns(runs: Run[]): string {
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
export function splitAtGaps(runs: Run[]): Run[][] {
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
export function joinBroken(a: string, b: string): string {
  if (a === '') return b;
  if (b === '') return a;
  return CJK.test(a.slice(-1)) || CJK.test(b.charAt(0)) ? a + b : `${a} ${b}`;
}

export function makeLine(runs: Run[], no: number): Line {
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

export function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/** Runs → lines by baseline (within 0.3 × the smaller font size), top to bottom. */
export function clusterLines(runs: Run[]): Run[][] {
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

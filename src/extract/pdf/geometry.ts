import { unRadicalise } from '../../text/normalize';
import type { PdfJs } from './pdfjs';

// Step 0 of extractPdf (see index.ts): what pdfjs gives, as geometry — text runs, ruling segments
// and painted pictures, read from the pages. All coordinates are in the page's viewport at scale 1:
// points, origin at the top left, y growing downwards.

export type Matrix = [number, number, number, number, number, number];

/** A run of text as pdfjs gives it. */
export interface Run {
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

export interface Seg {
  /** horizontal: y; vertical: x */
  at: number;
  from: number;
  to: number;
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface PageData {
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

export function toMatrix(v: unknown): Matrix | null {
  if (!Array.isArray(v) && !ArrayBuffer.isView(v)) return null;
  const a = Array.from(v as ArrayLike<unknown>, Number);
  if (a.length < 6 || a.slice(0, 6).some((n) => !Number.isFinite(n))) return null;
  return [a[0] ?? 0, a[1] ?? 0, a[2] ?? 0, a[3] ?? 0, a[4] ?? 0, a[5] ?? 0];
}

const SPACE_ONLY = /^[\s\u00a0\u3000]*$/;


export function readRuns(items: readonly unknown[], vt: Matrix, page: number): Run[] {
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
export function readGraphics(fnArray: number[], argsArray: unknown[], OPS: PdfJs['OPS'], vt: Matrix): { h: Seg[]; v: Seg[]; images: Box[] } {
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

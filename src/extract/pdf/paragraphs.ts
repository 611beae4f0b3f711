import { normalizeText } from '../../text/normalize';
import type { Block } from './lattice';
import { joinBroken, type Line } from './lines';

// Step 5 of extractPdf (see index.ts): the lines no table holds, joined into paragraphs.

export const NUMBERED = /^(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|\d{1,2}\s*[、.．](?!\d))/;

/**
 * Lines → paragraphs. A line continues the one before when that one runs to the right edge of the
 * page's text (within two em) and this one starts at its left edge (within half an em) — or, after
 * a centred line, is centred too (a title wrapped over two lines) — in the same font size, at most
 * about one line apart (or at the top of the next page), and does not start with numbering.
 */
export function paragraphs(seq: (Line | Block)[], edges: Map<number, { left: number; right: number }>): Block[] {
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

export function continues(a: Line, b: Line, edges: Map<number, { left: number; right: number }>, bodySize: number): boolean {
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

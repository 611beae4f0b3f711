import { normalizeText } from '../../text/normalize';
import type { PageData } from './geometry';
import type { Line } from './lines';

// Step 2 of extractPdf (see index.ts): page numbers and running headers/footers, dropped.

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
export function furniture(pages: { page: PageData; lines: Line[] }[], inTable: (l: Line) => boolean): Set<Line> {
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

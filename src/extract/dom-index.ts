import type { SourceRef } from './types';
import type { DomDocument, DomElement } from './dom';

/**
 * How a cell's place in the page is counted, in one module for both sides of the boundary: the
 * background extracts a copy of the page (the page's HTML parsed again) and names every cell by
 * these indices; the page finds the same cell in its live DOM by them, without walking the page.
 * Both sides must count alike, so only the element tree is used (no layout, no style).
 *
 * - a table: its index in `getElementsByTagName('table')` of its document;
 * - a row: its index among the table's own rows (`tableRows`, not those of a nested table);
 * - a cell: its index among the row's <td>/<th> children (`rowCells`), before span expansion;
 * - a frame: its index in `getElementsByTagName('iframe')` of the document that holds it.
 */

/** One string per cell or paragraph source: the key of extraction's element map and of the marks. */
export function refKey(ref: SourceRef): string {
  if (ref.kind === 'text') return `t:${ref.line}:${ref.cell}`;
  return `h:${(ref.frame ?? []).join('.')}:${ref.table}:${ref.row}:${ref.cell}`;
}

/** The tag name in capitals: `nodeName` already is for HTML elements (SVG and XHTML ones are lower case). */
export function upperName(el: DomElement): string {
  const name = el.nodeName;
  const c = name.charCodeAt(0);
  return c >= 97 && c <= 122 ? name.toUpperCase() : name;
}

/** The rows of this table only (not of a nested one), through thead/tbody/tfoot, in document order. */
export function tableRows(table: Element): Element[];
export function tableRows(table: DomElement): DomElement[];
export function tableRows(table: DomElement): DomElement[] {
  const rows: DomElement[] = [];
  for (let child = table.firstElementChild; child; child = child.nextElementSibling) {
    const tag = upperName(child);
    if (tag === 'TR') rows.push(child);
    else if (tag === 'TBODY' || tag === 'THEAD' || tag === 'TFOOT') {
      for (let r = child.firstElementChild; r; r = r.nextElementSibling) if (upperName(r) === 'TR') rows.push(r);
    }
  }
  return rows;
}

/** The <td>/<th> children of a row, in order. */
export function rowCells(tr: Element): Element[];
export function rowCells(tr: DomElement): DomElement[];
export function rowCells(tr: DomElement): DomElement[] {
  const cells: DomElement[] = [];
  for (let c = tr.firstElementChild; c; c = c.nextElementSibling) {
    const tag = upperName(c);
    if (tag === 'TD' || tag === 'TH') cells.push(c);
  }
  return cells;
}

/** The document inside a same-origin iframe; null for a cross-origin or empty one. Never throws. */
export function sameOriginDocument(el: Element): Document | null;
export function sameOriginDocument(el: DomElement): DomDocument | null;
export function sameOriginDocument(el: DomElement): DomDocument | null {
  if (!('contentDocument' in el)) return null; // a tree that loads no frames (linkedom, the light tree)
  try {
    const d = (el as HTMLIFrameElement).contentDocument;
    return d && d.body ? d : null;
  } catch {
    return null; // cross-origin: not ours to read
  }
}

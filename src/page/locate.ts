import { refKey, rowCells, sameOriginDocument, tableRows } from '../extract/dom-index';
import type { SourceRef } from '../extract/types';

/**
 * The page's elements behind the cells and paragraphs of a result that the background extracted
 * from a copy of this page (extract/snapshot.ts). Cells are found by their indices
 * (extract/dom-index.ts) and checked against the text the background read there; a paragraph,
 * which has no such index, is found by the words the finding quotes. Only what is asked for is
 * looked up, so marking a few cells touches a few elements, not the page.
 */
export interface Locator {
  /** the element of a table cell, when it is there and still holds `raw` (whitespace aside) */
  cell(src: SourceRef | null, raw: string): Element | null;
  /** the element at an element-child path from the <html> of the frame of `src`, if its text holds `quote` */
  path(src: SourceRef | null, path: readonly number[], quote: string): Element | null;
  /** the block element whose text holds `quote`, in the frame of `src` (a search of the frame's text) */
  paragraph(src: SourceRef | null, quote: string): Element | null;
  /** true once a cell did not hold what the background read: the page changed or was counted otherwise */
  readonly stale: boolean;
}

const SPACE = /[\s\u00A0\u3000\u200B\uFEFF]+/g;
const squash = (s: string): string => s.replace(SPACE, '');

export function pageLocator(doc: Document): Locator {
  const docs = new Map<string, Document | null>();
  const tables = new Map<string, Element | null>();
  const rows = new Map<string, Element[]>();
  let stale = false;

  const frameDoc = (frame: readonly number[] | undefined): Document | null => {
    if (!frame || frame.length === 0) return doc;
    const key = frame.join('.');
    const known = docs.get(key);
    if (known !== undefined) return known;
    const outer = frameDoc(frame.slice(0, -1));
    const iframe = outer?.getElementsByTagName('iframe')[frame[frame.length - 1] ?? -1];
    const inner = iframe ? sameOriginDocument(iframe) : null;
    docs.set(key, inner);
    return inner;
  };

  /** a table's own row `r`: the native `rows` when the table has no <thead>/<tfoot> (then it counts as tableRows does) */
  const rowAt = (frame: readonly number[] | undefined, table: number, r: number): Element | null => {
    const key = `${(frame ?? []).join('.')}:${table}`;
    let t = tables.get(key);
    if (t === undefined) {
      t = frameDoc(frame)?.getElementsByTagName('table')[table] ?? null;
      tables.set(key, t);
    }
    if (!t) return null;
    const native = t as HTMLTableElement;
    if (native.rows && !native.tHead && !native.tFoot) return native.rows[r] ?? null;
    let own = rows.get(key);
    if (!own) rows.set(key, (own = tableRows(t)));
    return own[r] ?? null;
  };

  return {
    get stale() {
      return stale;
    },
    cell(src, raw) {
      if (!src || src.kind !== 'html' || src.table < 0 || src.cell < 0) return null;
      try {
        const tr = rowAt(src.frame, src.table, src.row);
        const cells = tr ? (tr as HTMLTableRowElement).cells : undefined;
        const td = tr ? ((cells ? cells[src.cell] : rowCells(tr)[src.cell]) ?? null) : null;
        const text = td?.textContent;
        // most cells read exactly as the background read them; <br> and blocks add line breaks there
        if (td && (text === raw || squash(text ?? '') === squash(raw))) return td;
        stale = true;
        return null;
      } catch {
        stale = true;
        return null;
      }
    },
    path(src, path, quote) {
      if (!src || src.kind !== 'html') return null;
      try {
        const d = frameDoc(src.frame);
        if (!d) return null;
        // one XPath (/*[1]/*[2]/…) rather than a walk down `children`: only the paragraph's element
        // is handed to script, not one per level (each costs on the page's main thread)
        const xpath = `/*[1]${path.map((i) => `/*[${Math.trunc(i) + 1}]`).join('')}`;
        const node = d.evaluate(xpath, d, null, 9 /* FIRST_ORDERED_NODE_TYPE */, null).singleNodeValue;
        const el = node && node.nodeType === 1 ? (node as Element) : null;
        return el && holds(el.textContent ?? '', quote) ? el : null;
      } catch {
        return null;
      }
    },
    paragraph(src, quote) {
      if (!src || src.kind !== 'html' || quote === '') return null;
      try {
        const d = frameDoc(src.frame);
        return d?.body ? blockHolding(d, d.body, quote) : null;
      } catch {
        return null;
      }
    },
  };
}

const BLOCKS = /^(P|DIV|LI|TD|TH|H[1-6]|SECTION|ARTICLE|BLOCKQUOTE|DD|DT|BODY)$/;
/** The same words with full-width digits (０–９), as Word-exported prose often prints them. */
export const wideDigits = (s: string): string => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

/**
 * The nearest block around the first text node run that holds `quote` (as printed, or with
 * full-width digits). Text nodes are joined per block, so words split over <span>s are found.
 */
function holds(text: string, quote: string): boolean {
  const t = squash(text);
  const q = squash(quote);
  return q !== '' && (t.includes(q) || t.includes(wideDigits(q)));
}

function blockHolding(doc: Document, body: Element, quote: string): Element | null {
  const wanted = [squash(quote), squash(wideDigits(quote))];
  const walker = doc.createTreeWalker(body, 4 /* NodeFilter.SHOW_TEXT */);
  let block: Element | null = null;
  let text = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const b = blockOf(n.parentElement);
    if (b !== block) {
      block = b;
      text = '';
    }
    text += squash(n.nodeValue ?? '');
    if (block && wanted.some((w) => w !== '' && text.includes(w))) return block;
  }
  return null;
}

function blockOf(el: Element | null): Element | null {
  for (let e = el; e; e = e.parentElement) if (BLOCKS.test(e.nodeName.toUpperCase())) return e;
  return null;
}

/** The fallback: elements as the page's own extraction found them (extractHtml's map, by refKey). */
export function extractedLocator(elements: Map<string, Element>): Locator {
  const get = (src: SourceRef | null): Element | null => (src ? (elements.get(refKey(src)) ?? null) : null);
  return { stale: false, cell: get, path: (src) => get(src), paragraph: get };
}

import { sameOriginDocument } from './dom-index';

/**
 * A page as the in-page checker hands it over: the document's HTML and that of each same-origin
 * frame, serialised by the browser (`outerHTML`, one native call), so that reading the page costs
 * its main thread next to nothing. The background parses it again and extracts it there, off the
 * page's thread, with the same `extractHtml` the command line uses (html.ts `extractSnapshot`);
 * the page then finds the cells to mark by the indices of dom-index.ts. This module is the page's
 * side only, so the page-side scripts do not load the extractor.
 */
export interface PageSnapshot {
  html: string;
  /** same-origin frames by frame path (dom-index.ts), nested ones too */
  frames: { path: number[]; html: string }[];
}

/** The most a page may weigh, in characters of HTML (its frames included): a 2 MB portal page is common, this is a runaway. */
export const MAX_PAGE_CHARS = 16_000_000;

/** The characters of HTML a snapshot holds. */
export function snapshotChars(snap: PageSnapshot): number {
  return snap.frames.reduce((n, f) => n + f.html.length, snap.html.length);
}

/** How deep and how many same-origin frames are read: far beyond a real report page. */
const MAX_FRAME_DEPTH = 4;
const MAX_FRAMES = 32;

/** Page side: serialise the live document and its same-origin frames. Never throws. */
export function snapshotDocument(doc: Document): PageSnapshot {
  const snap: PageSnapshot = { html: serialise(doc), frames: [] };
  const visit = (d: Document, path: number[]): void => {
    if (path.length >= MAX_FRAME_DEPTH) return;
    const frames = d.getElementsByTagName('iframe');
    for (let i = 0; i < frames.length && snap.frames.length < MAX_FRAMES; i++) {
      const el = frames[i];
      const inner = el ? sameOriginDocument(el) : null;
      if (!inner) continue;
      const at = [...path, i];
      snap.frames.push({ path: at, html: serialise(inner) });
      visit(inner, at);
    }
  };
  visit(doc, []);
  return snap;
}

/**
 * Attributes that extraction never reads, as the browser writes them (always in double quotes, a
 * quote inside written &quot;): an inline style that does not hide anything (extraction reads a
 * style only for `display: none`), and Word's and old CMSs' presentational attributes (class,
 * lang, align, valign, width, height…). Word-exported pages carry them on nearly every element: on
 * /errors.html styles are 53 KB of its 89 KB and these others 18 KB of the 36 KB left. They are
 * dropped before the page is sent: less to hand over on the page's main thread (the message is
 * copied there, ~15 µs per KB in Chromium 156) and to parse again. What extraction reads stays:
 * colspan, rowspan, hidden, a hiding style, src, alt, href, meta name and content, base href.
 * (A text that spells out ` class="…"` itself, which the browser writes unescaped, loses it too;
 * a cell's text is compared with the live page before it is marked, so a table cell like that
 * makes the page read itself instead.)
 */
const UNREAD_ATTRS =
  / (?:style="(?![^"]*display\s*:\s*none)[^"]*"|(?:class|lang|align|valign|width|height|bgcolor|border|cellspacing|cellpadding|face|size|color)="[^"]*")/gi;

function serialise(doc: Document): string {
  try {
    // one regex and a constant replacement: a replacer function per attribute cost ~1–4 ms cold
    return (doc.documentElement?.outerHTML ?? '').replace(UNREAD_ATTRS, '');
  } catch {
    return '';
  }
}

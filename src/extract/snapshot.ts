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
 * An inline style attribute, as the browser writes one (always in double quotes, a quote inside
 * written &quot;). Word-exported pages carry one on nearly every element: on /errors.html they are
 * 53 KB of its 89 KB. Extraction reads a style only for `display: none`, so the others are dropped
 * before the page is sent: less to send and to parse again. (A text that spells out ` style="…"`
 * itself, which the browser writes unescaped, loses it too; a cell's text is compared with the
 * live page before it is marked, so a table cell like that makes the page read itself instead.)
 */
const STYLE_ATTR = / style="(?![^"]*display\s*:\s*none)[^"]*"/gi;

function serialise(doc: Document): string {
  try {
    // one regex and a constant replacement: a replacer function per attribute cost ~1–4 ms cold
    return (doc.documentElement?.outerHTML ?? '').replace(STYLE_ATTR, '');
  } catch {
    return '';
  }
}

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

function serialise(doc: Document): string {
  try {
    return doc.documentElement?.outerHTML ?? '';
  } catch {
    return '';
  }
}

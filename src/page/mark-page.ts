import { MAX_PAGE_CHARS, snapshotChars, snapshotDocument } from '../extract/snapshot';
import { headText, readMarkPlan } from '../messaging/wire';
import type { CheckPageRequest } from '../messaging/to-background';
import { applyPlan, type AppliedMarks } from './highlight';
import { pageLocator, type Locator } from './locate';

/**
 * The first thing the in-page checker does, and all it does before the page shows marks: serialise
 * the page (one native call), have the background extract and check it, and set the marks the
 * background planned. The sidebar comes after (entrypoints/sidebar.content.tsx): it validates the
 * reply's head with zod, fetches the whole result and shows it. Runs in the first injected script
 * (entrypoints/checker.ts) and again in the sidebar's script when the page changes, so it is kept
 * small: no UI and no zod (the plan is checked by hand, wire.ts `readMarkPlan`).
 */
export interface MarkedPage {
  url: string;
  /**
   * the reply's head as parsed from its text, not yet validated (the sidebar does that with
   * to-page.ts `checkHead`, then fetches the whole result it names); undefined when the
   * background gave no answer
   */
  head: unknown;
  applied: AppliedMarks | null;
  locate: Locator;
  /**
   * true when a planned cell did not hold what the background read there (the page changed, or a
   * browser built its tree unlike the HTML parser): the marks were taken back, and the sidebar
   * reads the page itself instead
   */
  stale: boolean;
  /** the characters of HTML when the page is too large to check (nothing was sent); else absent */
  tooLarge?: number;
}

/** Sends a message to the background and gives its raw reply. */
export type Send = (message: unknown) => Promise<unknown>;

export async function markPage(doc: Document, send: Send, maxChars = MAX_PAGE_CHARS): Promise<MarkedPage> {
  const read = readPage(doc, maxChars);
  if (read.tooLarge !== undefined) return markFromReply(doc, read.url, undefined, read.tooLarge);
  return markFromReply(doc, read.url, await send(read.request));
}

/**
 * What the page hands over to be checked: the request with its serialised HTML, or only its size
 * when it is over the limit (nothing to send). The toolbar's way (src/background/inject.ts) gives
 * this back as the injected script's result, so no message from the page is needed.
 */
export type PageRead = { url: string; request: CheckPageRequest; tooLarge?: undefined } | { url: string; request?: undefined; tooLarge: number };

export function readPage(doc: Document, maxChars = MAX_PAGE_CHARS): PageRead {
  const url = doc.URL;
  const page = snapshotDocument(doc);
  const chars = snapshotChars(page);
  if (chars > maxChars) return { url, tooLarge: chars };
  // sent as it is, not as JSON text (wrapJson): it is a few fields around one long string, which
  // the browser's own serialisation takes in one piece (JSON text would escape the HTML twice)
  return { url, request: { type: 'check-page', url, page } };
}

/**
 * Set the marks the background planned, from its raw reply (to-page.ts CheckReplyWire; anything
 * else is no answer). `tooLarge`: the page was not sent, being that many characters.
 */
export function markFromReply(doc: Document, url: string, raw: unknown, tooLarge?: number): MarkedPage {
  const locate = pageLocator(doc);
  if (tooLarge !== undefined) return { url, head: undefined, applied: null, locate, stale: false, tooLarge };
  const head = headText(raw);
  const marked: MarkedPage = { url, head, applied: null, locate, stale: false };
  const plan = readMarkPlan(head);
  if (plan) {
    marked.applied = applyPlan(doc, plan, locate);
    if (locate.stale) {
      marked.applied.clear();
      marked.applied = null;
      marked.stale = true;
    }
  }
  return marked;
}

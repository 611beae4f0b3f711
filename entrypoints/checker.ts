import { markFromReply, readPage, type MarkedPage, type PageRead } from '../src/page/mark-page';
import { attachmentCount, readMarkPlan } from '../src/messaging/wire';
import { extensionApi } from '../src/page/extension-api';
import { CHECKER_KEY, type MarkOutcome, type PageChecker } from '../src/messaging/inject-protocol';

type Global = typeof globalThis & {
  __govReportRunMode?: 'auto' | 'manual';
  __govReportMarked?: MarkedPage | null;
  __govReportCheck?: { dispose(): void };
};

/**
 * The in-page checker's first script, injected by the background (src/background/inject.ts) when the
 * detector or the user asks. It only reads the page and, when called again, marks it; it sends no
 * message: the page's HTML is this script's result for scripting.executeScript, and the
 * background's plan comes back as the args of a second call (`PageChecker.mark`, left on this
 * world's global). So a page that shadows `browser` and `chrome` in this world — possible where no
 * detector ran at document_start (issue 16) — cannot stop it. The sidebar's script comes after and
 * takes the rest from `__govReportMarked` (both run in the extension's isolated world of this
 * page). No WXT content-script context, no polyfill and no UI here: all of this runs before the
 * page shows a mark, on the page's main thread. Never throws into the page.
 */
export default defineUnlistedScript((): PageRead | undefined => {
  const g = globalThis as Global;
  try {
    // a newer run replaces an older one: its marks and sidebar go first (before the page is read:
    // the sidebar's host and the marks are not the page's)
    g.__govReportCheck?.dispose();
    g.__govReportMarked = null;
    const read = readPage(document);
    const checker: PageChecker = {
      mark(reply: unknown, mode: unknown): MarkOutcome {
        try {
          const runMode = (g.__govReportRunMode = mode === 'manual' ? 'manual' : 'auto');
          const marked = markFromReply(document, read.url, reply, read.tooLarge);
          // an automatic run on a page that holds no report (a 年报 column's listing page, say) and
          // links no report file: nothing to show, so no sidebar; the detector watches on
          const show = !(runMode === 'auto' && !marked.stale && !readMarkPlan(marked.head) && attachmentCount(marked.head) === 0);
          g.__govReportMarked = show ? marked : null;
          // whether the sidebar will find the extension's API here (the background leaves it what it needs otherwise)
          return { show, api: extensionApi() !== undefined };
        } catch {
          // asked for by the user: the sidebar says the check failed rather than nothing at all
          g.__govReportMarked = null;
          return { show: mode === 'manual', api: extensionApi() !== undefined };
        }
      },
    };
    // an own property of this world's global: a page element named like it is never taken for it (inject.ts)
    Object.defineProperty(g, CHECKER_KEY, { value: checker, configurable: true, writable: true, enumerable: false });
    return read;
  } catch {
    return undefined; // never throw into the page
  }
});

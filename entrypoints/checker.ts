import { markPage, type MarkedPage } from '../src/present/mark-page';
import { attachmentCount, readMarkPlan } from '../src/wire';
import { extensionApi } from '../src/extension-api';

/** What the script's run came to (its result for scripting.executeScript, src/present/inject.ts). */
export type CheckerOutcome = 'shown' | 'none';

/**
 * The in-page checker's first script, injected by the background (src/present/inject.ts) when the
 * detector or the user asks. It only marks the page: serialise it, have the background check it,
 * set the marks (src/present/mark-page.ts). Then it asks for the sidebar's script, which takes the
 * rest from `__govReportMarked` (both run in the extension's isolated world of this page), unless
 * an automatic run found no report and no report file to offer: then there is nothing to show. No WXT
 * content-script context, no polyfill and no UI here: all of this runs before the page shows a
 * mark, on the page's main thread. Never throws into the page.
 */
type Runtime = { runtime?: { id?: string; sendMessage(m: unknown): Promise<unknown> } };
type Global = typeof globalThis & {
  __govReportCheckMode?: string;
  __govReportRunMode?: 'auto' | 'manual';
  __govReportMarked?: MarkedPage | null;
  __govReportCheck?: { dispose(): void };
};

export default defineUnlistedScript((): Promise<CheckerOutcome> | undefined => {
  const g = globalThis as Global;
  try {
    // the real extension global, never a page element that answers to its name (src/extension-api.ts)
    const runtime = extensionApi<Runtime>()?.runtime;
    if (!runtime) return undefined;
    const send = (m: unknown): Promise<unknown> => runtime.sendMessage(m);
    // the mode this injection was asked for (inject.ts), for the sidebar; a note is used once
    const mode = (g.__govReportRunMode = g.__govReportCheckMode === 'manual' ? 'manual' : 'auto');
    delete g.__govReportCheckMode;
    // a newer run replaces an older one: its marks and sidebar go first
    g.__govReportCheck?.dispose();
    g.__govReportMarked = null;
    // the promise is the script's result: scripting.executeScript (inject.ts) resolves when it
    // settles, after the sidebar's script has run, so the popup can ask for the result then
    return markPage(document, send)
      .catch(() => null)
      .then(async (marked): Promise<CheckerOutcome> => {
        // an automatic run on a page that holds no report (a 年报 column's listing page, say) and
        // links no report file: nothing to show, so no sidebar; the detector watches on
        if (mode === 'auto' && !marked?.stale && !readMarkPlan(marked?.head) && attachmentCount(marked?.head) === 0) return 'none';
        g.__govReportMarked = marked;
        await send({ type: 'mount-sidebar' });
        return 'shown';
      })
      .catch((): CheckerOutcome => 'none');
  } catch {
    return undefined; // never throw into the page
  }
});

import { markPage, type MarkedPage } from '../src/present/mark-page';

/**
 * The in-page checker's first script, injected by the background (src/present/inject.ts) when the
 * detector or the user asks. It only marks the page: serialise it, have the background check it,
 * set the marks (src/present/mark-page.ts). Then it asks for the sidebar's script, which takes the
 * rest from `__govReportMarked` (both run in the extension's isolated world of this page). No WXT
 * content-script context, no polyfill and no UI here: all of this runs before the page shows a
 * mark, on the page's main thread. Never throws into the page.
 */
type Runtime = { runtime?: { id?: string; sendMessage(m: unknown): Promise<unknown> } };
type Global = typeof globalThis & {
  browser?: Runtime;
  chrome?: Runtime;
  __govReportCheckMode?: string;
  __govReportRunMode?: 'auto' | 'manual';
  __govReportMarked?: MarkedPage | null;
  __govReportCheck?: { dispose(): void };
};

export default defineUnlistedScript((): Promise<void> | undefined => {
  const g = globalThis as Global;
  try {
    const api = g.browser?.runtime?.id ? g.browser : g.chrome;
    const runtime = api?.runtime;
    if (!runtime) return undefined;
    const send = (m: unknown): Promise<unknown> => runtime.sendMessage(m);
    // the mode this injection was asked for (inject.ts), for the sidebar; a note is used once
    g.__govReportRunMode = g.__govReportCheckMode === 'manual' ? 'manual' : 'auto';
    delete g.__govReportCheckMode;
    // a newer run replaces an older one: its marks and sidebar go first
    g.__govReportCheck?.dispose();
    g.__govReportMarked = null;
    // the promise is the script's result: scripting.executeScript (inject.ts) resolves when it
    // settles, after the sidebar's script has run, so the popup can ask for the result then
    return markPage(document, send)
      .catch(() => null)
      .then((marked) => {
        g.__govReportMarked = marked;
        return send({ type: 'mount-sidebar' });
      })
      .then(
        () => undefined,
        () => undefined,
      );
  } catch {
    return undefined; // never throw into the page
  }
});

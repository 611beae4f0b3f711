import { addsTables, mayHoldReport } from '../src/extract/detect';

/**
 * Runs on every gov.cn page (listed in the manifest's content_scripts by wxt.config.ts), so it is
 * kept to the bone: no WXT content-script context and no webextension-polyfill (together ~3 ms
 * of start-up on every page, measured by scripts/bench-browser.ts); only the one extension API call
 * it needs, made when the page may hold a report. The checker it asks for is a full WXT entrypoint.
 */
type Runtime = { runtime?: { id?: string; sendMessage(m: unknown): Promise<unknown> | void } };

export default defineUnlistedScript(() => {
  try {
    const g = globalThis as unknown as { browser?: Runtime; chrome?: Runtime };
    const api = g.browser?.runtime?.id ? g.browser : g.chrome;
    const ask = (): void => {
      try {
        const p = api?.runtime?.sendMessage({ type: 'candidate' });
        if (p && typeof p.catch === 'function') p.catch(() => undefined);
      } catch {
        // extension reloaded or gone: nothing to do
      }
    };
    if (mayHoldReport(document)) return ask();
    // A report loaded late by the page's own scripts: look again when tables or iframes arrive.
    let timer = 0;
    const observer = new MutationObserver((records) => {
      if (timer || !addsTables(records)) return;
      timer = window.setTimeout(() => {
        timer = 0;
        if (mayHoldReport(document)) {
          observer.disconnect();
          ask();
        }
      }, 400);
    });
    observer.observe(document.documentElement, { childList: true, subtree: true });
    window.setTimeout(() => observer.disconnect(), 60_000);
  } catch {
    // never throw into the page
  }
});

import { addsTables, mayHoldReport, onAddedFramesLoad } from '../src/extract/detect';

/**
 * Runs on every gov.cn page (listed in the manifest's content_scripts by wxt.config.ts), so it is
 * kept to the bone: no WXT content-script context and no webextension-polyfill (together ~3 ms
 * of start-up on every page, measured by scripts/bench-browser.ts); only the one extension API call
 * it needs, made when the page may hold a report. The checker it asks for is a full WXT entrypoint.
 *
 * What each piece adds in the isolated world on a 2 MB page (Chromium 156, ScriptDuration, medians
 * over an empty content script): touching `document` ~0.2 ms, the XPath ~0.3–0.5 ms (one or two
 * document walks), the MutationObserver ~0.1 ms; ~1.0–1.3 ms in all (~2.0–2.8 ms before). The extension API (`chrome`/`browser`)
 * is looked up only when there is something to say: its first touch builds the bindings. WXT's
 * wrapper around an unlisted script (an IIFE, a try/catch, a no-op logger) costs nothing
 * measurable; `export default { main }` would build too and save only defineUnlistedScript's own
 * one-line call, so the WXT idiom stays.
 */
type Runtime = { runtime?: { id?: string; sendMessage(m: unknown): Promise<unknown> | void } };

/** How long the page may take to load its report by script (CMSs that fetch the article body). */
const WATCH_MS = 60_000;
/** Mutations come in bursts: look once the burst settles. */
const SETTLE_MS = 400;

/**
 * One function does the work at start-up (plus mayHoldReport): V8 compiles each function on its
 * first call, ~0.04 ms apiece in a fresh isolated world (measured in Chromium 156), so the watch below is
 * written inline rather than as a helper. The observer's callback and the recheck are compiled only
 * if the page mutates.
 */
export default defineUnlistedScript(() => {
  try {
    const candidate = mayHoldReport(document);
    // A report loaded late by the page's own scripts, or inside a frame that had not loaded yet:
    // look again when tables or iframes arrive (once the burst settles), and at the window's load
    // event if the page has frames and has not finished loading. Observing `document`, not
    // documentElement: its wrapper exists already, the <html> element's would be one more to
    // build. The observer stops itself at the first mutation after WATCH_MS (no timer to arm).
    // A page that may hold a report is asked about at once; when the background answers that it
    // held nothing to show (a 年报 column's listing page, say), the watch starts then.
    const until = Date.now() + WATCH_MS;
    let timer = 0;
    let done = candidate;
    // tables and iframes when the background was asked: any that came while it checked are looked at
    let seen = -1;
    const count = (): number => document.evaluate('count(//table|//iframe)', document, null, 1 /* NUMBER_TYPE */, null).numberValue;
    const onMutations = (records: MutationRecord[]): void => {
      try {
        if (Date.now() > until) {
          done = true;
          observer?.disconnect();
        } else if (addsTables(records)) {
          if (!timer) timer = window.setTimeout(recheck, SETTLE_MS);
          // a frame that is slow to fill is looked at again once it has loaded
          onAddedFramesLoad(records, later);
        }
      } catch {
        // never throw into the page
      }
    };
    // a frame that loaded while the background was checking is looked at when the watch resumes
    let pending = false;
    const later = (): void => {
      if (done) pending = true;
      else if (!timer) timer = window.setTimeout(recheck, SETTLE_MS);
    };
    // made when the watch starts: on a page that may hold a report, only if it held nothing
    let observer: MutationObserver | null = null;
    const watch = (): void => {
      done = false;
      (observer ??= new MutationObserver(onMutations)).observe(document, { childList: true, subtree: true });
      if (!timer && (pending || count() !== seen)) timer = window.setTimeout(recheck, SETTLE_MS);
      pending = false;
    };
    const recheck = (): void => {
      timer = 0;
      try {
        if (done || !mayHoldReport(document)) return;
        done = true;
        observer?.disconnect();
        seen = count();
        ask(watch);
      } catch {
        // never throw into the page
      }
    };
    if (candidate) {
      seen = count();
      return ask(watch);
    }
    observer = new MutationObserver(onMutations);
    observer.observe(document, { childList: true, subtree: true });
    if (window.length > 0 && document.readyState !== 'complete') window.addEventListener('load', recheck, { once: true });
  } catch {
    // never throw into the page
  }
});

/**
 * Tells the background that this page may hold a report; it injects the checker and answers when
 * the run is over: `{ watch: true }` (src/wire.ts CandidateReply) when the page held nothing to
 * show, and then `onNothing` starts the watch for a report loaded later.
 */
function ask(onNothing: () => void): void {
  try {
    const g = globalThis as unknown as { browser?: Runtime; chrome?: Runtime };
    const api = g.browser?.runtime?.id ? g.browser : g.chrome;
    const p = api?.runtime?.sendMessage({ type: 'candidate' });
    if (p && typeof p.then === 'function') {
      p.then(
        (reply) => {
          if (typeof reply === 'object' && reply !== null && (reply as { watch?: unknown }).watch === true) onNothing();
        },
        () => undefined,
      );
    }
  } catch {
    // extension reloaded or gone: nothing to do
  }
}

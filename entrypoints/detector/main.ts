import { addsTables, documentSaysReport, framesSayReport, mayHoldReport, onAddedFramesLoad } from '../../src/extract/detect';
import { extensionApi } from '../../src/page/extension-api';

/**
 * The detector: runs on every gov.cn page (listed in the manifest's content_scripts by
 * wxt.config.ts), so it is kept to the bone: no WXT content-script context and no
 * webextension-polyfill (together ~3 ms of start-up on every page, measured by
 * scripts/bench/page-script-time.ts); only the one extension API call it needs, made when the page may hold
 * a report. The checker it asks for is a full WXT entrypoint.
 *
 * Not a WXT entrypoint (WXT's scan of entrypoints/ takes only `index` files from a folder): the
 * hook in wxt.config.ts bundles this file with esbuild into `detector.js`, a plain IIFE. WXT's
 * unlisted-script wrapper (defineUnlistedScript, a logger, a crash report around main) cost
 * ~0.15 ms of main-thread time on every gov.cn page, compiled and run in a fresh isolated world
 * (Chromium 156, /big-news.html, hand-made variants against a no-op content script, 21 loads each
 * in rotation, thread time from traces). So this module runs its start-up at the top, inside one
 * try/catch (and each callback in its own): it never throws into the page.
 *
 * What each piece adds in the isolated world on a 2 MB page (Chromium 156, over a content script
 * that reads document.title): the XPath ~0.5 ms (its interface built, the expression parsed, one
 * document walk), the MutationObserver ~0.1 ms, compiling this file ~0.15 ms. The extension API
 * (`chrome`/`browser`) is looked up only when there is something to say: its first touch builds
 * the bindings.
 */
type Runtime = { runtime?: { id?: string; sendMessage(m: unknown): Promise<unknown> | void } };

/** How long the page may take to load its report by script (CMSs that fetch the article body). */
const WATCH_MS = 60_000;
/** Mutations come in bursts: look once the burst settles. */
const SETTLE_MS = 400;

/**
 * The start-up path is `start` plus documentSaysReport: V8 compiles each function on its
 * first call, ~0.04 ms apiece in a fresh isolated world (measured in Chromium 156), so the watch
 * below is written inline rather than as a helper. The frames are looked into only when the window
 * has some (window.length, read once); the observer's callback and the recheck are compiled only if
 * the page mutates.
 *
 * Run at document_start (wxt.config.ts, and the extra sites' registration in src/background/sites.ts),
 * so that the extension's isolated world, and its `chrome` / `browser` globals, are made before the
 * page has any markup: made later, a page element named `chrome` or `browser` (a hidden
 * `<form id="chrome">`) is what Chromium finds under that name and installs the API on, or next to
 * (src/page/extension-api.ts; issue 16). The look at the page waits for DOMContentLoaded, as it did
 * at document_idle.
 */
const start = (): void => {
  try {
    const framed = window.length > 0;
    const candidate = documentSaysReport(document) || (framed && framesSayReport(window));
    // A report loaded late by the page's own scripts, or inside a frame that had not loaded yet:
    // look again when tables or iframes arrive (once the burst settles), when an iframe that came
    // late has loaded, and at the window's load event if the page has frames and has not finished
    // loading. Observing `document`, not documentElement: its wrapper exists already, the <html>
    // element's would be one more to build. The observer stops itself at the first mutation after
    // WATCH_MS (no timer to arm). A page that may hold a report is asked about at once; while the
    // background checks it, what arrives waits for the answer: when the page held nothing to show
    // (a 年报 column's listing page, say), the watch goes on and looks at it; when a report was
    // shown, the sidebar watches from then on and this observer stops.
    const until = Date.now() + WATCH_MS;
    let timer = 0;
    let asking = false;
    let pending = false;
    let finished = false;
    const look = (): void => {
      if (finished) return;
      if (asking) pending = true;
      else if (!timer) timer = window.setTimeout(recheck, SETTLE_MS);
    };
    const answered = (watchOn: boolean): void => {
      asking = false;
      if (!watchOn) {
        finished = true;
        observer.disconnect();
      } else if (pending) {
        pending = false;
        look();
      }
    };
    const recheck = (): void => {
      timer = 0;
      try {
        if (finished || asking || !mayHoldReport(document)) return;
        asking = true;
        ask(answered);
      } catch {
        // never throw into the page
      }
    };
    const observer = new MutationObserver((records) => {
      try {
        if (Date.now() > until) {
          finished = true;
          observer.disconnect();
        } else if (addsTables(records)) {
          look();
          onAddedFramesLoad(records, look);
        }
      } catch {
        // never throw into the page
      }
    });
    observer.observe(document, { childList: true, subtree: true });
    if (candidate) {
      asking = true;
      ask(answered);
    } else if (framed && document.readyState !== 'complete') window.addEventListener('load', recheck, { once: true });
  } catch {
    // never throw into the page
  }
};
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();

/**
 * Tells the background that this page may hold a report; it injects the checker and answers when
 * the run is over: `{ watch: true }` (src/messaging/wire.ts CandidateReply) when the page held nothing to
 * show. `answered` hears whether to watch on (no answer, or a broken one: no).
 */
function ask(answered: (watchOn: boolean) => void): void {
  try {
    // never `browser ?? chrome` by name: a page's <form id="browser"> answers to it (src/page/extension-api.ts)
    const p = extensionApi<Runtime>()?.runtime?.sendMessage({ type: 'candidate' });
    if (p && typeof p.then === 'function') {
      p.then(
        (reply) => answered(typeof reply === 'object' && reply !== null && (reply as { watch?: unknown }).watch === true),
        () => answered(false),
      );
    } else answered(false);
  } catch {
    // extension reloaded or gone: nothing more to do
    answered(false);
  }
}

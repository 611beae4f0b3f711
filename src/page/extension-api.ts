/**
 * The extension API object of a content script's world, taken so that the page cannot shadow it
 * (issue 16). Named access puts a page's elements into the content script's global scope too:
 * `<form id="browser"><input name="runtime" id="x"></form>` makes `browser` the form and
 * `browser.runtime.id` the string "x" there, and `<iframe name="chrome">` makes `chrome` a window.
 * So a name is never trusted because something answers to it:
 *
 * 1. the browser's own binding is an own property of the global (named access only ever comes from
 *    the prototype chain): `browser` first (Firefox; Chromium has it too), then `chrome`;
 * 2. only when neither is an own property (the page's markup was there before the extension's
 *    world was made, and Chromium then installs the API on whatever the name already held), the
 *    names as they resolve;
 *
 * and in both, only an object whose `runtime.id` is a string and whose `runtime.sendMessage` is a
 * function: no DOM object has a `sendMessage` method, and a page cannot make one in this world.
 * Reading `runtime` builds the bindings (a few ms in Chromium): call this when there is something
 * to say, not at start-up. Dependency-free and small: the detector bundles it.
 *
 * The detector runs at document_start so that on gov.cn pages (and the user's extra sites) the
 * world, with `chrome` and `browser` as own properties, exists before the page's markup. Where no
 * detector runs (another site, checked from the toolbar) the world is made when the checker is
 * injected; a page that shadows both names then leaves no API to find. The check does not need one
 * there: the background reads the page and marks it through scripting.executeScript's results and
 * args (src/background/inject.ts), and leaves the sidebar a stand-in that shows the result
 * (src/page/offline-api.ts; decisions cannot be sent from such a page).
 */
export function extensionApi<T>(): T | undefined {
  const g = globalThis as unknown as Record<string, unknown>;
  for (let pass = 0; pass < 2; pass++) {
    for (const name of ['browser', 'chrome']) {
      let value: unknown;
      try {
        if (pass === 0) {
          const d = Object.getOwnPropertyDescriptor(g, name);
          value = d === undefined ? undefined : 'value' in d ? d.value : d.get?.call(g);
        } else value = g[name];
        if (isApi(value)) return value as T;
      } catch {
        // a getter that throws, a cross-origin window: not the API
      }
    }
  }
  return undefined;
}

function isApi(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const runtime = (value as { runtime?: unknown }).runtime;
  if (typeof runtime !== 'object' || runtime === null) return false;
  const r = runtime as { id?: unknown; sendMessage?: unknown };
  return typeof r.id === 'string' && r.id !== '' && typeof r.sendMessage === 'function';
}

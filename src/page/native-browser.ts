import type { browser as PolyfilledBrowser } from 'wxt/browser';
import { extensionApi } from './extension-api';
import { offlineApi, offlineBox } from './offline-api';

/**
 * The extension API object for the in-page sidebar: the browser's own (`browser` in Firefox and
 * in Chrome versions that have it, else `chrome`), without webextension-polyfill. wxt.config.ts
 * aliases `wxt/browser` to this module in the sidebar's build only; the background and the
 * extension pages keep the polyfill.
 *
 * Why: the polyfill is CommonJS, and the bundle's import of it copies every property of the
 * object it exports, which in a browser with a native `browser` is that object: reading each
 * property's descriptor makes Chromium build every API namespace (app, bookmarks, tabs, …) in the
 * page's renderer, several ms of main-thread time on each report page (CPU profile, Chromium 156).
 * Every API the sidebar calls (runtime.sendMessage, runtime.onMessage with sendResponse,
 * storage.local.set, i18n.getUILanguage, runtime.getManifest) behaves the same natively in MV3:
 * promises in Chrome and Firefox alike.
 */
type Api = typeof PolyfilledBrowser;

/**
 * Taken from the real extension global only (src/page/extension-api.ts): a page's `<form id="browser">`
 * must not become the sidebar's API. WXT's own content-script helpers import `wxt/browser` too,
 * so they get this object as well. When no genuine API is found: in a page whose markup shadows
 * both names, the stand-in the background left for it (offline-api.ts: the result is shown,
 * nothing is sent); otherwise (the extension was reloaded) an empty object: every call throws,
 * and every call is caught.
 */
export const browser: Api = extensionApi<Api>() ?? standIn();

function standIn(): Api {
  const box = offlineBox();
  return (box ? offlineApi(box) : {}) as unknown as Api;
}

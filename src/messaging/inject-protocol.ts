/**
 * What the background and the in-page scripts hand each other through scripting.executeScript
 * (src/background/inject.ts): results and args, never runtime messages, so the check works in a page
 * whose markup shadows `browser` and `chrome` in the extension's world (issue 16). Names and types
 * only: the first in-page script bundles this, and the background validates what comes back with
 * the schemas in inject.ts.
 */

/** The own property of the extension world's global where the first script leaves its `PageChecker`. */
export const CHECKER_KEY = '__govReportChecker';

/** The own property where the background leaves what the sidebar needs when the page has no extension API (offline-api.ts). */
export const OFFLINE_KEY = '__govReportOffline';

/** The first script's second half: mark the page from the background's reply (to-page.ts CheckReplyWire, or null for none). */
export interface PageChecker {
  mark(reply: unknown, mode: unknown): MarkOutcome;
}

/** What marking came to: whether to show the sidebar, and whether the page side has the extension's API. */
export interface MarkOutcome {
  show: boolean;
  api: boolean;
}

/**
 * What the background leaves in a page with no extension API for the sidebar: the extension's id,
 * URL base and version (what WXT's helpers and the audit record read), the result the sidebar
 * will ask for by its id (JSON text, as the background would send it), and the user's language.
 */
export interface OfflineBox {
  id: string;
  base: string;
  version: string;
  lang: string;
  results: Record<string, string>;
}

import * as z from 'zod/mini';
import { browser } from 'wxt/browser';
import { wireReply } from '../messaging/to-page';
import { PageSnapshotSchema, type CheckPageRequest } from '../messaging/to-background';
import type { PageReply } from './page-check';
import { CHECKER_KEY, OFFLINE_KEY, type OfflineBox } from '../messaging/inject-protocol';

/** The first script injected: reads the page, then marks it when called again (entrypoints/checker.ts). */
export const CHECKER = '/checker.js';
/** Injected once the marks are in the page: the sidebar and everything after (entrypoints/sidebar.content.tsx). */
export const SIDEBAR = '/content-scripts/sidebar.js';

export type RunMode = 'auto' | 'manual';

/** The first script's result: the page to check, or its size when it is over the limit. Validated here: it is the page's HTML. */
const PageReadSchema = z.union([
  z.object({ url: z.string(), request: z.object({ type: z.literal('check-page'), url: z.string(), page: PageSnapshotSchema }) }),
  z.object({ url: z.string(), tooLarge: z.number() }),
]);

const MarkOutcomeSchema = z.object({ show: z.boolean(), api: z.boolean() });

/** How a run ended: 'shown' when the sidebar came up, 'none' when there was nothing to show, false when the page may not be scripted. */
export interface CheckRun {
  outcome: 'shown' | 'none' | false;
  /** the background's reply, when the page was checked */
  reply: PageReply | null;
}

/**
 * The engine's side, given by the background: check the page's HTML (page-check.ts checkPage),
 * knowing which document it came from (Chromium names it; for the badge).
 */
export type CheckInBackground = (req: CheckPageRequest, documentId: string | undefined) => Promise<PageReply | null>;

/**
 * Check a tab's page, automatically (gov.cn, host permission) or on demand (activeTab: toolbar,
 * shortcut, context menu, popup). Runs in the background, and nothing in it needs the extension's
 * API inside the page (issue 16: a page that shadows both `browser` and `chrome` where no detector
 * ran at document_start has none):
 *
 * 1. the first script reads the page; its HTML comes back as that script's result;
 * 2. the background checks it (`check`);
 * 3. the plan goes back as the args of a call to the first script's `mark`, which marks the page
 *    and says whether to show the sidebar and whether the page side has the API;
 * 4. without an API there, the result the sidebar will ask for is left in the page (offline-api.ts);
 * 5. the sidebar's script.
 *
 * Every call after the first targets the document that was read (Chromium): a page left in
 * between is not marked with another page's findings. Resolves when the sidebar's script has run.
 */
export async function injectChecker(tabId: number, mode: RunMode, check: CheckInBackground): Promise<CheckRun> {
  let reply: PageReply | null = null;
  try {
    const [first] = await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [CHECKER] });
    const read = PageReadSchema.safeParse(first?.result);
    if (!read.success) return { outcome: false, reply: null }; // the script did not run (or ran in a page it could not read)
    const documentId = typeof first?.documentId === 'string' ? first.documentId : undefined;
    const target = documentId ? { tabId, documentIds: [documentId] } : { tabId, frameIds: [0] };
    const page = read.data;
    if ('request' in page) reply = await check(page.request, documentId);
    const wire = reply ? wireReply(reply.head) : null;
    const [marked] = await browser.scripting.executeScript({
      target,
      func: (key: string, wireReply: unknown, runMode: string) => {
        // the first script's checker, as an own property only (a page element named like it is not)
        const d = Object.getOwnPropertyDescriptor(globalThis, key);
        const checker: unknown = d && 'value' in d ? d.value : undefined;
        const mark = typeof checker === 'object' && checker !== null ? (checker as { mark?: unknown }).mark : undefined;
        return typeof mark === 'function' ? (mark as (r: unknown, m: string) => unknown).call(checker, wireReply, runMode) : null;
      },
      args: [CHECKER_KEY, wire, mode],
    });
    const outcome = MarkOutcomeSchema.safeParse(marked?.result);
    if (!outcome.success || !outcome.data.show) return { outcome: 'none', reply };
    if (!outcome.data.api && reply?.result && reply.head.ok) {
      const box: OfflineBox = {
        id: browser.runtime.id,
        base: browser.runtime.getURL('/'),
        version: browser.runtime.getManifest().version,
        lang: browser.i18n.getUILanguage(),
        results: { [reply.head.resultId]: JSON.stringify(reply.result) },
      };
      await browser.scripting.executeScript({
        target,
        func: (key: string, value: unknown) => {
          Object.defineProperty(globalThis, key, { value, configurable: true, writable: true, enumerable: false });
        },
        args: [OFFLINE_KEY, box],
      });
    }
    await browser.scripting.executeScript({ target, files: [SIDEBAR] });
    return { outcome: 'shown', reply };
  } catch {
    // a page we may not script (chrome://, the web store), or one left during the run
    return { outcome: false, reply };
  }
}

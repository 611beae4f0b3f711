import { browser } from 'wxt/browser';

/** The first script injected: reads the page, has it checked, marks it (entrypoints/checker.ts). */
export const CHECKER = '/checker.js';
/** Injected once the marks are in the page: the sidebar and everything after (entrypoints/sidebar.content.tsx). */
export const SIDEBAR = '/content-scripts/sidebar.js';

/**
 * Inject the checker into a tab: automatically (gov.cn, host permission) or on demand (activeTab:
 * toolbar, shortcut, context menu, popup). The mode tells it whether to speak on a page that holds
 * no report. Shared by the background and the popup. Resolves when the run is over: 'shown' when
 * the sidebar came up, 'none' when an automatic run found nothing to show, false when the page
 * may not be scripted.
 */
export async function injectChecker(tabId: number, mode: 'auto' | 'manual'): Promise<'shown' | 'none' | false> {
  try {
    // the checker takes (and removes) this note; without one it runs as 'auto', so the automatic
    // run on a gov.cn page costs the page one injection, not two
    if (mode === 'manual') {
      await browser.scripting.executeScript({
        target: { tabId },
        func: () => {
          (globalThis as typeof globalThis & { __govReportCheckMode?: string }).__govReportCheckMode = 'manual';
        },
      });
    }
    // the checker's result is its run's outcome (entrypoints/checker.ts): it resolves once the sidebar ran
    const [first] = await browser.scripting.executeScript({ target: { tabId }, files: [CHECKER] });
    return first?.result === 'shown' ? 'shown' : 'none';
  } catch {
    return false; // a page we may not script (chrome://, the web store): nothing to do
  }
}

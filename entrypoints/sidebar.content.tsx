import '../src/model/zod-config';
import { GOV_CN_MATCHES } from '../src/page/matches';
import { Checker, type Mode } from '../src/ui/sidebar/in-page';
import type { MarkedPage } from '../src/page/mark-page';

type Global = typeof globalThis & { __govReportCheck?: Checker; __govReportRunMode?: Mode; __govReportMarked?: MarkedPage | null };

// Injected by the background (scripting.executeScript) once the first script (entrypoints/checker.ts)
// has marked the page; not listed in the manifest's content_scripts. It takes over what that script
// left in `__govReportMarked`: reads the result, shows the sidebar, answers the popup, watches the
// page. A second injection replaces the first. Its match pattern is what gives the extension its
// gov.cn host permission.
export default defineContentScript({
  matches: GOV_CN_MATCHES,
  registration: 'runtime',
  cssInjectionMode: 'manual',
  // WXT would also window.postMessage a "script started" note: that reaches the page's own message
  // listeners (some gov.cn pages act on any message) and costs ms on the page's thread. The
  // document event WXT dispatches as well is enough to replace an older instance.
  noScriptStartedPostMessage: true,
  main(ctx) {
    try {
      const g = globalThis as Global;
      const mode: Mode = g.__govReportRunMode === 'manual' ? 'manual' : 'auto';
      const marked = g.__govReportMarked ?? null;
      g.__govReportMarked = null;
      g.__govReportCheck?.dispose();
      const checker = new Checker(ctx);
      g.__govReportCheck = checker;
      // the script's result: the background's mount-sidebar reply waits for it (see entrypoints/checker.ts)
      return checker.adopt(marked, mode).catch(() => undefined);
    } catch {
      return undefined; // never throw into the page
    }
  },
});

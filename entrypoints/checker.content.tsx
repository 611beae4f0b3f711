import { GOV_CN_MATCHES } from '../src/matches';
import { Checker, type Mode } from '../src/present/checker';

type Global = typeof globalThis & { __govReportCheck?: Checker; __govReportCheckMode?: Mode };

// Injected by the background (scripting.executeScript) when the detector or the user asks; not
// listed in the manifest's content_scripts. A second injection replaces the first.
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
      const mode: Mode = g.__govReportCheckMode === 'manual' ? 'manual' : 'auto';
      g.__govReportCheck?.dispose();
      const checker = new Checker(ctx);
      g.__govReportCheck = checker;
      void checker.run(mode).catch(() => undefined);
    } catch {
      // never throw into the page
    }
  },
});

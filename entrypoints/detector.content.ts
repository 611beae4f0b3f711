import { browser } from 'wxt/browser';
import { GOV_CN_MATCHES } from '../src/matches';
import { mayHoldReport } from '../src/extract/detect';
import { watchForReport } from '../src/present/watch';

// Runs on every gov.cn page: a cheap look, and the checker is injected only when it may be a report.
export default defineContentScript({
  matches: GOV_CN_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    try {
      const ask = (): void => {
        void browser.runtime.sendMessage({ type: 'candidate' }).catch(() => undefined);
      };
      if (mayHoldReport(document)) ask();
      else watchForReport(ctx, document, () => mayHoldReport(document), ask);
    } catch {
      // never throw into the page
    }
  },
});

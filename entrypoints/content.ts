import { GOV_CN_MATCHES } from '../src/matches';

// Minimal content script for now: it only decides, cheaply, whether the page may hold a report.
// The full checker and sidebar are loaded on demand (see the extension issue).
export default defineContentScript({
  matches: GOV_CN_MATCHES,
  runAt: 'document_idle',
  main() {
    try {
      const text = document.title + ' ' + (document.body?.textContent?.slice(0, 20000) ?? '');
      if (/政府信息公开.{0,12}年度报告|政府信息公開.{0,12}年度報告/.test(text)) {
        document.documentElement.dataset.govReportCandidate = '1';
      }
    } catch {
      // never throw into the page
    }
  },
});

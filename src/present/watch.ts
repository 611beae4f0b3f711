import type { ContentScriptContext } from 'wxt/utils/content-script-context';

const DEBOUNCE_MS = 400;
const GIVE_UP_MS = 60_000;

/**
 * Reports loaded late by the page's own scripts: watch the page, debounced, and look again with
 * the same cheap test; stop at the first hit, after a minute, or when the extension goes away.
 * Our own sidebar host (<gov-report-check>) and marks never count as page changes.
 */
export function watchForReport(ctx: ContentScriptContext, doc: Document, test: () => boolean, onFound: () => void): void {
  const root = doc.body ?? doc.documentElement;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const observer = new MutationObserver((records) => {
    if (records.every(isOurs)) return;
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      try {
        if (test()) {
          stop();
          onFound();
        }
      } catch {
        stop();
      }
    }, DEBOUNCE_MS);
  });
  const stop = (): void => {
    observer.disconnect();
    if (timer !== undefined) clearTimeout(timer);
    clearTimeout(giveUp);
  };
  const giveUp = setTimeout(stop, GIVE_UP_MS);
  observer.observe(root, { childList: true, subtree: true });
  ctx.onInvalidated(stop);
}

function isOurs(r: MutationRecord): boolean {
  const nodes = [...Array.from(r.addedNodes), ...Array.from(r.removedNodes)];
  return nodes.length > 0 && nodes.every((n) => n.nodeName === 'GOV-REPORT-CHECK' || (n.nodeName === 'STYLE' && (n as Element).id === 'gov-report-check-marks'));
}

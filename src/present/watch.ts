import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/**
 * Watch the page for changes made by its own scripts (reports loaded late), debounced; our own
 * sidebar host (<gov-report-check>) and mark stylesheet never count. `onChange` returns true to
 * stop watching. Watching ends after `giveUpMs` or when the extension goes away.
 */
export function watchPage(
  ctx: ContentScriptContext,
  doc: Document,
  onChange: () => boolean,
  opts: { debounceMs?: number; giveUpMs?: number } = {},
): () => void {
  const root = doc.body ?? doc.documentElement;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const later = (): void => {
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      try {
        if (onChange()) stop();
      } catch {
        stop();
      }
    }, opts.debounceMs ?? 400);
  };
  const observer = new MutationObserver((records) => {
    if (!records.every(isOurs)) later();
  });
  // a frame that finished loading after the check (its report was not there yet): load events do
  // not bubble, but pass the document in the capture phase
  const onLoad = (e: Event): void => {
    if ((e.target as Node | null)?.nodeName === 'IFRAME') later();
  };
  const giveUp = setTimeout(() => stop(), opts.giveUpMs ?? 60_000);
  const stop = (): void => {
    observer.disconnect();
    doc.removeEventListener('load', onLoad, true);
    if (timer !== undefined) clearTimeout(timer);
    clearTimeout(giveUp);
  };
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  doc.addEventListener('load', onLoad, true);
  ctx.onInvalidated(stop);
  return stop;
}

function isOurs(r: MutationRecord): boolean {
  const target = r.target as Node;
  if (target.nodeName === 'GOV-REPORT-CHECK') return true;
  if (r.type === 'attributes') return true;
  const nodes = [...Array.from(r.addedNodes), ...Array.from(r.removedNodes)];
  return nodes.length > 0 && nodes.every((n) => n.nodeName === 'GOV-REPORT-CHECK' || (n.nodeName === 'STYLE' && (n as Element).id === 'gov-report-check-marks'));
}

/**
 * A fingerprint of the page's tables, same-origin frames included: changes when rows or cells come
 * or go or a cell's text changes.
 */
export function tableSignature(doc: Document, depth = 0): string {
  const cells = doc.getElementsByTagName('td');
  let h = 0x811c9dc5;
  for (let i = 0; i < cells.length; i++) {
    const t = cells[i]?.textContent ?? '';
    for (let k = 0; k < t.length; k++) h = Math.imul(h ^ t.charCodeAt(k), 0x01000193);
    h = Math.imul(h ^ 0x7c, 0x01000193);
  }
  let frames = '';
  const win = depth < 2 ? doc.defaultView : null;
  for (let i = 0; win && i < Math.min(win.frames.length, 8); i++) {
    try {
      const inner = win.frames[i]?.document;
      if (inner) frames += `|${tableSignature(inner, depth + 1)}`;
    } catch {
      // cross-origin: not ours to read
    }
  }
  return `${doc.getElementsByTagName('table').length}:${cells.length}:${doc.getElementsByTagName('img').length}:${(h >>> 0).toString(16)}${frames}`;
}

import { sameOriginDocument } from '../extract/dom-index';
import type { SourceRef } from '../extract/types';

/**
 * Watching the page for changes made by its own scripts (a report loaded late, a table rewritten
 * after the check), so that the page is checked again.
 *
 * One watcher per page: a re-check injects the sidebar's script again, and each instance used to
 * start its own observer with a fresh give-up timer, so a page that kept changing (a clock in a
 * `<td>`) was re-checked every second for as long as it was open (issue 16, item 5). The watcher
 * now lives on the extension's isolated world of the page (its global), outlives the instances
 * of the sidebar's script, and each new instance only hands it the function to call. Its limits
 * hold for the page, not per instance:
 *  - a burst of mutations is one call, `debounceMs` after it settles;
 *  - calls that start a re-check are at least `minGapMs` apart and at most `maxRuns` per page;
 *  - it gives up `giveUpMs` after the page's first check, whatever was re-checked meanwhile.
 * Our own sidebar host (<gov-report-check>), mark attributes and mark stylesheet never count.
 */
export interface WatchLimits {
  debounceMs: number;
  minGapMs: number;
  maxRuns: number;
  giveUpMs: number;
}

export const WATCH_LIMITS: WatchLimits = { debounceMs: 500, minGapMs: 5_000, maxRuns: 5, giveUpMs: 60_000 };

/** Called once a burst of the page's mutations has settled; returns true when it started a re-check. */
export type OnChange = () => boolean;

export interface PageWatch {
  /** this instance's function, replacing the one before; the returned function takes it off again (if still the one) */
  attach(onChange: OnChange): () => void;
  /** re-checks started so far on this page */
  readonly runs: number;
  readonly stopped: boolean;
  stop(): void;
}

const KEY = '__govReportWatch';
type Host = Record<string, unknown>;

/**
 * The page's watcher, made on the first call and the same one after (on `host`, the isolated
 * world's global by default). `alive` says whether the extension is still there (an extension
 * reloaded meanwhile leaves its scripts behind: then the watcher stops).
 */
export function pageWatch(
  doc: Document,
  opts: { limits?: Partial<WatchLimits>; host?: object; alive?: () => boolean; now?: () => number } = {},
): PageWatch {
  const host = (opts.host ?? globalThis) as Host;
  // once stopped (given up, or capped) it stays so for the page: a later instance does not start another
  const known = host[KEY] as (PageWatch & { doc?: Document }) | undefined;
  if (known && known.doc === doc) return known;
  const limits: WatchLimits = { ...WATCH_LIMITS, ...opts.limits };
  const now = opts.now ?? (() => Date.now());
  const alive = opts.alive ?? (() => true);
  const deadline = now() + limits.giveUpMs;
  let onChange: OnChange | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let runs = 0;
  let lastRun = -Infinity;
  let stopped = false;

  const fire = (): void => {
    timer = undefined;
    if (stopped) return;
    const t = now();
    if (t >= deadline || runs >= limits.maxRuns || !alive()) {
      stop();
      return;
    }
    // too soon after the last re-check: look again once the gap has passed
    if (t - lastRun < limits.minGapMs) {
      timer = setTimeout(fire, lastRun + limits.minGapMs - t);
      return;
    }
    try {
      if (onChange?.()) {
        runs += 1;
        lastRun = t;
        if (runs >= limits.maxRuns) stop();
      }
    } catch {
      stop();
    }
  };
  const later = (): void => {
    if (timer === undefined && !stopped) timer = setTimeout(fire, limits.debounceMs);
  };
  const observer = new MutationObserver((records) => {
    if (!records.every(isOurs)) later();
  });
  // a frame that finished loading after the check (its report was not there yet): load events do
  // not bubble, but pass the document in the capture phase
  const onLoad = (e: Event): void => {
    if ((e.target as Node | null)?.nodeName === 'IFRAME') later();
  };
  const giveUp = setTimeout(() => stop(), limits.giveUpMs);
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    observer.disconnect();
    doc.removeEventListener('load', onLoad, true);
    if (timer !== undefined) clearTimeout(timer);
    clearTimeout(giveUp);
    onChange = null;
  };
  const watch: PageWatch & { doc: Document } = {
    doc,
    attach(f) {
      if (!stopped) onChange = f;
      return () => {
        if (onChange === f) onChange = null;
      };
    },
    get runs() {
      return runs;
    },
    get stopped() {
      return stopped;
    },
    stop,
  };
  observer.observe(doc.body ?? doc.documentElement, { childList: true, subtree: true, characterData: true });
  doc.addEventListener('load', onLoad, true);
  host[KEY] = watch;
  return watch;
}

function isOurs(r: MutationRecord): boolean {
  const target = r.target as Node;
  if (target.nodeName === 'GOV-REPORT-CHECK') return true;
  if (r.type === 'attributes') return true;
  const nodes = [...Array.from(r.addedNodes), ...Array.from(r.removedNodes)];
  return nodes.length > 0 && nodes.every((n) => n.nodeName === 'GOV-REPORT-CHECK' || (n.nodeName === 'STYLE' && (n as Element).id === 'gov-report-check-marks'));
}

/**
 * The page's tables that hold the report, found from the cells of a result (their source
 * references: frame path and table index, as extraction counts them). Empty when the result has
 * no cell on the page.
 */
export function reportTables(doc: Document, refs: Iterable<SourceRef | null>): Element[] {
  const out = new Set<Element>();
  const seen = new Set<string>();
  for (const src of refs) {
    if (!src || src.kind !== 'html' || src.table < 0) continue;
    const key = `${(src.frame ?? []).join('.')}:${src.table}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let d: Document | null = doc;
    for (const i of src.frame ?? []) {
      const iframe: Element | undefined = d?.getElementsByTagName('iframe')[i];
      d = iframe ? sameOriginDocument(iframe) : null;
    }
    const table = d?.getElementsByTagName('table')[src.table];
    if (table) out.add(table);
  }
  return [...out];
}

/**
 * A fingerprint of what a re-check would read differently: how many tables and pictures the page
 * and its same-origin frames hold (a report added late, a table taken away) and the text of the
 * report's own tables. Text changing in any other table (a clock, a visitor counter, a weather
 * box in the layout) leaves it as it is. Before a report was found (`report` empty), the text of
 * every cell counts, as a report may be filled into tables already there.
 */
export function tableSignature(doc: Document, report: readonly Element[] = [], depth = 0): string {
  let h = 0x811c9dc5;
  const add = (t: string): void => {
    for (let k = 0; k < t.length; k++) h = Math.imul(h ^ t.charCodeAt(k), 0x01000193);
    h = Math.imul(h ^ 0x7c, 0x01000193);
  };
  if (depth === 0 && report.length > 0) {
    for (const table of report) add(table.isConnected ? (table.textContent ?? '') : '\u0000gone');
  } else if (report.length === 0) {
    const cells = doc.getElementsByTagName('td');
    for (let i = 0; i < cells.length; i++) add(cells[i]?.textContent ?? '');
  }
  let frames = '';
  const win = depth < 2 ? doc.defaultView : null;
  for (let i = 0; win && i < Math.min(win.frames.length, 8); i++) {
    try {
      const inner = win.frames[i]?.document;
      if (inner) frames += `|${tableSignature(inner, report, depth + 1)}`;
    } catch {
      // cross-origin: not ours to read
    }
  }
  return `${doc.getElementsByTagName('table').length}:${doc.getElementsByTagName('img').length}:${(h >>> 0).toString(16)}${frames}`;
}

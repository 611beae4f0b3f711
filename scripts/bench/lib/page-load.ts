/** One page load in a setup: its main-thread script time (ScriptDuration) and, probed, when the marks and the sidebar came. */
import type { TestServer } from '../../../test/e2e/harness';
import { GOTO_TIMEOUT_MS, HOST, MARKS_TIMEOUT_MS, POLL_MS, type PagePath, QUIET_MS, SETTLE_MAX_MS, type Setup } from './chromium';
import { BenchError, sleep } from './format';
import type { CDPSession, Page } from 'playwright-core';

export interface MarkTimes {
  mark: number | null;
  panel: number | null;
  dcl: number;
  load: number;
}

export interface Load {
  scriptMs: number;
  /** false when ScriptDuration was still changing after SETTLE_MAX_MS */
  settled: boolean;
  /** [data-grc] elements once settled (read after ScriptDuration, so it does not count) */
  marks: number;
  /** extension isolated worlds seen (only on warm-up loads) */
  extensionWorlds: string[];
  times: MarkTimes | null;
}

/**
 * Runs in the page before its own scripts (page world). Records performance.now() (ms since
 * navigation start) when a data-grc attribute first appears and when our sidebar's open shadow
 * root first holds a .panel, and marks both moments in a trace with console.timeStamp
 * ('grc-first-mark', 'grc-panel'; also a Performance.metrics event while Performance is enabled);
 * MutationObserver callbacks run at the microtask checkpoint after the change. Its own time is the
 * page's, never ours: in a trace its callbacks are main-world v8.callFunction (no worldId) +
 * FunctionCall with no URL. Plain JavaScript in a string: tsx would add helpers (__name) to a
 * serialised function.
 */
export const MARK_PROBE = `(() => {
  const rec = { mark: null, panel: null };
  window.__grcBench = rec;
  const seen = new WeakSet();
  const inShadow = new MutationObserver((records) => {
    for (const r of records) {
      const root = r.target.getRootNode();
      if (rec.panel === null && root instanceof ShadowRoot && root.querySelector('.panel')) {
        rec.panel = performance.now();
        console.timeStamp('grc-panel');
        inShadow.disconnect();
        return;
      }
    }
  });
  const lookAtHost = (host) => {
    const root = host.shadowRoot;
    if (!root || seen.has(root) || rec.panel !== null) return;
    seen.add(root);
    if (root.querySelector('.panel')) {
      rec.panel = performance.now();
      console.timeStamp('grc-panel');
    }
    else inShadow.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] });
  };
  const inPage = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') {
        if (rec.mark === null && r.attributeName === 'data-grc') {
          rec.mark = performance.now();
          console.timeStamp('grc-first-mark');
        }
      } else {
        for (const n of r.addedNodes) if (n.nodeName === 'GOV-REPORT-CHECK') lookAtHost(n);
      }
    }
    if (rec.mark !== null && rec.panel !== null) inPage.disconnect();
  });
  inPage.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-grc'] });
})();`;

export async function scriptDuration(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = metrics.find((x) => x.name === 'ScriptDuration');
  if (!m) throw new BenchError('Performance.getMetrics gave no ScriptDuration');
  return m.value * 1000;
}

/** After `load`: wait until ScriptDuration has not changed for QUIET_MS, or SETTLE_MAX_MS. */
export async function settle(cdp: CDPSession): Promise<{ value: number; settled: boolean }> {
  const start = Date.now();
  let last = await scriptDuration(cdp);
  let lastChange = start;
  for (;;) {
    await sleep(POLL_MS);
    const now = Date.now();
    const v = await scriptDuration(cdp);
    if (v !== last) {
      last = v;
      lastChange = now;
    }
    if (now - lastChange >= QUIET_MS) return { value: last, settled: true };
    if (now - start >= SETTLE_MAX_MS) return { value: last, settled: false };
  }
}

export async function readTimes(page: Page): Promise<MarkTimes> {
  return page.evaluate(() => {
    const probe = (window as Window & { __grcBench?: { mark: number | null; panel: number | null } }).__grcBench;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return {
      mark: probe?.mark ?? null,
      panel: probe?.panel ?? null,
      dcl: nav?.domContentLoadedEventEnd ?? Number.NaN,
      load: nav?.loadEventEnd ?? Number.NaN,
    };
  });
}

export async function loadOnce(
  setup: Setup,
  server: TestServer,
  path: PagePath,
  opts: { probe?: boolean; watchWorlds?: boolean } = {},
): Promise<Load> {
  const page = await setup.context.newPage();
  try {
    if (opts.probe) await page.addInitScript({ content: MARK_PROBE });
    const cdp = await setup.context.newCDPSession(page);
    const worlds: string[] = [];
    if (opts.watchWorlds) {
      cdp.on('Runtime.executionContextCreated', (e) => {
        const aux = e.context.auxData as { type?: string } | undefined;
        if (aux?.type === 'isolated' && e.context.origin.startsWith('chrome-extension://')) worlds.push(e.context.name);
      });
      await cdp.send('Runtime.enable');
    }
    await cdp.send('Performance.enable');
    await page.goto(server.url(HOST, path), { waitUntil: 'load', timeout: GOTO_TIMEOUT_MS });
    const { value, settled } = await settle(cdp);
    let times: MarkTimes | null = null;
    if (opts.probe) {
      await page
        .waitForFunction(
          () => {
            const p = (window as Window & { __grcBench?: { mark: number | null; panel: number | null } }).__grcBench;
            return p?.mark != null && p.panel != null;
          },
          undefined,
          { timeout: MARKS_TIMEOUT_MS },
        )
        .catch(() => undefined);
      times = await readTimes(page);
    }
    const marks = await page.evaluate(() => document.querySelectorAll('[data-grc]').length);
    await cdp.detach().catch(() => undefined);
    return { scriptMs: value, settled, marks, extensionWorlds: worlds, times };
  } finally {
    await page.close().catch(() => undefined);
  }
}


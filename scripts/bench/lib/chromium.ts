/**
 * The setups the browser benches load pages in — no extension, the two floor extensions, ours —
 * each a headless Chromium of its own, and the pages and constants of those loads.
 */
import { CHROMIUM, HOST_RESOLVER_RULES } from '../../../test/e2e/harness';
import { BenchError } from './format';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

export const HOST = 'www.weihai.gov.cn';
/**
 * BENCH_TRACE_ONLY=N: only N traced loads of the report page (section 3's split of our script
 * time), for a quick look while working on the checker; sections 2 and the probe are left out
 * (with BENCH_PLAIN=1 also N traced loads of the non-report page).
 */
export const TRACE_ONLY = Number(process.env.BENCH_TRACE_ONLY ?? 0);
export const LOADS = TRACE_ONLY > 0 ? TRACE_ONLY : 7;
export const QUIET_MS = 500;
export const SETTLE_MAX_MS = 3000;
export const POLL_MS = 100;
export const GOTO_TIMEOUT_MS = 30_000;
export const MARKS_TIMEOUT_MS = 5_000;
export const SERVICE_WORKER_TIMEOUT_MS = 20_000;
export const TRACE_END_TIMEOUT_MS = 30_000;
/**
 * devtools.timeline: EvaluateScript, FunctionCall, TimerFire, EventDispatch, TimeStamp, JS stacks
 * on instant events; disabled-by-default-devtools.timeline: RunTask, FrameCommittedInBrowser;
 * v8: v8.compile / v8.run / v8.callFunction with their worldId; v8.execute: RunMicrotasks;
 * toplevel + mojom: the IPC message a task handles; blink.user_timing: navigationStart.
 */
export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.execute',
  'toplevel',
  'mojom',
  'blink.user_timing',
];


export const PAGES = [
  { path: '/big-news.html', label: 'non-report page /big-news.html (~2 MB)', report: false },
  { path: '/errors.html', label: 'report page /errors.html (with errors)', report: true },
] as const;
export type PagePath = (typeof PAGES)[number]['path'];

export type SetupKey = 'none' | 'empty' | 'noop' | 'ours';
export const SETUP_KEYS: readonly SetupKey[] = ['none', 'empty', 'noop', 'ours'];
export const SETUP_LABELS: Record<SetupKey, string> = {
  none: 'no extension',
  empty: 'empty content script',
  noop: 'no-op content script',
  ours: 'our extension',
};

export interface Setup {
  key: SetupKey;
  context: BrowserContext;
  /** `chrome-extension://ID/` of the extension's service worker (ours only) */
  origin: string | null;
  close(): Promise<void>;
}

export const COMMON_ARGS = [
  `--host-resolver-rules=${HOST_RESOLVER_RULES}`,
  '--lang=zh-CN',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launch(key: SetupKey, extensionDir: string | null, tmp: string): Promise<Setup> {
  const profile = mkdtempSync(join(tmp, `profile-${key}-`));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    // without an extension Playwright's own --disable-extensions stays: a plain Chromium
    ...(extensionDir ? { ignoreDefaultArgs: ['--disable-extensions'] } : {}),
    args: [...(extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []), ...COMMON_ARGS],
    locale: 'zh-CN',
    env: { ...process.env, LANGUAGE: 'zh_CN' },
    viewport: { width: 1366, height: 900 },
  });
  const close = async (): Promise<void> => {
    await context.close().catch(() => undefined);
  };
  if (key === 'ours' && context.serviceWorkers().length === 0) {
    // the background must be up: it injects the checker
    await context.waitForEvent('serviceworker', { timeout: SERVICE_WORKER_TIMEOUT_MS }).catch(async (err: unknown) => {
      await close();
      throw new BenchError(
        `Our extension's service worker did not start within ${SERVICE_WORKER_TIMEOUT_MS / 1000} s: is the build complete? (${String(err)})`,
      );
    });
  }
  const sw = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  // (Node's URL gives the origin of a chrome-extension: URL as "null")
  const origin = key === 'ours' ? (/^chrome-extension:\/\/[^/]+\//.exec(sw?.url() ?? '')?.[0] ?? null) : null;
  if (key === 'ours' && !origin) {
    await close();
    throw new BenchError(`Our extension's service worker has no chrome-extension:// URL (${context.serviceWorkers().map((w) => w.url()).join(', ')})`);
  }
  return { key, context, origin, close };
}

export async function chromiumVersion(context: BrowserContext): Promise<string> {
  try {
    return execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).trim();
  } catch {
    const page = await context.newPage();
    try {
      const cdp = await context.newCDPSession(page);
      const v = await cdp.send('Browser.getVersion');
      return v.product;
    } finally {
      await page.close();
    }
  }
}


/**
 * `npx tsx scripts/bench-browser.ts`: what the extension costs in a real browser.
 *
 * 1. Sizes of the production content scripts (raw and gzip -9): the detector runs on every gov.cn
 *    page; on pages that may hold a report, the checker (marks the page) and after it the sidebar.
 * 2. Main-thread script time (CDP Performance.getMetrics → ScriptDuration) of a large ordinary
 *    page (/big-news.html) and a report page with errors (/errors.html), each loaded 7 times on
 *    www.weihai.gov.cn in four setups: no extension; an extension whose one content script on
 *    *://*.gov.cn/* at document_idle is an empty file (the issue's "empty content script": Chrome
 *    does not even run an empty file, so it costs what no extension costs); the same with
 *    `void document.title;` (the real floor: an isolated world created and one DOM read); and
 *    ours (.output/chrome-mv3). A load counts once the `load` event fired and ScriptDuration has
 *    not changed for 500 ms (or 3 s have passed). ScriptDuration is what Blink's
 *    InspectorPerformanceAgent adds up: the outermost script runs (trace event v8.run inside
 *    EvaluateScript) and callbacks (FunctionCall), in all worlds of the page. Checked against
 *    traces (see 3): it leaves out compiling (v8.compile) and promise jobs run at microtask
 *    checkpoints (RunMicrotasks), so it undercounts script that compiles much or awaits much.
 *    The non-report page is also traced as in 3., ours and the no-op script in turn, once a round:
 *    traced, a content script's time includes compiling it and starting its isolated world, which
 *    the no-op script pays too, so the detector's extra is ours − no-op there as well.
 * 3. On the report page with our extension:
 *    - time from navigation start until the first [data-grc] mark and the sidebar's .panel exist
 *      (MARK_PROBE, a MutationObserver added with addInitScript; these loads are separate, since
 *      the observer is page script and would count in 2.);
 *    - our extension's main-thread script time before the first mark and after it, from Chrome
 *      tracing (CDP Tracing.start … Tracing.end, events via Tracing.dataCollected;
 *      TRACE_CATEGORIES) in 7 more loads of their own (tracing slows the page), one at the end of
 *      each round of 2. on the report page, so that drift in the machine's speed falls on both
 *      alike. MARK_PROBE calls console.timeStamp('grc-first-mark') when the first data-grc
 *      attribute appears and console.timeStamp('grc-panel') for the panel (TimeStamp trace events;
 *      with Performance enabled also Performance.metrics events, which end the wait without polling
 *      the page); the trace ends once both came and ScriptDuration settled as in 2.
 *      In the trace (analyseTrace): the tab's renderer is the process the navigation committed in
 *      (FrameCommittedInBrowser), its CrRendererMain thread the one measured. Script events there
 *      (SCRIPT_EVENTS: EvaluateScript, v8.compile, v8.run, FunctionCall, v8.callFunction,
 *      RunMicrotasks, TimerFire, FireAnimationFrame, EventDispatch, …; GC, lazy compiling and
 *      forced style/layout nested in them count with them) are ours when they say so: a
 *      chrome-extension://<our id>/ URL (detector.js, checker.js, content-scripts/sidebar.js) or our isolated
 *      world (the worldId that v8.compile / v8.run / v8.callFunction carry, learnt from the events
 *      that ran our files; the URL-less `func` of scripting.executeScript is known by it). A nested
 *      event that says otherwise is taken out: the probe's MutationObserver callback runs inside
 *      checkpoints we cause, as a main-world v8.callFunction (no worldId) + FunctionCall with no
 *      URL, and is the page's. Events that say nothing take the owner of the event around them. A
 *      top-level microtask checkpoint (RunMicrotasks) says nothing: promise jobs have no event of
 *      their own. It is ours when an instant event inside it (TimerInstall,
 *      ScheduleStyleRecalculation, RequestAnimationFrame, …) carries a JS stack from our files, or
 *      when its task began with an extensions.mojom IPC message (LocalFrameHost replies to storage
 *      / scripting calls, MessagePort for runtime.sendMessage: the reply that resolved an extension
 *      API promise, which only extension worlds receive) or ran our script before it. In real
 *      traces these checkpoints are the checker's code after each `await` of storage or messaging,
 *      ~15–20 ms; a one-off check with the V8 sampling profiler
 *      (disabled-by-default-v8.cpu_profiler) put ~97% of their samples in checker.js and found no
 *      sample of our files outside what is counted here. What says nothing and is not inferred ours
 *      is printed as "unattributed" (the page's own promise jobs, ~1 ms). Not counted: creating the
 *      isolated world (not script; any content script pays it), the background service worker
 *      (another process), style, layout and paint after our DOM changes (rendering, outside
 *      script). Our time is split at the grc-first-mark TimeStamp; the probe's observer records it
 *      at the microtask checkpoint after the first mark was set, so the rest of the work that set
 *      it counts before the mark (no frame shows the mark before that ends). The time before the
 *      mark is also given in thread time: each stretch weighted by its event's tdur / dur, the share
 *      of it the main thread spent on a CPU (on a 2-core machine other Chromium processes, the
 *      service worker among them, take the CPU in the middle of our script, and wall time counts
 *      that). Besides before / after
 *      / total, the total is cut into what ScriptDuration counts (inside our outermost v8.run or
 *      FunctionCall) and what it leaves out (compiling, the checkpoints, the rest), and set against
 *      ours − empty and ours − no-op of 2.; per traced load, Σ outermost v8.run + FunctionCall of
 *      all worlds is set against the same load's ScriptDuration, which checks what ScriptDuration
 *      counts.
 *
 * Figures for reading, never asserted. Run after `npx wxt build`; see ../shared/TOOLCHAIN.md,
 * "Browser tests". The build is copied to a temp dir first, so a rebuild during the run cannot mix
 * two builds. The setups are loaded in turn (one load each, rotating the order), so drift in the
 * machine's speed falls on all of them alike; everything runs in one fresh temp dir, removed at
 * the end. About a minute and a half.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM, EXTENSION_DIR, HOST_RESOLVER_RULES, REPO_ROOT, startServer, type TestServer } from '../test/e2e/harness';

const HOST = 'www.weihai.gov.cn';
/**
 * BENCH_TRACE_ONLY=N: only N traced loads of the report page (section 3's split of our script
 * time), for a quick look while working on the checker; sections 2 and the probe are left out
 * (with BENCH_PLAIN=1 also N traced loads of the non-report page).
 */
const TRACE_ONLY = Number(process.env.BENCH_TRACE_ONLY ?? 0);
const LOADS = TRACE_ONLY > 0 ? TRACE_ONLY : 7;
const QUIET_MS = 500;
const SETTLE_MAX_MS = 3000;
const POLL_MS = 100;
const GOTO_TIMEOUT_MS = 30_000;
const MARKS_TIMEOUT_MS = 5_000;
const SERVICE_WORKER_TIMEOUT_MS = 20_000;
const TRACE_END_TIMEOUT_MS = 30_000;
/**
 * devtools.timeline: EvaluateScript, FunctionCall, TimerFire, EventDispatch, TimeStamp, JS stacks
 * on instant events; disabled-by-default-devtools.timeline: RunTask, FrameCommittedInBrowser;
 * v8: v8.compile / v8.run / v8.callFunction with their worldId; v8.execute: RunMicrotasks;
 * toplevel + mojom: the IPC message a task handles; blink.user_timing: navigationStart.
 */
const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.execute',
  'toplevel',
  'mojom',
  'blink.user_timing',
];

const AIM_CHECKER_GZIP = 40 * 1024;
const AIM_PAGE_EXTRA_MS = 1;
const AIM_REPORT_MS = 10;

const DETECTOR = 'detector.js';
/** the first script injected on a report page: marks it (entrypoints/checker.ts) */
const CHECKER = 'checker.js';
/** injected after the marks: the sidebar (entrypoints/sidebar.content.tsx) */
const SIDEBAR = 'content-scripts/sidebar.js';

const PAGES = [
  { path: '/big-news.html', label: 'non-report page /big-news.html (~2 MB)', report: false },
  { path: '/errors.html', label: 'report page /errors.html (with errors)', report: true },
] as const;
type PagePath = (typeof PAGES)[number]['path'];

type SetupKey = 'none' | 'empty' | 'noop' | 'ours';
const SETUP_KEYS: readonly SetupKey[] = ['none', 'empty', 'noop', 'ours'];
const SETUP_LABELS: Record<SetupKey, string> = {
  none: 'no extension',
  empty: 'empty content script',
  noop: 'no-op content script',
  ours: 'our extension',
};
/** The floors' content scripts: Chrome skips an empty file; the no-op one runs (one DOM read). */
const FLOOR_SCRIPTS = { empty: '', noop: 'void document.title;\n' } as const;

// ---------------------------------------------------------------------------------------------
// small helpers
// ---------------------------------------------------------------------------------------------

class BenchError extends Error {}

function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

const ms = (x: number, digits = 2): string => (Number.isFinite(x) ? `${x.toFixed(digits)} ms` : '—');
const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
const ratio = (a: number, b: number): string => (b > 0 && Number.isFinite(a) ? `×${(a / b).toFixed(2)}` : '—');
const range = (xs: readonly number[]): string =>
  xs.length ? `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}` : '—';
const signed = (x: number): string => (Number.isFinite(x) ? `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(2)} ms` : '—');
const sleep = (t: number): Promise<void> => new Promise((r) => setTimeout(r, t));
/** `p`, or null after `t` ms (the timer is cleared, so it does not keep the process alive). */
async function within<T>(p: Promise<T>, t: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<null>((r) => (timer = setTimeout(() => r(null), t)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** A plain text table: the first column left-aligned, the others right-aligned. */
function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].map((l) => `  ${l}`).join('\n');
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

// ---------------------------------------------------------------------------------------------
// the build
// ---------------------------------------------------------------------------------------------

/** Clear errors for a missing or partial build (in `dir`, the copy this run uses). */
function checkBuild(dir: string): void {
  const manifestPath = join(dir, 'manifest.json');
  const missing = [manifestPath, join(dir, DETECTOR), join(dir, CHECKER), join(dir, SIDEBAR)].filter((p) => !existsSync(p));
  if (missing.length > 0) {
    throw new BenchError(`No production build: missing ${missing.map((p) => relative(dir, p)).join(', ')} in ${EXTENSION_DIR}.\nRun npx wxt build first.`);
  }
  let manifest: { content_scripts?: { js?: string[] }[]; background?: { service_worker?: string } };
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as typeof manifest;
  } catch (err) {
    throw new BenchError(`${EXTENSION_DIR}/manifest.json is not JSON (${String(err)}).\nRun npx wxt build first.`);
  }
  const listed = (manifest.content_scripts ?? []).some((c) => (c.js ?? []).includes(DETECTOR));
  const sw = manifest.background?.service_worker;
  if (!listed || !sw || !existsSync(join(dir, sw))) {
    throw new BenchError(`${EXTENSION_DIR}/manifest.json does not list ${DETECTOR} and an existing background service worker (a dev build?).\nRun npx wxt build first.`);
  }
}

/**
 * Copies the build into this run's temp dir, so a rebuild by someone else during the run cannot
 * change what is measured half way; retried when the build changed while being copied.
 */
function snapshotBuild(tmp: string): { dir: string; builtAt: Date } {
  const manifestPath = join(EXTENSION_DIR, 'manifest.json');
  if (!existsSync(manifestPath)) throw new BenchError(`No production build at ${EXTENSION_DIR}.\nRun npx wxt build first.`);
  for (let attempt = 1; ; attempt++) {
    const before = newestMtime(EXTENSION_DIR);
    const dir = join(tmp, `build-${attempt}`);
    cpSync(EXTENSION_DIR, dir, { recursive: true });
    if (newestMtime(EXTENSION_DIR) === before) {
      checkBuild(dir);
      return { dir, builtAt: new Date(before) };
    }
    rmSync(dir, { recursive: true, force: true });
    if (attempt >= 5) throw new BenchError(`${EXTENSION_DIR} kept changing while being copied (a build running?): try again`);
    execFileSync('sleep', ['1']);
  }
}

function sourcesNewerThan(t: Date): boolean {
  const sources = Math.max(...['entrypoints', 'src', 'public', 'wxt.config.ts', 'package.json'].map((p) => newestMtime(join(REPO_ROOT, p))));
  return sources > t.getTime();
}

interface Size {
  file: string;
  raw: number;
  gzip: number;
}

function sizeOf(dir: string, file: string): Size {
  const body = readFileSync(join(dir, file));
  return { file, raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
}

/** A floor: an MV3 extension whose only content script (`body`) runs on every gov.cn page. */
function writeFloorExtension(dir: string, key: keyof typeof FLOOR_SCRIPTS): void {
  mkdirSync(dir, { recursive: true });
  const manifest = {
    manifest_version: 3,
    name: `bench: ${SETUP_LABELS[key]}`,
    version: '1.0.0',
    content_scripts: [{ matches: ['*://*.gov.cn/*'], js: [`${key}.js`], run_at: 'document_idle' }],
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(dir, `${key}.js`), FLOOR_SCRIPTS[key]);
}

// ---------------------------------------------------------------------------------------------
// browsers
// ---------------------------------------------------------------------------------------------

interface Setup {
  key: SetupKey;
  context: BrowserContext;
  /** `chrome-extension://ID/` of the extension's service worker (ours only) */
  origin: string | null;
  close(): Promise<void>;
}

const COMMON_ARGS = [
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

async function launch(key: SetupKey, extensionDir: string | null, tmp: string): Promise<Setup> {
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

async function chromiumVersion(context: BrowserContext): Promise<string> {
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

// ---------------------------------------------------------------------------------------------
// one load
// ---------------------------------------------------------------------------------------------

interface MarkTimes {
  mark: number | null;
  panel: number | null;
  dcl: number;
  load: number;
}

interface Load {
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
const MARK_PROBE = `(() => {
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

async function scriptDuration(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = metrics.find((x) => x.name === 'ScriptDuration');
  if (!m) throw new BenchError('Performance.getMetrics gave no ScriptDuration');
  return m.value * 1000;
}

/** After `load`: wait until ScriptDuration has not changed for QUIET_MS, or SETTLE_MAX_MS. */
async function settle(cdp: CDPSession): Promise<{ value: number; settled: boolean }> {
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

async function readTimes(page: Page): Promise<MarkTimes> {
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

async function loadOnce(
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

// ---------------------------------------------------------------------------------------------
// tracing: our script time before and after the first mark
// ---------------------------------------------------------------------------------------------

/** One Chrome trace event as Tracing.dataCollected gives it (times in µs). */
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** thread time (CPU of this thread) of a complete event, when the trace has it */
  tdur?: number;
  tts?: number;
  args?: { data?: Record<string, unknown>; [key: string]: unknown };
}

/**
 * Script events on the renderer main thread, as Chromium 156 writes them (seen in traces of
 * /errors.html): EvaluateScript (a classic script compiled, v8.compile, and run, v8.run),
 * FunctionCall inside v8.callFunction (a callback called by Blink: listener, timer, rAF,
 * MutationObserver), the dispatchers TimerFire, FireAnimationFrame, FireIdleCallback,
 * EventDispatch, HandlePostMessage, XHR*, and RunMicrotasks (a microtask checkpoint: promise
 * jobs, which have no event of their own, plus MutationObserver callbacks, which do). GC
 * (MinorGC), lazy compiling and forced style/layout nested in them count with them.
 */
const SCRIPT_EVENTS = new Set([
  'EvaluateScript',
  'FunctionCall',
  'TimerFire',
  'FireAnimationFrame',
  'FireIdleCallback',
  'EventDispatch',
  'HandlePostMessage',
  'XHRReadyStateChange',
  'XHRLoad',
  'v8.compile',
  'v8.compileModule',
  'v8.evaluateModule',
  'v8.run',
  'v8.callFunction',
  'V8.Execute',
  'RunMicrotasks',
]);
/**
 * What ScriptDuration adds up (its probes ExecuteScript and CallFunction, outermost only): the
 * run of a script, not its compile, and callbacks. Checked on every traced load (allScriptRun).
 */
const SCRIPT_DURATION_EVENTS = new Set(['v8.run', 'v8.evaluateModule', 'FunctionCall']);
const COMPILE_EVENTS = new Set(['v8.compile', 'v8.compileModule']);
/** Events that do not say whose they are but belong to what they call, when that is one owner. */
const DISPATCH_EVENTS = new Set(['EvaluateScript', 'TimerFire', 'FireAnimationFrame', 'FireIdleCallback', 'EventDispatch', 'HandlePostMessage', 'XHRReadyStateChange', 'XHRLoad', 'V8.Execute']);

type Owner = 'ours' | 'other';

interface ScriptNode {
  e: TraceEvent;
  start: number;
  end: number;
  children: ScriptNode[];
  /** an instant event with a JS stack from our files / from others in this node's own time */
  ourStack: boolean;
  otherStack: boolean;
}

/** One traced load, ms. before + after = total; run + compile + microtasks + rest = total. */
interface TraceSplit {
  before: number;
  after: number;
  total: number;
  /** of `after`: from the first mark until the grc-panel TimeStamp */
  markToPanel: number;
  /** of `total`: inside our outermost v8.run / FunctionCall (what ScriptDuration counts) */
  run: number;
  /** of `total`: compiling our scripts (v8.compile; ScriptDuration leaves it out) */
  compile: number;
  /** of `total`: URL-less microtask checkpoints attributed to us (ScriptDuration leaves them out) */
  microtasks: number;
  /** of `total`: the rest (EvaluateScript and dispatch around run and compile) */
  rest: number;
  /** all worlds: Σ outermost v8.run / FunctionCall, against this load's own ScriptDuration */
  allScriptRun: number;
  /** script on the thread that says nothing and is not inferred to be ours (page promise jobs) */
  unattributed: number;
  /** `total` counted in thread time (as beforeCpu) */
  totalCpu: number;
  /** `before` counted in thread time: the stretches when the main thread was on a CPU (trace events' tdur / dur) */
  beforeCpu: number;
  /** `before` cut the same way as `total` (run, compile, microtasks, rest) */
  beforeBy: Record<'run' | 'compile' | 'microtasks' | 'rest', number>;
  /** `rest` by the name of the trace event whose own time it is (where the rest goes) */
  restBy: Record<string, number>;
  /** the TimeStamps, ms after navigationStart (NaN when missing) */
  markAt: number;
  panelAt: number;
}

const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);

/**
 * Our extension's (`origin` = `chrome-extension://ID/`) script time on the main thread of the tab
 * that loaded `pageUrl`, split at the probe's TimeStamps. See the header comment for the rules.
 */
function analyseTrace(events: readonly TraceEvent[], pageUrl: string, origin: string): TraceSplit {
  // the tab's renderer: the process the browser committed the navigation in
  let pid: number | undefined;
  for (const e of events) {
    const d = e.args?.data;
    if (e.name === 'FrameCommittedInBrowser' && d?.['url'] === pageUrl && d['isOutermostMainFrame'] !== false && typeof d['processId'] === 'number') {
      pid = d['processId'];
    }
  }
  pid ??= events.find((e) => e.name === 'CommitLoad' && e.args?.data?.['url'] === pageUrl && e.args.data['isOutermostMainFrame'] !== false)?.pid;
  if (pid === undefined) throw new BenchError(`trace: no commit of ${pageUrl} (FrameCommittedInBrowser or CommitLoad)`);
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === pid && e.args?.['name'] === 'CrRendererMain');
  if (mains.length !== 1) throw new BenchError(`trace: ${mains.length} CrRendererMain threads in renderer ${pid} of ${pageUrl}`);
  const tid = (mains[0] as TraceEvent).tid;
  const onMain = events.filter((e) => e.pid === pid && e.tid === tid);

  // our isolated worlds: those that compiled or ran a file of ours
  const worlds = new Set<number>();
  for (const e of onMain) {
    const w = e.args?.['worldId'];
    const file = str(e.args?.['fileName']) ?? str(e.args?.data?.['url']);
    if (typeof w === 'number' && w !== 0 && file?.startsWith(origin)) worlds.add(w);
  }
  if (worlds.size === 0) throw new BenchError(`trace: none of our scripts (${origin}) ran on the main thread of ${pageUrl}`);

  const stamp = (message: string): number => onMain.find((e) => e.name === 'TimeStamp' && e.args?.data?.['message'] === message)?.ts ?? Number.NaN;
  const markTs = stamp('grc-first-mark');
  const panelTs = stamp('grc-panel');
  const navStart = onMain.find((e) => e.name === 'navigationStart' && e.args?.data?.['documentLoaderURL'] === pageUrl)?.ts ?? Number.NaN;
  const navStartTs = (): number => navStart;

  // the nesting of script events (complete ones, and B/E pairs made complete); the task
  // (RunTask) each top-level one ran in
  const complete: TraceEvent[] = [];
  const begun: TraceEvent[] = [];
  for (const e of [...onMain].sort((a, b) => a.ts - b.ts)) {
    if (e.ph === 'X' && typeof e.dur === 'number') complete.push(e);
    else if (e.ph === 'B') begun.push(e);
    else if (e.ph === 'E') {
      const b = begun.pop();
      if (b) complete.push({ ...b, ph: 'X', dur: e.ts - b.ts, args: { ...b.args, ...e.args } });
    }
  }
  complete.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const roots: ScriptNode[] = [];
  const taskOf = new Map<ScriptNode, TraceEvent>();
  const extensionIpc: number[] = [];
  const open: ScriptNode[] = [];
  let task: TraceEvent | null = null;
  for (const e of complete) {
    const end = e.ts + (e.dur ?? 0);
    if (e.name === 'RunTask' && (task === null || e.ts >= task.ts + (task.dur ?? 0))) task = e;
    const tag = (e.args?.['chrome_mojo_event_info'] as { mojo_interface_tag?: unknown } | undefined)?.mojo_interface_tag;
    if ((e.name === 'Receive mojo message' || e.name === 'Receive mojo reply') && str(tag)?.startsWith('extensions.mojom.')) extensionIpc.push(e.ts);
    if (!SCRIPT_EVENTS.has(e.name)) continue;
    while (open.length > 0 && (open[open.length - 1] as ScriptNode).end <= e.ts) open.pop();
    const node: ScriptNode = { e, start: e.ts, end, children: [], ourStack: false, otherStack: false };
    const parent = open[open.length - 1];
    if (parent) parent.children.push(node);
    else {
      roots.push(node);
      if (task && e.ts < task.ts + (task.dur ?? 0)) taskOf.set(node, task);
    }
    open.push(node);
  }
  // instant events with a JS stack (TimerInstall, ScheduleStyleRecalculation, RequestAnimationFrame…)
  // tell whose code was running then, even inside a microtask checkpoint
  const innermost = (nodes: readonly ScriptNode[], ts: number): ScriptNode | null => {
    for (const n of nodes) if (n.start <= ts && ts < n.end) return innermost(n.children, ts) ?? n;
    return null;
  };
  for (const e of onMain) {
    if (e.ph !== 'I' && e.ph !== 'i' && e.ph !== 'n') continue;
    const stack = e.args?.data?.['stackTrace'];
    const top = Array.isArray(stack) ? str((stack[0] as { url?: unknown } | undefined)?.url) : undefined;
    const n = top ? innermost(roots, e.ts) : null;
    if (n && top?.startsWith(origin)) n.ourStack = true;
    else if (n) n.otherStack = true;
  }

  /** What an event says about itself: its world (v8.*) or its script's URL; null: nothing. */
  const says = (e: TraceEvent): Owner | null => {
    const w = e.args?.['worldId'];
    if (typeof w === 'number') return worlds.has(w) ? 'ours' : 'other';
    // v8.callFunction names its world only when it is an isolated one
    if (e.name === 'v8.callFunction') return 'other';
    const url = str(e.args?.data?.['url']) || str(e.args?.data?.['scriptName']) || str(e.args?.['fileName']);
    return url ? (url.startsWith(origin) ? 'ours' : 'other') : null;
  };

  type Bucket = 'run' | 'compile' | 'microtasks' | 'rest';
  /** cpu: the share of each stretch the thread was on the CPU (its event's tdur / dur) */
  const ours: { from: number; to: number; bucket: Bucket; name: string; cpu: number }[] = [];
  let allScriptRun = 0;
  let unattributed = 0;
  const resolved = new Map<ScriptNode, Owner | null>();
  const walk = (n: ScriptNode, inherited: Owner | null, inferred: boolean, top: boolean, inRun: boolean, inCompile: boolean): void => {
    let owner = says(n.e);
    let byInference = false;
    if (owner === null && n.ourStack !== n.otherStack) {
      owner = n.ourStack ? 'ours' : 'other';
      byInference = true;
    }
    if (owner === null && DISPATCH_EVENTS.has(n.e.name)) {
      const owners = new Set(n.children.map((c) => says(c.e)).filter((o): o is Owner => o !== null));
      if (owners.size === 1) owner = [...owners][0] as Owner;
    }
    if (owner === null && inherited !== null) {
      owner = inherited;
      byInference = inferred;
    }
    if (owner === null && top) {
      // a URL-less checkpoint in a task that began with an extension IPC message, or that ran
      // our script before it: promise jobs of ours
      const t = taskOf.get(n);
      if (t) {
        const end = t.ts + (t.dur ?? 0);
        const ipc = extensionIpc.some((ts) => ts >= t.ts && ts < n.start && ts < end);
        const afterOurs = roots.some((r) => r.end <= n.start && taskOf.get(r) === t && resolved.get(r) === 'ours');
        if (ipc || afterOurs) {
          owner = 'ours';
          byInference = true;
        }
      }
    }
    resolved.set(n, owner);
    const run = !inRun && SCRIPT_DURATION_EVENTS.has(n.e.name);
    if (run) allScriptRun += n.end - n.start;
    const compile = inCompile || COMPILE_EVENTS.has(n.e.name);
    // this node's own time: its span less its children's
    let at = n.start;
    const own = (from: number, to: number): void => {
      if (to <= from) return;
      const cpu = n.e.tdur !== undefined && n.e.dur ? Math.min(1, n.e.tdur / n.e.dur) : 1;
      if (owner === 'ours') ours.push({ from, to, bucket: inRun || run ? 'run' : compile ? 'compile' : byInference ? 'microtasks' : 'rest', name: n.e.name, cpu });
      else if (owner === null) unattributed += to - from;
    };
    for (const c of n.children) {
      own(at, c.start);
      at = Math.max(at, c.end);
    }
    own(at, n.end);
    for (const c of n.children) walk(c, owner, byInference, false, inRun || run, compile);
  };
  for (const r of roots) walk(r, null, false, true, false, false);
  if (process.env.BENCH_DUMP) {
    // BENCH_DUMP=1: our time before the first mark, per top-level event (for finding where it goes)
    const label = (e: TraceEvent): string => {
      const d = e.args?.data;
      const where = str(d?.['url']) ?? str(d?.['scriptName']) ?? str(e.args?.['fileName']) ?? str(d?.['functionName']) ?? '';
      return `${e.name} ${where.replace(/^.*\//, '')} ${str(d?.['functionName']) ?? ''}`.trim();
    };
    const lines: string[] = [];
    for (const r of roots) {
      if (r.start >= markTs) break;
      const mine = ours.filter((o) => o.from >= r.start && o.to <= r.end).reduce((t, o) => t + (o.to - o.from), 0) / 1000;
      if (mine < 0.05) continue;
      const tree = (n: ScriptNode, depth: number): string =>
        n.children
          .filter((c) => c.end - c.start >= 100)
          .map((c) => `${c.e.name}:${((c.end - c.start) / 1000).toFixed(2)}${depth > 0 && c.children.length ? `{${tree(c, depth - 1)}}` : ''}`)
          .slice(0, 8)
          .join(' ');
      const kids = tree(r, 3);
      lines.push(`    ${((r.start - navStartTs()) / 1000).toFixed(1).padStart(7)} ms  ${mine.toFixed(2).padStart(6)} (cpu ${r.e.tdur !== undefined ? (r.e.tdur / 1000).toFixed(2) : '?'})  ${label(r.e)}  [${kids}]`);
      // every trace event inside it (any kind), by name: where the time goes below the script events
      const inside = new Map<string, number>();
      for (const e of complete) {
        if (e === r.e || e.ts < r.start || e.ts + (e.dur ?? 0) > r.end || (e.dur ?? 0) < 20) continue;
        inside.set(e.name, (inside.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
      }
      const top = [...inside].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([k, v]) => `${k}:${v.toFixed(2)}`);
      lines.push(`        ${top.join('  ')}`);
    }
    console.log(`  before-mark events of ours:\n${lines.join('\n')}`);
  }

  const sum = (from: number, to: number, bucket?: Bucket): number =>
    ours.reduce((s, o) => s + (bucket && o.bucket !== bucket ? 0 : Math.max(0, Math.min(o.to, to) - Math.max(o.from, from))), 0) / 1000;
  const total = sum(-Infinity, Infinity);
  const before = Number.isFinite(markTs) ? sum(-Infinity, markTs) : Number.NaN;
  const totalCpu = ours.reduce((t, o) => t + (o.to - o.from) * o.cpu, 0) / 1000;
  const beforeCpu = Number.isFinite(markTs)
    ? ours.reduce((t, o) => t + Math.max(0, Math.min(o.to, markTs) - o.from) * o.cpu, 0) / 1000
    : Number.NaN;
  const upToMark = Number.isFinite(markTs) ? markTs : Number.NEGATIVE_INFINITY;
  const restBy: Record<string, number> = {};
  for (const o of ours) if (o.bucket === 'rest') restBy[o.name] = (restBy[o.name] ?? 0) + (o.to - o.from) / 1000;
  return {
    totalCpu,
    beforeCpu,
    beforeBy: {
      run: sum(-Infinity, upToMark, 'run'),
      compile: sum(-Infinity, upToMark, 'compile'),
      microtasks: sum(-Infinity, upToMark, 'microtasks'),
      rest: sum(-Infinity, upToMark, 'rest'),
    },
    restBy,
    before,
    after: total - before,
    total,
    markToPanel: Number.isFinite(markTs) && Number.isFinite(panelTs) ? sum(markTs, panelTs) : Number.NaN,
    run: sum(-Infinity, Infinity, 'run'),
    compile: sum(-Infinity, Infinity, 'compile'),
    microtasks: sum(-Infinity, Infinity, 'microtasks'),
    rest: sum(-Infinity, Infinity, 'rest'),
    allScriptRun: allScriptRun / 1000,
    unattributed: unattributed / 1000,
    markAt: (markTs - navStart) / 1000,
    panelAt: (panelTs - navStart) / 1000,
  };
}

interface TracedLoad {
  split: TraceSplit;
  /** this load's own Performance.getMetrics ScriptDuration, all worlds */
  scriptMs: number;
  settled: boolean;
  dataLoss: boolean;
}

/**
 * One load of `path` with our extension and MARK_PROBE, traced from before navigation until the
 * probe's two TimeStamps came (as Performance.metrics events, so nothing polls the page) and
 * ScriptDuration settled.
 */
async function traceOnce(setup: Setup, server: TestServer, path: PagePath, report = true): Promise<TracedLoad> {
  const origin = setup.origin;
  if (!origin) throw new BenchError(`tracing needs our extension's origin (setup ${setup.key})`);
  const page = await setup.context.newPage();
  const cdp = await setup.context.newCDPSession(page);
  let tracing = false;
  try {
    await page.addInitScript({ content: MARK_PROBE });
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e) => {
      for (const v of e.value as unknown as TraceEvent[]) events.push(v);
    });
    const complete = new Promise<{ dataLossOccurred: boolean }>((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    const stamps = new Set<string>();
    const bothStamps = new Promise<void>((resolve) => {
      cdp.on('Performance.metrics', (e) => {
        stamps.add(e.title);
        if (stamps.has('grc-first-mark') && stamps.has('grc-panel')) resolve();
      });
    });
    await cdp.send('Performance.enable');
    await cdp.send('Tracing.start', {
      traceConfig: { includedCategories: TRACE_CATEGORIES, recordMode: 'recordAsMuchAsPossible' },
      transferMode: 'ReportEvents',
    });
    tracing = true;
    const url = server.url(HOST, path);
    await page.goto(url, { waitUntil: 'load', timeout: GOTO_TIMEOUT_MS });
    if (report) await within(bothStamps, MARKS_TIMEOUT_MS);
    const { value, settled } = await settle(cdp);
    await cdp.send('Tracing.end');
    tracing = false;
    const done = await within(complete, TRACE_END_TIMEOUT_MS);
    if (!done) throw new BenchError(`trace: Tracing.tracingComplete did not come within ${TRACE_END_TIMEOUT_MS / 1000} s`);
    return { split: analyseTrace(events, url, origin), scriptMs: value, settled, dataLoss: done.dataLossOccurred };
  } finally {
    if (tracing) await cdp.send('Tracing.end').catch(() => undefined);
    await cdp.detach().catch(() => undefined);
    await page.close().catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------------------------
// main
// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const t0 = Date.now();
  console.log('Browser benchmark: the extension in headless Chromium (figures for reading; nothing is asserted)\n');
  if (!existsSync(CHROMIUM)) throw new BenchError(`${CHROMIUM} is missing: apt-get update && apt-get install -y chromium`);
  const tmp = mkdtempSync(join(tmpdir(), 'gov-report-bench-'));
  try {
    await run(tmp, t0);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function run(tmp: string, t0: number): Promise<void> {
  const build = snapshotBuild(tmp);
  console.log(`Build: ${EXTENSION_DIR} of ${build.builtAt.toISOString()} (copied for this run)`);
  if (sourcesNewerThan(build.builtAt)) console.log('  note: some sources are newer than this build: the figures are for the build on disk (npx wxt build to refresh)');
  console.log('');

  // 1. sizes
  const sizes = [sizeOf(build.dir, DETECTOR), sizeOf(build.dir, CHECKER), sizeOf(build.dir, SIDEBAR)];
  const [det, chk, side] = sizes as [Size, Size, Size];
  // the aim is for what a report page loads into the page besides the detector: both injected scripts
  const both = { raw: chk.raw + side.raw, gzip: chk.gzip + side.gzip };
  console.log('1. Content scripts of the production build (.output/chrome-mv3)\n');
  console.log(
    table(
      ['file', 'raw', 'gzip -9', 'gzip', 'aim'],
      [
        [det.file, `${det.raw} B`, `${det.gzip} B`, kib(det.gzip), 'cost on every gov.cn page: as small as it can be'],
        [chk.file, `${chk.raw} B`, `${chk.gzip} B`, kib(chk.gzip), 'report pages, before the marks: small'],
        [side.file, `${side.raw} B`, `${side.gzip} B`, kib(side.gzip), 'report pages, after the marks'],
        [
          'checker + sidebar',
          `${both.raw} B`,
          `${both.gzip} B`,
          kib(both.gzip),
          `≤ 40 KiB gzip (${AIM_CHECKER_GZIP} B): ${both.gzip <= AIM_CHECKER_GZIP ? 'within' : 'over'} by ${Math.abs(AIM_CHECKER_GZIP - both.gzip)} B (${ratio(both.gzip, AIM_CHECKER_GZIP)} of aim)`,
        ],
      ],
    ),
  );
  console.log('');

  const emptyDir = join(tmp, 'empty-extension');
  writeFloorExtension(emptyDir, 'empty');
  const noopDir = join(tmp, 'noop-extension');
  writeFloorExtension(noopDir, 'noop');
  const server = await startServer();
  const setups: Setup[] = [];
  try {
    setups.push(await launch('none', null, tmp));
    setups.push(await launch('empty', emptyDir, tmp));
    setups.push(await launch('noop', noopDir, tmp));
    setups.push(await launch('ours', build.dir, tmp));
    const by = (k: SetupKey): Setup => setups.find((s) => s.key === k) as Setup;
    console.log(`Chromium: ${await chromiumVersion(by('none').context)}`);
    console.log(`Pages on http://${HOST}:${server.port} (127.0.0.1); ${LOADS} loads per page and setup, fresh tab each; settled = load + ${QUIET_MS} ms without new script (≤ ${SETTLE_MAX_MS / 1000} s)\n`);

    // warm-up: one load per page and setup (not counted), also checks that the content scripts run
    const warnings: string[] = [];
    for (const p of PAGES) {
      for (const s of setups) {
        const w = await loadOnce(s, server, p.path, { watchWorlds: true });
        if (s.key !== 'none' && w.extensionWorlds.length === 0) {
          warnings.push(`warm-up ${p.path}, ${SETUP_LABELS[s.key]}: no extension content-script world seen (did the content script run?)`);
        }
        if (s.key === 'ours' && p.report && w.marks === 0) {
          warnings.push(`warm-up ${p.path}, ${SETUP_LABELS[s.key]}: no [data-grc] marks: the checker did not run`);
        }
      }
    }

    // 2. ScriptDuration, setups in turn with a rotating order; on the report page each round ends
    // with a traced load of ours for 3. (a load of its own, but in the same stretch of time, so
    // the cross-check between the two sees the same machine)
    const results = new Map<string, Load[]>();
    const traced: TracedLoad[] = [];
    /** the non-report page, traced the same way: the detector's time in wall and thread time */
    const tracedPlain: TracedLoad[] = [];
    /** the no-op content script on the same page, traced alike: the floor under the detector's traced time */
    const tracedNoop: TracedLoad[] = [];
    const keyOf = (p: PagePath, s: SetupKey): string => `${p} ${s}`;
    for (const p of PAGES) {
      for (let i = 0; i < LOADS; i++) {
        for (let j = 0; j < (TRACE_ONLY > 0 ? 0 : setups.length); j++) {
          const s = setups[(i + j) % setups.length] as Setup;
          const load = await loadOnce(s, server, p.path);
          const k = keyOf(p.path, s.key);
          results.set(k, [...(results.get(k) ?? []), load]);
        }
        if (p.report) traced.push(await traceOnce(by('ours'), server, p.path));
        else if (TRACE_ONLY === 0 || process.env.BENCH_PLAIN) {
          tracedPlain.push(await traceOnce(by('ours'), server, p.path, false));
          // the floor traced the same way: the no-op script is the only extension in its browser,
          // so any chrome-extension:// script is its own
          tracedNoop.push(await traceOnce({ ...by('noop'), origin: 'chrome-extension://' }, server, p.path, false));
        }
      }
    }

    // 3. time to marks, our extension only, with the probe
    const probed: Load[] = [];
    for (let i = 0; i < (TRACE_ONLY > 0 ? 0 : LOADS); i++) probed.push(await loadOnce(by('ours'), server, '/errors.html', { probe: true }));

    // ---- report
    const loadsOf = (p: PagePath, s: SetupKey): Load[] => results.get(keyOf(p, s)) ?? [];
    const med = (p: PagePath, s: SetupKey): number => median(loadsOf(p, s).map((l) => l.scriptMs));
    console.log(`2. Main-thread script time (ScriptDuration), median of ${LOADS} loads [min–max]\n`);
    console.log(
      table(
        ['page', ...SETUP_KEYS.map((k) => SETUP_LABELS[k])],
        PAGES.map((p) => [p.label, ...SETUP_KEYS.map((k) => `${ms(med(p.path, k))} [${range(loadsOf(p.path, k).map((l) => l.scriptMs))}]`)]),
      ),
    );
    console.log('');
    console.log(
      table(
        ['page', 'empty − none', 'no-op − none', 'ours − empty', 'ours − no-op', 'ours / empty', 'aim'],
        PAGES.map((p) => [
          p.label,
          signed(med(p.path, 'empty') - med(p.path, 'none')),
          signed(med(p.path, 'noop') - med(p.path, 'none')),
          signed(med(p.path, 'ours') - med(p.path, 'empty')),
          signed(med(p.path, 'ours') - med(p.path, 'noop')),
          ratio(med(p.path, 'ours'), med(p.path, 'empty')),
          p.report ? `≤ ${AIM_REPORT_MS} ms to marks (see 3)` : `≤ ${AIM_PAGE_EXTRA_MS} ms extra`,
        ]),
      ),
    );
    console.log('');
    console.log('  ours − empty / ours − no-op: what our content scripts add beyond a floor (differences of medians). Chrome');
    console.log('  does not run an empty file, so "empty" costs what no extension costs; the no-op one runs one statement.');
    console.log('  On /errors.html it is detector + checker + sidebar; on /big-news.html the detector alone.');
    console.log('  ScriptDuration counts script runs and callbacks, not compiling nor promise jobs (see the cross-check in 3).');
    if (tracedPlain.length > 0) {
      const wall = tracedPlain.map((t) => t.split.total);
      const cpu = tracedPlain.map((t) => t.split.totalCpu);
      const floorWall = tracedNoop.map((t) => t.split.total);
      const floorCpu = tracedNoop.map((t) => t.split.totalCpu);
      const extraWall = median(wall) - median(floorWall);
      const extraCpu = median(cpu) - median(floorCpu);
      console.log('');
      console.log(
        `  The detector on /big-news.html from Chrome tracing as in 3. (${tracedPlain.length} loads each of ours and of the no-op script, in turn; compiling included):`,
      );
      console.log(
        table(
          ['script on the non-report page', 'ours', 'min–max', 'no-op script', 'min–max', 'ours − no-op', 'aim'],
          [
            ['wall time', ms(median(wall)), range(wall), ms(median(floorWall)), range(floorWall), signed(extraWall), `≤ ${AIM_PAGE_EXTRA_MS} ms extra (${ratio(extraWall, AIM_PAGE_EXTRA_MS)} of aim)`],
            ['thread time (on a CPU)', ms(median(cpu)), range(cpu), ms(median(floorCpu)), range(floorCpu), signed(extraCpu), `≤ ${AIM_PAGE_EXTRA_MS} ms extra (${ratio(extraCpu, AIM_PAGE_EXTRA_MS)} of aim)`],
          ],
        ),
      );
      console.log('  Traced, a content script\'s time includes compiling it and the start of its isolated world, which');
      console.log('  ScriptDuration leaves out: the no-op script pays those too, so the extra is ours − no-op.');
    }
    for (const p of PAGES) {
      for (const s of setups) {
        const ls = loadsOf(p.path, s.key);
        const unsettled = ls.filter((l) => !l.settled).length;
        if (unsettled > 0) warnings.push(`${p.path}, ${SETUP_LABELS[s.key]}: ${unsettled} of ${ls.length} loads still running script after ${SETTLE_MAX_MS / 1000} s (figure taken then)`);
        if (s.key === 'ours' && p.report) {
          const unmarked = ls.filter((l) => l.marks === 0).length;
          if (unmarked > 0) warnings.push(`${p.path}, ${SETUP_LABELS[s.key]}: ${unmarked} of ${ls.length} loads had no marks when measured`);
        }
        if (!p.report && ls.some((l) => l.marks > 0)) warnings.push(`${p.path}, ${SETUP_LABELS[s.key]}: marks on the non-report page`);
      }
    }
    console.log('');

    console.log(`3. Report page /errors.html with our extension: time from navigation start, median of ${LOADS} loads [min–max]\n`);
    const times = probed.map((l) => l.times).filter((t): t is MarkTimes => t !== null);
    const col = (f: (t: MarkTimes) => number | null): number[] => times.map(f).filter((x): x is number => x !== null && Number.isFinite(x));
    const dcl = col((t) => t.dcl);
    const loadEnd = col((t) => t.load);
    const mark = col((t) => t.mark);
    const panel = col((t) => t.panel);
    const afterLoad = col((t) => (t.mark !== null && Number.isFinite(t.load) ? t.mark - t.load : null));
    const panelAfterMark = col((t) => (t.mark !== null && t.panel !== null ? t.panel - t.mark : null));
    console.log(
      table(
        ['moment', 'median', 'min–max', 'note'],
        [
          ['DOMContentLoaded end', ms(median(dcl), 1), range(dcl), 'the page itself'],
          ['load event end', ms(median(loadEnd), 1), range(loadEnd), 'document_idle is by here'],
          ['first [data-grc] mark', ms(median(mark), 1), range(mark), `${mark.length}/${LOADS} loads marked`],
          ['sidebar .panel', ms(median(panel), 1), range(panel), `${panel.length}/${LOADS} loads with a panel`],
          ['  mark − load end', ms(median(afterLoad), 1), range(afterLoad), 'detector → background → checker injected and run'],
          ['  panel − mark', ms(median(panelAfterMark), 1), range(panelAfterMark), 'storage read + sidebar render'],
        ],
      ),
    );
    console.log('');

    // our script time, traced
    const splits = traced.map((t) => t.split);
    const tcol = (f: (s: TraceSplit) => number): number[] => splits.map(f).filter((x) => Number.isFinite(x));
    const before = tcol((s) => s.before);
    const after = tcol((s) => s.after);
    const markToPanel = tcol((s) => s.markToPanel);
    const total = tcol((s) => s.total);
    const row = (label: string, xs: number[], aim: string): string[] => [label, ms(median(xs)), range(xs), aim];
    console.log(`   Our extension's main-thread script time, from Chrome tracing (${traced.length} loads of their own), median [min–max]\n`);
    console.log(
      table(
        ['our script time', 'median', 'min–max', 'aim'],
        [
          row('before first mark', before, `≤ ${AIM_REPORT_MS} ms (${ratio(median(before), AIM_REPORT_MS)} of aim)`),
          row('  of which the thread was on a CPU', tcol((s) => s.beforeCpu), 'thread time: less what other processes took'),
          row('  run (v8.run / FunctionCall)', tcol((s) => s.beforeBy.run), ''),
          row('  compile (v8.compile)', tcol((s) => s.beforeBy.compile), ''),
          row('  microtasks (promise jobs)', tcol((s) => s.beforeBy.microtasks), ''),
          row('  rest (EvaluateScript, dispatch)', tcol((s) => s.beforeBy.rest), ''),
          row('after first mark until settled', after, ''),
          row('  of which first mark → sidebar .panel', markToPanel, ''),
          row('total', total, ''),
        ],
      ),
    );
    console.log('');
    console.log(`  In the traced loads the first mark came at ${ms(median(tcol((s) => s.markAt)), 1)} and the panel at ${ms(median(tcol((s) => s.panelAt)), 1)}`);
    console.log('  after navigation start (medians; tracing slows the page, compare the table above). Counted: events on the');
    console.log("  tab's main thread with our chrome-extension:// URL or our isolated world, less the page's (the probe's) callbacks");
    console.log('  nested in them, plus URL-less microtask checkpoints inferred to be ours; see the header comment.\n');

    const run = tcol((s) => s.run);
    const emptyDiff = med('/errors.html', 'ours') - med('/errors.html', 'empty');
    const noopDiff = med('/errors.html', 'ours') - med('/errors.html', 'noop');
    const sameLoad = traced.map((t) => t.split.allScriptRun - t.scriptMs);
    console.log('   Cross-check with ScriptDuration (traced medians; ScriptDuration from the untraced loads of 2., taken in the same rounds)\n');
    console.log(
      table(
        ['figure', 'median', 'min–max', 'note'],
        [
          row('traced total, ours', total, '= run + compile + microtasks + rest'),
          row('  run: in our outermost v8.run / FunctionCall', run, 'what ScriptDuration counts'),
          row('  compile: our v8.compile', tcol((s) => s.compile), 'not in ScriptDuration'),
          row('  microtasks: URL-less checkpoints inferred ours', tcol((s) => s.microtasks), 'not in ScriptDuration (promise jobs)'),
          row('  rest: EvaluateScript / dispatch around them', tcol((s) => s.rest), 'not in ScriptDuration'),
          ...[...new Set(splits.flatMap((s) => Object.keys(s.restBy)))]
            .map((name) => ({ name, xs: splits.map((s) => s.restBy[name] ?? 0) }))
            .sort((a, b) => median(b.xs) - median(a.xs))
            .slice(0, 4)
            .map(({ name, xs }) => row(`    own time of ${name}`, xs, '')),
          ['ScriptDuration ours − empty (2.)', ms(emptyDiff), '', `traced run ${signed(median(run) - emptyDiff)}, traced total ${signed(median(total) - emptyDiff)}`],
          ['ScriptDuration ours − no-op (2.)', ms(noopDiff), '', `traced run ${signed(median(run) - noopDiff)}, traced total ${signed(median(total) - noopDiff)}`],
          [
            'same traced load: Σ run, all worlds − its ScriptDuration',
            signed(median(sameLoad)),
            range(sameLoad),
            `checks what ScriptDuration counts (its median ${ms(median(traced.map((t) => t.scriptMs)))})`,
          ],
          row('unattributed script on the main thread', tcol((s) => s.unattributed), "URL-less, not inferred ours: the page's own promise jobs"),
        ],
      ),
    );
    console.log('');
    console.log('  Traced run ≈ ScriptDuration ours − floor, up to the tracing overhead and the spread between loads (the two come');
    console.log('  from different loads; on a busy machine their medians drift apart by more than that). The same-load row is');
    console.log('  the exact check: there Σ run of all worlds equals that load\'s own ScriptDuration within ~0.3 ms when the');
    console.log('  machine is quiet. Traced total − ScriptDuration ours − floor ≈ compile + microtasks: what ScriptDuration misses.');
    console.log('');
    console.log(
      table(
        ['checker CPU on the report page', 'value', 'aim'],
        [
          ['traced: our script before first mark', ms(median(before)), `≤ ${AIM_REPORT_MS} ms (${ratio(median(before), AIM_REPORT_MS)} of aim)`],
          ['ScriptDuration ours − empty (detector + checker + sidebar)', ms(emptyDiff), `≤ ${AIM_REPORT_MS} ms (${ratio(emptyDiff, AIM_REPORT_MS)} of aim)`],
          ['ScriptDuration ours − no-op (detector + checker + sidebar)', ms(noopDiff), `≤ ${AIM_REPORT_MS} ms (${ratio(noopDiff, AIM_REPORT_MS)} of aim)`],
        ],
      ),
    );
    console.log('');
    const noMark = splits.filter((s) => !Number.isFinite(s.before)).length;
    if (noMark > 0) warnings.push(`traced loads: ${noMark} of ${traced.length} without a grc-first-mark TimeStamp (no split for them)`);
    const noPanel = splits.filter((s) => !Number.isFinite(s.markToPanel)).length;
    if (noPanel > 0) warnings.push(`traced loads: ${noPanel} of ${traced.length} without a grc-panel TimeStamp`);
    const lossy = traced.filter((t) => t.dataLoss).length;
    if (lossy > 0) warnings.push(`traced loads: ${lossy} of ${traced.length} lost trace data (buffer full): their figures are too low`);
    const unsettledTraces = traced.filter((t) => !t.settled).length;
    if (unsettledTraces > 0) warnings.push(`traced loads: ${unsettledTraces} of ${traced.length} still running script after ${SETTLE_MAX_MS / 1000} s (trace ended then)`);
    if (warnings.length) {
      console.log('Notes:');
      for (const w of warnings) console.log(`  - ${w}`);
      console.log('');
    }
    console.log(`Total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    for (const s of setups) await s.close();
    await server.close().catch(() => undefined);
  }
}

main().catch((err: unknown) => {
  if (err instanceof BenchError) console.error(`bench-browser: ${err.message}`);
  else console.error(err);
  process.exitCode = 1;
});

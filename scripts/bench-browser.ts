/**
 * `npx tsx scripts/bench-browser.ts`: what the extension costs in a real browser.
 *
 * 1. Sizes of the production content scripts (raw and gzip -9): the detector runs on every gov.cn
 *    page, the checker only on pages that may hold a report.
 * 2. Main-thread script time (CDP Performance.getMetrics → ScriptDuration) of a large ordinary
 *    page (/big-news.html) and a report page with errors (/errors.html), each loaded 7 times on
 *    www.weihai.gov.cn in three setups: no extension, an extension with one empty content script
 *    on *://*.gov.cn/* at document_idle (generated here, the floor any content script pays), and
 *    ours (.output/chrome-mv3). A load counts once the `load` event fired and ScriptDuration has
 *    not changed for 500 ms (or 3 s have passed).
 * 3. On the report page with our extension: time from navigation start until the first
 *    [data-grc] mark and the sidebar's .panel exist (a MutationObserver added with addInitScript;
 *    these loads are separate, since the observer is page script and would count in 2.).
 *
 * Figures for reading, never asserted. Run after `npx wxt build`; see ../shared/TOOLCHAIN.md,
 * "Browser tests". The build is copied to a temp dir first, so a rebuild during the run cannot mix
 * two builds. The setups are loaded in turn (one load each, rotating the order), so drift in the
 * machine's speed falls on all three alike; everything runs in one fresh temp dir, removed at
 * the end. About a minute.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM, EXTENSION_DIR, HOST_RESOLVER_RULES, REPO_ROOT, startServer, type TestServer } from '../test/e2e/harness';

const HOST = 'www.weihai.gov.cn';
const LOADS = 7;
const QUIET_MS = 500;
const SETTLE_MAX_MS = 3000;
const POLL_MS = 100;
const GOTO_TIMEOUT_MS = 30_000;
const MARKS_TIMEOUT_MS = 5_000;
const SERVICE_WORKER_TIMEOUT_MS = 20_000;

const AIM_CHECKER_GZIP = 40 * 1024;
const AIM_PAGE_EXTRA_MS = 1;
const AIM_REPORT_MS = 10;

const DETECTOR = 'detector.js';
const CHECKER = 'content-scripts/checker.js';

const PAGES = [
  { path: '/big-news.html', label: 'non-report page /big-news.html (~2 MB)', report: false },
  { path: '/errors.html', label: 'report page /errors.html (with errors)', report: true },
] as const;
type PagePath = (typeof PAGES)[number]['path'];

type SetupKey = 'none' | 'empty' | 'ours';
const SETUP_LABELS: Record<SetupKey, string> = {
  none: 'no extension',
  empty: 'empty content script',
  ours: 'our extension',
};

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
  const missing = [manifestPath, join(dir, DETECTOR), join(dir, CHECKER)].filter((p) => !existsSync(p));
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

/** The floor: an MV3 extension whose only content script is an empty file on every gov.cn page. */
function writeEmptyExtension(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const manifest = {
    manifest_version: 3,
    name: 'bench: empty content script',
    version: '1.0.0',
    content_scripts: [{ matches: ['*://*.gov.cn/*'], js: ['empty.js'], run_at: 'document_idle' }],
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(dir, 'empty.js'), '');
}

// ---------------------------------------------------------------------------------------------
// browsers
// ---------------------------------------------------------------------------------------------

interface Setup {
  key: SetupKey;
  context: BrowserContext;
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
  return { key, context, close };
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
 * root first holds a .panel; MutationObserver callbacks run at the microtask checkpoint after the
 * change. Plain JavaScript in a string: tsx would add helpers (__name) to a serialised function.
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
        inShadow.disconnect();
        return;
      }
    }
  });
  const lookAtHost = (host) => {
    const root = host.shadowRoot;
    if (!root || seen.has(root) || rec.panel !== null) return;
    seen.add(root);
    if (root.querySelector('.panel')) rec.panel = performance.now();
    else inShadow.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] });
  };
  const inPage = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') {
        if (rec.mark === null && r.attributeName === 'data-grc') rec.mark = performance.now();
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
  const sizes = [sizeOf(build.dir, DETECTOR), sizeOf(build.dir, CHECKER)];
  const [det, chk] = sizes as [Size, Size];
  console.log('1. Content scripts of the production build (.output/chrome-mv3)\n');
  console.log(
    table(
      ['file', 'raw', 'gzip -9', 'gzip', 'aim'],
      [
        [det.file, `${det.raw} B`, `${det.gzip} B`, kib(det.gzip), 'cost on every gov.cn page: as small as it can be'],
        [
          chk.file,
          `${chk.raw} B`,
          `${chk.gzip} B`,
          kib(chk.gzip),
          `≤ 40 KiB gzip (${AIM_CHECKER_GZIP} B): ${chk.gzip <= AIM_CHECKER_GZIP ? 'within' : 'over'} by ${Math.abs(AIM_CHECKER_GZIP - chk.gzip)} B (${ratio(chk.gzip, AIM_CHECKER_GZIP)} of aim)`,
        ],
      ],
    ),
  );
  console.log('');

  const emptyDir = join(tmp, 'empty-extension');
  writeEmptyExtension(emptyDir);
  const server = await startServer();
  const setups: Setup[] = [];
  try {
    setups.push(await launch('none', null, tmp));
    setups.push(await launch('empty', emptyDir, tmp));
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

    // 2. ScriptDuration, setups in turn with a rotating order
    const results = new Map<string, Load[]>();
    const keyOf = (p: PagePath, s: SetupKey): string => `${p} ${s}`;
    for (const p of PAGES) {
      for (let i = 0; i < LOADS; i++) {
        for (let j = 0; j < setups.length; j++) {
          const s = setups[(i + j) % setups.length] as Setup;
          const load = await loadOnce(s, server, p.path);
          const k = keyOf(p.path, s.key);
          results.set(k, [...(results.get(k) ?? []), load]);
        }
      }
    }

    // 3. time to marks, our extension only, with the probe
    const probed: Load[] = [];
    for (let i = 0; i < LOADS; i++) probed.push(await loadOnce(by('ours'), server, '/errors.html', { probe: true }));

    // ---- report
    const loadsOf = (p: PagePath, s: SetupKey): Load[] => results.get(keyOf(p, s)) ?? [];
    const med = (p: PagePath, s: SetupKey): number => median(loadsOf(p, s).map((l) => l.scriptMs));
    console.log(`2. Main-thread script time (ScriptDuration), median of ${LOADS} loads [min–max]\n`);
    const rows: string[][] = [];
    for (const p of PAGES) {
      const none = med(p.path, 'none');
      const empty = med(p.path, 'empty');
      const ours = med(p.path, 'ours');
      const aim = p.report ? `≤ ${AIM_REPORT_MS} ms to marks` : `≤ ${AIM_PAGE_EXTRA_MS} ms extra`;
      rows.push([
        p.label,
        ...(['none', 'empty', 'ours'] as const).map((k) => `${ms(med(p.path, k))} [${range(loadsOf(p.path, k).map((l) => l.scriptMs))}]`),
        signed(empty - none),
        signed(ours - empty),
        ratio(ours, empty),
        aim,
      ]);
    }
    console.log(
      table(['page', SETUP_LABELS.none, SETUP_LABELS.empty, SETUP_LABELS.ours, 'empty − none', 'ours − empty', 'ours / empty', 'aim'], rows),
    );
    console.log('');
    console.log('  ours − empty is what our content scripts add beyond the floor any content script pays (differences of medians).');
    console.log('  On /errors.html it is detector + background round trip + checker + sidebar; on /big-news.html the detector alone.');
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
    const checkerCost = med('/errors.html', 'ours') - med('/errors.html', 'empty');
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
    console.log(
      table(
        ['checker CPU on the report page', 'value', 'aim'],
        [
          [
            'ScriptDuration ours − empty (detector + checker + sidebar)',
            ms(checkerCost),
            `≤ ${AIM_REPORT_MS} ms (${ratio(checkerCost, AIM_REPORT_MS)} of aim)`,
          ],
        ],
      ),
    );
    console.log('');
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

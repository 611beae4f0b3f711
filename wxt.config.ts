import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { GOV_CN_MATCHES } from './src/page/matches';

/** Drawn by scripts/make-icons.ts into public/icon/ (WXT copies public/ into every build). */
const ICONS = { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' };

/**
 * Firefox only (Chrome's manifest has no browser_specific_settings). An MV3 add-on must name its
 * id. 140 is the floor: the CSS Custom Highlight API that marks quoted prose
 * (src/page/highlight.ts) arrived in Firefox 140, and so did `data_collection_permissions`;
 * MV3 (109), `optional_host_permissions` (128) and host permissions granted at install (127) are
 * older. Firefox for Android reads `data_collection_permissions` from 142 (its own floor, else
 * web-ext lint warns). Nothing is collected or sent anywhere: `required: ['none']`.
 */
const GECKO = {
  gecko: {
    id: 'gov-report-check@example.org',
    strict_min_version: '140.0',
    data_collection_permissions: { required: ['none'] },
  },
  gecko_android: { strict_min_version: '142.0' },
};

/**
 * Chrome, Edge and the Chromium-based domestic browsers (360, QQ, Sogou… on older kernels): the
 * oldest kernel the extension runs on, from the APIs it uses without a fallback —
 *  - the in-page sidebar calls the browser's own API without the polyfill (native-browser.ts) and
 *    awaits the promises of runtime.sendMessage and storage.local: promises there came in Chrome 99;
 *  - scripting.registerContentScripts with persistAcrossSessions (extra sites, sites.ts): 96;
 *    scripting.executeScript with `func` and `args`: 92; MV3 itself: 88.
 * Newer APIs are used where they exist, each with a fallback: the CSS Custom Highlight API (105) for
 * quoted prose (highlight.ts: the paragraph is tinted instead), popovers (114) for the sidebar's top
 * layer (sidebar.tsx onTop: the highest z-index instead), documentIds (106) to reach the very
 * document that was checked (inject.ts, background.ts: frame 0 instead). The bundles are compiled
 * for the same floor (BUILD_TARGET), so no newer syntax reaches an older kernel. The batch page's PDF
 * reading (pdf.js 5) needs Chrome 119; below that a PDF is refused with pdf.js's error, the rest works.
 */
export const MIN_CHROME = 99;
const BUILD_TARGET = [`chrome${MIN_CHROME}`, `edge${MIN_CHROME}`, 'firefox140'];

/**
 * The detector (entrypoints/detector/main.ts, which says why) is bundled here as a plain IIFE, not
 * as a WXT unlisted script, and written into every build as a generated public file, `detector.js`.
 */
async function buildDetector(): Promise<string> {
  const out = await esbuild({
    entryPoints: [fileURLToPath(new URL('./entrypoints/detector/main.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    target: BUILD_TARGET,
    minify: !process.env.GRC_NOMINIFY,
    charset: 'utf8',
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  const file = out.outputFiles[0];
  if (!file) throw new Error('esbuild wrote no detector.js');
  return file.text;
}

// WXT has no Preact module: the Vite plugin is added by hand (see ../shared/TOOLCHAIN.md).
export default defineConfig({
  srcDir: '.',
  // MV3 for every browser: WXT's default for Firefox would be MV2.
  manifestVersion: 3,
  modules: ['@wxt-dev/webextension-polyfill'],
  // GRC_NOMINIFY=1 npx wxt build: readable bundles with source maps, for a CPU profile that names
  // our functions (never for a release: the bench measures the minified build)
  vite: () => ({ plugins: [preact()], build: { target: BUILD_TARGET, ...(process.env.GRC_NOMINIFY ? { minify: false, sourcemap: true } : {}) } }),
  hooks: {
    'build:publicAssets': async (_wxt, files) => {
      files.push({ relativeDest: 'detector.js', contents: await buildDetector() });
    },
    // The in-page sidebar uses the browser's own API object, not the polyfill: see
    // src/page/native-browser.ts for why (several ms on every report page) and what it calls.
    // (The first in-page script, entrypoints/checker.ts, does not import wxt/browser at all.)
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.some((e) => e.name === 'sidebar')) return;
      const alias = config.resolve?.alias;
      const list = Array.isArray(alias) ? alias : Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement: String(replacement) }));
      const native = fileURLToPath(new URL('./src/page/native-browser.ts', import.meta.url));
      config.resolve = { ...config.resolve, alias: [{ find: /^wxt\/browser$/, replacement: native }, ...list] };
    },
  },
  manifest: ({ browser }) => ({
    name: '__MSG_name__',
    description: '__MSG_description__',
    default_locale: 'zh_CN',
    icons: ICONS,
    // Least privilege: gov.cn host access comes from the sidebar content script's match pattern (injected by the
    // background); every other site only through activeTab when the user asks.
    // unlimitedStorage (Chrome, Edge): a batch of a county's reports is kept whole (~33 KB a report: 10 MB,
    // Chrome's storage.local quota without it, holds ~300) beside the history of checked reports; Chrome shows no
    // install warning for it. Firefox's storage.local has IndexedDB's far larger limits and would list it at install: not asked there.
    permissions: ['activeTab', 'scripting', 'storage', ...(browser === 'firefox' ? [] : ['unlimitedStorage']), 'contextMenus'],
    // The batch page asks for other sites one origin at a time, when the user starts a batch.
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    action: { default_title: '__MSG_name__', default_icon: ICONS },
    // The detector: a plain script built by buildDetector above (no WXT context, no polyfill: it runs on every gov.cn page).
    // document_start: the extension's world is made before the page's markup can shadow its API (entrypoints/detector/main.ts)
    content_scripts: [{ matches: GOV_CN_MATCHES, js: ['detector.js'], run_at: 'document_start' }],
    commands: {
      'check-page': { suggested_key: { default: 'Alt+Shift+K' }, description: '__MSG_checkPage__' },
      // into the sidebar, for the keyboard (issue 18, item 2); the sidebar also listens for the same keys in the page
      'focus-panel': { suggested_key: { default: 'Alt+Shift+J' }, description: '__MSG_focusPanel__' },
    },
    // Chrome and Edge (the same build: `wxt zip -b edge`); Firefox states its own floor in GECKO
    ...(browser === 'firefox' ? { browser_specific_settings: GECKO } : { minimum_chrome_version: String(MIN_CHROME) }),
  }),
  zip: {
    // `wxt zip -b firefox` also writes the sources zip for addons.mozilla.org review: the project as
    // needed to rebuild the package (npm ci && npx wxt zip -b firefox), without what WXT leaves out
    // already (node_modules, .output, dot files, *.test.ts), the tests and their fixtures, the
    // scripts and configs that only serve them, screenshots and scratch files.
    excludeSources: [
      'test/**',
      'test-results/**',
      'docs/**',
      'coverage/**',
      'dist/**',
      '**/*.tmp.*',
      'vitest*.config.ts',
      'scripts/run-tests.mjs',
      'scripts/bench/**',
      'scripts/screenshots.ts',
      'scripts/make-pdf-fixtures.ts',
    ],
  },
});

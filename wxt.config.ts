import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { GOV_CN_MATCHES } from './src/matches';

// WXT has no Preact module: the Vite plugin is added by hand (see ../shared/TOOLCHAIN.md).
export default defineConfig({
  srcDir: '.',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: '__MSG_name__',
    description: '__MSG_description__',
    default_locale: 'zh_CN',
    // Least privilege: gov.cn host access comes from the checker's match pattern (injected by the
    // background); every other site only through activeTab when the user asks.
    permissions: ['activeTab', 'scripting', 'storage', 'contextMenus'],
    // The batch page asks for other sites one origin at a time, when the user starts a batch.
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    action: { default_title: '__MSG_name__' },
    // The detector is an unlisted script (no WXT context, no polyfill: it runs on every gov.cn page).
    content_scripts: [{ matches: GOV_CN_MATCHES, js: ['detector.js'], run_at: 'document_idle' }],
    commands: {
      'check-page': { suggested_key: { default: 'Alt+Shift+K' }, description: '__MSG_checkPage__' },
    },
  },
});

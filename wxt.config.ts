import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// WXT has no Preact module: the Vite plugin is added by hand (see ../shared/TOOLCHAIN.md).
export default defineConfig({
  srcDir: '.',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: '政府信息公开年报核对',
    description: '核对政府信息公开工作年度报告表格中的数字是否自洽 — checks the figures in government-information-disclosure annual reports',
    permissions: [],
  },
});

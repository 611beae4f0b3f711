import { defineConfig } from 'vitest/config';

// Browser tests: headless Chromium with the built extension (.output/chrome-mv3) loaded.
// Run `npx wxt build` first. One file at a time: each launches its own Chromium (~1.2 GB).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    exclude: ['node_modules/**'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

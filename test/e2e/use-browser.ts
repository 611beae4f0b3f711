// Kept apart from harness.ts, which scripts (bench, screenshots) import outside vitest.
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, startServer, type LaunchedBrowser, type TestServer } from './harness';

/**
 * A test file's server and browser, started before its tests and closed after them:
 * `const env = useBrowser();` then `env.server`, `env.browser` inside the tests.
 */
export function useBrowser(opts: { lang?: string } = {}): { readonly server: TestServer; readonly browser: LaunchedBrowser } {
  let server: TestServer | undefined;
  let browser: LaunchedBrowser | undefined;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser(opts);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get server(): TestServer {
      if (!server) throw new Error('the test server is not started');
      return server;
    },
    get browser(): LaunchedBrowser {
      if (!browser) throw new Error('the browser is not launched');
      return browser;
    },
  };
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clickToolbarButton, EXTENSION_DIR } from './harness';
import { useBrowser } from './use-browser';
import { CLOBBER_SHAPES } from './derived-pages';

// Issue 16, item 2: a page must not switch the extension off by shadowing its API. Named access
// makes `<form id="browser"><input name="runtime"></form>` (and every shape in CLOBBER_SHAPES) a
// global `browser` in the content script's world too; the detector, the first in-page script and
// the sidebar must take the API from the real extension global only. Each shape is errors.html with
// the markup hidden at the top of its body (derived-pages.ts): the automatic check must still
// mark the five errors' cells and show the sidebar, and the toolbar button must still work.

const env = useBrowser();

const PANEL = 'gov-report-check .panel';

async function open(path: string, host = 'www.weihai.gov.cn'): Promise<Page> {
  const page = await env.browser.context.newPage();
  await page.goto(env.server.url(host, path), { waitUntil: 'load' });
  return page;
}

/** The shadowing markup is in the page (hidden), as served. */
async function hasMarkup(page: Page): Promise<number> {
  return page.locator('body > div[style="display:none"] [id="browser"], body > div[style="display:none"] [name="browser"], body > div[style="display:none"] [id="chrome"], body > div[style="display:none"] [name="chrome"], body > div[style="display:none"] [id="runtime"], body > div[style="display:none"] [name="runtime"]').count();
}

describe('page markup that shadows the extension API', () => {
  it('control: errors.html without the markup', async () => {
    const page = await open('/errors.html');
    await page.locator(PANEL).waitFor({ timeout: 10_000 });
    expect(await page.locator('td[data-grc~="fail"]').count()).toBe(6);
    await page.close();
  });

  for (const shape of Object.keys(CLOBBER_SHAPES)) {
    it(`${shape}: the automatic check still marks the report and shows the sidebar`, async () => {
      const page = await open(`/clobber/${shape}.html`);
      expect(await hasMarkup(page)).toBeGreaterThan(0);
      await page.locator(PANEL).waitFor({ timeout: 10_000 });
      expect(await page.locator(`${PANEL} .count.err b`).textContent()).toBe('5');
      expect(await page.locator('td[data-grc~="fail"]').count()).toBe(6);
      // the sidebar's own calls go through too: a decision comes back applied
      const first = page.locator(`${PANEL} li.item`).first();
      await first.locator('button[data-state="rejected"]').click();
      await expect.poll(() => first.getAttribute('class'), { timeout: 5_000 }).toContain('rejected');
      await page.close();
    });
  }

  it('the detector runs at document_start: the extension\'s world is made before the page has markup to shadow its names', () => {
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as { content_scripts: { js: string[]; run_at: string }[] };
    expect(manifest.content_scripts.find((c) => c.js.includes('detector.js'))?.run_at).toBe('document_start');
  });

  // On a site that is not gov.cn (no detector ran, so the world is made only when the toolbar
  // injects the checker, after the markup) a page that shadows BOTH names (form-both,
  // iframe-browser) leaves the page side without an API: toolbar-shadowed.test.ts covers that.
  it('form-browser-id on a site that is not gov.cn: the toolbar button still checks it', async () => {
    const page = await open('/clobber/form-browser-id.html?on-demand', 'gov-mirror.test');
    expect(await page.locator('gov-report-check').count()).toBe(0);
    await clickToolbarButton(env.browser.context, env.browser.extensionId, page);
    await page.locator(PANEL).waitFor({ timeout: 10_000 });
    expect(await page.locator('td[data-grc~="fail"]').count()).toBe(6);
    await page.close();
  });
});

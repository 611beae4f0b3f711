import { describe, expect, it } from 'vitest';
import { useBrowser } from './use-browser';
import type { Page } from 'playwright-core';

// Issue 16, item 4: more than ~16 checks at once lost sidebars (30 of 50 report tabs got theirs:
// the background kept results in a cache of 16 shared by all tabs, and a sidebar that found its
// result gone ended silently). Every tab must get its sidebar and its marks.

const TABS = Number(process.env.E2E_TABS ?? 50);
const PANEL = 'gov-report-check .panel';

const env = useBrowser();

describe(`${TABS} report tabs opened at once`, () => {
  it('every tab gets its sidebar, its five errors and its marks', { timeout: 300_000 }, async () => {
    // all tabs first, then all loads at once: the checks overlap in the background
    const pages: Page[] = [];
    for (let i = 0; i < TABS; i++) pages.push(await env.browser.context.newPage());
    const started = Date.now();
    await Promise.all(pages.map((p, i) => p.goto(env.server.url('www.weihai.gov.cn', `/errors.html?tab=${i}`), { waitUntil: 'load', timeout: 120_000 })));
    const outcome = await Promise.all(
      pages.map(async (p) => {
        const shown = await p
          .locator(PANEL)
          .waitFor({ timeout: 120_000 })
          .then(() => true, () => false);
        const errors = shown ? await p.locator(`${PANEL} .count.err b`).textContent() : null;
        const marks = await p.locator('td[data-grc~="fail"]').count();
        return { shown, errors, marks };
      }),
    );
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const withSidebar = outcome.filter((o) => o.shown).length;
    const marked = outcome.filter((o) => o.marks === 6).length;
    console.log(`${TABS} tabs: ${withSidebar} sidebars, ${marked} marked, all within ${seconds} s`);
    expect(withSidebar).toBe(TABS);
    expect(outcome.every((o) => o.errors === '5')).toBe(true);
    expect(marked).toBe(TABS);
    await Promise.all(pages.map((p) => p.close()));
  });
});

// The probable wrong cell in the page (issue 17): one typo in a report whose figures otherwise add
// up — the cell is marked apart from the rest of the failing sums, and the sidebar names it with
// the value that makes everything add up.
import { describe, expect, it } from 'vitest';
import { screenshot } from './harness';
import { useBrowser } from './use-browser';

const PANEL = 'gov-report-check .panel';
const env = useBrowser();

describe('one typo', () => {
  it('the suspect cell is marked apart and named in the sidebar', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(env.server.url('www.weihai.gov.cn', '/one-typo.html'));
    await page.locator(PANEL).waitFor({ timeout: 15_000 });
    const suspects = page.locator('td[data-grc~="suspect"]');
    await expect.poll(() => suspects.count()).toBe(1);
    expect((await suspects.first().textContent())?.trim()).toBe('85');
    // the totals the failing sums point at are marked as failing, not as the suspect
    expect(await page.locator('td[data-grc~="fail"]').count()).toBeGreaterThan(0);
    const text = (await page.locator(PANEL).textContent()) ?? '';
    expect(text).toContain('很可能是表二「（一）予以公开」行「自然人」列填错：填 58 则各处都成立（现为 85，像是两位数字颠倒）');
    await suspects.first().scrollIntoViewIfNeeded();
    await screenshot(page, 'suspect-one-typo');
    await page.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, type LaunchedBrowser } from './harness';

// Nothing an auditor types is lost: a report's text pasted in the popup (which closes at the first
// click outside it) and the batch page's URLs, pasted text and other sites come back when the page
// is opened again, typed key by key or pasted at once.

let browser: LaunchedBrowser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const REPORT = '二十里店镇人民政府2021年政府信息公开工作年度报告\n一、总体情况\n本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3';

describe('drafts', () => {
  it('the popup: text typed and pasted, the popup closed, opened again: the text is there, its box open', async () => {
    const ext = `chrome-extension://${browser.extensionId}`;
    const popup = await browser.context.newPage();
    await popup.goto(`${ext}/popup.html`);
    await popup.locator('details.paste summary').click();
    await popup.locator('details.paste textarea').fill(REPORT);
    await popup.locator('details.paste textarea').press('End');
    await popup.keyboard.type('（补）');
    await popup.close({ runBeforeUnload: true });

    const again = await browser.context.newPage();
    await again.goto(`${ext}/popup.html`);
    await expect.poll(() => again.locator('details.paste textarea').inputValue(), { timeout: 5_000 }).toBe(`${REPORT}（补）`);
    expect(await again.locator('details.paste').getAttribute('open')).not.toBeNull();
    // and it is still checkable as it was
    await again.locator('details.paste button', { hasText: '检查文字' }).click();
    await again.locator('.pasted-result').waitFor();
    // emptied by the auditor: emptied when opened again too
    await again.locator('details.paste textarea').fill('');
    await again.close({ runBeforeUnload: true });
    const third = await browser.context.newPage();
    await third.goto(`${ext}/popup.html`);
    await third.locator('h1').waitFor();
    await new Promise((r) => setTimeout(r, 300));
    expect(await third.locator('details.paste textarea').inputValue()).toBe('');
    await third.close();
  });

  it('the batch page: URLs, pasted text and other sites typed, the tab closed before any run, opened again: all there', async () => {
    const url = `chrome-extension://${browser.extensionId}/batch.html`;
    const page = await browser.context.newPage();
    await page.goto(url);
    const urls = ['http://www.huancui.gov.cn/nb/2024.html', 'http://www.hyesld.gov.cn/xxgk/nb/'];
    await page.locator('textarea').first().fill(urls[0] as string);
    await page.locator('textarea').first().press('End');
    await page.keyboard.type(`\n${urls[1]}`);
    await page.locator('details.paste summary').click();
    await page.locator('details.paste textarea').fill(REPORT);
    await page.locator('input[type="text"]').fill('www.weihai.gov.cn');
    await page.close({ runBeforeUnload: true });

    const again = await browser.context.newPage();
    await again.goto(url);
    await expect.poll(() => again.locator('textarea').first().inputValue(), { timeout: 5_000 }).toBe(urls.join('\n'));
    expect(await again.locator('details.paste textarea').inputValue()).toBe(REPORT);
    expect(await again.locator('input[type="text"]').inputValue()).toBe('www.weihai.gov.cn');
    await screenshot(again, 'e2e-batch-drafts');
    await again.close();
  });
});

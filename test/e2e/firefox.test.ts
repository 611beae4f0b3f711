import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import puppeteer, { type Browser } from 'puppeteer-core';
import { REPO_ROOT, startServer, type TestServer } from './harness';

// The Firefox MV3 package in Debian's Firefox ESR (headless), driven over WebDriver BiDi by
// puppeteer-core: installed as a temporary add-on, on gov.cn host names mapped to the local server.
const FIREFOX = '/usr/bin/firefox-esr';
const BUILD = `${REPO_ROOT}.output/firefox-mv3`;

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(FIREFOX)) throw new Error(`${FIREFOX} is missing: apt-get install -y firefox-esr`);
  if (!existsSync(`${BUILD}/manifest.json`)) throw new Error('no Firefox build: npx wxt build -b firefox --mv3');
  server = await startServer();
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: { 'network.dns.localDomains': 'www.weihai.gov.cn,www.news.gov.cn', 'intl.locale.requested': 'zh-CN' },
  });
  await browser.installExtension(BUILD);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const count = (sel: string): string => `document.querySelectorAll(${JSON.stringify(sel)}).length`;

describe('the Firefox package in Firefox ESR', () => {
  it('checks a gov.cn report by itself: sidebar with the findings, marks in the page', async () => {
    const page = await browser.newPage();
    await page.goto(server.url('www.weihai.gov.cn', '/errors.html'));
    await page.waitForFunction(() => (document.querySelector('gov-report-check')?.shadowRoot?.querySelectorAll('button.finding').length ?? 0) > 0, { timeout: 15_000 });
    const panel = await page.evaluate(() => {
      const root = document.querySelector('gov-report-check')?.shadowRoot;
      return {
        findings: root?.querySelectorAll('button.finding').length ?? 0,
        errors: root?.querySelector('.count.err b')?.textContent ?? '',
        width: root?.querySelector('.panel')?.getBoundingClientRect().width ?? 0,
      };
    });
    expect(panel).toMatchObject({ findings: 6, errors: '5' });
    expect(panel.width).toBeGreaterThan(300);
    const failing = await page.evaluate(() => Array.from(document.querySelectorAll('td[data-grc~="fail"]'), (e) => (e.textContent ?? '').trim()).sort());
    expect(failing).toEqual(['150', '154', '7', '7', '73', '8'].sort());
    // closing the sidebar removes every mark
    await page.evaluate(() => (document.querySelector('gov-report-check')?.shadowRoot?.querySelectorAll('button.icon')[1] as HTMLButtonElement | undefined)?.click());
    await page.waitForFunction(`${count('[data-grc]')} === 0`, { timeout: 5000 });
    await page.close();
  });

  it('leaves an ordinary gov.cn page alone', async () => {
    const page = await browser.newPage();
    await page.goto(server.url('www.news.gov.cn', '/no-report.html'));
    await new Promise((r) => setTimeout(r, 1500));
    expect(await page.evaluate(count('gov-report-check'))).toBe(0);
    await page.close();
  });
});

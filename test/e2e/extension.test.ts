import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Worker } from 'playwright-core';
import { CheckResultSchema } from '../../src/model/result';
import { clickToolbarButton, launchBrowser, screenshot, startServer, type LaunchedBrowser, type TestServer } from './harness';
import { seedText } from '../support/seeds';

// The built extension in real headless Chromium, on fixture pages served under gov.cn host names
// (so the production match patterns decide where it runs).

let server: TestServer;
let browser: LaunchedBrowser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const PANEL = 'gov-report-check .panel';

async function open(path: string, host = 'www.weihai.gov.cn'): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(server.url(host, path), { waitUntil: 'load' });
  return page;
}

async function openWithPanel(path: string, host?: string): Promise<Page> {
  const page = await open(path, host);
  await page.locator(PANEL).waitFor({ timeout: 10_000 });
  return page;
}

function worker(): Worker {
  const w = browser.context.serviceWorkers()[0];
  if (!w) throw new Error('no service worker');
  return w;
}

/**
 * gov.cn pages are often plain http, where navigator.clipboard does not exist (the extension falls
 * back to execCommand there); the test reads the clipboard from a secure origin (127.0.0.1).
 */
async function readClipboard(): Promise<string> {
  const page = await browser.context.newPage();
  try {
    await page.goto(`http://127.0.0.1:${server.port}/no-report.html`);
    await page.bringToFront();
    return await page.evaluate(() => navigator.clipboard.readText());
  } finally {
    await page.close();
  }
}

type Chrome = {
  tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> };
  action: { getBadgeText(d: { tabId: number }): Promise<string> };
};

async function badgeOf(url: string): Promise<string> {
  return worker().evaluate(async (u) => {
    const c = (globalThis as unknown as { chrome: Chrome }).chrome;
    const tab = (await c.tabs.query({})).find((t) => t.url === u);
    return tab?.id === undefined ? 'no tab' : c.action.getBadgeText({ tabId: tab.id });
  }, url);
}

describe('a sound report', () => {
  it('shows "all passed", lists what was checked, and marks nothing', async () => {
    const page = await openWithPanel('/huancui-2023.html');
    const panel = page.locator(PANEL);
    await expect(panel.locator('.passed .ok-line').textContent()).resolves.toContain('全部通过');
    await expect(panel.locator('.passed li').count()).resolves.toBeGreaterThanOrEqual(8);
    await expect(panel.locator('.title').textContent()).resolves.toContain('威海市环翠区人民政府2023年政府信息公开工作年度报告');
    await expect(panel.locator('.facts').textContent()).resolves.toContain('2023');
    expect(await page.locator('[data-grc]').count()).toBe(0);
    await expect.poll(() => badgeOf(page.url())).toBe('✓');
    await page.close();
  });
});

describe('a report with errors', () => {
  let page: Page;
  beforeAll(async () => {
    page = await openWithPanel('/errors.html');
  });
  afterAll(async () => page.close());

  it('lists the five errors and the prose warning, grouped by table, with expected and found values', async () => {
    const findings = page.locator(`${PANEL} button.finding`);
    await expect(findings.count()).resolves.toBe(6);
    const ids = await findings.evaluateAll((els) => els.map((e) => e.getAttribute('data-finding')));
    expect(ids.sort()).toEqual([
      'balance/t2:natural',
      'balance/t2:total',
      'prose-figures/review:cases.review-total',
      'results-total/t2:total',
      'review-litigation-total/t3:review',
      'row-total/t2:unable-1',
    ]);
    const text = await page.locator(PANEL).textContent();
    expect(text).toContain('表二「1.本机关不掌握相关政府信息」行「总计 = 自然人 + 法人或其他组织」不成立：自然人 71 + 商业企业 0');
    expect(text).toContain('总计 73；差 +1。应为 72 · 实为 73');
    expect(await page.locator(`${PANEL} .count.err b`).textContent()).toBe('5');
    await expect.poll(() => badgeOf(page.url())).toBe('5');
  });

  it('marks the failing cells and rows in the page', async () => {
    const failing = await page.locator('td[data-grc~="fail"]').evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()));
    // the totals each failing relation rests on: balance 自然人 → （七）自然人 150 and 四 自然人 7;
    // balance 总计 → （七）总计 154 and 四 总计 7; results-total → （七）总计 154 (same cell);
    // row-total → 无法提供1 总计 73; review-litigation-total → 复议 总计 8
    expect(failing.sort()).toEqual(['150', '154', '7', '7', '73', '8'].sort());
    expect(await page.locator('tr[data-grc~="row-fail"]').count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('[data-grc~="block"]').count()).toBe(0);
    // the prose warning's paragraph, found in the page by the words it quotes
    const prose = await page.locator('[data-grc~="prose"]').evaluateAll((els) => els.map((e) => e.tagName + ':' + (e.textContent ?? '').trim()));
    expect(prose).toHaveLength(1);
    expect(prose[0]).toMatch(/^P:.*行政复议/);
    expect(await page.locator('gov-report-check').getAttribute('data-read')).toBe('html');
  });

  it('clicking a finding scrolls its cell into view and flashes it', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator(`${PANEL} button.finding[data-finding="row-total/t2:unable-1"]`).click();
    const cell = page.locator('td[data-grc~="flash"]');
    await cell.waitFor({ timeout: 3000 });
    expect((await cell.textContent())?.trim()).toBe('73');
    await page.waitForTimeout(700); // smooth scrolling
    const box = await cell.boundingBox();
    const viewport = page.viewportSize();
    expect(box && viewport && box.y >= 0 && box.y + box.height <= viewport.height).toBe(true);
    // the panel has moved off the cell
    const panelBox = await page.locator(PANEL).boundingBox();
    expect(box && panelBox && (panelBox.x > box.x + box.width || panelBox.x + panelBox.width < box.x)).toBe(true);
  });

  it('hovering a marked cell shows the rule, expected and found', async () => {
    const cell = page.locator('td[data-grc~="fail"]', { hasText: '73' });
    await cell.hover();
    const tip = page.locator('gov-report-check .tip');
    await tip.waitFor({ timeout: 3000 });
    const text = await tip.textContent();
    expect(text).toContain('row-total');
    expect(text).toContain('总计 73；差 +1');
  });

  it('showing a finding from the panel shows the same tooltip (a marked cell is no tab stop: keyboard.test.ts)', async () => {
    await page.mouse.move(0, 0);
    expect(await page.locator('[data-grc][tabindex]').count()).toBe(0);
    await page.locator(`${PANEL} button.finding[data-finding="review-litigation-total/t3:review"]`).click();
    const tip = page.locator('gov-report-check .tip');
    await tip.waitFor({ timeout: 3000 });
    expect(await tip.textContent()).toContain('review-litigation-total');
  });

  it('copies the JSON result in one click, and it parses with the exported schema', async () => {
    await page.locator(`${PANEL} button.action`, { hasText: '复制 JSON' }).click();
    await expect.poll(() => page.locator(`${PANEL} .status`).textContent()).toContain('已复制');
    const text = await readClipboard();
    const parsed = CheckResultSchema.safeParse(JSON.parse(text));
    expect(parsed.success).toBe(true);
    if (!parsed.success) return;
    expect(parsed.data.source).toEqual({ kind: 'url', location: page.url(), format: 'html' });
    expect(parsed.data.summary.errors).toBe(5);
  });

  it('copies the tables as TSV', async () => {
    await page.locator(`${PANEL} button.action`, { hasText: '复制表格' }).click();
    const text = await readClipboard();
    expect(text.split('\n')).toContain('四、结转下年度继续办理\t7\t0\t0\t0\t0\t0\t7');
  });

  it('collapses to a badge, remembers it across a reload, and reopens', async () => {
    await page.locator(`${PANEL} button.icon[aria-label="收起"]`).click();
    const badge = page.locator('gov-report-check button.badge');
    await badge.waitFor();
    expect(await badge.textContent()).toContain('✗ 5');
    await page.reload({ waitUntil: 'load' });
    await page.locator('gov-report-check button.badge').waitFor({ timeout: 10_000 });
    expect(await page.locator(PANEL).count()).toBe(0);
    await page.locator('gov-report-check button.badge').click();
    await page.locator(PANEL).waitFor();
  });

  it('closing the sidebar removes every mark and its stylesheet', async () => {
    expect(await page.locator('[data-grc]').count()).toBeGreaterThan(0);
    await page.locator(`${PANEL} button.icon[aria-label="关闭"]`).click();
    await expect.poll(() => page.locator('gov-report-check').count()).toBe(0);
    expect(await page.locator('[data-grc]').count()).toBe(0);
    expect(await page.locator('#gov-report-check-marks').count()).toBe(0);
    expect(await page.locator('td[tabindex]').count()).toBe(0);
  });
});

describe('pages that are hard', () => {
  it('tables that are pictures: says so and names them; no marks', async () => {
    const page = await openWithPanel('/seed-002.html');
    const text = await page.locator(PANEL).textContent();
    expect(text).toContain('表格为图片，无法核对');
    expect(text).toContain('表一、表二、表三');
    // named by place and heading, not by the file hash 1a42de8b501dc40c74c314129b3f287.png (issue 18)
    expect(text).toContain('第一张图片（位于“二、主动公开政府信息情况”之后）');
    expect(text).toContain('以图片形式发布，无法核对其中的数字（图片：第一张图片');
    expect(text).not.toContain('1a42de8b501dc40c74c314129b3f287.png');
    await screenshot(page, 'e2e-pictures-named');
    expect(await page.locator('[data-grc]').count()).toBe(0);
    await page.close();
  });

  it('a report inserted by a script after load is picked up', async () => {
    const page = await open('/late-insert.html');
    await page.locator(PANEL).waitFor({ timeout: 10_000 });
    await expect.poll(() => page.locator(`${PANEL} button.finding`).count(), { timeout: 10_000 }).toBe(6);
    expect(await page.locator('td[data-grc~="fail"]').count()).toBe(6);
    await page.close();
  });

  it('a page whose title, metadata and heading say nothing of a report is found by its tables', async () => {
    const page = await openWithPanel('/generic-title.html');
    expect(await page.locator('td[data-grc~="fail"]').count()).toBe(6);
    await expect(page.locator(`${PANEL} .count.err b`).textContent()).resolves.toBe('5');
    await page.close();
  });

  it('a report frame inserted after load that fills slowly is checked once it has loaded', async () => {
    const page = await open('/late-frame-host.html');
    await page.locator(PANEL).waitFor({ timeout: 15_000 });
    const frame = page.frames().find((f) => f.url().endsWith('iframe-report.html'));
    await expect.poll(async () => (await frame?.locator('td[data-grc~="fail"]').count()) ?? 0, { timeout: 5_000 }).toBe(1);
    await page.close();
  });

  it('a 年报 column listing gets no sidebar; the report it loads in place later is found and marked', async () => {
    const page = await open('/column-listing.html');
    // checked at once (the column's metadata), nothing to show: no sidebar, no marks
    await page.waitForTimeout(1500);
    expect(await page.evaluate(() => (window as unknown as { __reportInserted?: boolean }).__reportInserted)).toBeUndefined();
    expect(await page.locator('gov-report-check').count()).toBe(0);
    expect(await page.locator('[data-grc]').count()).toBe(0);
    // the detector watched on: the report that arrives at 2.5 s is checked
    await page.locator(PANEL).waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { __reportInserted?: boolean }).__reportInserted)).toBe(true);
    await expect.poll(() => page.locator('td[data-grc~="fail"]').count(), { timeout: 5_000 }).toBe(6);
    await page.close();
  });

  it('when the page changes its table after the check, the page is checked again and the marks follow', async () => {
    const page = await openWithPanel('/errors.html');
    await expect(page.locator(`${PANEL} .count.err b`).textContent()).resolves.toBe('5');
    // the page's own script corrects the （四）1 总计 cell (73 → 72): its row-total error goes, and
    // so does results-total (the result rows then sum to 154, as （七）总计 says)
    await page.locator('td[data-grc~="fail"]', { hasText: '73' }).evaluate((td) => {
      const text = [...td.querySelectorAll('*')].reverse().find((e) => e.children.length === 0) ?? td;
      text.textContent = '72';
    });
    await expect.poll(() => page.locator(`${PANEL} .count.err b`).textContent(), { timeout: 10_000 }).toBe('3');
    const failing = await page.locator('td[data-grc~="fail"]').evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()));
    expect(failing.sort()).toEqual(['150', '154', '7', '7', '8'].sort());
    expect(await page.locator('gov-report-check').count()).toBe(1);
    expect(await page.locator('gov-report-check').getAttribute('data-read')).toBe('html');
    await page.close();
  });

  it('a report inside a same-origin iframe is checked and marked inside the frame', async () => {
    const page = await openWithPanel('/iframe-host.html');
    await expect(page.locator(`${PANEL} .facts`).textContent()).resolves.toContain('2024');
    // seed 004's one finding: its prose says 结转7件 while row 四 总计 is 9 — marked in the frame
    expect(await page.locator(`${PANEL} .count.warn b`).textContent()).toBe('1');
    const frame = page.frames().find((f) => f.url().endsWith('iframe-report.html'));
    expect(await frame?.locator('td[data-grc~="fail"]').evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()))).toEqual(['9']);
    expect(await frame?.locator('[data-grc~="prose"]').count()).toBe(1);
    expect(await page.locator('gov-report-check').getAttribute('data-read')).toBe('html');
    await page.close();
  });

  it('tables a browser keeps out of its tree (<noscript>, <template>) do not shift the marks: the page HTML is read in the background', async () => {
    const page = await openWithPanel('/shell-markup.html');
    const failing = await page.locator('td[data-grc~="fail"]').evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()));
    expect(failing.sort()).toEqual(['150', '154', '7', '7', '73', '8'].sort());
    // the cells were found from the background's reading of the page's HTML, without the in-page fallback
    expect(await page.locator('gov-report-check').getAttribute('data-read')).toBe('html');
    await page.close();
  });

  it('a cell the page HTML cannot confirm (it holds a <script>) makes the checker read the live page: same findings, same marks', async () => {
    const page = await openWithPanel('/script-in-cell.html');
    expect(await page.evaluate(() => (window as unknown as { __cellScript?: number }).__cellScript)).toBe(1);
    await expect(page.locator(`${PANEL} .count.err b`).textContent()).resolves.toBe('5');
    // (the 73 cell's textContent goes on with its script's text)
    const failing = await page.locator('td[data-grc~="fail"]').evaluateAll((els) => els.map((e) => (e.textContent ?? '').split('window.')[0]?.trim()));
    expect(failing.sort()).toEqual(['150', '154', '7', '7', '73', '8'].sort());
    expect(await page.locator('gov-report-check').getAttribute('data-read')).toBe('page');
    await page.close();
  });

  it('hostile page CSS does not break the sidebar', async () => {
    const page = await openWithPanel('/hostile-css.html');
    const box = await page.locator(PANEL).boundingBox();
    expect(box?.width).toBeGreaterThan(300);
    expect(box?.height).toBeGreaterThan(200);
    const style = await page.locator(`${PANEL} .finding .text`).first().evaluate((el) => {
      const s = getComputedStyle(el);
      return { fontSize: parseFloat(s.fontSize), color: s.color, display: s.display };
    });
    expect(style.fontSize).toBeGreaterThanOrEqual(12);
    expect(style.color).not.toBe('rgba(0, 0, 0, 0)');
    await screenshot(page, 'e2e-hostile-css');
    await page.close();
  });

  it('cell text holding <img onerror> is shown as text and never runs', async () => {
    const page = await openWithPanel('/xss-cell.html');
    const text = await page.locator(PANEL).textContent();
    expect(text).toContain('<img src=x onerror="window.__pwned=1">');
    expect(await page.locator('gov-report-check img').count()).toBe(0);
    await page.locator('td[data-grc~="block"]').first().hover();
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
  });

  it('a large ordinary gov.cn page: nothing is injected and nothing changes', async () => {
    const page = await open('/big-news.html');
    await page.waitForTimeout(1500);
    expect(await page.locator('gov-report-check').count()).toBe(0);
    expect(await page.locator('[data-grc]').count()).toBe(0);
    expect(await badgeOf(page.url())).toBe('');
    await page.close();
  });

  it('an ordinary page with a table: nothing shown', async () => {
    const page = await open('/no-report.html');
    await page.waitForTimeout(1000);
    expect(await page.locator('gov-report-check').count()).toBe(0);
    await page.close();
  });

  it('a report on a host that is not gov.cn is not checked by itself', async () => {
    const page = await open('/errors.html', 'gov-mirror.test');
    await page.waitForTimeout(1000);
    expect(await page.locator('gov-report-check').count()).toBe(0);
    await page.close();
  });

  it('the toolbar button checks a report on a host that is not gov.cn, with activeTab alone (no host permission asked)', async () => {
    const page = await open('/errors.html?on-demand', 'gov-mirror.test');
    const granted = (): Promise<boolean> =>
      worker().evaluate((origin) => {
        const c = (globalThis as unknown as { chrome: { permissions: { contains(p: { origins: string[] }): Promise<boolean> } } }).chrome;
        return c.permissions.contains({ origins: [origin] });
      }, `${new URL(page.url()).origin}/*`);
    expect(await granted()).toBe(false);
    expect(await page.locator('gov-report-check').count()).toBe(0);
    await clickToolbarButton(browser.context, browser.extensionId, page);
    await page.locator(PANEL).waitFor({ timeout: 10_000 });
    // the same check as on gov.cn: five errors, the failing cells marked, the badge on this tab
    expect(await page.locator(`${PANEL} .count.err b`).textContent()).toBe('5');
    expect(await page.locator('td[data-grc~="fail"]').count()).toBe(6);
    await expect.poll(() => badgeOf(page.url())).toBe('5');
    // the button granted this tab for now; the extension still holds no permission for the site
    expect(await granted()).toBe(false);
    await page.close();
  });
});

describe('the toolbar popup', () => {
  it('shows the same summary as the sidebar and copies the JSON result', async () => {
    const page = await openWithPanel('/errors.html');
    const tabId = await worker().evaluate(async (u) => {
      const c = (globalThis as unknown as { chrome: Chrome }).chrome;
      return (await c.tabs.query({})).find((t) => t.url === u)?.id ?? -1;
    }, page.url());
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
    await popup.locator('.counts').waitFor({ timeout: 10_000 });
    expect(await popup.locator('.counts .err b').textContent()).toBe('5');
    expect(await popup.locator('.title').textContent()).toContain('2024年政府信息公开工作年度报告');
    await popup.bringToFront();
    await popup.locator('button', { hasText: '复制 JSON' }).click();
    await expect.poll(() => popup.locator('.status').textContent()).toContain('已复制');
    const text = await popup.evaluate(() => navigator.clipboard.readText());
    expect(CheckResultSchema.safeParse(JSON.parse(text)).success).toBe(true);
    await popup.close();
    await page.close();
  });

  it('checks a report text pasted into it', async () => {
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await popup.locator('details.paste summary').click();
    const seed = seedText('004_383c93ca4b8bd76d.txt');
    await popup.locator('details.paste textarea').fill(seed);
    await popup.locator('details.paste button', { hasText: '检查文字' }).click();
    await popup.locator('.pasted-result .counts').waitFor();
    expect(await popup.locator('.pasted-result .counts .warn b').textContent()).toBe('1');
    expect(await popup.locator('.pasted-findings').textContent()).toContain('结转下年度继续办理7件');
    await popup.close();
  });

  it('on a page that is not a report it says so', async () => {
    const page = await open('/no-report.html');
    const tabId = await worker().evaluate(async (u) => {
      const c = (globalThis as unknown as { chrome: Chrome }).chrome;
      return (await c.tabs.query({})).find((t) => t.url === u)?.id ?? -1;
    }, page.url());
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
    await expect.poll(() => popup.locator('.muted').textContent(), { timeout: 10_000 }).toContain('未发现');
    await popup.close();
    await page.close();
  });
});

describe("last year's report", () => {
  async function clearStorage(): Promise<void> {
    await worker().evaluate(async () => {
      const c = (globalThis as unknown as { chrome: { storage: { local: { clear(): Promise<void> } } } }).chrome;
      await c.storage.local.clear();
    });
  }

  it('an inconsistent pair: the 2024 sidebar shows the carry-over and 现行有效 differences and links the 2023 page', async () => {
    await clearStorage();
    const before = await openWithPanel('/huancui-2023-bad.html', 'www.huancui.gov.cn');
    const lastUrl = before.url();
    await before.close();
    const page = await openWithPanel('/seed-004.html', 'www.huancui.gov.cn');
    const ids = await page.locator(`${PANEL} button.finding`).evaluateAll((els) => els.map((e) => e.getAttribute('data-finding')));
    expect(ids.sort()).toEqual(['carry-over/t2:natural', 'carry-over/t2:total', 'in-force/t1:normative', 'prose-figures/carried-forward:carried-forward.total']);
    expect(await page.locator(`${PANEL} .last-year`).textContent()).toContain('已与2023年度报告比较');
    expect(await page.locator(`${PANEL} .last-year a`).getAttribute('href')).toBe(lastUrl);
    // the carried-over cells this year are marked
    const marked = await page.locator('td[data-grc~="fail"]').evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()));
    expect(marked.sort()).toEqual(['16', '7', '7', '9']);
    await page.close();
  });

  it('a consistent pair: compared, and all passed', async () => {
    await clearStorage();
    const before = await openWithPanel('/huancui-2023.html', 'www.huancui.gov.cn');
    await before.close();
    const page = await openWithPanel('/seed-004.html', 'www.huancui.gov.cn');
    expect(await page.locator(`${PANEL} .last-year`).textContent()).toContain('已与2023年度报告比较');
    const ids = await page.locator(`${PANEL} button.finding`).evaluateAll((els) => els.map((e) => e.getAttribute('data-finding')));
    expect(ids).toEqual(['prose-figures/carried-forward:carried-forward.total']); // seed 004's own prose only
    await page.close();
  });

  it('the options page lists what is stored and clears it', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.locator('table.records').waitFor({ timeout: 10_000 });
    const rows = await options.locator('table.records tbody tr').evaluateAll((els) => els.map((e) => (e.textContent ?? '').replace(/\s+/g, ' ')));
    expect(rows.some((r) => r.includes('威海市环翠区人民政府') && r.includes('2024'))).toBe(true);
    expect(rows.some((r) => r.includes('2023'))).toBe(true);
    options.once('dialog', (d) => void d.accept());
    await options.locator('button', { hasText: '清空记录' }).click();
    await options.locator('.empty').waitFor();
    await options.close();
  });
});

describe('review decisions', () => {
  it('a decision and its note survive a reload, go into the copied JSON and the audit record, and the filter hides decided findings', async () => {
    const page = await openWithPanel('/errors.html', 'www.review.gov.cn');
    const item = page.locator(`${PANEL} li.item`, { has: page.locator('button[data-finding="row-total/t2:unable-1"]') });
    await item.locator('input.note').fill('已电话核实');
    await item.locator('button.state[data-state="confirmed"]').click();
    await expect.poll(() => item.getAttribute('class')).toContain('confirmed');
    await page.reload({ waitUntil: 'load' });
    await page.locator(PANEL).waitFor({ timeout: 10_000 });
    const again = page.locator(`${PANEL} li.item`, { has: page.locator('button[data-finding="row-total/t2:unable-1"]') });
    await expect.poll(() => again.getAttribute('class')).toContain('confirmed');
    expect(await again.locator('input.note').inputValue()).toBe('已电话核实');
    // the filter: only undecided findings
    await page.locator(`${PANEL} .filter input`).check();
    await expect.poll(() => page.locator(`${PANEL} button.finding`).count()).toBe(5);
    await page.locator(`${PANEL} .filter input`).uncheck();
    // copied JSON carries the decision; the audit record names it
    await page.locator(`${PANEL} button.action`, { hasText: '复制 JSON' }).click();
    const json = CheckResultSchema.parse(JSON.parse(await readClipboard()));
    expect(json.review?.decisions.find((d) => d.findingId === 'row-total/t2:unable-1')).toMatchObject({ state: 'confirmed', note: '已电话核实' });
    await page.locator(`${PANEL} button.action`, { hasText: '复制核查记录' }).click();
    const record = await readClipboard();
    expect(record).toContain('政府信息公开工作年度报告核查记录');
    expect(record).toContain('【确认】表二「1.本机关不掌握相关政府信息」行');
    expect(record).toContain('备注：已电话核实');
    await page.close();
  });

  it('when the figures change, a decision on a finding that is gone is shown as stale, not applied elsewhere', async () => {
    const url = server.url('www.review.gov.cn', '/errors.html');
    const fixed = readFileSync(new URL('../fixtures/html/errors.html', import.meta.url), 'utf8').replace(/>73</, '>72<');
    const page = await browser.context.newPage();
    await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: fixed }));
    await page.goto(url);
    await page.locator(PANEL).waitFor({ timeout: 10_000 });
    const ids = await page.locator(`${PANEL} button.finding`).evaluateAll((els) => els.map((e) => e.getAttribute('data-finding')));
    expect(ids).not.toContain('row-total/t2:unable-1');
    expect(await page.locator(`${PANEL} .stale`).textContent()).toContain('已电话核实');
    expect(await page.locator(`${PANEL} li.item.confirmed`).count()).toBe(0);
    await page.close();
  });

  it('the printable findings page opens from the sidebar with the findings and decisions', async () => {
    const page = await openWithPanel('/errors.html', 'www.review.gov.cn');
    const [printPage] = await Promise.all([browser.context.waitForEvent('page'), page.locator(`${PANEL} button.action`, { hasText: '打印' }).click()]);
    await printPage.locator('table.findings').waitFor({ timeout: 10_000 });
    expect(await printPage.locator('table.findings tbody tr').count()).toBe(6);
    // the decision and its note in their own columns (print.test.ts reads the whole working paper)
    expect(await printPage.locator('table.findings td.note').allTextContents()).toContain('已电话核实');
    const pdf = await printPage.pdf({ format: 'A4' });
    expect(pdf.byteLength).toBeGreaterThan(10_000);
    await screenshot(printPage, 'e2e-print');
    await printPage.close();
    await page.close();
  });
});

describe('settings', () => {
  async function setSettings(value: unknown): Promise<void> {
    await worker().evaluate(async (v) => {
      const c = (globalThis as unknown as { chrome: { storage: { local: { set(o: object): Promise<void> } } } }).chrome;
      await c.storage.local.set({ settings: v });
    }, value);
  }
  const base = { version: 2, collapsed: false, autoCheck: true, extraSites: [], show: { error: true, warning: true, info: true } };

  it('the options page turns auto-check off: a gov.cn report is then left alone', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const box = options.locator('input[name="autoCheck"]');
    await box.waitFor();
    expect(await box.isChecked()).toBe(true);
    await box.uncheck();
    await options.waitForTimeout(300);
    const page = await open('/errors.html', 'www.settings.gov.cn');
    await page.waitForTimeout(1500);
    expect(await page.locator('gov-report-check').count()).toBe(0);
    await page.close();
    await box.check();
    await options.waitForTimeout(300);
    await options.close();
  });

  it('the sidebar lists only the severities chosen (the counts still show all)', async () => {
    await setSettings({ ...base, show: { error: true, warning: false, info: true } });
    const page = await openWithPanel('/errors.html', 'www.settings.gov.cn');
    const ids = await page.locator(`${PANEL} button.finding`).evaluateAll((els) => els.map((e) => e.getAttribute('data-finding')));
    expect(ids).not.toContain('prose-figures/review:cases.review-total');
    expect(ids).toHaveLength(5);
    expect(await page.locator(`${PANEL} .count.warn b`).textContent()).toBe('1');
    await setSettings(base);
    await page.close();
  });
});

describe('English browser', () => {
  it('speaks English when the browser does', async () => {
    const en = await launchBrowser({ lang: 'en-US' });
    try {
      const page = await en.context.newPage();
      await page.goto(server.url('www.weihai.gov.cn', '/errors.html'));
      await page.locator(PANEL).waitFor({ timeout: 10_000 });
      const text = await page.locator(PANEL).textContent();
      expect(text).toContain('errors');
      expect(text).toContain('"total = natural persons + organisations" does not hold');
      expect(text).toContain('total 73; off by +1.expected 72 · found 73');
      expect(text).toContain('Copy JSON');
    } finally {
      await en.close();
    }
  });
});

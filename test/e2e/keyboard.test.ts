import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { EXTENSION_DIR, screenshot } from './harness';
import { useBrowser } from './use-browser';

// Issue 18, item 2: the keyboard path, keyboard only. Marks add no tab stops to the page; Alt+Shift+J
// (and the focus-panel command) moves the focus into the panel; ↑/↓ and J/K go finding to finding,
// Enter shows the cell with its tooltip, 1/2/3 decide, N edits the note, Esc leaves.

const env = useBrowser();
const PANEL = 'gov-report-check .panel';

/** What has the focus: inside the sidebar's shadow root, or in the page. */
async function focused(page: Page): Promise<{ where: 'panel' | 'page'; tag: string; finding: string | null; cls: string; text: string }> {
  return page.evaluate(() => {
    const host = document.querySelector('gov-report-check');
    const inner = host?.shadowRoot?.activeElement ?? null;
    const el = document.activeElement === host && inner ? inner : document.activeElement;
    return {
      where: el && inner === el ? ('panel' as const) : ('page' as const),
      tag: el?.tagName ?? '',
      finding: el?.getAttribute('data-finding') ?? null,
      cls: el?.getAttribute('class') ?? '',
      text: (el?.textContent ?? '').trim().slice(0, 40),
    };
  });
}

async function openErrors(): Promise<Page> {
  const page = await env.browser.context.newPage();
  await page.setViewportSize({ width: 1400, height: 850 });
  await page.goto(env.server.url('www.weihai.gov.cn', '/errors.html'), { waitUntil: 'load' });
  await page.bringToFront();
  await page.locator(`${PANEL} button.finding`).first().waitFor({ timeout: 10_000 });
  return page;
}

describe('the page keeps its own tab order', () => {
  it('no marked cell is a tab stop: Tab from the top of the page goes through the page’s own links and fields, then into the panel', async () => {
    const page = await openErrors();
    try {
      expect(await page.locator('[data-grc]').count()).toBeGreaterThan(0);
      expect(await page.locator('[data-grc][tabindex]').count()).toBe(0);
      // the page's own tab stops, as its HTML has them
      const own = await page.evaluate(
        () => [...document.querySelectorAll('a[href], input:not([type="hidden"]), button, select, textarea, [tabindex]')].filter((e) => !e.closest('gov-report-check') && (e as HTMLElement).tabIndex >= 0 && e.getClientRects().length > 0).length,
      );
      expect(own).toBeGreaterThan(0);
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      let presses = 0;
      let into: Awaited<ReturnType<typeof focused>> | null = null;
      while (presses < own + 5) {
        await page.keyboard.press('Tab');
        presses++;
        const f = await focused(page);
        expect(f.tag, `Tab ${presses} landed on a table cell`).not.toMatch(/^T[DH]$/);
        if (f.where === 'panel') {
          into = f;
          break;
        }
      }
      // the panel comes right after the page's own stops: the marks added none
      expect(into).not.toBeNull();
      expect(presses).toBe(own + 1);
    } finally {
      await page.close();
    }
  });
});

describe('the key path through the panel', () => {
  let page: Page;
  beforeAll(async () => {
    page = await openErrors();
  });
  afterAll(async () => page.close());

  it('Alt+Shift+J moves the focus to the first finding, with a visible focus ring', async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Alt+Shift+KeyJ');
    await expect.poll(async () => (await focused(page)).where).toBe('panel');
    const f = await focused(page);
    expect(f.finding).toBe('balance/t2:natural');
    const ring = await page.locator(`${PANEL} button.finding[data-finding="balance/t2:natural"]`).evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(ring).toBe('solid');
    await screenshot(page, 'keyboard-focus-first');
  });

  it('↓ and J go to the next finding, ↑ and K back; the finding is the list’s one tab stop', async () => {
    await page.keyboard.press('ArrowDown');
    expect((await focused(page)).finding).toBe('balance/t2:total');
    await page.keyboard.press('j');
    expect((await focused(page)).finding).toBe('results-total/t2:total');
    await page.keyboard.press('j');
    expect((await focused(page)).finding).toBe('row-total/t2:unable-1');
    await page.keyboard.press('k');
    await page.keyboard.press('ArrowUp');
    expect((await focused(page)).finding).toBe('balance/t2:total');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect((await focused(page)).finding).toBe('row-total/t2:unable-1');
    const stops = await page.locator(`${PANEL} button.finding[tabindex="0"]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-finding')));
    expect(stops).toEqual(['row-total/t2:unable-1']);
    // Tab from the finding reaches its own decision buttons, not the next finding's
    await page.keyboard.press('Tab');
    const next = await focused(page);
    expect(next.text).toBe('待核');
    await page.keyboard.press('Shift+Tab');
    expect((await focused(page)).finding).toBe('row-total/t2:unable-1');
  });

  it('Enter shows the cell, clear of the panel, with its tooltip; the focus stays on the finding', async () => {
    await page.keyboard.press('Enter');
    const cell = page.locator('td[data-grc~="flash"]');
    await cell.waitFor({ timeout: 3000 });
    expect((await cell.textContent())?.trim()).toBe('73');
    const tip = page.locator('gov-report-check .tip');
    await tip.waitFor({ timeout: 3000 });
    expect(await tip.textContent()).toContain('row-total');
    expect((await focused(page)).finding).toBe('row-total/t2:unable-1');
    await screenshot(page, 'keyboard-enter-shows-cell');
  });

  it('1, 2 and 3 set 待核, 确认 and 驳回', async () => {
    const item = page.locator(`${PANEL} li.item`, { has: page.locator('button.finding[data-finding="row-total/t2:unable-1"]') });
    const pressed = (): Promise<string | null> => item.locator('button.state[aria-pressed="true"]').getAttribute('data-state');
    await page.keyboard.press('2');
    await expect.poll(pressed).toBe('confirmed');
    await page.keyboard.press('3');
    await expect.poll(pressed).toBe('rejected');
    await page.keyboard.press('1');
    await expect.poll(pressed).toBe('pending');
    await page.keyboard.press('2');
    await expect.poll(pressed).toBe('confirmed');
    expect((await focused(page)).finding).toBe('row-total/t2:unable-1');
  });

  it('N edits the note, Enter goes back to the finding, and the note is kept', async () => {
    await page.keyboard.press('n');
    const f = await focused(page);
    expect(f.tag).toBe('INPUT');
    await page.keyboard.type('已与经办人核实 2 3 j k');
    // the keys typed into the note are text, not commands
    const item = page.locator(`${PANEL} li.item`, { has: page.locator('button.finding[data-finding="row-total/t2:unable-1"]') });
    expect(await item.locator('button.state[aria-pressed="true"]').getAttribute('data-state')).toBe('confirmed');
    await page.keyboard.press('Enter');
    expect((await focused(page)).finding).toBe('row-total/t2:unable-1');
    expect(await item.locator('input.note').inputValue()).toBe('已与经办人核实 2 3 j k');
    await screenshot(page, 'keyboard-note');
  });

  it('Esc leaves the panel: the focus is back in the page and the tooltip is gone', async () => {
    await page.keyboard.press('Escape');
    const f = await focused(page);
    expect(f.where).toBe('page');
    expect(f.tag).toBe('BODY');
    expect(await page.locator('gov-report-check .tip').count()).toBe(0);
  });

  it('the decision and the note were saved: they come back after a reload', async () => {
    await page.reload({ waitUntil: 'load' });
    await page.locator(`${PANEL} button.finding`).first().waitFor({ timeout: 10_000 });
    const item = page.locator(`${PANEL} li.item`, { has: page.locator('button.finding[data-finding="row-total/t2:unable-1"]') });
    await expect.poll(() => item.locator('button.state[aria-pressed="true"]').getAttribute('data-state')).toBe('confirmed');
    expect(await item.locator('input.note').inputValue()).toBe('已与经办人核实 2 3 j k');
  });

  it('from the badge, Alt+Shift+J opens the panel and focuses it', async () => {
    await page.locator(`${PANEL} button.icon[aria-label="收起"]`).click();
    await page.locator('gov-report-check button.badge').waitFor();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Alt+Shift+KeyJ');
    await expect.poll(async () => (await focused(page)).finding).toBe('balance/t2:natural');
    await page.keyboard.press('Escape');
  });

  it('the focus-panel command’s message from the background moves the focus into the panel', async () => {
    const worker = env.browser.context.serviceWorkers()[0];
    if (!worker) throw new Error('no service worker');
    const url = page.url();
    const reply = await worker.evaluate(async (u) => {
      const c = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]>; sendMessage(id: number, m: unknown, o: object): Promise<unknown> } } }).chrome;
      const tab = (await c.tabs.query({})).find((t) => t.url === u);
      return tab?.id === undefined ? 'no tab' : c.tabs.sendMessage(tab.id, { type: 'focus-panel' }, { frameId: 0 });
    }, url);
    expect(reply).toEqual({ ok: true });
    await expect.poll(async () => (await focused(page)).where).toBe('panel');
  });

  it('every control of the panel has a name a screen reader reads', async () => {
    const tree = await page.locator(PANEL).ariaSnapshot();
    const controls = tree.split('\n').filter((l) => /^\s*- (button|textbox|checkbox)\b/.test(l));
    expect(controls.length).toBeGreaterThan(20);
    for (const line of controls) expect(line, line).toMatch(/^\s*- (button|textbox|checkbox) "[^"]+"/);
    expect(tree).toContain('textbox "备注"');
  });
});

describe('the manifest', () => {
  it('declares the focus-panel command with Alt+Shift+J', () => {
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as { commands?: Record<string, { suggested_key?: { default?: string } }> };
    expect(manifest.commands?.['focus-panel']?.suggested_key?.default).toBe('Alt+Shift+J');
  });
});

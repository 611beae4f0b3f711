import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './harness';
import { useBrowser } from './use-browser';

// Issue 18, item 1: the sidebar never covers what it points at. The page makes room for the docked
// panel (src/page/dock.ts); a clicked finding scrolls its cell clear of the panel, and the
// cell's tooltip shows in the free part of the window. At the office screen widths of the issue,
// on errors.html as it is (a centred article) and in a 1200 px fixed-width layout with the tables
// at its right edge (derived-pages.ts /wide-layout.html), for every finding.

const env = useBrowser();
const PANEL = 'gov-report-check .panel';

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const intersects = (a: Box, b: Box): boolean => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

function boxOf(r: { x: number; y: number; width: number; height: number } | null): Box | null {
  return r ? { left: r.x, top: r.y, right: r.x + r.width, bottom: r.y + r.height } : null;
}

/** Waits until the page has stopped scrolling (smooth scrolling): ten frames at the same place. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    let last = '';
    let same = 0;
    while (same < 10) {
      await new Promise((r) => requestAnimationFrame(r));
      const now = `${window.scrollX},${window.scrollY}`;
      same = now === last ? same + 1 : 0;
      last = now;
    }
  });
}

async function openAt(path: string, width: number): Promise<Page> {
  const page = await env.browser.context.newPage();
  await page.setViewportSize({ width, height: 800 });
  await page.goto(env.server.url('www.weihai.gov.cn', path), { waitUntil: 'load' });
  await page.bringToFront();
  await page.locator(`${PANEL} button.finding`).first().waitFor({ timeout: 10_000 });
  return page;
}

/**
 * The cells of the rows next to a cell (the row after its last row, and its own row's other
 * cells): the figures its tooltip must not lie over. `sel` finds the cell.
 */
async function neighbours(page: Page, sel: string): Promise<Box[]> {
  return page.locator(sel).first().evaluate((el) => {
    const c = el.getBoundingClientRect();
    const table = el.closest('table');
    const out: { left: number; top: number; right: number; bottom: number }[] = [];
    if (!table) return out;
    const rows = [...table.rows];
    const next = rows.find((r) => r.getBoundingClientRect().top >= c.bottom - 1);
    const own = el.closest('tr');
    for (const r of [next, own]) {
      if (!r) continue;
      for (const td of r.cells) {
        if (td === el) continue;
        const b = td.getBoundingClientRect();
        if (b.width > 0 && b.height > 0) out.push({ left: b.left, top: b.top, right: b.right, bottom: b.bottom });
      }
    }
    return out;
  });
}

/** The visible window less its scrollbars (what position: fixed is laid out in). */
async function viewBox(page: Page): Promise<Box> {
  return page.evaluate(() => ({ left: 0, top: 0, right: document.documentElement.clientWidth, bottom: document.documentElement.clientHeight }));
}

const WIDTHS = [1280, 1400, 1920];
const PAGES = [
  { path: '/errors.html', name: 'errors' },
  { path: '/wide-layout.html', name: 'wide' },
];

describe.each(WIDTHS)('at %i px', (width) => {
  it.each(PAGES)('on $name: the page makes room, and every clicked finding lands its cell and tooltip clear of the panel', async ({ path, name }) => {
    const page = await openAt(path, width);
    try {
      const panel = boxOf(await page.locator(PANEL).boundingBox());
      expect(panel).not.toBeNull();
      if (!panel) return;
      const view = await viewBox(page);
      // docked at the right edge, full height
      expect(panel.right).toBeCloseTo(view.right, 0);
      expect(panel.top).toBe(0);
      expect(await page.locator('style#gov-report-check-dock').count()).toBe(1);
      if (name === 'errors') {
        // the centred article moved left of the panel: not one marked cell under it, before any click
        const marked = await page.locator('td[data-grc~="fail"]').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
        expect(marked.length).toBeGreaterThan(0);
        for (const r of marked) expect(intersects({ left: r.left, top: r.top, right: r.right, bottom: r.bottom }, panel)).toBe(false);
      }
      await screenshot(page, `panel-room-${width}-${name}`);

      const ids = await page.locator(`${PANEL} button.finding`).evaluateAll((els) => els.map((e) => e.getAttribute('data-finding') ?? ''));
      expect(ids).toHaveLength(6);
      let shown = 0;
      for (const id of ids) {
        // the last cell's flash is over (it is how the shown cell is found)
        await expect.poll(() => page.locator('[data-grc~="flash"]').count()).toBe(0);
        await page.evaluate(() => window.scrollTo(0, 0));
        await settle(page);
        await page.locator(`${PANEL} button.finding[data-finding="${id}"]`).click();
        const cell = page.locator('[data-grc~="flash"]');
        await cell.waitFor({ timeout: 3000 });
        await settle(page);
        const c = boxOf(await cell.boundingBox());
        expect(c, id).not.toBeNull();
        if (!c) continue;
        shown++;
        // the cell: in the window, clear of the panel
        expect(c.left >= view.left && c.right <= view.right && c.top >= view.top && c.bottom <= view.bottom, `${id} in the window`).toBe(true);
        expect(intersects(c, panel), `${id} under the panel`).toBe(false);
        // its tooltip: shown, in the window, clear of the panel, not over the cell
        const tip = page.locator('gov-report-check .tip');
        await tip.waitFor({ timeout: 3000 });
        const t = boxOf(await tip.boundingBox());
        expect(t).not.toBeNull();
        if (!t) continue;
        expect(t.left >= view.left && t.right <= view.right && t.top >= view.top && t.bottom <= view.bottom, `${id} tooltip in the window`).toBe(true);
        expect(intersects(t, panel), `${id} tooltip under the panel`).toBe(false);
        expect(intersects(t, c), `${id} tooltip over its cell`).toBe(false);
        // nor over the figures beside the cell: its own row's and the next row's (issue 18)
        const near = await neighbours(page, '[data-grc~="flash"]');
        expect(near.length, `${id} has neighbours`).toBeGreaterThan(0);
        for (const n of near) expect(intersects(t, n), `${id} tooltip over a cell of the next row or its own`).toBe(false);
        if (id === 'balance/t2:total' || id === 'review-litigation-total/t3:review') await screenshot(page, `panel-room-${width}-${name}-${id.replace(/[/:]/g, '_')}`);
      }
      // every finding of errors.html points at a cell
      expect(shown).toBe(6);
    } finally {
      await page.close();
    }
  });
});

describe.each(WIDTHS)('hovering at %i px', (width) => {
  it.each(PAGES)('on $name: a failing cell\'s tooltip, near the top or the bottom of the window, lies over no figure of its row or the next, nor under the panel', async ({ path, name }) => {
    const page = await openAt(path, width);
    try {
      const panel = boxOf(await page.locator(PANEL).boundingBox());
      expect(panel).not.toBeNull();
      if (!panel) return;
      const view = await viewBox(page);
      const count = await page.locator('td[data-grc~="fail"]').count();
      expect(count).toBeGreaterThan(0);
      let checked = 0;
      for (let i = 0; i < count; i++) {
        const sel = `td[data-grc~="fail"] >> nth=${i}`;
        for (const block of ['start', 'end'] as const) {
          await page.mouse.move(0, 0);
          await page.locator(sel).evaluate((el, b) => el.scrollIntoView({ block: b, inline: 'nearest' }), block);
          await settle(page);
          const c = boxOf(await page.locator(sel).boundingBox());
          if (!c || intersects(c, panel) || c.right > view.right) continue; // a fixed-width layout's cell scrolled under the panel: not hoverable here
          await page.mouse.move((c.left + c.right) / 2, (c.top + c.bottom) / 2);
          const tip = page.locator('gov-report-check .tip');
          await tip.waitFor({ timeout: 3000 });
          // placed again once measured: wait for a frame
          await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
          const t = boxOf(await tip.boundingBox());
          expect(t).not.toBeNull();
          if (!t) continue;
          const what = `cell ${i} scrolled to the ${block}`;
          expect(t.left >= view.left && t.right <= view.right && t.top >= view.top && t.bottom <= view.bottom, `${what}: tooltip in the window`).toBe(true);
          expect(intersects(t, panel), `${what}: tooltip under the panel`).toBe(false);
          expect(intersects(t, c), `${what}: tooltip over its cell`).toBe(false);
          for (const n of await neighbours(page, sel)) expect(intersects(t, n), `${what}: tooltip over a cell of the next row or its own`).toBe(false);
          if (i === 0 && block === 'end') await screenshot(page, `tooltip-hover-${width}-${name}`);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(count);
    } finally {
      await page.close();
    }
  });
});

describe('collapsed and closed', () => {
  it('takes the room back when collapsed to its badge and gives it again when reopened; closing leaves the page as it was', async () => {
    const page = await openAt('/errors.html', 1400);
    try {
      const margin = (): Promise<string> => page.evaluate(() => getComputedStyle(document.documentElement).marginRight);
      expect(await margin()).toBe('380px');
      await page.locator(`${PANEL} button.icon[aria-label="收起"]`).click();
      await expect.poll(margin).toBe('0px');
      await page.locator('gov-report-check button.badge').click();
      await expect.poll(margin).toBe('380px');
      await page.locator(`${PANEL} button.icon[aria-label="关闭"]`).click();
      await expect.poll(margin).toBe('0px');
      expect(await page.locator('style#gov-report-check-dock').count()).toBe(0);
    } finally {
      // reopened for the next run of this file: the collapsed setting is stored
      await page.close();
    }
  });
});

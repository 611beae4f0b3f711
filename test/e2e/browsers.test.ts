import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { EXTENSION_DIR, screenshot } from './harness';
import { useBrowser } from './use-browser';

// Issue 18, item 7: older Chromium kernels (Edge on Windows 7, the domestic browsers). The manifest
// states the floor, and every newer API the page side uses has a fallback. Chromium 156 has no
// switch that turns the CSS Custom Highlight API or popovers off any more (`--disable-blink-features=
// HighlightAPI` leaves CSS.highlights in place: both features shipped and lost their flags), and a
// page script cannot reach the extension's isolated world. So the test reaches that world itself,
// over CDP: the moment Chromium creates the extension's world in the page (the detector, at
// document_start, long before the check), the APIs are deleted there; the test then asks that very
// world whether they are gone, and looks at what the extension did without them.

const env = useBrowser();
const PANEL = 'gov-report-check .panel';

interface World {
  cdp: CDPSession;
  /** the extension's isolated world in the page's main frame, once created */
  context(): number | null;
  /** evaluate in that world */
  evaluate<T>(expression: string): Promise<T>;
}

/** Opens a page whose extension world gets `strip` run in it as soon as it exists. */
async function openStripped(path: string, strip: string | null): Promise<{ page: Page; world: World }> {
  const page = await env.browser.context.newPage();
  await page.setViewportSize({ width: 1400, height: 900 });
  const cdp = await env.browser.context.newCDPSession(page);
  let id: number | null = null;
  const origin = `chrome-extension://${env.browser.extensionId}`;
  cdp.on('Runtime.executionContextCreated', (e) => {
    const aux = e.context.auxData as { type?: string; isDefault?: boolean } | undefined;
    if (aux?.type !== 'isolated' || e.context.origin !== origin) return;
    id = e.context.id;
    if (strip) void cdp.send('Runtime.evaluate', { expression: strip, contextId: e.context.id }).catch(() => undefined);
  });
  await cdp.send('Runtime.enable');
  const world: World = {
    cdp,
    context: () => id,
    async evaluate<T>(expression: string): Promise<T> {
      if (id === null) throw new Error('the extension world was not created');
      const r = await cdp.send('Runtime.evaluate', { expression, contextId: id, returnByValue: true });
      return r.result.value as T;
    },
  };
  await page.goto(env.server.url('www.weihai.gov.cn', path), { waitUntil: 'load' });
  await page.locator(`${PANEL} button.finding`).first().waitFor({ timeout: 15_000 });
  return { page, world };
}

const NO_HIGHLIGHT = 'delete CSS.highlights; delete globalThis.Highlight; [typeof CSS.highlights, typeof globalThis.Highlight].join()';
const NO_POPOVER = 'delete HTMLElement.prototype.showPopover; delete HTMLElement.prototype.hidePopover; typeof HTMLElement.prototype.showPopover';

describe('the manifest and the packages', () => {
  it('states the oldest Chrome/Edge kernel it runs on', () => {
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as { minimum_chrome_version?: string; browser_specific_settings?: unknown };
    expect(manifest.minimum_chrome_version).toBe('99');
    expect(manifest.browser_specific_settings).toBeUndefined();
  });
});

describe('without the CSS Custom Highlight API (Chrome < 105)', () => {
  it('control: with the API, the quoted words are highlighted and the paragraph is only outlined', async () => {
    const { page, world } = await openStripped('/errors.html', null);
    try {
      expect(await world.evaluate<string>('typeof CSS.highlights')).toBe('object');
      await expect.poll(() => world.evaluate<boolean>("CSS.highlights.has('grc-prose')")).toBe(true);
      expect(await page.locator('[data-grc~="prose"]').count()).toBe(1);
      expect(await page.locator('[data-grc~="prose-whole"]').count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('the API is really gone from the extension\'s world; the quoted paragraph is tinted whole instead, its text and elements untouched', async () => {
    const { page, world } = await openStripped('/errors.html', NO_HIGHLIGHT);
    try {
      // gone where the extension runs (and still there for the page's own scripts: worlds are apart)
      expect(await world.evaluate<string>('[typeof CSS.highlights, typeof globalThis.Highlight].join()')).toBe('undefined,undefined');
      expect(await page.evaluate(() => typeof CSS.highlights)).toBe('object');
      expect(await page.evaluate(() => CSS.highlights.size)).toBe(0);
      const para = page.locator('[data-grc~="prose"]');
      await expect.poll(() => para.getAttribute('data-grc')).toContain('prose-whole');
      expect(await para.count()).toBe(1);
      const tint = await para.evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(tint).toBe('rgba(249, 171, 0, 0.22)');
      // nothing added inside the page's text: no wrapper elements, the same words and nodes as the page's own
      expect(await para.evaluate((el) => el.querySelectorAll('mark, [data-grc]').length)).toBe(0);
      const inside = await para.evaluate((el) => {
        (window as unknown as { __para: Element }).__para = el;
        return el.innerHTML;
      });
      // the rest works as ever: five errors, the failing cells marked
      expect(await page.locator(`${PANEL} .count.err b`).textContent()).toBe('5');
      expect(await page.locator('td[data-grc~="fail"]').count()).toBe(6);
      await para.scrollIntoViewIfNeeded();
      await screenshot(page, 'fallback-no-highlight-api');
      // closing the sidebar takes the tint away with the other marks
      await page.locator(`${PANEL} button.icon[aria-label="关闭"]`).click();
      await expect.poll(() => page.locator('[data-grc]').count()).toBe(0);
      // and the paragraph, marks gone, holds exactly what it held while tinted: the tint was an attribute only
      expect(await page.evaluate(() => (window as unknown as { __para: Element }).__para.innerHTML)).toBe(inside);
    } finally {
      await page.close();
    }
  });
});

describe('without popovers (Chrome < 114)', () => {
  it('the sidebar is still shown above the page, at the highest z-index, and works', async () => {
    const { page, world } = await openStripped('/errors.html', NO_POPOVER);
    try {
      expect(await world.evaluate<string>('typeof HTMLElement.prototype.showPopover')).toBe('undefined');
      const host = page.locator('gov-report-check');
      expect(await host.evaluate((el) => el.hasAttribute('popover'))).toBe(false);
      expect(await host.evaluate((el) => getComputedStyle(el).zIndex)).toBe('2147483647');
      // the panel is what the browser finds at its own centre: nothing of the page over it
      const box = await page.locator(PANEL).boundingBox();
      expect(box).not.toBeNull();
      if (!box) return;
      expect(await page.evaluate(([x, y]) => document.elementFromPoint(x ?? 0, y ?? 0)?.tagName.toLowerCase(), [box.x + box.width / 2, box.y + box.height / 2])).toBe('gov-report-check');
      await page.locator(`${PANEL} button.finding`).first().click();
      await page.locator('[data-grc~="flash"]').waitFor({ timeout: 3000 });
      await screenshot(page, 'fallback-no-popover');
    } finally {
      await page.close();
    }
  });
});

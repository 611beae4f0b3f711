// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { JSDOM } from 'jsdom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { checkPage } from '../../src/background/page-check';
import { snapshotDocument } from '../../src/extract/snapshot';
import { pageLocator } from '../../src/page/locate';
import { Checker } from '../../src/ui/sidebar/in-page';
import type { CheckPageRequest } from '../../src/messaging/to-background';

// Issue 16, item 4: a sidebar whose result the background no longer holds (a cache that dropped
// it, a service worker stopped in between) ended silently on an automatic run: marks gone, no
// sidebar, the popup saying the background gave no result. It now asks for a fresh check.

const html = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'html', 'errors.html'), 'utf8');

async function headOfErrors(): Promise<unknown> {
  const page = snapshotDocument(new JSDOM(html).window.document);
  const req = JSON.parse(JSON.stringify({ type: 'check-page', url: 'http://www.example.gov.cn/errors.html', page })) as CheckPageRequest;
  const { head } = await checkPage(req, (h) => parseHTML(h).document as unknown as Document);
  return JSON.parse(JSON.stringify(head));
}

describe('a sidebar that finds no result', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    delete (globalThis as { __govReportFreshChecks?: number }).__govReportFreshChecks;
  });
  afterEach(() => vi.restoreAllMocks());

  it('asks for a fresh check (twice per page at most) instead of ending silently', async () => {
    const head = await headOfErrors();
    const sent: unknown[] = [];
    // the background: no result under any id (it was lost); a recheck is acknowledged
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (m: unknown) => {
      sent.push(m);
      return null;
    });
    const rechecks = (): number => sent.filter((m) => (m as { type?: string }).type === 'recheck').length;
    for (let run = 0; run < 3; run++) {
      const checker = new Checker(new ContentScriptContext(`fresh-${run}`));
      await checker.adopt({ url: 'http://www.example.gov.cn/errors.html', head, applied: null, locate: pageLocator(document), stale: false }, 'auto');
      await Promise.resolve();
      checker.dispose();
    }
    expect(sent.some((m) => (m as { type?: string }).type === 'result')).toBe(true);
    expect(sent.find((m) => (m as { type?: string }).type === 'recheck')).toEqual({ type: 'recheck', mode: 'auto' });
    // a background that keeps losing results is not asked forever
    expect(rechecks()).toBe(2);
  });
});

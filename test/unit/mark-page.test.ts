import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { parseHTML } from 'linkedom';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { markPage } from '../../src/page/mark-page';
import { checkPage } from '../../src/background/page-check';
import { MARK_ATTR } from '../../src/page/highlight';
import { wireReply } from '../../src/messaging/to-page';
import { parseToBackground } from '../../src/messaging/to-background';
import { readMarkPlan } from '../../src/messaging/wire';

// The first in-page script's whole path, with the background in the same process: jsdom plays
// the page (scripts on, as in a tab), every message goes through JSON as it would between the
// two, and the background is the real page-check.ts with linkedom.

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/html/${name}.html`, import.meta.url), 'utf8');
const tab = (name: string): Document => new JSDOM(fixture(name), { url: `http://www.example.gov.cn/${name}.html`, runScripts: 'outside-only' }).window.document;
const parseHtml = (html: string): Document => parseHTML(html).document as unknown as Document;
const overJson = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** The background as the page's `send` reaches it; `before` runs between the check and the reply. */
function background(sent: unknown[], before?: () => void): (message: unknown) => Promise<unknown> {
  return async (message) => {
    sent.push(message);
    const req = parseToBackground(overJson(message));
    if (req?.type !== 'check-page') return undefined;
    const reply = overJson(wireReply((await checkPage(req, parseHtml)).head));
    before?.();
    return reply;
  };
}

const marked = (doc: Document, token: string): string[] => [...doc.querySelectorAll(`[${MARK_ATTR}~="${token}"]`)].map((e) => (e.textContent ?? '').trim());

describe('the first in-page script: the page sent, checked in the background, marked', () => {
  beforeEach(() => fakeBrowser.reset());

  it('errors.html: one message with the page, the failing cells marked, nothing stale', { timeout: 30_000 }, async () => {
    const doc = tab('errors');
    const sent: unknown[] = [];
    const page = await markPage(doc, background(sent));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ type: 'check-page', url: 'http://www.example.gov.cn/errors.html' });
    expect(page.stale).toBe(false);
    expect(page.applied).not.toBeNull();
    expect(readMarkPlan(page.head)).not.toBeNull();
    expect(marked(doc, 'fail').sort()).toEqual(['150', '154', '7', '7', '73', '8'].sort());
    expect(marked(doc, 'prose')).toHaveLength(1);
    page.applied?.clear();
    expect(doc.querySelectorAll(`[${MARK_ATTR}]`)).toHaveLength(0);
  });

  it('a page with no report: an answer that is not ok, and no marks', { timeout: 30_000 }, async () => {
    const doc = tab('no-report');
    const page = await markPage(doc, background([]));
    expect(page.head).toMatchObject({ ok: false });
    expect(page.applied).toBeNull();
    expect(doc.querySelectorAll(`[${MARK_ATTR}]`)).toHaveLength(0);
  });

  it('a cell the page changed between the check and the reply: the marks are taken back and the page is called stale', { timeout: 30_000 }, async () => {
    const doc = tab('errors');
    const page = await markPage(
      doc,
      background([], () => {
        // the page's own script rewrites every cell that reads 73 (the failing （四）1 总计) meanwhile
        for (const td of doc.querySelectorAll('td')) if ((td.textContent ?? '').trim() === '73') td.textContent = '72';
      }),
    );
    expect(page.stale).toBe(true);
    expect(page.applied).toBeNull();
    expect(doc.querySelectorAll(`[${MARK_ATTR}]`)).toHaveLength(0);
  });

  it('a page over the size limit is not sent: it is called too large', async () => {
    const doc = tab('errors');
    const sent: unknown[] = [];
    const page = await markPage(doc, background(sent), 10_000);
    expect(sent).toHaveLength(0);
    expect(page.tooLarge).toBeGreaterThan(10_000);
    expect(page.head).toBeUndefined();
    expect(doc.querySelectorAll(`[${MARK_ATTR}]`)).toHaveLength(0);
  });

  it('a background that answers nothing, or nonsense, leaves the page unmarked', async () => {
    for (const reply of [undefined, null, { type: 'check-reply', head: '{"ok":true,"plan":{"cells":[{"mark":"x"}]}}' }, { type: 'check-reply', head: 'not json' }]) {
      const doc = tab('errors');
      const page = await markPage(doc, async () => reply);
      expect(page.applied).toBeNull();
      expect(doc.querySelectorAll(`[${MARK_ATTR}]`)).toHaveLength(0);
    }
  });
});

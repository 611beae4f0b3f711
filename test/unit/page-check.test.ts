import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { extractHtml } from '../../src/extract/html';
import { checkPage, decide } from '../../src/present/page-check';
import { parseCheckReply, parseToTab, unwrapJson, wrapJson } from '../../src/messages';
import { parseToBackground, type CheckPageRequest } from '../../src/requests';
import { CheckResultSchema } from '../../src/model/result';
import { SCHEMA_VERSION } from '../../src/model/version';
import { SETTINGS_KEY } from '../../src/present/settings';
import { REVIEWS_KEY } from '../../src/present/review-store';
import { HISTORY_KEY } from '../../src/present/history-store';

const URL_ = 'http://www.example.gov.cn/errors.html';

/** What the in-page checker sends for a fixture: its extraction, as plain data (a message is JSON). */
function request(name: string, url = URL_): CheckPageRequest {
  const html = readFileSync(new URL(`../fixtures/html/${name}.html`, import.meta.url), 'utf8');
  const x = extractHtml(parseHTML(html).document as unknown as Document);
  return JSON.parse(JSON.stringify({ type: 'check-page', url, doc: { items: x.items, title: x.title, notes: x.notes } })) as CheckPageRequest;
}

describe('the engine behind the in-page checker (background side)', () => {
  beforeEach(() => fakeBrowser.reset());

  it('a page extraction crosses the boundary: the request validates, and the reply passes the page-side check', async () => {
    const req = request('errors');
    expect(parseToBackground(req)).not.toBeNull();
    const reply = await checkPage(req);
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    // the result the page gets is a valid result with the same findings as the CLI would give
    expect(CheckResultSchema.safeParse(reply.result).success).toBe(true);
    expect(reply.result.summary.errors).toBeGreaterThan(0);
    expect(reply.result.findings.every((f) => f.fingerprint)).toBe(true);
    expect(reply.ruleset).toMatch(/^r\d+-/);
    expect(reply.settings.collapsed).toBe(false);
    expect(parseCheckReply(JSON.parse(JSON.stringify(reply)), SCHEMA_VERSION)?.ok).toBe(true);
    // the check remembered the report for next year's comparison
    expect(((await fakeBrowser.storage.local.get(HISTORY_KEY))[HISTORY_KEY] as { records: unknown[] }).records).toHaveLength(1);
  });

  it('a page with no report: a reason, and the stored settings', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { version: 2, collapsed: true, autoCheck: true, extraSites: [], show: { error: true, warning: true, info: false } } });
    const reply = await checkPage(request('no-report'));
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.reason.zh).toContain('未发现');
    expect(reply.settings.collapsed).toBe(true);
    expect(parseCheckReply(reply, SCHEMA_VERSION)?.ok).toBe(false);
  });

  it('a decision is saved by the background and comes back applied', async () => {
    const first = await checkPage(request('errors'));
    if (!first.ok) throw new Error('no result');
    const f = first.result.findings[0];
    if (!f?.fingerprint) throw new Error('no finding');
    const decision = { fingerprint: f.fingerprint, state: 'confirmed' as const, note: '已电话核实', at: '2026-11-23T08:00:00.000Z', rule: f.rule, message: f.message };
    const req = { type: 'decide' as const, url: URL_, figures: first.figures, decision, result: first.result };
    expect(parseToBackground(JSON.parse(JSON.stringify(req)))).not.toBeNull();
    const next = await decide(req);
    if (!next.ok) throw new Error('no result');
    expect(next.result.review?.decisions.find((d) => d.fingerprint === f.fingerprint)).toMatchObject({ state: 'confirmed', note: '已电话核实' });
    expect(await fakeBrowser.storage.local.get(REVIEWS_KEY)).toHaveProperty([REVIEWS_KEY, 'reports', URL_]);
    // and a fresh check of the same page finds it again
    const again = await checkPage(request('errors'));
    expect(again.ok && again.result.review?.decisions.find((d) => d.fingerprint === f.fingerprint)?.state).toBe('confirmed');
  });
});

describe('messages are validated by their receiver', () => {
  it('the background refuses malformed or oversized requests', () => {
    const good = request('errors');
    expect(parseToBackground({ type: 'check-page', url: URL_ })).toBeNull();
    expect(parseToBackground({ ...good, doc: { ...good.doc, items: [{ kind: 'grid', grid: { rows: [[{ raw: 1, text: '1', src: null, origin: true }]] } }] } })).toBeNull();
    expect(parseToBackground({ ...good, doc: { ...good.doc, title: 'x'.repeat(100_001) } })).toBeNull();
    expect(parseToBackground({ type: 'check-urls', urls: 'http://a' })).toBeNull();
    expect(parseToBackground({ type: 'launch-missiles' })).toBeNull();
    expect(parseToBackground({ type: 'candidate' })).toEqual({ type: 'candidate' });
  });

  it('the page refuses a reply that is not a check reply, or of another schema version', async () => {
    fakeBrowser.reset();
    const reply = await checkPage(request('errors'));
    expect(parseCheckReply(null, SCHEMA_VERSION)).toBeNull();
    expect(parseCheckReply({ ok: true }, SCHEMA_VERSION)).toBeNull();
    expect(parseCheckReply({ ok: false, reason: 'no' }, SCHEMA_VERSION)).toBeNull();
    expect(parseCheckReply({ ...reply, settings: { collapsed: 'yes' } }, SCHEMA_VERSION)).toBeNull();
    expect(parseCheckReply(reply, SCHEMA_VERSION + 1)).toBeNull();
    expect(parseCheckReply(reply, SCHEMA_VERSION)).not.toBeNull();
  });

  it('large messages travel as JSON text and are validated once unwrapped', async () => {
    fakeBrowser.reset();
    const req = request('errors');
    const wire = wrapJson(req);
    expect(typeof wire.body).toBe('string');
    expect(parseToBackground(unwrapJson(wire))).toEqual(req);
    const reply = await checkPage(req);
    expect(parseCheckReply(unwrapJson(wrapJson(reply)), SCHEMA_VERSION)).toEqual(reply);
    // broken text or a wrong inner message is refused like any malformed message
    expect(parseToBackground(unwrapJson({ type: 'json', body: '{"type":"check-page",' }))).toBeNull();
    expect(parseToBackground(unwrapJson({ type: 'json', body: '{"type":"check-page"}' }))).toBeNull();
    expect(parseCheckReply(unwrapJson({ type: 'json', body: 'null' }), SCHEMA_VERSION)).toBeNull();
    // anything that is not an envelope is passed on as it is
    expect(unwrapJson({ type: 'candidate' })).toEqual({ type: 'candidate' });
    expect(unwrapJson({ type: 'json', body: 3 })).toEqual({ type: 'json', body: 3 });
  });

  it('the page answers only the popup\'s two requests', () => {
    expect(parseToTab({ type: 'get-result' })).toEqual({ type: 'get-result' });
    expect(parseToTab({ type: 'show-sidebar' })).toEqual({ type: 'show-sidebar' });
    expect(parseToTab({ type: 'check-page' })).toBeNull();
    expect(parseToTab('get-result')).toBeNull();
  });
});

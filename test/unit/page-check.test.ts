import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { parseHTML } from 'linkedom';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { extractHtml } from '../../src/extract/html';
import { checkPage, decide, forgetTab, KEEP_PER_FRAME, keptCount, takeResult } from '../../src/background/page-check';
import { parseCheckHead, parseToTab, readCheckReply, unwrapJson, wireReply, wrapJson, type CheckReply } from '../../src/messaging/to-page';
import type { PageReply } from '../../src/background/page-check';
import { MarkPlanSchema } from '../../src/messaging/to-page';
import { readMarkPlan } from '../../src/messaging/wire';
import { parseToBackground, type CheckExtractedRequest, type CheckPageRequest } from '../../src/messaging/to-background';
import { snapshotDocument } from '../../src/extract/snapshot';
import { CheckResultSchema } from '../../src/model/result';
import { SCHEMA_VERSION } from '../../src/model/version';
import { SETTINGS_KEY } from '../../src/store/settings';
import { REVIEWS_KEY } from '../../src/store/review-store';
import { HISTORY_KEY } from '../../src/store/history-store';

const URL_ = 'http://www.example.gov.cn/errors.html';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/html/${name}.html`, import.meta.url), 'utf8');
/** How the background parses a page's HTML (background.ts uses linkedom's worker build, the same parser). */
const parseHtml = (html: string): Document => parseHTML(html).document as unknown as Document;

/** What the in-page checker sends for a fixture: the page's HTML, as plain data (a message is JSON). jsdom plays the browser. */
function request(name: string, url = URL_): CheckPageRequest {
  const page = snapshotDocument(new JSDOM(fixture(name)).window.document);
  return JSON.parse(JSON.stringify({ type: 'check-page', url, page })) as CheckPageRequest;
}

/** The fallback request: the page's own extraction. */
function extractedRequest(name: string, url = URL_): CheckExtractedRequest {
  const x = extractHtml(parseHtml(fixture(name)));
  return JSON.parse(JSON.stringify({ type: 'check-extracted', url, doc: { items: x.items, title: x.title, notes: x.notes } })) as CheckExtractedRequest;
}

/** A reply as the page reads it: the head over the wire (JSON) and validated, then the whole result asked for by its id. */
function overTheWire(reply: PageReply): CheckReply | null {
  const head = parseCheckHead(JSON.parse(JSON.stringify(wireReply(reply.head))), SCHEMA_VERSION);
  if (!head) return null;
  if (!head.ok) return readCheckReply(head, null);
  const kept = takeResult(head.resultId);
  return readCheckReply(head, kept ? JSON.stringify(kept) : null);
}

async function checked(req: CheckPageRequest | CheckExtractedRequest): Promise<CheckReply> {
  const reply = overTheWire(await checkPage(req, parseHtml));
  if (!reply) throw new Error('the page refused the reply');
  return reply;
}

describe('the engine behind the in-page checker (background side)', () => {
  beforeEach(() => fakeBrowser.reset());

  it('a page extraction crosses the boundary: the request validates, and the reply passes the page-side check', async () => {
    const req = request('errors');
    expect(parseToBackground(req)).not.toBeNull();
    const raw = await checkPage(req, parseHtml);
    // the plan marks the four changed cells of errors.html (fixtures/html/README.md) among its fail marks
    expect(raw.head.ok && raw.head.plan.cells.filter((c) => c.mark.includes('fail')).map((c) => c.raw.trim()).sort()).toEqual(['150', '154', '7', '7', '73', '8'].sort());
    const reply = overTheWire(raw);
    if (!reply?.ok) throw new Error('no result');
    // the result the page gets is a valid result with the same findings as the CLI would give
    expect(CheckResultSchema.safeParse(reply.result).success).toBe(true);
    expect(reply.result.summary.errors).toBeGreaterThan(0);
    expect(reply.result.findings.every((f) => f.fingerprint)).toBe(true);
    expect(reply.ruleset).toMatch(/^r\d+-/);
    expect(reply.settings.collapsed).toBe(false);
    // the check remembered the report for next year's comparison
    expect(((await fakeBrowser.storage.local.get(HISTORY_KEY))[HISTORY_KEY] as { records: unknown[] }).records).toHaveLength(1);
  });

  it('a page with no report: a reason, and the stored settings', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { version: 2, collapsed: true, autoCheck: true, extraSites: [], show: { error: true, warning: true, info: false } } });
    const raw = await checkPage(request('no-report'), parseHtml);
    expect(raw.result).toBeNull();
    const reply = overTheWire(raw);
    if (!reply || reply.ok) throw new Error('a result for no report');
    expect(reply.reason.zh).toContain('未发现');
    expect(reply.settings.collapsed).toBe(true);
  });

  it('no report, but a frame from another site: the reason says the report may be there, and offers it (issue 16)', async () => {
    const html = `<!DOCTYPE html><html><head><title>政府信息公开年报_某某区人民政府</title></head><body>
      <p>政府信息公开年报</p>
      <iframe title="政府信息公开平台" src="https://xxgk.example-platform.cn/nb/2024.html"></iframe>
      <iframe src="/same-site/nav.html"></iframe></body></html>`;
    const page = snapshotDocument(new JSDOM(html).window.document);
    const req = JSON.parse(JSON.stringify({ type: 'check-page', url: URL_, page })) as CheckPageRequest;
    const raw = await checkPage(req, parseHtml);
    const reply = overTheWire(raw);
    if (!reply || reply.ok) throw new Error('a result for no report');
    expect(reply.reason.zh).toContain('本页嵌入了来自其他网站的框架');
    expect(reply.reason.zh).toContain('https://xxgk.example-platform.cn/nb/2024.html');
    expect(raw.head.attachments).toEqual([{ url: 'https://xxgk.example-platform.cn/nb/2024.html', text: '政府信息公开平台（xxgk.example-platform.cn）', kind: 'frame' }]);
    // a same-site frame is read with the page, and is no hint
    expect(reply.reason.zh).not.toContain('same-site');
  });

  it('a decision is saved by the background and comes back applied', async () => {
    const first = await checked(request('errors'));
    if (!first.ok) throw new Error('no result');
    const f = first.result.findings[0];
    if (!f?.fingerprint) throw new Error('no finding');
    const decision = { fingerprint: f.fingerprint, state: 'confirmed' as const, note: '已电话核实', at: '2026-11-23T08:00:00.000Z', rule: f.rule, message: f.message };
    const req = { type: 'decide' as const, url: URL_, figures: first.figures, decision, result: first.result };
    expect(parseToBackground(JSON.parse(JSON.stringify(req)))).not.toBeNull();
    const next = overTheWire(await decide(req));
    if (!next?.ok) throw new Error('no result');
    expect(next.result.review?.decisions.find((d) => d.fingerprint === f.fingerprint)).toMatchObject({ state: 'confirmed', note: '已电话核实' });
    expect(await fakeBrowser.storage.local.get(REVIEWS_KEY)).toHaveProperty([REVIEWS_KEY, 'reports', URL_]);
    // and a fresh check of the same page finds it again
    const again = await checked(request('errors'));
    expect(again.ok && again.result.review?.decisions.find((d) => d.fingerprint === f.fingerprint)?.state).toBe('confirmed');
  });
});

describe('overlapping decisions (issue 16, item 1)', () => {
  beforeEach(() => fakeBrowser.reset());

  it('a note on finding A and a decision on finding B sent without waiting: both are stored, and both replies say so', async () => {
    const first = await checked(request('errors'));
    if (!first.ok) throw new Error('no result');
    const [a, b] = first.result.findings;
    if (!a?.fingerprint || !b?.fingerprint) throw new Error('fewer than two findings');
    const at = '2026-11-23T08:00:00.000Z';
    const req = (f: typeof a, state: 'pending' | 'rejected', note: string) =>
      ({ type: 'decide' as const, url: URL_, figures: first.figures, decision: { fingerprint: f.fingerprint ?? '', state, note, at, rule: f.rule, message: f.message }, result: first.result });
    // the sidebar as the auditor leaves it: the note's blur, then the click on the next finding's 驳回, neither awaited
    const [ra, rb] = await Promise.all([decide(req(a, 'pending', '已电话核实，待补材料')), decide(req(b, 'rejected', ''))]);
    const stored = ((await fakeBrowser.storage.local.get(REVIEWS_KEY))[REVIEWS_KEY] as { reports: Record<string, { decisions: { fingerprint: string; state: string; note: string }[] }> }).reports[URL_];
    expect(stored?.decisions.map((d) => [d.fingerprint, d.state, d.note]).sort()).toEqual(
      [
        [a.fingerprint, 'pending', '已电话核实，待补材料'],
        [b.fingerprint, 'rejected', ''],
      ].sort(),
    );
    // the later reply holds both (it was read after both saves)
    const later = overTheWire(rb);
    expect(later?.ok && later.result.review?.decisions.filter((d) => d.note !== '' || d.state !== 'pending').map((d) => d.fingerprint).sort()).toEqual([a.fingerprint, b.fingerprint].sort());
    expect(overTheWire(ra)?.ok).toBe(true);
    // and a fresh check of the page (a reload) shows both
    const again = await checked(request('errors'));
    const review = again.ok ? again.result.review?.decisions : [];
    expect(review?.find((d) => d.fingerprint === a.fingerprint)?.note).toBe('已电话核实，待补材料');
    expect(review?.find((d) => d.fingerprint === b.fingerprint)?.state).toBe('rejected');
  });
});

describe('messages are validated by their receiver', () => {
  it('the background refuses malformed or oversized requests', () => {
    const page = request('errors');
    expect(parseToBackground(page)).toEqual(page);
    expect(parseToBackground({ type: 'check-page', url: URL_ })).toBeNull();
    expect(parseToBackground({ ...page, page: { ...page.page, html: 7 } })).toBeNull();
    expect(parseToBackground({ ...page, page: { ...page.page, html: 'x'.repeat(16_000_001) } })).toBeNull();
    expect(parseToBackground({ ...page, page: { ...page.page, frames: Array.from({ length: 33 }, (_, i) => ({ path: [i], html: '' })) } })).toBeNull();
    const good = extractedRequest('errors');
    expect(parseToBackground(good)).toEqual(good);
    expect(parseToBackground({ ...good, doc: { ...good.doc, items: [{ kind: 'grid', grid: { rows: [[{ raw: 1, text: '1', src: null, origin: true }]] } }] } })).toBeNull();
    expect(parseToBackground({ ...good, doc: { ...good.doc, title: 'x'.repeat(100_001) } })).toBeNull();
    expect(parseToBackground({ type: 'check-urls', urls: 'http://a' })).toBeNull();
    expect(parseToBackground({ type: 'launch-missiles' })).toBeNull();
    expect(parseToBackground({ type: 'candidate' })).toEqual({ type: 'candidate' });
  });

  it('the page refuses a reply that is not a check reply, or of another schema version, and a result that does not match its head', async () => {
    fakeBrowser.reset();
    const { head, result } = await checkPage(request('errors'), parseHtml);
    if (!head.ok || !result) throw new Error('no result');
    const wire = (h: unknown): unknown => ({ type: 'check-reply', head: JSON.stringify(h) });
    expect(parseCheckHead(null, SCHEMA_VERSION)).toBeNull();
    expect(parseCheckHead({ type: 'json', body: '{}' }, SCHEMA_VERSION)).toBeNull();
    expect(parseCheckHead({ type: 'check-reply', head: '{"ok":' }, SCHEMA_VERSION)).toBeNull();
    expect(parseCheckHead(wire({ ok: true }), SCHEMA_VERSION)).toBeNull();
    expect(parseCheckHead(wire({ ok: false, reason: 'no' }), SCHEMA_VERSION)).toBeNull();
    expect(parseCheckHead(wire({ ...head, settings: { collapsed: 'yes' } }), SCHEMA_VERSION)).toBeNull();
    expect(parseCheckHead(wire({ ...head, resultId: undefined }), SCHEMA_VERSION)).toBeNull();
    expect(parseCheckHead(wire(head), SCHEMA_VERSION + 1)).toBeNull();
    // a plan can only set the known marks: no other text reaches a page attribute
    const cell = head.plan.cells[0];
    if (!cell) throw new Error('no planned cell');
    expect(parseCheckHead(wire({ ...head, plan: { ...head.plan, cells: [{ ...cell, mark: 'fail" onmouseover="x' }] } }), SCHEMA_VERSION)).toBeNull();
    expect(parseCheckHead(wire({ ...head, plan: { ...head.plan, cells: [{ ...cell, row: 'row-fail evil' }] } }), SCHEMA_VERSION)).toBeNull();
    expect(parseCheckHead(wire(head), SCHEMA_VERSION)).toEqual(head);
    // the result waits in the background for the page to ask for it by its id, as often as it needs
    expect(takeResult(head.resultId)).toEqual(result);
    expect(takeResult(head.resultId)).toEqual(result);
    // the result text must be JSON and match the head it came with
    expect(readCheckReply(head, JSON.stringify(result))?.ok).toBe(true);
    expect(readCheckReply(head, null)).toBeNull();
    expect(readCheckReply(head, '{"schemaVersion":')).toBeNull();
    expect(readCheckReply({ ...head, errors: head.errors + 1 }, JSON.stringify(result))).toBeNull();
    expect(readCheckReply(head, JSON.stringify({ ...result, schemaVersion: SCHEMA_VERSION + 1 }))).toBeNull();
  });

  it('the first script\'s hand check of the plan (no zod before the marks) agrees with MarkPlanSchema, on the real plan and on 400 broken ones', async () => {
    fakeBrowser.reset();
    const { head } = await checkPage(request('errors'), parseHtml);
    if (!head.ok) throw new Error('no result');
    const agree = (h: unknown): void => {
      const byHand = readMarkPlan(h) !== null;
      const plan = (h as { plan?: unknown } | null)?.plan;
      const bySchema = (h as { ok?: unknown } | null)?.ok === true && MarkPlanSchema.safeParse(plan).success;
      expect(byHand, JSON.stringify(plan)?.slice(0, 300)).toBe(bySchema);
    };
    agree(head);
    expect(readMarkPlan(head)).toEqual(head.plan);
    agree({ ...head, ok: false });
    agree(null);
    // every leaf of the plan replaced in turn by a value of another kind (a seeded walk, reproducible)
    let seed = 7;
    const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const odd: unknown[] = [null, undefined, 1, -2.5, '', 'fail', 'fail evil', 'row-warn', [], [1, 'x'], {}, { kind: 'html' }, true];
    const leaves = (x: unknown, at: (string | number)[] = []): (string | number)[][] =>
      typeof x === 'object' && x !== null ? Object.entries(x).flatMap(([k, v]) => [[...at, Array.isArray(x) ? Number(k) : k], ...leaves(v, [...at, Array.isArray(x) ? Number(k) : k])]) : [];
    const paths = leaves(head.plan);
    for (let i = 0; i < 400; i++) {
      const plan = JSON.parse(JSON.stringify(head.plan)) as Record<string | number, unknown>;
      const path = paths[rnd(paths.length)] ?? [];
      let node = plan as Record<string | number, unknown>;
      for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
      const last = path[path.length - 1];
      if (last === undefined) continue;
      const value = odd[rnd(odd.length)];
      if (value === undefined) delete node[last];
      else node[last] = value;
      agree({ ...head, plan });
    }
  });

  it('results are kept per tab: 50 tabs checked at once all get theirs; a tab never gets another\'s; closing a tab drops them', { timeout: 60_000 }, async () => {
    // issue 16, item 4: a cache of 16 shared by all tabs lost the results of the others (30 of 50 sidebars)
    fakeBrowser.reset();
    const req = request('errors');
    const heads = await Promise.all(Array.from({ length: 50 }, (_, tab) => checkPage(req, parseHtml, new Date(), { tab, frame: 0 }).then((r) => r.head)));
    const ids = heads.map((h) => (h.ok ? h.resultId : ''));
    expect(new Set(ids).size).toBe(50);
    for (let tab = 0; tab < 50; tab++) expect(takeResult(ids[tab] ?? '', { tab, frame: 0 }), `tab ${tab}`).not.toBeNull();
    // asked for again (the sidebar re-reads it): still there
    expect(takeResult(ids[0] ?? '', { tab: 0, frame: 0 })).not.toBeNull();
    // another tab, or another frame of the same tab, does not get it
    expect(takeResult(ids[0] ?? '', { tab: 1, frame: 0 })).toBeNull();
    expect(takeResult(ids[0] ?? '', { tab: 0, frame: 3 })).toBeNull();
    // a frame keeps its newest few: re-checks replace the oldest
    const again: string[] = [];
    for (let i = 0; i < KEEP_PER_FRAME + 2; i++) {
      const { head } = await checkPage(req, parseHtml, new Date(), { tab: 7, frame: 0 });
      if (head.ok) again.push(head.resultId);
    }
    expect(takeResult(ids[7] ?? '', { tab: 7, frame: 0 })).toBeNull();
    expect(takeResult(again[0] ?? '', { tab: 7, frame: 0 })).toBeNull();
    expect(takeResult(again[again.length - 1] ?? '', { tab: 7, frame: 0 })).not.toBeNull();
    // a closed tab's results go with it
    const before = keptCount();
    forgetTab(3);
    expect(takeResult(ids[3] ?? '', { tab: 3, frame: 0 })).toBeNull();
    expect(keptCount()).toBe(before - 1);
    expect(takeResult(ids[30] ?? '', { tab: 30, frame: 0 })).not.toBeNull();
    expect(parseToBackground({ type: 'result', id: ids[16] })).toEqual({ type: 'result', id: ids[16] });
    expect(parseToBackground({ type: 'result', id: 'x'.repeat(101) })).toBeNull();
  });

  it('large messages travel as JSON text and are validated once unwrapped', async () => {
    fakeBrowser.reset();
    const req = request('errors');
    const wire = wrapJson(req);
    expect(typeof wire.body).toBe('string');
    expect(parseToBackground(unwrapJson(wire))).toEqual(req);
    const reply = await checkPage(req, parseHtml);
    const sent = wireReply(reply.head);
    expect(typeof sent.head).toBe('string');
    expect(parseCheckHead(sent, SCHEMA_VERSION)).toEqual(reply.head);
    // broken text or a wrong inner message is refused like any malformed message
    expect(parseToBackground(unwrapJson({ type: 'json', body: '{"type":"check-page",' }))).toBeNull();
    expect(parseToBackground(unwrapJson({ type: 'json', body: '{"type":"check-page"}' }))).toBeNull();
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

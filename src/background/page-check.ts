import { checkExtracted } from '../pipeline';
import { withLastYear } from '../check/cross-year';
import { RULESET_VERSION } from '../check/index';
import { recordOf } from '../model/history';
import { CheckResultSchema, type CheckResultJson } from '../model/result';
import { applyDecisions, figuresFingerprint } from '../model/review';
import type { CheckHead } from '../messaging/to-page';
import { refKey } from '../extract/html';
import { crossOriginFrames, findAttachments, type Attachment } from '../extract/attachments';
import type { ExtractedDoc, SourceRef } from '../extract/types';
import { elementPath, planMarks, type MarkPlan } from '../messaging/mark-plan';
import type { CheckExtractedRequest, CheckPageRequest, DecideRequest } from '../messaging/to-background';
import { extractSnapshot, type ParseHtml } from '../extract/html';
import { rememberWithRivals } from '../store/history-store';
import { loadReview, saveDecisionAndRead } from '../store/review-store';
import { loadSettings } from './sites';
import { DEFAULT_SETTINGS } from '../store/settings';

/**
 * The engine side of the in-page checker, run by the background: the content script sends the
 * page's HTML (one native serialisation, see extract/snapshot.ts); extraction, recognition, the
 * rules, last year's comparison and the auditor's decisions run here, off the page's main thread,
 * and the page gets back a result to mark and show. One engine: the same `checkExtracted` as the
 * CLI, the batch page and the tests.
 */
export async function checkPage(req: CheckPageRequest | CheckExtractedRequest, parseHtml: ParseHtml, now = new Date(), place: Place = NOWHERE): Promise<PageReply> {
  let extracted: ReturnType<typeof extractSnapshot> | null = null;
  let doc: ExtractedDoc;
  if (req.type === 'check-page') doc = extracted = extractSnapshot(req.page, parseHtml);
  else doc = req.doc;
  const outcome = checkExtracted(doc, { kind: 'url', location: req.url, format: 'html' });
  // the page's links to files that look like the report (the sidebar offers them; a page with
  // none and no report gets no sidebar at all)
  const attachments = extracted ? attachmentsOf(extracted.document, req.url, outcome.ok) : [];
  if (!outcome.ok) {
    // No report here, but frames from another site that no one may read into: the report may be
    // there (a portal showing its 信息公开 platform). Said, and offered to check by their URL.
    const frames = extracted ? safely(() => crossOriginFrames(extracted.document, req.url), []) : [];
    const reason = frames.length > 0 ? withFrames(outcome.reason, frames) : outcome.reason;
    return { head: { ok: false, reason, settings: await quietly(loadSettings, DEFAULT_SETTINGS), attachments: [...attachments, ...frames] }, result: null };
  }
  const compared = await againstLastYear(outcome.result, req.url, now);
  const review = await quietly(() => loadReview(req.url), undefined);
  const result = { ...compared, review: applyDecisions(compared.findings, review) };
  // a quoted paragraph's place in the page's element tree, as the background parsed it: the page's first guess
  const path = (src: SourceRef): number[] | null => {
    const el = extracted?.elements.get(refKey(src));
    return el ? elementPath(el) : null;
  };
  return reply(result, planMarks(result, path), place, attachments);
}

function safely<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}

/** The no-report reason, with the frames of other sites the report may be in. */
function withFrames(reason: { zh: string; en: string }, frames: Attachment[]): { zh: string; en: string } {
  const hosts = frames.map((f) => f.url).slice(0, 3);
  return {
    zh: `${reason.zh}本页嵌入了来自其他网站的框架，扩展无法读取其中内容，年报可能在框架中：${hosts.join('、')}（可在侧栏点“检查”，或在新标签页打开该网址后再检查）。`,
    en: `${reason.en} This page embeds frames from other sites, which the extension cannot read; the report may be in one: ${hosts.join(', ')} (check it from the sidebar, or open that address in a new tab and check it there).`,
  };
}

/** Attachments of a page parsed from its HTML: links resolved against its <base href> or its URL. */
function attachmentsOf(doc: Document, url: string, report: boolean): Attachment[] {
  try {
    const baseHref = doc.querySelector('base[href]')?.getAttribute('href');
    const base = baseHref ? new URL(baseHref, url).href : url;
    return findAttachments(doc, report || /年度报告|年报/.test(doc.title ?? ''), base);
  } catch {
    return [];
  }
}

/** Save an auditor's decision on a finding of this page's result and give the result back with it. */
export async function decide(req: DecideRequest, place: Place = NOWHERE): Promise<PageReply> {
  // saved and read back in one turn of the store's queue: overlapping decisions never lose one another
  const saved = await quietly(() => saveDecisionAndRead(req.url, req.figures, req.decision), null);
  const review = saved ?? (await quietly(() => loadReview(req.url), undefined));
  const result = { ...req.result, review: applyDecisions(req.result.findings, review) };
  return reply(result, planMarks(result), place);
}

/** A reply before it is put on the wire (to-page.ts wireReply): the head the page marks from, and the result it names. */
export interface PageReply {
  head: CheckHead;
  result: CheckResultJson | null;
}

/** Where a page's request came from: its tab and frame (the sender's), so that its results stay with it. */
export interface Place {
  tab: number;
  frame: number;
}
/** No tab (tests, or a sender without one): its results are kept like a tab's. */
const NOWHERE: Place = { tab: -1, frame: 0 };

/**
 * Results wait here between the head the page marks from and the sidebar's request for the whole
 * result, a moment later — and stay for as long as their tab may show them: kept per tab and
 * frame, the newest few of each frame (a re-check or a decision replaces an older one), dropped
 * when the tab is closed (`forgetTab`). Any number of tabs checked at once keep theirs (issue 16:
 * a cache of 16 shared by all tabs lost the sidebars of the others). One that is gone all the
 * same (the service worker was stopped in between) makes the sidebar check the page again.
 */
const KEPT = new Map<string, Map<string, CheckResultJson>>();
/** Results kept per frame: the newest, and a few before it that a sidebar may still be fetching. */
export const KEEP_PER_FRAME = 3;
/** Frames with results kept at most, over all tabs: far beyond a working day's tabs; the least recent go first. */
export const KEEP_FRAMES = 400;
let counter = 0;

const placeKey = (place: Place): string => `${place.tab}:${place.frame}`;

function keep(result: CheckResultJson, place: Place): string {
  const id = `${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  const key = placeKey(place);
  const shelf = KEPT.get(key) ?? new Map<string, CheckResultJson>();
  // the most recently used frame goes last: the map's order is the order to drop them in
  KEPT.delete(key);
  KEPT.set(key, shelf);
  shelf.set(id, result);
  for (const old of shelf.keys()) {
    if (shelf.size <= KEEP_PER_FRAME) break;
    shelf.delete(old);
  }
  for (const old of KEPT.keys()) {
    if (KEPT.size <= KEEP_FRAMES) break;
    KEPT.delete(old);
  }
  return id;
}

/**
 * The result a head named, for the frame it was made for (the sidebar asks for it right after the
 * marks, and again whenever it needs it): null when it is gone or was made for another tab.
 */
export function takeResult(id: string, place: Place = NOWHERE): CheckResultJson | null {
  return KEPT.get(placeKey(place))?.get(id) ?? null;
}

/** The tab is closed (or replaced): its results go with it. */
export function forgetTab(tab: number): void {
  for (const key of [...KEPT.keys()]) if (key.startsWith(`${tab}:`)) KEPT.delete(key);
}

/** How many results are kept, over all tabs (for tests). */
export function keptCount(): number {
  let n = 0;
  for (const shelf of KEPT.values()) n += shelf.size;
  return n;
}

async function reply(result: CheckResultJson, plan: MarkPlan, place: Place, attachments: Attachment[] = []): Promise<PageReply> {
  const settings = await quietly(loadSettings, DEFAULT_SETTINGS);
  // what the page receives has passed CheckResultSchema (a bug here must not reach the page or the clipboard)
  CheckResultSchema.parse(result);
  const head: CheckHead = {
    ok: true,
    schemaVersion: result.schemaVersion,
    errors: result.summary.errors,
    figures: figuresFingerprint(result.report),
    ruleset: RULESET_VERSION,
    settings,
    plan,
    resultId: keep(result, place),
    attachments,
  };
  return { head, result };
}

/** Remember this report; compare it with the same body's report for last year when one was checked. */
async function againstLastYear(result: CheckResultJson, url: string, now: Date): Promise<CheckResultJson> {
  const rec = recordOf(result.report, url, now);
  if (!rec) return result;
  const last = await quietly(() => rememberWithRivals(rec), null);
  return last ? withLastYear(result, last.last, rec.origin, last.rivals) : result;
}

async function quietly<T>(f: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await f();
  } catch {
    return fallback;
  }
}

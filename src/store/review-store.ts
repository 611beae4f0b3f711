import { browser } from 'wxt/browser';
import { EMPTY_REVIEWS, ReviewsSchema, type Decision, type ReportReview, type Reviews } from '../model/review';
import { serialQueue } from './serial';
import { reportKey } from '../model/history';

/** Where review decisions live, in browser.storage.local. */
export const REVIEWS_KEY = 'reviews';

/**
 * Stored value → Reviews; nothing → empty; unreadable (corrupt, or newer) → null: left untouched.
 * Decisions are kept per report address (history.ts `reportKey`: the URL without its #fragment),
 * the key the options page joins them to the report records by. Older values were kept per full
 * URL, fragment and all, so one report opened at `…/a.html` and `…/a.html#tab2` had two sets of
 * decisions: they are merged here under the one address, every decision kept (on the same finding
 * the newer one stands, as an import does), the figures of the set decided on last.
 */
export function migrateReviews(raw: unknown): Reviews | null {
  if (raw === undefined || raw === null) return EMPTY_REVIEWS;
  const r = ReviewsSchema.safeParse(raw);
  if (!r.success) return null;
  const entries = Object.entries(r.data.reports);
  if (entries.every(([url]) => reportKey(url) === url)) return r.data;
  const reports: Record<string, ReportReview> = {};
  const last: Record<string, string> = {};
  for (const [url, review] of entries) {
    const key = reportKey(url);
    const have = reports[key];
    const newest = review.decisions.reduce((m, d) => (d.at > m ? d.at : m), '');
    if (!have) {
      reports[key] = { figures: review.figures, decisions: [...review.decisions] };
      last[key] = newest;
      continue;
    }
    reports[key] = { figures: newest > (last[key] ?? '') ? review.figures : have.figures, decisions: mergeDecisions(have.decisions, review.decisions) };
    if (newest > (last[key] ?? '')) last[key] = newest;
  }
  return { version: r.data.version, reports };
}

/** `have` with `incoming` laid over: a decision on a finding not decided yet is added, on one decided it replaces it when newer. */
function mergeDecisions(have: readonly Decision[], incoming: readonly Decision[]): Decision[] {
  const merged = [...have];
  for (const d of incoming) {
    const i = merged.findIndex((x) => x.fingerprint === d.fingerprint);
    if (i < 0) merged.push(d);
    else if ((merged[i]?.at ?? '') < d.at) merged[i] = d;
  }
  return merged;
}

/**
 * Every write of the decisions goes through this one queue (src/store/serial.ts): each reads the
 * whole record, changes it and writes it back, so two overlapping saves (a note on one finding, a
 * click on the next) would otherwise lose the first.
 */
const queue = serialQueue();

export async function loadReviews(): Promise<Reviews | null> {
  return migrateReviews((await browser.storage.local.get(REVIEWS_KEY))[REVIEWS_KEY]);
}

export async function loadReview(url: string): Promise<ReportReview | undefined> {
  return (await loadReviews())?.reports[reportKey(url)];
}

/** Save one decision for a report (replacing an earlier one on the same finding). */
export async function saveDecision(url: string, figures: string, decision: Decision): Promise<boolean> {
  return (await saveDecisionAndRead(url, figures, decision)) !== null;
}

/**
 * Save one decision and read the report's decisions back in the same turn of the queue: what the
 * sidebar is shown then holds this decision and every one saved before it. Null when the stored
 * decisions cannot be read (left untouched).
 */
export function saveDecisionAndRead(url: string, figures: string, decision: Decision): Promise<ReportReview | null> {
  return queue(async () => {
    const all = await loadReviews();
    if (all === null) return null;
    const key = reportKey(url);
    const prev = all.reports[key]?.decisions ?? [];
    const decisions = [...prev.filter((d) => d.fingerprint !== decision.fingerprint), decision];
    const review: ReportReview = { figures, decisions };
    await browser.storage.local.set({ [REVIEWS_KEY]: { ...all, reports: { ...all.reports, [key]: review } } });
    return review;
  });
}

export function clearReviews(): Promise<void> {
  return queue(() => browser.storage.local.set({ [REVIEWS_KEY]: EMPTY_REVIEWS }));
}

/** How an import went: the decisions the file held, or why it was refused. */
export type ImportResult = { ok: true; count: number } | { ok: false; error: { zh: string; en: string } };

/**
 * Import an exported decisions file: per report URL, a decision replaces the stored one on the same
 * finding only when it is newer. Returns how many decisions the file held.
 */
export async function importReviews(text: string): Promise<ImportResult> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: { zh: '文件不是 JSON', en: 'not JSON' } };
  }
  const parsed = ReviewsSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: { zh: '不是本扩展导出的核查意见文件', en: 'not a decisions file of this extension' } };
  const file = migrateReviews(parsed.data) ?? parsed.data;
  return queue(async () => {
    const current = (await loadReviews()) ?? EMPTY_REVIEWS;
    const reports = { ...current.reports };
    let count = 0;
    for (const [url, incoming] of Object.entries(file.reports)) {
      count += incoming.decisions.length;
      reports[url] = { figures: reports[url]?.figures ?? incoming.figures, decisions: mergeDecisions(reports[url]?.decisions ?? [], incoming.decisions) };
    }
    await browser.storage.local.set({ [REVIEWS_KEY]: { version: current.version, reports } });
    return { ok: true as const, count };
  });
}

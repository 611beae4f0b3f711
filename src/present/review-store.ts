import { browser } from 'wxt/browser';
import { EMPTY_REVIEWS, ReviewsSchema, type Decision, type ReportReview, type Reviews } from '../model/review';
import { serialQueue } from './serial';

/** Where review decisions live, in browser.storage.local. */
export const REVIEWS_KEY = 'reviews';

/** Stored value → Reviews; nothing → empty; unreadable (corrupt, or newer) → null: left untouched. */
export function migrateReviews(raw: unknown): Reviews | null {
  if (raw === undefined || raw === null) return EMPTY_REVIEWS;
  const r = ReviewsSchema.safeParse(raw);
  return r.success ? r.data : null;
}

/**
 * Every write of the decisions goes through this one queue (src/present/serial.ts): each reads the
 * whole record, changes it and writes it back, so two overlapping saves (a note on one finding, a
 * click on the next) would otherwise lose the first.
 */
const queue = serialQueue();

export async function loadReviews(): Promise<Reviews | null> {
  return migrateReviews((await browser.storage.local.get(REVIEWS_KEY))[REVIEWS_KEY]);
}

export async function loadReview(url: string): Promise<ReportReview | undefined> {
  return (await loadReviews())?.reports[url];
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
    const prev = all.reports[url]?.decisions ?? [];
    const decisions = [...prev.filter((d) => d.fingerprint !== decision.fingerprint), decision];
    const review: ReportReview = { figures, decisions };
    await browser.storage.local.set({ [REVIEWS_KEY]: { ...all, reports: { ...all.reports, [url]: review } } });
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
  return queue(async () => {
    const current = (await loadReviews()) ?? EMPTY_REVIEWS;
    const reports = { ...current.reports };
    let count = 0;
    for (const [url, incoming] of Object.entries(parsed.data.reports)) {
      const have = reports[url]?.decisions ?? [];
      const merged = [...have];
      for (const d of incoming.decisions) {
        count++;
        const i = merged.findIndex((x) => x.fingerprint === d.fingerprint);
        if (i < 0) merged.push(d);
        else if ((merged[i]?.at ?? '') < d.at) merged[i] = d;
      }
      reports[url] = { figures: reports[url]?.figures ?? incoming.figures, decisions: merged };
    }
    await browser.storage.local.set({ [REVIEWS_KEY]: { version: current.version, reports } });
    return { ok: true as const, count };
  });
}

import { browser } from 'wxt/browser';
import { migrateHistory, upsert, upsertAll, merge, previousYear, lastYearRivals, withOrigin, AnyYearRecordSchema, EMPTY_HISTORY, type History, type YearRecord } from '../model/history';
import * as z from 'zod/mini';
import { serialQueue } from './serial';

/** Where the checked reports are remembered, in browser.storage.local. */
export const HISTORY_KEY = 'history';

/** Every read-change-write of the history goes through this queue (src/store/serial.ts): two checks at once must not lose a record. */
const queue = serialQueue();

export async function loadHistory(): Promise<History | null> {
  const stored = await browser.storage.local.get(HISTORY_KEY);
  return migrateHistory(stored[HISTORY_KEY]);
}

/**
 * Remember a checked report and return last year's record of the same body, if any: the one from
 * the same site when there is one (history.ts previousYear). A record is kept per body, year and
 * report address (history.ts reportKey), so another page that claims the same body and year — on
 * another site or the same one — never replaces it; the options page shows such pairs, and names
 * them a conflict when their figures differ (history.ts recordGroups). A stored value
 * this version cannot read is left as it is (never overwritten).
 */
export async function remember(rec: YearRecord): Promise<YearRecord | null> {
  return (await rememberWithRivals(rec))?.last ?? null;
}

/** `remember`, with last year's other records whose figures differ from the one returned (history.ts lastYearRivals). */
export function rememberWithRivals(rec: YearRecord): Promise<{ last: YearRecord; rivals: YearRecord[] } | null> {
  return queue(async () => {
    const history = await loadHistory();
    if (history === null) return null;
    const last = previousYear(history, rec.bodyKey, rec.year, rec.origin);
    await browser.storage.local.set({ [HISTORY_KEY]: upsert(history, rec) });
    return last ? { last, rivals: lastYearRivals(history, last) } : null;
  });
}

/**
 * Remember a batch's reports (history.ts upsertAll), so next year's batch — or the sidebar — checks
 * their carry-over against them. False when the stored value cannot be read (left untouched).
 */
export function rememberAll(recs: readonly YearRecord[]): Promise<boolean> {
  if (recs.length === 0) return Promise.resolve(true);
  return queue(async () => {
    const history = await loadHistory();
    if (history === null) return false;
    await browser.storage.local.set({ [HISTORY_KEY]: upsertAll(history, recs) });
    return true;
  });
}

export function clearHistory(): Promise<void> {
  return queue(() => browser.storage.local.set({ [HISTORY_KEY]: EMPTY_HISTORY }));
}

/** The export file: the history itself, so an import is the same shape. */
export async function exportHistory(): Promise<string> {
  return JSON.stringify((await loadHistory()) ?? EMPTY_HISTORY, null, 2);
}

/** An export of this version or an older one (records without their origin get it from their source), or a bare array of records. */
const ImportSchema = z.union([z.object({ version: z.union([z.literal(1), z.literal(2), z.literal(3)]), records: z.array(AnyYearRecordSchema) }), z.array(AnyYearRecordSchema)]);

/** Import an exported file (or a bare array of records); returns how many records it held. */
export async function importHistory(text: string): Promise<{ ok: true; count: number } | { ok: false; error: string }> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not JSON' };
  }
  const parsed = ImportSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: 'not a history file of this extension' };
  const incoming = (Array.isArray(parsed.data) ? parsed.data : parsed.data.records).map(withOrigin);
  return queue(async () => {
    const history = (await loadHistory()) ?? EMPTY_HISTORY;
    await browser.storage.local.set({ [HISTORY_KEY]: merge(history, incoming) });
    return { ok: true as const, count: incoming.length };
  });
}

import * as z from 'zod/mini';
import { TemplateVersionSchema, type Report } from './report';
import { bodyKey } from '../recognise/body';

/**
 * A compact record of one checked report, kept to compare a body's next year against: its row 二
 * and row 四 per column, and table 1's 制发 / 废止 / 现行有效. Versioned in storage (HISTORY_VERSION).
 */
const Counts = z.record(z.string(), z.nullable(z.number()));

export const YearRecordSchema = z.object({
  body: z.string(),
  /** see recognise/body.ts: survives 威海市环翠区人民政府 / 环翠区政府 / 环翠区 */
  bodyKey: z.string(),
  year: z.number(),
  template: z.nullable(TemplateVersionSchema),
  /** table 2 row 二 per column key */
  carriedOver: Counts,
  /** table 2 row 四 per column key */
  carriedForward: Counts,
  /** table 1 (一) per row key (regulations, normative): issued, repealed, in force */
  documents: z.record(z.string(), z.object({ issued: z.nullable(z.number()), repealed: z.nullable(z.number()), inForce: z.nullable(z.number()) })),
  /** the page URL or file path the report was read from */
  source: z.nullable(z.string()),
  /** ISO time of the check */
  checkedAt: z.string(),
});
export type YearRecord = z.infer<typeof YearRecordSchema>;

export const HISTORY_VERSION = 1;
export const HistorySchema = z.object({ version: z.literal(HISTORY_VERSION), records: z.array(YearRecordSchema) });
export type History = z.infer<typeof HistorySchema>;
export const EMPTY_HISTORY: History = { version: HISTORY_VERSION, records: [] };

/** Most records kept: the oldest checks are dropped first. */
export const HISTORY_LIMIT = 2000;

export function recordOf(report: Report, source: string | null, checkedAt: Date): YearRecord | null {
  const key = bodyKey(report.body);
  if (report.body === null || key === null || report.year === null || report.tables.t2.status !== 'parsed') return null;
  const row = (table: 't1' | 't2', k: string): Record<string, number | null> => {
    const out: Record<string, number | null> = {};
    for (const c of report.tables[table].rows.find((r) => r.key === k)?.cells ?? []) out[c.col] = c.value.kind === 'number' ? c.value.value : null;
    return out;
  };
  const documents: YearRecord['documents'] = {};
  for (const k of ['regulations', 'normative']) {
    const r = row('t1', k);
    // 2021: 本年制发件数 / 本年废止件数 / 现行有效件数; the 2019 block counts other things
    if (report.template === '2021' && Object.keys(r).length > 0) documents[k] = { issued: r.issued ?? null, repealed: r.repealed ?? null, inForce: r['in-force'] ?? null };
  }
  return {
    body: report.body,
    bodyKey: key,
    year: report.year,
    template: report.template,
    carriedOver: row('t2', 'carried-over'),
    carriedForward: row('t2', 'carried-forward'),
    documents,
    source,
    checkedAt: checkedAt.toISOString(),
  };
}

/**
 * Stored value → History. Nothing stored → empty; the current version → itself; anything that
 * does not parse (corrupted, or written by a newer version of the extension) → null, so the caller
 * keeps it untouched instead of overwriting it.
 */
export function migrateHistory(raw: unknown): History | null {
  if (raw === undefined || raw === null) return EMPTY_HISTORY;
  const r = HistorySchema.safeParse(raw);
  return r.success ? r.data : null;
}

/** Add or replace the record of (bodyKey, year); newest first; bounded. */
export function upsert(history: History, rec: YearRecord): History {
  const rest = history.records.filter((r) => !(r.bodyKey === rec.bodyKey && r.year === rec.year));
  return { version: HISTORY_VERSION, records: [rec, ...rest].slice(0, HISTORY_LIMIT) };
}

/** Merge imported records into history (an imported record wins only when it is newer). */
export function merge(history: History, incoming: YearRecord[]): History {
  let out = history;
  for (const rec of incoming) {
    const have = out.records.find((r) => r.bodyKey === rec.bodyKey && r.year === rec.year);
    if (!have || have.checkedAt < rec.checkedAt) out = upsert(out, rec);
  }
  return out;
}

export function previousYear(history: History, key: string, year: number): YearRecord | null {
  return history.records.find((r) => r.bodyKey === key && r.year === year - 1) ?? null;
}

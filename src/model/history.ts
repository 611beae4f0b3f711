import * as z from 'zod/mini';
import { TemplateVersionSchema, type Report } from './report';
import { bodyKey } from './body';

/**
 * A compact record of one checked report, kept to compare a body's next year against: its row 二
 * and row 四 per column, and table 1's 制发 / 废止 / 现行有效. Versioned in storage (HISTORY_VERSION).
 */
const Counts = z.record(z.string(), z.nullable(z.number()));

const YearRecordV1Schema = z.object({
  body: z.string(),
  /** see model/body.ts: survives 威海市环翠区人民政府 / 环翠区政府 / 环翠区 */
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

/**
 * One table's figures as read: its column keys, and per row key the figures in that column order
 * (null where the cell holds no number, or the row has no such column). Arrays rather than
 * objects per cell: a record of the three tables stays near 1 KB (HISTORY_LIMIT records live in
 * browser.storage.local).
 */
export const TableFiguresSchema = z.object({
  /** the template the table was read against (tables 1 and 2; null for table 3, the same in both) */
  template: z.nullable(TemplateVersionSchema),
  cols: z.array(z.string()),
  rows: z.record(z.string(), z.array(z.nullable(z.number()))),
});
export type TableFigures = z.infer<typeof TableFiguresSchema>;

/** The three tables' figures; null for a table not read (missing, a picture). */
export const FiguresSchema = z.object({ t1: z.nullable(TableFiguresSchema), t2: z.nullable(TableFiguresSchema), t3: z.nullable(TableFiguresSchema) });
export type Figures = z.infer<typeof FiguresSchema>;

export const YearRecordSchema = z.object({
  ...YearRecordV1Schema.shape,
  /**
   * the site the report was read from (originOf: its host name, without `www.`), null for a local
   * file. A page on another site that claims the same body and year is kept apart and never
   * replaces this record (issue 16, item 6); since version 3 a record's key is its report address
   * (`reportKey`), finer still.
   */
  origin: z.nullable(z.string()),
  /**
   * every figure of the three tables, for the copied-from-last-year and year-on-year checks
   * (check/copied-from-last-year.ts, check/year-on-year.ts). Optional: records kept before it have none, and those checks skip them.
   */
  figures: z.optional(FiguresSchema),
});
export type YearRecord = z.infer<typeof YearRecordSchema>;

/**
 * 3: records are kept per body, year and report address (`reportKey` of the source), so two
 * different reports of one body and year on one site are two records (issue 18, item 6); 2 kept one
 * per body, year and site, and 1 had no origins. The records themselves are the same shape in 2 and
 * 3: version 2 is read as it is (its key was coarser, so no two of its records share a key now).
 */
export const HISTORY_VERSION = 3;
export const HistorySchema = z.object({ version: z.literal(HISTORY_VERSION), records: z.array(YearRecordSchema) });
const HistoryV2Schema = z.object({ version: z.literal(2), records: z.array(YearRecordSchema) });
export type History = z.infer<typeof HistorySchema>;
export const EMPTY_HISTORY: History = { version: HISTORY_VERSION, records: [] };

/** Version 1 (records without their origin): read, and the origin worked out from each record's source. */
const HistoryV1Schema = z.object({ version: z.literal(1), records: z.array(YearRecordV1Schema) });
/** A record as an older export may hold it: without its origin. */
export const AnyYearRecordSchema = z.union([YearRecordSchema, YearRecordV1Schema]);
export type AnyYearRecord = z.infer<typeof AnyYearRecordSchema>;

/** A record of any version, with its origin (worked out from its source when it has none). */
export function withOrigin(rec: AnyYearRecord): YearRecord {
  return 'origin' in rec ? rec : { ...rec, origin: originOf(rec.source) };
}

/**
 * The site a report was read from: the URL's host name, lower case, without a leading `www.`
 * (www.weihai.gov.cn and weihai.gov.cn are one site); null for anything that is not an http(s)
 * URL (a local file, a pasted text).
 */
export function originOf(source: string | null): string | null {
  if (!source || !/^https?:\/\//i.test(source)) return null;
  try {
    return new URL(source).hostname.toLowerCase().replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

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
    figures: figuresOf(report),
    body: report.body,
    bodyKey: key,
    year: report.year,
    template: report.template,
    carriedOver: row('t2', 'carried-over'),
    carriedForward: row('t2', 'carried-forward'),
    documents,
    source,
    checkedAt: checkedAt.toISOString(),
    origin: originOf(source),
  };
}

/** The three tables' figures as `YearRecord.figures` keeps them; a table not read is null. */
export function figuresOf(report: Report): Figures {
  const table = (t: 't1' | 't2' | 't3'): TableFigures | null => {
    const tab = report.tables[t];
    if (tab.status !== 'parsed') return null;
    const cols: string[] = [];
    for (const r of tab.rows) for (const c of r.cells) if (!cols.includes(c.col)) cols.push(c.col);
    const rows: Record<string, (number | null)[]> = {};
    for (const r of tab.rows) {
      if (r.placed === 'absent') continue;
      rows[r.key] = cols.map((col) => {
        const v = r.cells.find((c) => c.col === col)?.value;
        return v?.kind === 'number' ? v.value : null;
      });
    }
    const template = t === 't3' ? null : (report.tableTemplates?.[t] ?? report.template);
    return { template, cols, rows };
  };
  return { t1: table('t1'), t2: table('t2'), t3: table('t3') };
}

/**
 * Stored value → History. Nothing stored → empty; the current version → itself; anything that
 * does not parse (corrupted, or written by a newer version of the extension) → null, so the caller
 * keeps it untouched instead of overwriting it.
 */
export function migrateHistory(raw: unknown): History | null {
  if (raw === undefined || raw === null) return EMPTY_HISTORY;
  const r = HistorySchema.safeParse(raw);
  if (r.success) return r.data;
  const v2 = HistoryV2Schema.safeParse(raw);
  if (v2.success) return { version: HISTORY_VERSION, records: v2.data.records };
  const v1 = HistoryV1Schema.safeParse(raw);
  return v1.success ? { version: HISTORY_VERSION, records: v1.data.records.map(withOrigin) } : null;
}

/**
 * The address that names one report: an http(s) URL without its #fragment (host in lower case,
 * default port dropped: what the URL parser makes of it); anything else (a file path) as it is.
 * Two addresses of one page that differ only after `#` are one report.
 */
export function reportKey(source: string | null): string {
  if (source === null) return '';
  if (!/^https?:\/\//i.test(source)) return source;
  try {
    const u = new URL(source);
    u.hash = '';
    return u.href;
  } catch {
    return source;
  }
}

const sameKey = (a: YearRecord, b: YearRecord): boolean => a.bodyKey === b.bodyKey && a.year === b.year && reportKey(a.source) === reportKey(b.source);

/** Add or replace the record of (bodyKey, year, report address); newest first; bounded. */
export function upsert(history: History, rec: YearRecord): History {
  const rest = history.records.filter((r) => !sameKey(r, rec));
  return { version: HISTORY_VERSION, records: [rec, ...rest].slice(0, HISTORY_LIMIT) };
}

/**
 * Add or replace many records at once (a batch's reports): each replaces the record of its (bodyKey,
 * year, report address); the new ones first, in their order; bounded. One pass, however many.
 */
export function upsertAll(history: History, recs: readonly YearRecord[]): History {
  const keyOf = (r: YearRecord): string => `${r.bodyKey}\u0000${r.year}\u0000${reportKey(r.source)}`;
  const fresh = new Map<string, YearRecord>();
  for (const r of recs) if (!fresh.has(keyOf(r))) fresh.set(keyOf(r), r);
  const rest = history.records.filter((r) => !fresh.has(keyOf(r)));
  return { version: HISTORY_VERSION, records: [...fresh.values(), ...rest].slice(0, HISTORY_LIMIT) };
}

/** Merge imported records into history (an imported record wins only when it is newer). */
export function merge(history: History, incoming: readonly YearRecord[]): History {
  let out = history;
  for (const rec of incoming) {
    const have = out.records.find((r) => sameKey(r, rec));
    if (!have || have.checkedAt < rec.checkedAt) out = upsert(out, rec);
  }
  return out;
}

/** What a record's figures are, for telling two reports apart: every figure kept, in a fixed order. */
function figuresText(r: YearRecord): string {
  const sorted = (o: Record<string, unknown>): string => JSON.stringify(Object.keys(o).sort().map((k) => [k, o[k]]));
  const tables = r.figures ? [r.figures.t1, r.figures.t2, r.figures.t3].map((t) => (t ? JSON.stringify([t.cols, sorted(t.rows)]) : '-')) : [];
  return JSON.stringify([sorted(r.carriedOver), sorted(r.carriedForward), sorted(r.documents), ...tables]);
}

/**
 * Records of one body and year kept from more than one address. `conflict`: at least two of them
 * hold different figures — two different reports of one body and year (同一机关同一年度有两份不同的年报),
 * which an auditor has to settle; otherwise the same report was read at more than one address.
 * Newest record first within a group; groups in the order of their newest record.
 */
export interface RecordGroup {
  bodyKey: string;
  year: number;
  records: YearRecord[];
  conflict: boolean;
}

export function recordGroups(history: History): RecordGroup[] {
  const groups = new Map<string, RecordGroup>();
  for (const r of history.records) {
    const k = `${r.bodyKey}\u0000${r.year}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { bodyKey: r.bodyKey, year: r.year, records: [], conflict: false }));
    g.records.push(r);
  }
  for (const g of groups.values()) g.conflict = new Set(g.records.map(figuresText)).size > 1;
  return [...groups.values()];
}

/**
 * Last year's record of the same body to compare a report from `origin` with: the one read from
 * the same site when there is one (a record from another site never takes its place); otherwise
 * the newest from another site, which the comparison then names as such (cross-year.ts).
 */
export function previousYear(records: readonly YearRecord[] | History, key: string, year: number, origin: string | null): YearRecord | null {
  const all = Array.isArray(records) ? records : (records as History).records;
  const candidates = all.filter((r) => r.bodyKey === key && r.year === year - 1);
  return candidates.find((r) => r.origin === origin) ?? candidates[0] ?? null;
}

/**
 * Last year's other records of the same body whose figures differ from `chosen`'s: two different
 * reports of one body and year (recordGroups' conflict). A comparison with one of them says the
 * other exists (cross-year.ts), since which is the published one is the auditor's to settle.
 */
export function lastYearRivals(records: readonly YearRecord[] | History, chosen: YearRecord): YearRecord[] {
  const all = Array.isArray(records) ? records : (records as History).records;
  const mine = figuresText(chosen);
  return all.filter((r) => r !== chosen && r.bodyKey === chosen.bodyKey && r.year === chosen.year && figuresText(r) !== mine);
}

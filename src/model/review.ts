import * as z from 'zod/mini';
import type { Finding } from './finding';
import type { CellKey, Report } from './report';

/**
 * An auditor's decisions on findings: 待核 (pending, the default) / 确认 (confirmed) / 驳回
 * (rejected), with a note. Kept per report (its URL) and matched to findings by fingerprint, so
 * they survive a reload, a re-run and an extension update that leaves the rule alone.
 */
export const DecisionStateSchema = z.enum(['pending', 'confirmed', 'rejected']);
export type DecisionState = z.infer<typeof DecisionStateSchema>;

export const DecisionSchema = z.object({
  fingerprint: z.string(),
  state: DecisionStateSchema,
  note: z.string(),
  at: z.string(),
  /** what the finding was, for showing a stale decision whose finding is gone */
  rule: z.string(),
  message: z.object({ zh: z.string(), en: z.string() }),
});
export type Decision = z.infer<typeof DecisionSchema>;

export const ReportReviewSchema = z.object({
  /** fingerprint of the report's figures when the decisions were last saved */
  figures: z.string(),
  decisions: z.array(DecisionSchema),
});
export type ReportReview = z.infer<typeof ReportReviewSchema>;

export const REVIEWS_VERSION = 1;
export const ReviewsSchema = z.object({ version: z.literal(REVIEWS_VERSION), reports: z.record(z.string(), ReportReviewSchema) });
export type Reviews = z.infer<typeof ReviewsSchema>;
export const EMPTY_REVIEWS: Reviews = { version: REVIEWS_VERSION, reports: {} };

/** The review part of a result: each finding's decision, and decisions whose finding is gone. */
export const ReviewJsonSchema = z.object({
  decisions: z.array(z.object({ findingId: z.string(), fingerprint: z.string(), state: DecisionStateSchema, note: z.string(), at: z.nullable(z.string()) })),
  stale: z.array(DecisionSchema),
});
export type ReviewJson = z.infer<typeof ReviewJsonSchema>;

/** FNV-1a, 32 bits, hex: short, stable, no dependency. */
export function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

function cellText(report: Report, k: CellKey): string {
  const c = report.tables[k.table].rows.find((r) => r.key === k.row)?.cells.find((x) => x.col === k.col);
  if (!c) return '∅';
  return c.value.kind === 'number' ? String(c.value.value) : `${c.value.kind}:${c.value.raw.trim()}`;
}

/**
 * A finding's fingerprint: its rule, the cells it involves and what those cells hold (plus the
 * quoted words for a prose finding). Not its wording and not the extension version: a decision
 * carries over exactly while the rule and the figures it rests on stay the same; a changed cell
 * changes the fingerprints of the findings that involve it, and no other.
 */
export function findingFingerprint(f: Pick<Finding, 'rule' | 'cells' | 'evidence' | 'id'>, report: Report): string {
  const cells = [...f.cells].map((k) => `${k.table}.${k.row}.${k.col}=${cellText(report, k)}`).sort();
  const basis = cells.length > 0 ? cells.join(',') : f.id;
  return hash(`${f.rule}|${basis}|${f.evidence?.quote ?? ''}`);
}

/** The report's figures, all cells in template order: changes when any number on the page does. */
export function figuresFingerprint(report: Report): string {
  const parts: string[] = [];
  for (const t of [report.tables.t1, report.tables.t2, report.tables.t3]) {
    parts.push(`${t.id}:${t.status}`);
    for (const r of t.rows) for (const c of r.cells) parts.push(c.value.kind === 'number' ? String(c.value.value) : c.value.kind);
  }
  return hash(parts.join('|'));
}

/** Decisions for the current findings, and the ones left over (stale: their finding is gone). */
export function applyDecisions(findings: Finding[], review: ReportReview | undefined): ReviewJson {
  const saved = new Map((review?.decisions ?? []).map((d) => [d.fingerprint, d]));
  const used = new Set<string>();
  const decisions = findings.map((f) => {
    const fp = f.fingerprint ?? '';
    const d = saved.get(fp);
    if (d) used.add(fp);
    return { findingId: f.id, fingerprint: fp, state: d?.state ?? ('pending' as const), note: d?.note ?? '', at: d?.at ?? null };
  });
  const stale = (review?.decisions ?? []).filter((d) => !used.has(d.fingerprint) && (d.state !== 'pending' || d.note !== ''));
  return { decisions, stale };
}

/**
 * A result's review with decisions laid over it that were made in the page and are not saved yet
 * (the sidebar shows, and copies, what the auditor did at once; the background's reply confirms it).
 */
export function overlayDecisions(review: ReviewJson | undefined, findings: Finding[], unsaved: readonly Decision[]): ReviewJson {
  const base = review ?? applyDecisions(findings, undefined);
  if (unsaved.length === 0) return base;
  const by = new Map(unsaved.map((d) => [d.fingerprint, d]));
  return {
    decisions: base.decisions.map((d) => {
      const u = by.get(d.fingerprint);
      return u ? { ...d, state: u.state, note: u.note, at: u.at } : d;
    }),
    stale: base.stale,
  };
}

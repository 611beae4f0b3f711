import * as z from 'zod/mini';
import { SourceRefSchema, type ExtractedDoc } from '../extract/types';
import { MAX_PAGE_CHARS, type PageSnapshot } from '../extract/snapshot';
import { CheckResultSchema } from '../model/result';
import { DecisionSchema } from '../model/review';
import { MAX_IMPORT_CHARS } from './review-requests';

/**
 * What the background receives from the in-page checker, the detector and the popup, validated
 * before anything is done with it. Only the background loads this module (the extracted page and
 * the result are large schemas, kept out of the page's content script).
 */

/** Bounds for a page's extraction: far beyond any real report, small enough to refuse a runaway page. */
const MAX_ITEMS = 200_000;
const MAX_ROWS = 5_000;
const MAX_TEXT = 100_000;

const GridCellSchema = z.object({
  raw: z.string().check(z.maxLength(MAX_TEXT)),
  text: z.string().check(z.maxLength(MAX_TEXT)),
  src: SourceRefSchema,
  origin: z.boolean(),
});

export const ExtractedDocSchema = z.object({
  items: z
    .array(
      z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('para'), text: z.string().check(z.maxLength(MAX_TEXT)), src: z.nullable(SourceRefSchema) }),
        z.object({ kind: z.literal('grid'), grid: z.object({ rows: z.array(z.array(GridCellSchema)).check(z.maxLength(MAX_ROWS)) }) }),
        z.object({ kind: z.literal('image'), name: z.string().check(z.maxLength(MAX_TEXT)), src: z.nullable(SourceRefSchema) }),
      ]),
    )
    .check(z.maxLength(MAX_ITEMS)),
  title: z.nullable(z.string().check(z.maxLength(MAX_TEXT))),
  notes: z.array(z.string()),
});

/** Bounds for a page's HTML (the page refuses to send more, extract/snapshot.ts). */
const MAX_HTML = MAX_PAGE_CHARS;
const MAX_FRAMES = 32;

/** A page as the in-page checker sends it (extract/snapshot.ts): the HTML of the page and of its same-origin frames. */
export const PageSnapshotSchema = z.object({
  html: z.string().check(z.maxLength(MAX_HTML)),
  frames: z
    .array(z.object({ path: z.array(z.number()).check(z.maxLength(8)), html: z.string().check(z.maxLength(MAX_HTML)) }))
    .check(z.maxLength(MAX_FRAMES)),
});

export const ToBackgroundSchema = z.discriminatedUnion('type', [
  /** detector → background: this page may hold a report, please inject the checker */
  z.object({ type: z.literal('candidate') }),
  /** checker → background: extract this page's HTML and run the engine on it (the reply: to-page.ts CheckReplyWire) */
  z.object({ type: z.literal('check-page'), url: z.string(), page: PageSnapshotSchema }),
  /**
   * checker → background: run the engine on the page's own extraction. The fallback when the cells
   * of a check-page result are not where the page's HTML put them (the page changed in between).
   */
  z.object({ type: z.literal('check-extracted'), url: z.string(), doc: ExtractedDocSchema }),
  /** checker → background: save an auditor's decision and give the result back with it applied */
  z.object({ type: z.literal('decide'), url: z.string(), figures: z.string(), decision: DecisionSchema, result: CheckResultSchema }),
  /** sidebar → background: the whole result a head named (reply: JsonEnvelope of the result, or null when it is gone) */
  z.object({ type: z.literal('result'), id: z.string().check(z.maxLength(100)) }),
  /** sidebar → background: check this page again from the start (inject the first script; reply when done) */
  z.object({ type: z.literal('recheck'), mode: z.enum(['auto', 'manual']) }),
  /**
   * popup → background: check this tab from the start (inject.ts) and answer with its result
   * (to-page.ts ResultReply, TSV in this language), for a page that cannot answer the popup itself
   */
  z.object({ type: z.literal('check-tab'), tab: z.int(), lang: z.enum(['zh', 'en']) }),
  /** options page → background: import a decisions file, in the background's one queue of decision writes (review-requests.ts) */
  z.object({ type: z.literal('import-reviews'), text: z.string().check(z.maxLength(MAX_IMPORT_CHARS)) }),
  /** options page → background: clear every decision, in that queue */
  z.object({ type: z.literal('clear-reviews') }),
  /** checker → background: open the printable findings page (the result is in storage) */
  z.object({ type: z.literal('open-print') }),
  /** checker → background: check these attachment URLs on the batch page */
  z.object({ type: z.literal('check-urls'), urls: z.array(z.string()) }),
]);

/** The requests, typed from their schema; the page side imports these types only (no schema code). */
export type ToBackground = z.infer<typeof ToBackgroundSchema>;
export type CheckPageRequest = Extract<ToBackground, { type: 'check-page' }>;
export type CheckExtractedRequest = Extract<ToBackground, { type: 'check-extracted' }>;
export type ResultRequest = Extract<ToBackground, { type: 'result' }>;
export type RecheckRequest = Extract<ToBackground, { type: 'recheck' }>;
export type DecideRequest = Extract<ToBackground, { type: 'decide' }>;
export type CheckTabRequest = Extract<ToBackground, { type: 'check-tab' }>;
export type ReviewWriteRequest = Extract<ToBackground, { type: 'import-reviews' | 'clear-reviews' }>;

export function parseToBackground(raw: unknown): ToBackground | null {
  const r = ToBackgroundSchema.safeParse(raw);
  return r.success ? r.data : null;
}

// the extraction's schema and its hand-written type (extract/types.ts) must describe the same data
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameDoc: Same<z.infer<typeof ExtractedDocSchema>, ExtractedDoc> = true;
const sameSnapshot: Same<z.infer<typeof PageSnapshotSchema>, PageSnapshot> = true;
void sameDoc;
void sameSnapshot;

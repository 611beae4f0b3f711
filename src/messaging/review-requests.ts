import * as z from 'zod/mini';
import { browser } from 'wxt/browser';
import { clearReviews, importReviews, type ImportResult } from '../store/review-store';

/**
 * The options page's writes of the auditor's decisions (import, clear), made by the background:
 * every write of the decisions goes through the one queue of review-store.ts in the background,
 * as the sidebar's decisions do (page-check.ts `decide`). The options page is a context of its
 * own, with its own copy of that module and of its queue: an import or a clear run there
 * read, changed and wrote the record while the background's queue did the same, and one of the
 * two writes was lost (issue 16).
 */

/** The largest decisions file the background takes (far beyond years of decisions). */
export const MAX_IMPORT_CHARS = 16_000_000;

const WordsSchema = z.object({ zh: z.string(), en: z.string() });
const ImportReplySchema = z.union([z.object({ ok: z.literal(true), count: z.number() }), z.object({ ok: z.literal(false), error: WordsSchema })]);
const ClearReplySchema = z.object({ ok: z.boolean() });

const NO_ANSWER = { zh: '扩展后台没有回应，未作改动', en: 'the extension did not answer; nothing was changed' };
const TOO_LARGE = { zh: '文件过大', en: 'the file is too large' };

/** Options page: import a decisions file through the background. */
export async function importReviewsInBackground(text: string): Promise<ImportResult> {
  if (text.length > MAX_IMPORT_CHARS) return { ok: false, error: TOO_LARGE };
  try {
    const r = ImportReplySchema.safeParse(await browser.runtime.sendMessage({ type: 'import-reviews', text }));
    return r.success ? r.data : { ok: false, error: NO_ANSWER };
  } catch {
    return { ok: false, error: NO_ANSWER };
  }
}

/** Options page: clear every decision through the background; false when it did not answer. */
export async function clearReviewsInBackground(): Promise<boolean> {
  try {
    const r = ClearReplySchema.safeParse(await browser.runtime.sendMessage({ type: 'clear-reviews' }));
    return r.success && r.data.ok;
  } catch {
    return false;
  }
}

/** The background's answer: an import's result, or whether the clear was made. */
export type ReviewWriteReply = ImportResult | { ok: boolean };

/** Background: make the write, in the store's queue. */
export async function answerReviewWrite(msg: { type: 'import-reviews'; text: string } | { type: 'clear-reviews' }): Promise<ReviewWriteReply> {
  if (msg.type === 'import-reviews') return importReviews(msg.text);
  return clearReviews().then(
    () => ({ ok: true }),
    () => ({ ok: false }),
  );
}

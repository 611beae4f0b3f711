import * as z from 'zod/mini';
import { CheckResultSchema, type CheckResultJson } from '../model/result';

/**
 * A batch of reports to check, one item per URL or file, and the queue that runs them with a
 * bounded number at a time. The items are plain data, validated when stored and restored, so
 * results survive a closed tab.
 */
export const BatchStatusSchema = z.enum(['pending', 'running', 'sound', 'warnings', 'errors', 'no-report', 'pictures', 'failed']);
export type BatchStatus = z.infer<typeof BatchStatusSchema>;

export const BatchItemSchema = z.object({
  /** the URL or the file name */
  target: z.string(),
  status: BatchStatusSchema,
  /** why there is no result: fetch failed, not a report, unreadable file */
  reason: z.optional(z.object({ zh: z.string(), en: z.string() })),
  result: z.optional(CheckResultSchema),
  /** milliseconds the fetch and check took */
  ms: z.optional(z.number()),
});
export type BatchItem = z.infer<typeof BatchItemSchema>;

export const BATCH_VERSION = 1;
export const StoredBatchSchema = z.object({ version: z.literal(BATCH_VERSION), items: z.array(BatchItemSchema), at: z.string() });
export type StoredBatch = z.infer<typeof StoredBatchSchema>;

export type Checked =
  | { ok: true; result: CheckResultJson }
  | { ok: false; reason: { zh: string; en: string }; noReport?: boolean; pictures?: boolean };

/** sound / warnings / errors / pictures from a result. */
export function statusOf(result: CheckResultJson): BatchStatus {
  const t = result.report.tables;
  if (t.t2.status !== 'parsed' && [t.t1, t.t2, t.t3].some((x) => x.status === 'image')) return 'pictures';
  if (result.summary.errors > 0) return 'errors';
  if (result.summary.warnings > 0) return 'warnings';
  return 'sound';
}

/** URLs in pasted text: one per line, or anywhere in a line; duplicates dropped, order kept. */
export function parseUrlList(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/https?:\/\/[^\s"'<>，。、；]+/gi)) {
    const url = m[0].replace(/[),.;]+$/, '');
    if (!out.includes(url)) out.push(url);
  }
  return out;
}

/**
 * Run `check` over the items, at most `concurrency` at a time, calling `onUpdate` after every
 * change. Stops starting new items when `signal` aborts.
 */
export async function runBatch(
  items: BatchItem[],
  check: (target: string) => Promise<Checked>,
  opts: { concurrency: number; onUpdate(items: BatchItem[]): void; signal?: AbortSignal },
): Promise<BatchItem[]> {
  const list = items.map((i) => ({ ...i }));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < list.length && !opts.signal?.aborted) {
      const i = next++;
      const item = list[i];
      if (!item || item.status !== 'pending') continue;
      list[i] = { ...item, status: 'running' };
      opts.onUpdate(list.slice());
      const t0 = Date.now();
      let outcome: Checked;
      try {
        outcome = await check(item.target);
      } catch (e) {
        outcome = { ok: false, reason: { zh: `检查出错：${String(e).slice(0, 120)}`, en: `check failed: ${String(e).slice(0, 120)}` } };
      }
      const ms = Date.now() - t0;
      list[i] = outcome.ok
        ? { target: item.target, status: statusOf(outcome.result), result: outcome.result, ms }
        : { target: item.target, status: outcome.pictures ? 'pictures' : outcome.noReport ? 'no-report' : 'failed', reason: outcome.reason, ms };
      opts.onUpdate(list.slice());
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency, 16)) }, worker));
  return list;
}

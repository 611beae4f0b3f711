import { availableParallelism } from 'node:os';
import Tinypool from 'tinypool';
import * as z from 'zod/mini';
import { CheckResultSchema, type CheckResultJson } from '../model/result';
import type { Lang } from '../output/summary';

/**
 * The command line over many local files: reports spread over the machine's cores with worker
 * threads (tinypool). Reading and checking a report is all CPU (parse, extract, recognise, check),
 * so one thread per core is what helps; URLs stay on the main thread, where fetching is
 * concurrent already and the network is the wait. Each worker checks a file exactly as the main
 * thread would (pool-task.ts calls the CLI's own `checkInput`).
 *
 * - Results come back per input, so the caller keeps input order.
 * - A file that fails — unreadable, or a worker that dies on it — is that file's reason, in words;
 *   the other files' results are kept.
 * - Workers start only when enough files are given for them to pay off (MIN_FILES): fewer local
 *   files, or a single core, or --concurrency 1, run on the main thread.
 */
export interface FileTask {
  input: string;
  lang: Lang;
  timeoutMs: number;
}

export type FileTaskOutcome = { input: string } & (
  | { ok: true; result: CheckResultJson }
  | { ok: false; reason: string; status?: 'no-report' | 'pictures' }
);

/** What a worker sends back, checked as it arrives (a boundary like any message). */
const FileTaskOutcomeSchema = z.union([
  z.object({ input: z.string(), ok: z.literal(true), result: CheckResultSchema }),
  z.object({ input: z.string(), ok: z.literal(false), reason: z.string(), status: z.optional(z.enum(['no-report', 'pictures'])) }),
]);

/**
 * Local files below this count are checked on the main thread: a worker first loads the checker
 * through tsx (two workers ready in ~1.5 s here: zod and our modules; linkedom is left to listing
 * pages, mammoth and pdf.js to their files) and a saved page takes 4–6 ms to check, so on 2 cores
 * workers pay off from several hundred to a few thousand files, with the cores shared with other
 * jobs (scripts/bench/throughput.ts prints the break-even it measured: ~700 files in one run,
 * none in the next).
 */
export const MIN_FILES = 1000;

export interface FileWorkers<O> {
  /** the input checked in a worker when it is a local file and workers run, else by `fallback` */
  check(input: string): Promise<O | FileTaskOutcome>;
  /** stops the workers (the process cannot exit while they run) */
  close(): Promise<void>;
  /** worker threads started (0: everything on the main thread) */
  readonly threads: number;
}

const isUrl = (input: string): boolean => /^https?:\/\//i.test(input);

export interface FileWorkersOptions {
  lang: Lang;
  timeoutMs: number;
  /** at most this many threads (the CLI's --concurrency) */
  concurrency: number;
  /** threads to start, overriding the core count (tests, the bench) */
  threads?: number;
  /** the smallest number of local files worth starting workers for (default MIN_FILES) */
  minFiles?: number;
}

export function fileWorkers<O>(inputs: readonly string[], opts: FileWorkersOptions, fallback: (input: string) => Promise<O>): FileWorkers<O> {
  const files = inputs.filter((i) => !isUrl(i)).length;
  const threads = Math.min(opts.threads ?? availableParallelism(), opts.concurrency, files);
  if (threads < 2 || files < (opts.minFiles ?? MIN_FILES)) {
    return { check: fallback, close: async () => {}, threads: 0 };
  }
  const pool = new Tinypool({
    filename: new URL('./pool-worker.mjs', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    // a page that makes a worker run out of memory takes that worker down, not the process
    resourceLimits: { maxOldGenerationSizeMb: 2048 },
  });
  return {
    threads,
    async check(input) {
      if (isUrl(input)) return fallback(input);
      const task: FileTask = { input, lang: opts.lang, timeoutMs: opts.timeoutMs };
      try {
        const raw: unknown = await pool.run(task);
        // checked, then passed on as sent: the schema's data would lose what the JSON export's
        // schema leaves out (the report's prose statements, which the summary and workbook read)
        if (FileTaskOutcomeSchema.safeParse(raw).success) return raw as FileTaskOutcome;
        return { input, ok: false, reason: opts.lang === 'zh' ? '检查时出错：工作线程返回的结果不完整' : 'the check failed: a worker sent back an incomplete result' };
      } catch (e) {
        const why = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
        return { input, ok: false, reason: opts.lang === 'zh' ? `检查时出错：${why}` : `the check failed: ${why}` };
      }
    },
    close: () => pool.destroy(),
  };
}

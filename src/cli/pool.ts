import { availableParallelism } from 'node:os';
import Tinypool from 'tinypool';
import { workerBundle } from './pool-bundle';
import * as z from 'zod/mini';
import { SourceSchema, SummarySchema, type CheckResultJson } from '../model/result';
import { SCHEMA_VERSION } from '../model/version';
import type { Lang } from '../output/summary';
import type { Words } from '../batch/store';

/**
 * The command line over many local files: reports spread over the machine's cores with worker
 * processes (tinypool, `runtime: 'child_process'`). Reading and checking a report is all CPU
 * (parse, extract, recognise, check), so one worker per core is what helps; URLs stay on the main
 * thread, where fetching is concurrent already and the network is the wait. Each worker checks a
 * file exactly as the main thread would (pool-task.ts calls the CLI's own `checkInput`), running
 * the checker bundled by esbuild (pool-bundle.ts; through tsx when no bundle could be built).
 *
 * Why processes, not threads: on this 2-core machine two worker threads each took 4.9–5.0 ms a
 * page where one took 4.0 and two processes 4.3 (the threads share one process's allocator and
 * V8 platform); the pool's rate with threads never passed the main thread's own.
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
  | { ok: false; reason: string; reasons?: Words; status?: 'no-report' | 'pictures' }
);

const WordsSchema = z.object({ zh: z.string(), en: z.string() });

/**
 * What a worker sends back, checked as it arrives (a boundary like any message): the outcome's
 * shape, the result's version, source and summary in full, the report's and findings' outline. Not
 * every figure of the report (~25 KB of JSON a page): checking all of it cost the main thread
 * ~0.3 ms a page, a third of what it spends per page with workers running — and the sender is our
 * own checker in a process this pool started, not a page.
 */
const ResultOutlineSchema = z.looseObject({
  schemaVersion: z.literal(SCHEMA_VERSION),
  source: SourceSchema,
  summary: SummarySchema,
  report: z.looseObject({ year: z.nullable(z.number()), body: z.nullable(z.string()), tables: z.looseObject({ t1: z.looseObject({}), t2: z.looseObject({}), t3: z.looseObject({}) }) }),
  findings: z.array(z.looseObject({ rule: z.string() })),
  checks: z.array(z.looseObject({})),
});
const FileTaskOutcomeSchema = z.union([
  z.object({ input: z.string(), ok: z.literal(true), result: ResultOutlineSchema }),
  z.object({ input: z.string(), ok: z.literal(false), reason: z.string(), reasons: z.optional(WordsSchema), status: z.optional(z.enum(['no-report', 'pictures'])) }),
]);

/** A worker's message: the outcome as a JSON string (pool-task.ts), parsed and checked; null when it is not one. */
export function readWorkerMessage(raw: unknown, input: string): FileTaskOutcome | null {
  if (typeof raw !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  // checked, then passed on as sent: the schema's data would lose what the JSON export's schema
  // leaves out (the report's prose statements, which the summary and workbook read)
  if (!FileTaskOutcomeSchema.safeParse(value).success) return null;
  const o = value as FileTaskOutcome;
  return o.input === input ? o : null;
}

/**
 * Local files below this count are checked on the main thread: workers start in ~0.3 s (the
 * bundle built, two processes loading it) and then check a saved page in ~4.3 ms each, so on
 * 2 cores they pay off from a few hundred files (scripts/bench/throughput.ts prints the
 * break-even it measured).
 */
export const MIN_FILES = 500;

export interface FileWorkers<O> {
  /** the input checked in a worker when it is a local file and workers run, else by `fallback` */
  check(input: string): Promise<O | FileTaskOutcome>;
  /** stops the workers (the process cannot exit while they run) */
  close(): Promise<void>;
  /** worker processes started (0: everything on the main thread) */
  readonly threads: number;
}

const isUrl = (input: string): boolean => /^https?:\/\//i.test(input);

export interface FileWorkersOptions {
  lang: Lang;
  timeoutMs: number;
  /** at most this many workers (the CLI's --concurrency) */
  concurrency: number;
  /** workers to start, overriding the core count (tests, the bench) */
  threads?: number;
  /** the smallest number of local files worth starting workers for (default MIN_FILES) */
  minFiles?: number;
  /** where the workers' bundle is written (default BUNDLE_DIR in pool-bundle.ts; tests) */
  bundleDir?: string;
}

export function fileWorkers<O>(inputs: readonly string[], opts: FileWorkersOptions, fallback: (input: string) => Promise<O>): FileWorkers<O> {
  const files = inputs.filter((i) => !isUrl(i)).length;
  const threads = Math.min(opts.threads ?? availableParallelism(), opts.concurrency, files);
  if (threads < 2 || files < (opts.minFiles ?? MIN_FILES)) {
    return { check: fallback, close: async () => {}, threads: 0 };
  }
  const started = workerBundle(opts.bundleDir).then(
    (bundle) =>
      new Tinypool({
        runtime: 'child_process',
        serialization: 'advanced',
        filename: bundle ?? new URL('./pool-worker.mjs', import.meta.url).href,
        minThreads: threads,
        maxThreads: threads,
        // two files in flight per worker: one is read while another is checked
        concurrentTasksPerWorker: 2,
        // a page that makes a worker run out of memory takes that worker down, not the run;
        // the garbage collector on the worker's own thread: its helper threads would take their
        // time from the other workers, one per core already (~10% less CPU a page measured)
        execArgv: ['--max-old-space-size=2048', '--single-threaded-gc'],
      }),
  );
  // a failure's reason in both languages, as the main thread gives it (the run store keeps both)
  const failed = (input: string, reasons: Words): FileTaskOutcome => ({ input, ok: false, reason: reasons[opts.lang], reasons });
  return {
    threads,
    async check(input) {
      if (isUrl(input)) return fallback(input);
      const task: FileTask = { input, lang: opts.lang, timeoutMs: opts.timeoutMs };
      try {
        const raw: unknown = await (await started).run(task);
        return readWorkerMessage(raw, input) ?? failed(input, { zh: '检查时出错：工作进程返回的结果不完整', en: 'the check failed: a worker sent back an incomplete result' });
      } catch (e) {
        const why = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
        return failed(input, { zh: `检查时出错：${why}`, en: `the check failed: ${why}` });
      }
    },
    close: async () => {
      await (await started).destroy();
    },
  };
}

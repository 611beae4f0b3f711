/**
 * `npx tsx scripts/bench/throughput.ts`: how many saved report pages the command line checks per
 * second, against a bare htmlparser2 parse of the same pages (issue 19, item 5: at least half).
 *
 * Inputs: every .html page of test/fixtures/html and of the corpus (test/corpus/cases/…/source.html)
 * and a few generated reports, written to a temp dir as files. Rows:
 *  - bare htmlparser2: `parseDocument` (htmlparser2 + domhandler) of the page's text, in memory —
 *    the yardstick: what parsing alone costs;
 *  - CLI, one thread: the CLI's `checkInput` on each file (read, sniff, decode, light tree,
 *    extract, recognise, check) on the main thread, fed as the CLI feeds it (--concurrency, 4 by
 *    default, in flight: one file is read while another is checked); and strictly one after
 *    another, where every read's wait shows;
 *  - CLI, linkedom: the same with linkedom's DOM in place of the light tree (what the CLI did
 *    before), in memory, for comparison;
 *  - CLI, worker processes: `fileWorkers` (src/cli/pool.ts) with one process per core, fed as the
 *    CLI feeds it, after its workers have started and warmed up (their start is timed on its own
 *    line); and a whole run of BENCH_RUN_FILES (3,000) files from start to close, as a CLI run is.
 * Each row runs for a time budget after a warm-up; figures for reading, never asserted. The machine
 * is shared: run it when it is quiet, and say the load it ran under (printed).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parseDocument } from 'htmlparser2';
import { parseHTML } from 'linkedom';
import { checkInput } from '../../src/cli/main';
import { fileWorkers } from '../../src/cli/pool';
import { checkDocument } from '../../src/pipeline';
import { asDocument } from '../../src/batch/check-document';
import { decodeHtml } from '../../src/fetch';
import { randomSoundFigures, renderHtml } from '../../test/support/render';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUDGET_MS = Number(process.env['BENCH_MS']) || 3_000;
const WARMUP_MS = 500;
/** files in the whole-run row (BENCH_RUN_FILES) */
const RUN_FILES = Number(process.env['BENCH_RUN_FILES']) || 3_000;
/** the CLI's default --concurrency: files in flight on the main thread */
const CLI_IN_FLIGHT = 4;

function pages(): { name: string; html: string }[] {
  const out: { name: string; html: string }[] = [];
  const fixtures = join(ROOT, 'test', 'fixtures', 'html');
  for (const f of readdirSync(fixtures).filter((f) => f.endsWith('.html')).sort()) out.push({ name: f, html: readFileSync(join(fixtures, f), 'utf8') });
  const corpus = join(ROOT, 'test', 'corpus', 'cases');
  for (const c of readdirSync(corpus).sort()) {
    const p = join(corpus, c, 'source.html');
    if (existsSync(p)) out.push({ name: `${c}.html`, html: decodeHtml(new Uint8Array(readFileSync(p)), null) });
  }
  fc.sample(randomSoundFigures, { seed: 20240101, numRuns: 6 }).forEach((f, i) => out.push({ name: `generated-${i}.html`, html: renderHtml(f) }));
  return out;
}

/** Reports per second of `run` over the items, round-robin, after a warm-up. */
async function rate<T>(items: readonly T[], run: (item: T) => unknown, warmupMs = WARMUP_MS): Promise<{ perSecond: number; runs: number }> {
  const loop = async (ms: number): Promise<{ perSecond: number; runs: number }> => {
    let runs = 0;
    const t0 = performance.now();
    let now = t0;
    do {
      for (const item of items) await run(item);
      runs += items.length;
      now = performance.now();
    } while (now - t0 < ms);
    return { perSecond: (runs * 1000) / (now - t0), runs };
  };
  await loop(warmupMs);
  return loop(BUDGET_MS);
}

/**
 * Reports per second with `lanes` files in flight, each lane taking the next file as soon as its
 * last is done — as the CLI's input pool feeds the checker, with no batch whose last file holds
 * the others up — after a warm-up.
 */
async function fed(files: readonly string[], lanes: number, run: (file: string) => Promise<unknown>, warmupMs = WARMUP_MS): Promise<number> {
  const loop = async (ms: number): Promise<number> => {
    let next = 0;
    let done = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        while (performance.now() - t0 < ms) {
          await run(files[next++ % files.length] ?? '');
          done += 1;
        }
      }),
    );
    return (done * 1000) / (performance.now() - t0);
  };
  await loop(warmupMs);
  return loop(BUDGET_MS);
}

async function main(): Promise<void> {
  const input = pages();
  const dir = mkdtempSync(join(tmpdir(), 'gov-report-throughput-'));
  const files = input.map((p) => {
    const path = join(dir, p.name);
    writeFileSync(path, p.html);
    return path;
  });
  const texts = input.map((p) => asDocument(p.html));
  const threads = availableParallelism();
  const load = loadavg().map((x) => x.toFixed(2)).join(' ');
  console.log(`CLI throughput over local HTML files — Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, ${threads} cores, load average ${load}`);
  console.log(`${input.length} pages (HTML fixtures, corpus, generated), ${(texts.reduce((n, t) => n + t.length, 0) / input.length / 1024).toFixed(0)} KiB of text each on average; ${BUDGET_MS / 1000} s per row\n`);
  const args = { lang: 'zh', timeoutMs: 30_000 } as const;
  const source = { kind: 'file', location: null, format: 'html' } as const;
  try {
    const bare = await rate(texts, (t) => parseDocument(t).children.length);
    // the main thread as the CLI runs it without workers: --concurrency (4 by default) in flight
    const single = { perSecond: await fed(files, CLI_IN_FLIGHT, (f) => checkInput(f, args)) };
    const serial = await rate(files, (f) => checkInput(f, args));
    const linkedom = await rate(texts, (t) => checkDocument(parseHTML(t).document as unknown as Document, source));

    // the pool: started as the CLI starts it, then fed as the CLI feeds it (--concurrency 2 × threads in flight)
    const t0 = performance.now();
    const workers = fileWorkers(files, { ...args, concurrency: 64, threads, minFiles: 1 }, () => Promise.reject(new Error('not a file')));
    await Promise.all(Array.from({ length: Math.max(1, workers.threads) }, (_, i) => workers.check(files[i % files.length] ?? '')));
    const startMs = performance.now() - t0;
    const inFlight = 2 * Math.max(1, workers.threads);
    // each worker process warms its own JIT: the first ~1,000 pages run slower
    const pooledRate = await fed(files, inFlight, (f) => workers.check(f), 10 * WARMUP_MS);
    await workers.close();

    // a whole run as the CLI makes it: workers started (bundle built, processes loaded), RUN_FILES
    // files checked, workers closed — start and warm-up included
    const runFiles = Array.from({ length: RUN_FILES }, (_, i) => files[i % files.length] ?? '');
    const r0 = performance.now();
    const run = fileWorkers(runFiles, { ...args, concurrency: 64, threads, minFiles: 1 }, () => Promise.reject(new Error('not a file')));
    let nextRun = 0;
    await Promise.all(
      Array.from({ length: 2 * Math.max(1, run.threads) }, async () => {
        while (nextRun < runFiles.length) await run.check(runFiles[nextRun++] ?? '');
      }),
    );
    await run.close();
    const wholeRun = (runFiles.length * 1000) / (performance.now() - r0);

    const rows: [string, number, string][] = [
      ['bare htmlparser2 parseDocument (in memory)', bare.perSecond, 'the yardstick'],
      [`CLI, one thread (checkInput: file → light tree → check), ${CLI_IN_FLIGHT} in flight`, single.perSecond, 'as the CLI runs it without workers'],
      ['the same, strictly one file after another', serial.perSecond, 'each read waited for'],
      ['CLI, linkedom DOM instead (in memory, as before)', linkedom.perSecond, ''],
      [`CLI, ${workers.threads} worker processes (src/cli/pool.ts), warmed up`, pooledRate, `after ${(startMs / 1000).toFixed(1)} s to start the workers`],
      [`the same, a whole run of ${RUN_FILES.toLocaleString('en')} files`, wholeRun, 'start, warm-up and close included'],
    ];
    const w = Math.max(...rows.map((r) => r[0].length));
    console.log(`${'what'.padEnd(w)}  ${'pages/s'.padStart(8)}  ${'vs bare'.padStart(8)}  ${'reports/hour'.padStart(12)}  note`);
    for (const [label, r, note] of rows) {
      console.log(`${label.padEnd(w)}  ${r.toFixed(0).padStart(8)}  ${`${(r / bare.perSecond).toFixed(2)}×`.padStart(8)}  ${Math.round(r * 3600).toLocaleString('en').padStart(12)}  ${note}`);
    }
    console.log(`\naim: the CLI at ≥ 0.5× bare htmlparser2. Worker processes pay off from about`);
    const gain = 1 / single.perSecond - 1 / pooledRate;
    console.log(`${gain > 0 ? Math.round(startMs / 1000 / gain) : '∞ (no gain on this run)'} files (start ÷ time saved per file); the CLI starts them from MIN_FILES local files.`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();

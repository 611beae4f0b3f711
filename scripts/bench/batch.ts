/**
 * `npm run bench` (after scripts/bench/pipeline.ts): what the batch path costs per report, beyond the engine.
 *
 *  1. Batch throughput: `runBatch` + `fetchDocument` (Node's fetch) + `checkBytes` (the light
 *     tree of src/extract/light-dom.ts as the HTML parser, as the CLI does) against a local node:http server on
 *     127.0.0.1 that serves the HTML fixtures of test/fixtures/html/ under distinct paths,
 *     N requests at concurrency 1, 4 and 8. The server runs in this process, answers only the
 *     paths it made, stops after a fixed number of requests or a fixed time, and is closed at
 *     the end. On the extension's batch page the HTML parser is the browser's DOMParser.
 *  2. Parse time per report for the other document kinds: `extractPdf` on every fixture PDF
 *     (the first call on its own: it loads pdf.js), then the median of 5, and the check after it;
 *     the same for .docx files built in memory with test/support/make-docx.ts (`extractDocx`:
 *     mammoth + light tree + extractHtml).
 *
 * Figures for reading, never asserted. The whole run is meant to stay well under a minute.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseLight } from '../../src/extract/light-dom';
import { checkBytes, type DocumentOutcome, type DocumentReaders } from '../../src/batch/check-document';
import { runBatch, type BatchItem, type BatchStatus, type Checked } from '../../src/batch/run';
import { extractDocx, convertDocx } from '../../src/extract/docx';
import { extractPdf } from '../../src/extract/pdf';
import type { ExtractedDoc } from '../../src/extract/types';
import { fetchDocument } from '../../src/fetch';
import type { Source } from '../../src/model/result';
import { checkExtracted, type PipelineOutcome } from '../../src/pipeline';
import { FIXTURES } from '../../test/fixtures/html/specs';
import { makeDocx } from '../../test/support/make-docx';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const HTML_DIR = join(ROOT, 'test', 'fixtures', 'html');
const PDF_DIR = join(ROOT, 'test', 'fixtures', 'pdf');

const N = 200; // requests per concurrency level
const CONCURRENCY = [1, 4, 8] as const;
const WARMUP_REQUESTS = 26; // twice round the fixtures, before anything is timed
const REPEATS = 5; // PDF / DOCX: median of this many calls after the first
const HTML_REPEATS = 9; // the in-memory HTML baseline the PDF / DOCX figures are compared with
const DOCX_FIXTURES = ['seed-004', 'errors', 'blanks', 'template-2019'] as const;

/** The server answers at most this many requests, and stops by itself after this long. */
const SERVER_MAX_REQUESTS = WARMUP_REQUESTS + N * CONCURRENCY.length + 50;
const SERVER_MAX_MS = 45_000;

// ---------------------------------------------------------------------------------------
// helpers

const parseDom = parseLight;

/** As the CLI: the light tree for HTML (and for mammoth's HTML), pdf.js for a PDF. */
const READERS: DocumentReaders = { parseHtml: parseDom, readPdf: (bytes) => extractPdf(bytes) };

/** Keeps results alive so nothing is optimised away. */
let sink = 0;
const keep = (out: PipelineOutcome): void => {
  sink += out.ok ? out.result.findings.length : 1;
};

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

async function timeAsync<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await run();
  return { ms: performance.now() - t0, value };
}

function timeSync<T>(run: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = run();
  return { ms: performance.now() - t0, value };
}

/** Median ms of `repeats` calls (after whatever warm-up the caller did). */
async function medianAsync<T>(run: () => Promise<T>, use: (v: T) => void, repeats = REPEATS): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const { ms, value } = await timeAsync(run);
    use(value);
    times.push(ms);
  }
  return median(times);
}

function medianSync<T>(run: () => T, use: (v: T) => void): number {
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const { ms, value } = timeSync(run);
    use(value);
    times.push(ms);
  }
  return median(times);
}

const f1 = (v: number): string => v.toFixed(1);
const f2 = (v: number): string => v.toFixed(2);
const ratio = (v: number): string => `${v.toFixed(1)}×`;

function printTable(header: readonly string[], body: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(line(b));
}

function outcomeWord(out: DocumentOutcome | PipelineOutcome): string {
  if (!out.ok) return 'scanned' in out && out.scanned ? 'scanned' : 'no report';
  const { errors, warnings } = out.result.summary;
  return errors > 0 ? `${errors} err` : warnings > 0 ? `${warnings} warn` : 'sound';
}

// ---------------------------------------------------------------------------------------
// 1. batch throughput over local HTTP

interface Page {
  name: string;
  bytes: Buffer;
}

interface LocalServer {
  base: string;
  served(): number;
  stop(): Promise<void>;
}

/** A bounded static server for `pages` on 127.0.0.1: `/r/<k>/<name>.html` for any k, 404 elsewhere. */
async function startServer(pages: readonly Page[]): Promise<LocalServer> {
  const byName = new Map(pages.map((p) => [`${p.name}.html`, p.bytes]));
  let served = 0;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    served += 1;
    if (served > SERVER_MAX_REQUESTS) {
      res.writeHead(503, { 'content-type': 'text/plain', connection: 'close' }).end('request budget spent');
      return;
    }
    const m = /^\/r\/\d+\/([a-z0-9-]+\.html)$/.exec(req.url ?? '');
    const body = m?.[1] ? byName.get(m[1]) : undefined;
    if (req.method !== 'GET' || !body) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length }).end(body);
  });
  server.keepAliveTimeout = 2_000;
  server.requestTimeout = 10_000;
  server.headersTimeout = 10_000;
  server.maxConnections = 32;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  let stopped: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopped ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections(); // Node's fetch keeps connections alive
    });
    return stopped;
  };
  // self-stopping even if the benchmark hangs; unref'd so it never keeps the process alive
  setTimeout(() => void stop(), SERVER_MAX_MS).unref();
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, served: () => served, stop };
}

function toChecked(out: DocumentOutcome): Checked {
  if (out.ok) return { ok: true, result: out.result };
  return { ok: false, reason: out.reason, noReport: !out.scanned, pictures: out.scanned === true };
}

interface BatchRun {
  concurrency: number;
  wallMs: number;
  items: BatchItem[];
  fetchMs: number[];
  checkMs: number[];
}

/** N distinct URLs, round-robin over the fixtures. */
function targets(base: string, pages: readonly Page[], n: number, offset: number): string[] {
  return Array.from({ length: n }, (_, i) => `${base}/r/${offset + i}/${pages[i % pages.length]?.name ?? ''}.html`);
}

async function batch(urls: readonly string[], concurrency: number): Promise<BatchRun> {
  const fetchMs: number[] = [];
  const checkMs: number[] = [];
  const check = async (target: string): Promise<Checked> => {
    const t0 = performance.now();
    const got = await fetchDocument(target, { fetch, timeoutMs: 10_000, retries: 1 });
    const t1 = performance.now();
    fetchMs.push(t1 - t0);
    if (!got.ok) return { ok: false, reason: got.reason };
    const out = await checkBytes(got.kind, got.bytes, got.contentType, got.finalUrl, 'url', READERS);
    checkMs.push(performance.now() - t1);
    return toChecked(out);
  };
  const items: BatchItem[] = urls.map((target) => ({ target, status: 'pending' }));
  const t0 = performance.now();
  const done = await runBatch(items, check, { concurrency, onUpdate: () => undefined });
  const wallMs = performance.now() - t0;
  for (const item of done) sink += item.result?.findings.length ?? 0;
  return { concurrency, wallMs, items: done, fetchMs, checkMs };
}

function statusCounts(items: readonly BatchItem[]): string {
  const counts = new Map<BatchStatus, number>();
  for (const i of items) counts.set(i.status, (counts.get(i.status) ?? 0) + 1);
  return [...counts].map(([s, n]) => `${s} ${n}`).join(', ');
}

const mean = (xs: readonly number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

async function benchBatch(pages: readonly Page[]): Promise<Map<string, number>> {
  console.log(`## 1. batch over local HTTP — runBatch + fetchDocument (Node fetch) + checkBytes (light tree)\n`);
  const totalKb = pages.reduce((n, p) => n + p.bytes.length, 0) / 1024;
  console.log(`server: node:http on 127.0.0.1, in this process; ${pages.length} HTML fixtures (${f1(totalKb / pages.length)} KB mean) under distinct paths /r/<k>/<name>.html`);
  console.log(`N = ${N} requests per concurrency level, round-robin over the fixtures; warm-up ${WARMUP_REQUESTS} requests first\n`);

  // In memory, no HTTP: checkBytes on the same bytes, per fixture — the baseline for the PDF and
  // DOCX ratios below. Median of HTML_REPEATS: a parse's garbage brings a major GC every other
  // call or so, which a median of 5 does not always step over.
  const contentType = 'text/html; charset=utf-8';
  const inMemory = new Map<string, number>();
  for (const p of pages) {
    const bytes = new Uint8Array(p.bytes);
    for (let i = 0; i < 2; i++) keep(await checkBytes('html', bytes, contentType, p.name, 'url', READERS));
    inMemory.set(p.name, await medianAsync(() => checkBytes('html', bytes, contentType, p.name, 'url', READERS), keep, HTML_REPEATS));
  }
  // The same 200-document round-robin mix, in memory, timed once end to end.
  const mix = Array.from({ length: N }, (_, i) => pages[i % pages.length]).filter((p): p is Page => p !== undefined);
  const mixBytes = mix.map((p) => new Uint8Array(p.bytes));
  const memRun = await timeAsync(async () => {
    for (let i = 0; i < mix.length; i++) keep(await checkBytes('html', mixBytes[i] ?? new Uint8Array(), contentType, mix[i]?.name ?? '', 'url', READERS));
  });
  const memRate = (N / memRun.ms) * 1000;

  const server = await startServer(pages);
  const runs: BatchRun[] = [];
  try {
    await batch(targets(server.base, pages, WARMUP_REQUESTS, 0), 4);
    let offset = WARMUP_REQUESTS;
    for (const c of CONCURRENCY) {
      runs.push(await batch(targets(server.base, pages, N, offset), c));
      offset += N;
    }
  } finally {
    await server.stop();
  }

  const base = runs[0];
  const rate = (r: BatchRun): number => (r.items.length / r.wallMs) * 1000;
  printTable(
    ['concurrency', 'wall s', 'reports/s', 'ms/report', 'vs c=1', 'vs in-memory', 'mean item ms', 'fetch ms', 'check ms', 'statuses'],
    runs.map((r) => [
      String(r.concurrency),
      (r.wallMs / 1000).toFixed(2),
      f1(rate(r)),
      f2(r.wallMs / r.items.length),
      base ? ratio(rate(r) / rate(base)) : '—',
      ratio(rate(r) / memRate),
      f2(mean(r.items.map((i) => i.ms ?? 0))),
      f2(mean(r.fetchMs)),
      f2(mean(r.checkMs)),
      statusCounts(r.items),
    ]),
  );
  console.log(
    `\nin memory (checkBytes on the same ${N}-document mix, no HTTP, sequential): ${f1(memRate)} reports/s, ${f2(memRun.ms / N)} ms/report;` +
      `\nper fixture, median of ${HTML_REPEATS}: ${pages.map((p) => `${p.name} ${f1(inMemory.get(p.name) ?? 0)}`).join(', ')} ms` +
      `\nserver answered ${server.served()} requests (budget ${SERVER_MAX_REQUESTS}) and is stopped.` +
      `\nms/report = wall time / N (throughput); mean item ms = runBatch's own per-item ms (fetch + check, including time spent` +
      `\nwaiting for the other items at c > 1); fetch ms and check ms split it (fetch ms also holds whatever GC work the event` +
      `\nloop does while a response is awaited, so the split is rough; wall time is the figure to trust). Parsing and checking` +
      `\nare synchronous on one thread, so concurrency only overlaps the network waits; with a local server there is little to` +
      `\noverlap, and the server's own work runs on the same thread.` +
      `\nOn the extension's batch page the HTML parser is the browser's DOMParser, not the light tree (see scripts/bench/page-script-time.ts).\n`,
  );
  return inMemory;
}

// ---------------------------------------------------------------------------------------
// 2. PDF and DOCX parse time per report

const PDF_SOURCE = (name: string): Source => ({ kind: 'file', location: name, format: 'text' });
const DOCX_SOURCE = (name: string): Source => ({ kind: 'file', location: name, format: 'html' });

async function benchPdf(htmlMs: ReadonlyMap<string, number>): Promise<void> {
  console.log(`## 2a. PDF — extractPdf (pdf.js) on each fixture PDF, then checkExtracted\n`);
  const files = readdirSync(PDF_DIR).filter((f) => f.endsWith('.pdf')).sort();
  const rows: string[][] = [];
  let firstOverall: number | null = null;
  for (const file of files) {
    const name = basename(file, '.pdf');
    const bytes = new Uint8Array(readFileSync(join(PDF_DIR, file)));
    const first = await timeAsync(() => extractPdf(bytes));
    firstOverall ??= first.ms;
    const doc = first.value;
    const parseMs = await medianAsync(() => extractPdf(bytes), (d) => (sink += d.items.length));
    let checkMs: number | null = null;
    let out: PipelineOutcome | null = null;
    if (!doc.scanned) {
      for (let i = 0; i < 2; i++) keep(checkExtracted(doc, PDF_SOURCE(file)));
      checkMs = medianSync(() => checkExtracted(doc, PDF_SOURCE(file)), keep);
      out = checkExtracted(doc, PDF_SOURCE(file));
    }
    const total = parseMs + (checkMs ?? 0);
    const html = htmlMs.get(name);
    rows.push([
      file,
      f1(bytes.length / 1024),
      String(doc.pages),
      f1(first.ms),
      f1(parseMs),
      checkMs === null ? '—' : f2(checkMs),
      f1(total),
      f1(1000 / total),
      html === undefined ? '—' : ratio(total / html),
      out ? outcomeWord(out) : 'scanned',
    ]);
  }
  printTable(['file', 'KB', 'pages', 'first ms', 'parse ms', 'check ms', 'total ms', 'reports/s', 'vs HTML', 'outcome'], rows);
  console.log(
    `\nfirst ms: the first extractPdf call on that file; for ${files[0] ?? 'the first file'} (${firstOverall === null ? '—' : f1(firstOverall)} ms) it includes` +
      `\nloading pdf.js (module + fake worker). parse ms: median of ${REPEATS} further calls; check ms: checkExtracted (recognise + checks),` +
      `\nmedian of ${REPEATS}. vs HTML: total over checkBytes on the HTML fixture of the same name (light-tree parse + check, in memory,\nmedian of ${HTML_REPEATS}, section 1).\n`,
  );
}

async function benchDocx(htmlMs: ReadonlyMap<string, number>): Promise<void> {
  console.log(`## 2b. DOCX — built in memory with test/support/make-docx.ts, then extractDocx (mammoth + light tree + extractHtml) and checkExtracted\n`);
  const rows: string[][] = [];
  let firstOverall: number | null = null;
  for (const name of DOCX_FIXTURES) {
    const spec = FIXTURES.find((s) => s.name === name);
    if (!spec) {
      console.log(`(${name}: no such spec, skipped)`);
      continue;
    }
    const built = await timeAsync(() => makeDocx(spec));
    const bytes = built.value;
    const file = `${name}.docx`;
    const first = await timeAsync(() => extractDocx(bytes, parseDom, { name: file }));
    firstOverall ??= first.ms;
    const doc: ExtractedDoc = first.value;
    const parseMs = await medianAsync(() => extractDocx(bytes, parseDom, { name: file }), (d) => (sink += d.items.length));
    const mammothMs = await medianAsync(() => convertDocx(bytes, { name: file }), (d) => (sink += d.html.length));
    for (let i = 0; i < 2; i++) keep(checkExtracted(doc, DOCX_SOURCE(file)));
    const checkMs = medianSync(() => checkExtracted(doc, DOCX_SOURCE(file)), keep);
    const out = checkExtracted(doc, DOCX_SOURCE(file));
    const total = parseMs + checkMs;
    const html = htmlMs.get(name);
    rows.push([
      file,
      f1(bytes.length / 1024),
      f1(built.ms),
      f1(first.ms),
      f1(parseMs),
      f1(mammothMs),
      f2(checkMs),
      f1(total),
      f1(1000 / total),
      html === undefined ? '—' : ratio(total / html),
      outcomeWord(out),
    ]);
  }
  printTable(['file', 'KB', 'build ms', 'first ms', 'extract ms', 'mammoth ms', 'check ms', 'total ms', 'reports/s', 'vs HTML', 'outcome'], rows);
  console.log(
    `\nbuild ms: make-docx (not part of the check). first ms: the first extractDocx call on that file; for the first file` +
      `\n(${firstOverall === null ? '—' : f1(firstOverall)} ms) it includes loading mammoth. extract ms: extractDocx, median of ${REPEATS};` +
      `\nmammoth ms: convertDocx alone (the .docx → HTML part of it), median of ${REPEATS}; check ms: checkExtracted, median of ${REPEATS}.` +
      `\nvs HTML: total over checkBytes on the HTML fixture of the same name (light-tree parse + check, in memory, median of ${HTML_REPEATS}).\n`,
  );
}

// ---------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const t0 = performance.now();
  const cpu = cpus();
  console.log(`gov-report-checker batch bench — Node ${process.version} (${process.platform}/${process.arch}, ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'})\n`);
  const pages: Page[] = readdirSync(HTML_DIR)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => ({ name: basename(f, '.html'), bytes: readFileSync(join(HTML_DIR, f)) }));
  const htmlMs = await benchBatch(pages);
  await benchPdf(htmlMs);
  await benchDocx(htmlMs);
  console.log(`whole run: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  if (sink < 0) console.log(sink); // never true; keeps the results observable
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});

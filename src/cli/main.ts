import { readFileSync, statSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { parseLight } from '../extract/light-dom';
import { asDocument, checkBytes, type DocumentOutcome, type DocumentReaders } from '../batch/check-document';
import type { ListingLinks } from '../discover/listing';
import { listingOf, pageLinks } from '../discover/expand';
import { crawlListing, DEFAULT_MAX_PAGES } from '../discover/crawl';
import { renderSummary, type Lang } from '../output/summary';
import { toJson } from '../output/json';
import { findingsToCsv, type CsvEntry } from '../output/csv';
import type { XlsxEntry } from '../output/xlsx';
import { CheckResultSchema, type CheckResultJson } from '../model/result';
import { fetchDocument, fetchRevalidated, kindOf, parseHttpUrl, type FetchedDocument, type RequestGate } from '../fetch';
import { buildSeries, seriesText, type BodySeries } from '../batch/series';
import { parseInputList } from '../discover/input-list';
import { DEFAULT_DELAY_MS, DEFAULT_PER_HOST, HostLimiter } from '../fetch/hosts';
import { contentHash, reasonIn, RunStore, speaks, type FileMeta, type HttpMeta, type StoredOutcome, type Words } from '../batch/store';
import { RULESET_VERSION } from '../check/index';
import { makeProgress, type BarStream, type Progress } from './progress';
import { MAX_FILE_BYTES } from '../extract/limits';
import { SCHEMA_VERSION } from '../model/version';
import { printable } from './printable';
import { fileWorkers } from './pool';

const USAGE = `用法 / usage: npm run check -- [--json | --csv] [--xlsx FILE.xlsx] [--lang zh|en] [--concurrency N] [--progress] [--timeout S] [--max-pages N] [--allow-host HOST] [--list FILE] [--store FILE.jsonl [--resume]] [--per-host N] [--delay S] [--retries N] FILE_OR_URL...

  FILE_OR_URL      年报栏目（列表页）网址：自动识别，逐页找出其中链接的每份年报（含 PDF/Word 附件）并逐一检查；
                   http(s):// 网址，或 .html/.htm 网页、.docx Word 文档、.pdf、.txt 文本（从 Word/PDF 复制的年报文字）
  --json           输出 JSON 结果（多个输入时为数组），结构见 src/model/result.schema.json
  --csv            输出 CSV（UTF-8 带 BOM，每条发现一行；无发现的报告一行，规则为空）
  --xlsx FILE      另写一个 Excel 工作簿（概览、发现、系列、数据、统计五张表）；不再逐份打印摘要
  --lang en        English output
  --concurrency N  同时处理的网址或文件数（默认 4）
  --progress       在 stderr 逐行显示进度（stderr 为终端时显示进度条：数量、速度、剩余时间）
  --timeout S      每个网址每次请求的超时秒数（默认 30）
  --max-pages N    列表页最多翻几页（默认 ${DEFAULT_MAX_PAGES}，含第一页）
  --allow-host H   列表页链接到的其他网站 H 上的年报也检查（可多次给出；默认只查同一网站）
  --list FILE      从文件读入网址或路径，每行一个（列表页与年报可混合；空行和 # 开头的行跳过）
  --store FILE     把每份结果一到就记入记录文件 FILE（JSON Lines，只追加）；再用同一文件运行时，
                   网页按 ETag/Last-Modified 发条件请求，未变化的不再下载，内容未变的不再核对；
                   本地文件大小和修改时间未变（或内容哈希相同）的不再核对
  --resume         与 --store 同用：接着 FILE 中上次（中断的）运行，已完成的不再请求、未改动的文件不再核对
  --per-host N     同一网站同时请求数（默认 ${DEFAULT_PER_HOST}）
  --delay S        同一网站相邻两次请求至少间隔 S 秒（默认 ${DEFAULT_DELAY_MS / 1000}；0 为不间隔）
  --retries N      网络错误、超时、429、5xx 时重试次数（默认 3；间隔逐次加倍，遵守 Retry-After）

退出码 / exit code: 0 无错误 no error · 1 有错误 errors found · 2 无法读取或不含年报 unreadable or no report`;

interface Args {
  inputs: string[];
  json: boolean;
  csv: boolean;
  /** write an Excel workbook to this path */
  xlsx: string | null;
  lang: Lang;
  help: boolean;
  concurrency: number;
  progress: boolean;
  timeoutMs: number;
  /** listing pages read at most, the first included */
  maxPages: number;
  /** other hosts a listing's reports may be on */
  allowHosts: string[];
  /** files of inputs, one a line (--list) */
  lists: string[];
  /** the run store (JSON Lines journal), null for none */
  store: string | null;
  /** go on with the store's last run */
  resume: boolean;
  /** requests to one host at once */
  perHost: number;
  /** least time between two request starts on one host */
  delayMs: number;
  /** further attempts after a network error, a timeout, a 429 or a 5xx */
  retries: number;
}

/** What the process provides; tests pass their own. */
export interface CliEnv {
  /** the network (default: the global fetch) */
  fetch?: typeof fetch;
  /** stderr as a stream: a progress bar is drawn on it when it is a terminal (default none: no bar) */
  progressStream?: BarStream;
  /** worker threads for many local files (default: one per core; src/cli/pool.ts) */
  threads?: number;
  /** the fewest local files worth starting them for (default MIN_FILES there) */
  poolMinFiles?: number;
  /**
   * read local files with blocking calls: in a worker process (pool-task.ts), which has nothing
   * else to do meanwhile, they cost less than the thread-pool round trips of the promise calls
   */
  blockingReads?: boolean;
}

function positiveInt(v: string | undefined): number | null {
  if (v === undefined || !/^\d+$/.test(v)) return null;
  const n = parseInt(v, 10);
  return n >= 1 ? n : null;
}

export function parseArgs(argv: string[]): Args | string {
  const args: Args = { inputs: [], json: false, csv: false, xlsx: null, lang: 'zh', help: false, concurrency: 4, progress: false, timeoutMs: 30_000, maxPages: DEFAULT_MAX_PAGES, allowHosts: [], store: null, resume: false, perHost: DEFAULT_PER_HOST, delayMs: DEFAULT_DELAY_MS, retries: 3, lists: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const eq = a.indexOf('=');
    const [name, inline] = a.startsWith('--') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    if (name === '--json') args.json = true;
    else if (name === '--csv') args.csv = true;
    else if (name === '--progress') args.progress = true;
    else if (name === '--xlsx') {
      const v = value();
      if (v === undefined || v === '' || v.startsWith('-')) return `--xlsx takes the path of the workbook to write (out.xlsx)`;
      args.xlsx = v;
    }
    else if (name === '--help' || name === '-h') args.help = true;
    else if (name === '--lang') {
      const v = value();
      if (v !== 'zh' && v !== 'en') return `--lang takes zh or en`;
      args.lang = v;
    } else if (name === '--concurrency') {
      const n = positiveInt(value());
      if (n === null) return `--concurrency takes a whole number ≥ 1`;
      args.concurrency = Math.min(n, 64);
    } else if (name === '--max-pages') {
      const n = positiveInt(value());
      if (n === null) return `--max-pages takes a whole number ≥ 1`;
      args.maxPages = Math.min(n, 500);
    } else if (name === '--allow-host') {
      const v = (value() ?? '').trim().toLowerCase();
      if (!/^[a-z0-9.-]+(:\d+)?$/.test(v)) return `--allow-host takes a host name (www.example.gov.cn)`;
      args.allowHosts.push(v);
    } else if (name === '--list') {
      const v = value();
      if (v === undefined || v === '' || v.startsWith('-')) return `--list takes the path of a file of URLs, one a line`;
      args.lists.push(v);
    } else if (name === '--store') {
      const v = value();
      if (v === undefined || v === '' || v.startsWith('-')) return `--store takes the path of the run's journal (run.jsonl)`;
      args.store = v;
    } else if (name === '--resume') args.resume = true;
    else if (name === '--per-host') {
      const n = positiveInt(value());
      if (n === null) return `--per-host takes a whole number ≥ 1`;
      args.perHost = Math.min(n, 16);
    } else if (name === '--delay') {
      const v = value() ?? '';
      const sec = /^\d+(\.\d+)?$/.test(v) ? Number(v) : NaN;
      if (!(sec >= 0 && sec <= 600)) return `--delay takes a number of seconds from 0 to 600`;
      args.delayMs = Math.round(sec * 1000);
    } else if (name === '--retries') {
      const v = value() ?? '';
      if (!/^\d+$/.test(v) || Number(v) > 10) return `--retries takes a whole number from 0 to 10`;
      args.retries = Number(v);
    } else if (name === '--timeout') {
      const v = value() ?? '';
      const s = /^\d+(\.\d+)?$/.test(v) ? Number(v) : NaN;
      if (!(s > 0)) return `--timeout takes a number of seconds > 0`;
      args.timeoutMs = Math.round(s * 1000);
    } else if (a.startsWith('-') && a !== '-') return `unknown option ${a}`;
    else args.inputs.push(a);
  }
  if (args.json && args.csv) return `--json and --csv cannot be used together`;
  if (args.resume && args.store === null) return `--resume needs --store FILE (the journal of the run to go on with)`;
  return args;
}

type InputOutcome = { input: string } & (
  | { ok: true; result: CheckResultJson }
  | {
      ok: false;
      /** why, in the run's language */
      reason: string;
      /** why, in both languages, when known (a file checked in a worker thread gives one): the journal keeps both */
      reasons?: Words;
      /** read but no report in it, or tables only as pictures (default: could not be read) */
      status?: 'no-report' | 'pictures';
      /** no report on the page, but it links reports: a 年报 column's listing (or an article with the report attached) */
      listing?: { url: string; links: ListingLinks };
    }
);

/**
 * linkedom's full DOM, for what reads a listing's links (a page with no report, a 年报 column):
 * loaded the first time a web page is fetched, so the checks of saved files — a worker thread's
 * whole job — never load it (its ~190 modules were most of a worker's start-up).
 */
let linkedom: Promise<typeof import('linkedom')> | null = null;
async function domParser(): Promise<(html: string) => Document> {
  const { parseHTML } = await (linkedom ??= import('linkedom'));
  return (html) => parseHTML(html).document as unknown as Document;
}

function words(lang: Lang, zh: string, en: string): string {
  return lang === 'zh' ? zh : en;
}

const isUrl = (input: string): boolean => /^https?:\/\//i.test(input);

/** An input that could not be checked, said in the run's language, both kept (for the journal). */
function failure(input: string, reasons: Words, lang: Lang, more: { status?: 'no-report' | 'pictures'; listing?: { url: string; links: ListingLinks } } = {}): InputOutcome {
  return { input, ok: false, reason: reasons[lang], reasons, ...more };
}

/**
 * How the command line turns bytes into documents: the light tree for HTML (src/extract/light-dom.ts:
 * read as linkedom reads it, built several times faster), pdf.js loaded only for a PDF.
 */
const READERS: DocumentReaders = {
  parseHtml: parseLight,
  readPdf: async (bytes) => (await import('../extract/pdf')).extractPdf(bytes),
};

/** The reason a thrown error gives: a WordFileError's words, else its first line. */
function thrownReason(e: unknown): Words {
  if (typeof e === 'object' && e !== null && 'reason' in e) {
    const r = (e as { reason: unknown }).reason;
    if (typeof r === 'object' && r !== null && 'zh' in r && 'en' in r && typeof r.zh === 'string' && typeof r.en === 'string') return { zh: r.zh, en: r.en };
  }
  const line = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
  return { zh: `读取失败：${line}`, en: `could not be read: ${line}` };
}

/**
 * How a run fetches (issue 19, item 4): each request through the per-host limiter, retried with
 * backoff, and through the run store when there is one — resumed inputs are not fetched, the
 * others are revalidated (ETag / Last-Modified) and an unchanged body is not checked again.
 */
export interface Net {
  gate?: RequestGate;
  store?: RunStore | null;
  /** further attempts after a network error, a 429 or a 5xx */
  retries: number;
  /** what the run store saved, for the closing line */
  stats: { resumed: number; notModified: number; unchanged: number };
}

const newStats = (): Net['stats'] => ({ resumed: 0, notModified: 0, unchanged: 0 });

/** An outcome as the journal keeps it: a failure's reason in both languages when known, else with its language. */
function toStored(o: InputOutcome, lang: Lang): StoredOutcome {
  if (o.ok) return { ok: true, result: o.result };
  const base = { ok: false as const, reason: o.reason, ...(o.reasons ? { reasons: o.reasons } : { lang }), status: o.status ?? ('failed' as const) };
  return o.listing ? { ...base, listing: o.listing } : base;
}

/** A kept outcome, said in this run's language (a reason kept in one language only is said as kept). */
function fromStored(input: string, s: StoredOutcome, lang: Lang): InputOutcome {
  if (s.ok) return { input, ok: true, result: s.result };
  const base = { input, ok: false as const, reason: reasonIn(s, lang), ...(s.reasons ? { reasons: s.reasons } : {}) };
  const status = s.status === 'failed' ? {} : { status: s.status };
  return s.listing ? { ...base, ...status, listing: s.listing } : { ...base, ...status };
}

/** A fetched body → its outcome: a report's result, a listing's links, or why not. */
async function checkFetched(input: string, got: FetchedDocument, lang: Lang): Promise<InputOutcome> {
  const outcome = await checkBytes(got.kind, got.bytes, got.contentType, got.finalUrl, 'url', READERS);
  // no report here, or not one table of it (a listing's title can read as a report's): a
  // listing of reports, or a page with the report attached?
  const listing = got.kind === 'html' ? listingOf(got, outcome, await domParser()) : null;
  if (listing) {
    const reasons = outcome.ok ? { zh: '页面没有年报表格', en: 'no report tables on the page' } : outcome.reason;
    return failure(input, reasons, lang, { status: 'no-report', listing: { url: got.finalUrl, links: listing.links } });
  }
  if (outcome.ok) return { input, ok: true, result: outcome.result };
  return failure(input, outcome.reason, lang, { status: outcome.scanned === true ? 'pictures' : 'no-report' });
}

async function checkUrl(input: string, args: Pick<Args, 'lang' | 'timeoutMs'>, env: CliEnv, net: Net | undefined): Promise<InputOutcome> {
  const lang = args.lang;
  const store = net?.store ?? null;
  const done = store?.finished(input);
  if (done && net) {
    net.stats.resumed += 1;
    return fromStored(input, done, lang);
  }
  const prev = store?.previous(input) ?? null;
  const opts = { fetch: env.fetch ?? fetch, timeoutMs: args.timeoutMs, retries: net?.retries ?? 1, ...(net?.gate ? { gate: net.gate } : {}) };
  const got = prev ? await fetchRevalidated(input, { ...opts, validators: prev.http }) : await fetchDocument(input, opts);
  if (!got.ok) {
    const o = failure(input, got.reason, lang);
    await store?.recordInput(input, toStored(o, lang));
    return o;
  }
  if ('notModified' in got) {
    // only a revalidation can get a 304: the stored outcome stands
    if (!prev || !store || !net) return failure(input, { zh: '服务器返回 304，但没有保存的结果', en: 'the server answered 304 but nothing was kept' }, lang);
    net.stats.notModified += 1;
    await store.recordInput(input, prev.outcome, { http: { ...prev.http, finalUrl: got.finalUrl, etag: got.etag, lastModified: got.lastModified }, kept: true });
    return fromStored(input, prev.outcome, lang);
  }
  const http: HttpMeta = { finalUrl: got.finalUrl, etag: got.etag, lastModified: got.lastModified, hash: store ? contentHash(got.bytes) : '' };
  if (prev && store && net && prev.http.hash === http.hash) {
    // the same bytes as last time: the same result, not checked again
    net.stats.unchanged += 1;
    await store.recordInput(input, prev.outcome, { http, kept: true });
    return fromStored(input, prev.outcome, lang);
  }
  const o = await checkFetched(input, got, lang);
  await store?.recordInput(input, toStored(o, lang), { http });
  return o;
}

/** Read or fetch and check one input. Never throws: every failure is a one-line reason. */
export async function checkInput(input: string, args: Pick<Args, 'lang' | 'timeoutMs'>, env: CliEnv = {}, net?: Net): Promise<InputOutcome> {
  const lang = args.lang;
  const fail = (reasons: Words): InputOutcome => failure(input, reasons, lang);
  try {
    let outcome: DocumentOutcome;
    if (isUrl(input)) {
      if (!parseHttpUrl(input)) return fail({ zh: '网址无效', en: 'invalid URL' });
      return await checkUrl(input, args, env, net);
    } else {
      let bytes: Uint8Array;
      try {
        // the size first: a 60 MB page once took 4.8 GB and five minutes
        const size = (env.blockingReads ? statSync(input) : await stat(input)).size;
        const mb = Math.round(MAX_FILE_BYTES / 1_000_000);
        if (size > MAX_FILE_BYTES) return fail({ zh: `文件过大（${(size / 1_000_000).toFixed(1)} MB，上限 ${mb} MB），未读取`, en: `too large (${(size / 1_000_000).toFixed(1)} MB, the limit is ${mb} MB); not read` });
        if (size === 0) return fail({ zh: '文件为空（0 字节），没有可检查的内容', en: 'the file is empty (0 bytes): nothing to check' });
        bytes = new Uint8Array(env.blockingReads ? readFileSync(input) : await readFile(input));
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? '';
        const said = code || String(e);
        return fail(code === 'ENOENT' ? { zh: '文件不存在', en: 'no such file' } : code === 'EISDIR' ? { zh: '这是一个目录', en: 'is a directory' } : { zh: said, en: said });
      }
      const guess = kindOf({ contentType: null, name: input, bytes });
      if (guess.kind === null) {
        return fail({ zh: `暂不支持此类文件（${guess.what.zh}），请另存为网页、.docx、PDF 或复制文字为 .txt`, en: `not supported (${guess.what.en}); save as a web page, .docx or PDF, or copy the text into a .txt` });
      }
      outcome = await checkBytes(guess.kind, bytes, null, input, 'file', READERS);
    }
    if (outcome.ok) return { input, ok: true, result: outcome.result };
    return failure(input, outcome.reason, lang, { status: outcome.scanned === true ? 'pictures' : 'no-report' });
  } catch (e) {
    return fail(thrownReason(e));
  }
}

/** A result kept for a file, shown under the name this run gave the file (the journal keys it by its absolute path). */
function givenAs(o: InputOutcome, input: string): InputOutcome {
  return o.ok && o.result.source.location !== input ? { ...o, result: { ...o.result, source: { ...o.result.source, location: input } } } : o;
}

/**
 * A local file through the run store (issue 19, item 4), on the main thread whatever checks it
 * (`check`: a worker thread or this one). Keyed by its absolute path. A file whose last finished
 * outcome was kept under this rule set is not checked again when its size and modification time
 * are the ones kept (not even read), or when its size is and its SHA-256 is too (copied, touched,
 * restored: the new time is written, so the next run's quick test holds); a size that differs is
 * a changed file. Otherwise it is hashed before it is checked — so a file changed while it is
 * checked is seen as changed next time — and its outcome written as it arrives.
 */
async function checkFileStored(input: string, lang: Lang, net: Net, check: () => Promise<InputOutcome>): Promise<InputOutcome> {
  const store = net.store;
  if (!store) return check();
  const key = resolve(input);
  let file: FileMeta | null = null;
  try {
    const st = await stat(input);
    // the check says what is wrong with an empty, oversized or missing file, or a directory
    if (st.isFile() && st.size > 0 && st.size <= MAX_FILE_BYTES) {
      const prev = store.previousFile(key);
      let hash: string | null = null;
      if (prev && prev.file.size === st.size && speaks(prev.outcome, lang)) {
        if (prev.file.mtimeMs !== st.mtimeMs) hash = contentHash(await readFile(input));
        if (hash === null || hash === prev.file.hash) {
          if (prev.sameRun) net.stats.resumed += 1;
          else net.stats.unchanged += 1;
          if (hash !== null) await store.recordInput(key, prev.outcome, { file: { size: st.size, mtimeMs: st.mtimeMs, hash }, kept: true });
          return givenAs(fromStored(input, prev.outcome, lang), input);
        }
      }
      file = { size: st.size, mtimeMs: st.mtimeMs, hash: hash ?? contentHash(await readFile(input)) };
    }
  } catch {
    // gone or unreadable since it was listed: the check says so
    file = null;
  }
  const o = await check();
  await store.recordInput(key, toStored(o, lang), file ? { file } : {});
  return o;
}

/**
 * The reports grouped by body and year (batch/series.ts): each is compared with the same body's
 * report for the year before given in the same run (carry-over, 现行有效, copied, year-on-year),
 * and the series says what is missing, doubled or repeated.
 */
function acrossYears(outcomes: InputOutcome[]): { outcomes: InputOutcome[]; series: BodySeries[] } {
  const s = buildSeries(outcomes.map((o) => ({ source: o.input, result: o.ok ? o.result : undefined })), { now: new Date() });
  return { outcomes: outcomes.map((o, i) => (o.ok ? { ...o, result: s.results[i] ?? o.result } : o)), series: s.series };
}

/**
 * A listing's further page, for the crawl: through the limiter, and through the run store — a page
 * this (resumed) run read already gives its links without a request; one read in an earlier run is
 * revalidated, and a 304 or an unchanged body gives the links kept.
 */
async function fetchListingPage(url: string, args: Args, env: CliEnv, net: Net): Promise<{ ok: true; links: ListingLinks; finalUrl: string } | { ok: false; reason: string }> {
  const store = net.store ?? null;
  const known = store?.page(url) ?? null;
  if (known?.sameRun) {
    net.stats.resumed += 1;
    return { ok: true, links: known.entry.links, finalUrl: known.entry.http.finalUrl };
  }
  const prev = known?.entry ?? null;
  const opts = { fetch: env.fetch ?? fetch, timeoutMs: args.timeoutMs, retries: net.retries, ...(net.gate ? { gate: net.gate } : {}) };
  const got = prev ? await fetchRevalidated(url, { ...opts, validators: prev.http }) : await fetchDocument(url, opts);
  if (!got.ok) return { ok: false, reason: got.reason[args.lang] };
  if ('notModified' in got) {
    if (!prev || !store) return { ok: false, reason: words(args.lang, '服务器返回 304，但没有保存的页面', 'the server answered 304 but nothing was kept') };
    net.stats.notModified += 1;
    await store.recordPage(url, { ...prev.http, finalUrl: got.finalUrl, etag: got.etag, lastModified: got.lastModified }, prev.links);
    return { ok: true, links: prev.links, finalUrl: got.finalUrl };
  }
  if (got.kind !== 'html') return { ok: false, reason: words(args.lang, '不是网页', 'not a web page') };
  const http: HttpMeta = { finalUrl: got.finalUrl, etag: got.etag, lastModified: got.lastModified, hash: store ? contentHash(got.bytes) : '' };
  const links = prev && prev.http.hash === http.hash ? prev.links : pageLinks(got, await domParser()).links;
  if (prev && prev.http.hash === http.hash) net.stats.unchanged += 1;
  await store?.recordPage(url, http, links);
  return { ok: true, links, finalUrl: got.finalUrl };
}

/**
 * Each listing among the outcomes (issue 19) is replaced by the reports it links: its pages are
 * followed (same site, at most --max-pages), every report found is checked as if given, and one
 * found as a page that only attaches the report has its attachment checked instead (one level).
 */
async function expandListings(outcomes: InputOutcome[], args: Args, env: CliEnv, err: (s: string) => void, ctx: { net: Net; progress: Progress }, depth = 0): Promise<InputOutcome[]> {
  const { net, progress } = ctx;
  const out: InputOutcome[] = [];
  for (const o of outcomes) {
    if (o.ok || !o.listing) {
      // a report given by itself that a listing before it also found is kept once
      if (depth > 0 || !out.some((x) => x.input === o.input)) out.push(o);
      continue;
    }
    const listing = o.listing;
    const parseDom = await domParser();
    const crawl = await crawlListing(listing, {
      maxPages: depth === 0 ? args.maxPages : 1,
      allowHosts: args.allowHosts,
      parseHtml: (html) => parseDom(asDocument(html)),
      fetchHtml: (url) => fetchListingPage(url, args, env, net),
    });
    const lang = args.lang;
    const notes = [
      crawl.failed.length > 0 ? words(lang, `${crawl.failed.length} 页读取失败`, `${crawl.failed.length} page(s) failed`) : '',
      crawl.capped ? words(lang, `已达翻页上限 ${args.maxPages} 页（--max-pages）`, `stopped at the page cap ${args.maxPages} (--max-pages)`) : '',
      crawl.offSite.length > 0 ? words(lang, `${crawl.offSite.length} 份在其他网站，未查（--allow-host 可加入）`, `${crawl.offSite.length} on other sites, not checked (--allow-host adds one)`) : '',
    ].filter((x) => x !== '');
    if (depth === 0) {
      err(words(lang, `列表页 ${o.input}：读了 ${crawl.pages.length} 页，找到 ${crawl.reports.length} 份年报`, `listing ${o.input}: ${crawl.pages.length} page(s) read, ${crawl.reports.length} report(s) found`) + (notes.length > 0 ? `（${notes.join('；')}）` : ''));
    }
    for (const f of crawl.failed) err(`${f.url}: ${f.reason}`);
    progress.grow(crawl.reports.length);
    const found = await pool(
      crawl.reports.map((r) => r.url),
      args.concurrency,
      async (url) => {
        const f = await checkInput(url, args, env, net);
        progress.tick(url, progressWord(f, lang));
        return f;
      },
    );
    // a report page that only attaches the report: its attachment, once
    const resolved = depth === 0 ? await expandListings(found, args, env, err, ctx, depth + 1) : found.map((f) => (f.ok ? f : { input: f.input, ok: false as const, reason: f.reason, reasons: f.reasons, status: f.status }));
    // a report linked twice (from two pages, or from a page and an article) is checked once
    for (const r of resolved) {
      if (depth === 0 && out.some((x) => x.input === r.input)) continue;
      out.push(r);
    }
  }
  return out;
}

/** `fn` over `items`, at most `limit` at a time; results in input order. */
async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function progressWord(o: InputOutcome, lang: Lang): string {
  if (!o.ok) return words(lang, `失败：${o.reason}`, `failed: ${o.reason}`);
  const { errors, warnings } = o.result.summary;
  if (errors > 0) return words(lang, `${errors} 个错误`, `${errors} error(s)`);
  if (warnings > 0) return words(lang, `ok · ${warnings} 个警告`, `ok · ${warnings} warning(s)`);
  return 'ok';
}

/**
 * One `--json` entry for an input that could not be checked: where it came from and why, so the
 * output always has one entry per input, in input order.
 */
export interface JsonFailure {
  schemaVersion: number;
  source: { kind: 'url' | 'file'; location: string };
  error: string;
}

function jsonFailure(o: InputOutcome & { ok: false }): JsonFailure {
  return { schemaVersion: SCHEMA_VERSION, source: { kind: isUrl(o.input) ? 'url' : 'file', location: o.input }, error: o.reason };
}

export async function main(argv: string[], rawOut: (s: string) => void, rawErr: (s: string) => void, env: CliEnv = {}): Promise<number> {
  // everything printed passes here: a report's title, a file name or a server's words can hold
  // terminal escape sequences (clear the screen, retitle the window); they are dropped
  const out = (s: string): void => rawOut(printable(s));
  const err = (s: string): void => rawErr(printable(s));
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    err(`${args}\n\n${USAGE}`);
    return 2;
  }
  for (const file of args.lists) {
    try {
      const size = (await stat(file)).size;
      if (size > MAX_FILE_BYTES) {
        err(words(args.lang, `${file}：文件过大，未读取`, `${file}: too large, not read`));
        return 2;
      }
      const list = parseInputList(await readFile(file, 'utf8'));
      args.inputs.push(...list.inputs.filter((x) => !args.inputs.includes(x)));
      if (list.dropped > 0) err(words(args.lang, `${file}：超过 ${list.inputs.length} 行，其余 ${list.dropped} 行未读`, `${file}: ${list.dropped} line(s) past ${list.inputs.length} not read`));
    } catch (e) {
      err(words(args.lang, `无法读取 ${file}：`, `could not read ${file}: `) + ((e as NodeJS.ErrnoException).code ?? String(e)));
      return 2;
    }
  }
  if (args.help || args.inputs.length === 0) {
    (args.help ? out : err)(USAGE);
    return args.help ? 0 : 2;
  }
  let store: RunStore | null = null;
  if (args.store !== null) {
    try {
      store = await RunStore.open(args.store, { resume: args.resume, ruleset: RULESET_VERSION });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? String(e).split('\n')[0];
      err(words(args.lang, `无法打开记录文件 ${args.store}：${code}`, `could not open the journal ${args.store}: ${code}`));
      return 2;
    }
    for (const n of store.notes) err(n[args.lang]);
  }
  const net: Net = { gate: new HostLimiter({ perHost: args.perHost, delayMs: args.delayMs }), store, retries: args.retries, stats: newStats() };
  const total = args.inputs.length;
  const progress = makeProgress({ lang: args.lang, lines: args.progress, total, err, ...(env.progressStream ? { stream: env.progressStream } : {}) });
  let checked: InputOutcome[];
  let expanded: InputOutcome[];
  // many local files: checked in worker threads, one per core (src/cli/pool.ts)
  const workers = fileWorkers(args.inputs, { ...args, threads: env.threads, minFiles: env.poolMinFiles }, (input) => checkInput(input, args, env, net));
  try {
    checked = await pool(args.inputs, args.concurrency, async (input) => {
      // a URL goes through the store in checkUrl; a local file here, where its outcome arrives
      const o: InputOutcome = isUrl(input) ? await workers.check(input) : await checkFileStored(input, args.lang, net, () => workers.check(input));
      progress.tick(input, progressWord(o, args.lang));
      return o;
    }).finally(() => workers.close());
    // lines said while the bar is drawn go above it
    expanded = await expandListings(checked, args, env, (line) => progress.log(printable(line)), { net, progress });
  } finally {
    progress.stop();
  }
  if (store) {
    await store.end();
    const { resumed, notModified, unchanged } = net.stats;
    if (store.writeError !== null) {
      const code = (store.writeError as NodeJS.ErrnoException).code ?? String(store.writeError).split('\n')[0];
      err(words(args.lang, `记录文件 ${args.store} 写入失败（${code}），本次结果未全部记下`, `the journal ${args.store} could not be written (${code}); this run's results are not all kept`));
    }
    if (resumed + notModified + unchanged > 0) {
      err(words(args.lang, `记录文件 ${args.store}：沿用 ${resumed} 个已完成的结果，${notModified} 个网页未变化（304），${unchanged} 个内容相同未重新核对`, `journal ${args.store}: ${resumed} finished result(s) taken as they were, ${notModified} page(s) not modified (304), ${unchanged} unchanged body(ies) not checked again`));
    }
  }
  const { outcomes, series } = acrossYears(expanded);
  // what only the series shows (a missing year, two reports for one year, a repeated year)
  const seriesBlock = seriesText(series, args.lang);
  // --json: an array for several inputs, and for a listing (it stands for its reports)
  const many = total > 1 || checked.some((o) => !o.ok && o.listing !== undefined);
  const ok = outcomes.filter((o): o is InputOutcome & { ok: true } => o.ok);
  for (const o of outcomes) if (!o.ok) err(`${o.input}: ${o.reason}`);
  if (args.xlsx !== null) {
    const entries: XlsxEntry[] = outcomes.map((o) => (o.ok ? { source: o.input, result: o.result } : { source: o.input, failure: o.reason, status: o.status ?? 'failed' }));
    // exceljs is loaded only when a workbook is asked for
    const { findingsToXlsx } = await import('../output/xlsx');
    try {
      await writeFile(args.xlsx, await findingsToXlsx(entries, { lang: args.lang }));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? String(e).split('\n')[0];
      err(words(args.lang, `无法写入 ${args.xlsx}：${code}`, `could not write ${args.xlsx}: ${code}`));
      return 2;
    }
    const findings = ok.reduce((n, o) => n + o.result.findings.length, 0);
    const note = words(args.lang, `已写入 ${args.xlsx}：${outcomes.length} 个输入，${ok.length} 份报告，${findings} 条发现`, `wrote ${args.xlsx}: ${outcomes.length} input(s), ${ok.length} report(s), ${findings} finding(s)`);
    if (!args.csv && !args.json) out(note);
    else err(note);
  }
  if (args.csv) {
    const entries: CsvEntry[] = outcomes.map((o) => (o.ok ? { source: o.input, result: o.result } : { source: o.input, failure: o.reason }));
    // `out` ends the last line itself.
    out(findingsToCsv(entries, { lang: args.lang }).replace(/\r\n$/, ''));
  } else if (args.json) {
    // one entry per input, in input order: a result, or where the input came from and why it failed
    const entries: (CheckResultJson | JsonFailure)[] = outcomes.map((o) => (o.ok ? o.result : jsonFailure(o)));
    if (ok.length === outcomes.length) out(toJson(many ? ok.map((o) => o.result) : (ok[0]?.result ?? [])));
    else {
      for (const o of ok) CheckResultSchema.parse(o.result); // as toJson does: a bug here must not ship silently
      out(JSON.stringify(many ? entries : entries[0], null, 2));
    }
  } else if (args.xlsx === null) {
    out(ok.map((o) => renderSummary(o.result, args.lang, { mute: process.stdout.isTTY === true ? (l) => `\x1b[2m${l}\x1b[22m` : undefined })).join('\n\n' + '─'.repeat(40) + '\n\n'));
    if (seriesBlock !== '') out('\n' + '═'.repeat(40) + '\n\n' + seriesBlock);
  }
  if (seriesBlock !== '' && (args.xlsx !== null || args.csv || args.json)) err(seriesBlock);
  if (ok.length < outcomes.length) return 2;
  return ok.some((o) => o.result.summary.errors > 0) ? 1 : 0;
}

// Run when executed directly (npm run check, bin/), not when imported by tests.
// Not in a worker thread either: src/cli/pool-task.ts imports checkInput from here.
const self = process.argv[1] ?? '';
if (isMainThread && (/cli[\\/]main\.ts$/.test(self) || /gov-report-check(\.mjs)?$/.test(self))) {
  // `… | head` closes the pipe early: that is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  // Ctrl+C: what was finished is in the journal already (each result is written as it arrives)
  const argv = process.argv.slice(2);
  const storeAt = argv.findIndex((a) => a === '--store' || a.startsWith('--store='));
  if (storeAt >= 0) {
    const file = argv[storeAt]?.includes('=') ? argv[storeAt].slice('--store='.length) : (argv[storeAt + 1] ?? '');
    const en = argv.some((a, i) => (a === '--lang' && argv[i + 1] === 'en') || a === '--lang=en');
    process.once('SIGINT', () => {
      process.stderr.write(
        printable(en ? `\ninterrupted: the finished results are in ${file}; add --resume to go on` : `\n已中断：已完成的结果已记入 ${file}，加 --resume 可接着运行`) + '\n',
      );
      process.exit(130);
    });
  }
  main(
    argv,
    (s) => process.stdout.write(s + '\n'),
    (s) => process.stderr.write(s + '\n'),
    { progressStream: process.stderr },
  ).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`internal error: ${String(e).split('\n')[0]}\n`);
      process.exitCode = 2;
    },
  );
}

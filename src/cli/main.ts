import { readFile, stat, writeFile } from 'node:fs/promises';
import { isMainThread } from 'node:worker_threads';
import { parseHTML } from 'linkedom';
import { parseLight } from '../extract/light-dom';
import { asDocument, checkBytes, type DocumentOutcome, type DocumentReaders } from '../batch/check-document';
import { listingLinks } from '../discover/listing';
import { crawlListing, DEFAULT_MAX_PAGES } from '../discover/crawl';
import { renderSummary, type Lang } from '../present/summary';
import { toJson } from '../present/json';
import { findingsToCsv, type CsvEntry } from '../present/csv';
import type { XlsxEntry } from '../present/xlsx';
import { CheckResultSchema, type CheckResultJson } from '../model/result';
import { decodeHtml, fetchDocument, kindOf, parseHttpUrl } from '../fetch';
import { previousYear, recordOf, type YearRecord } from '../model/history';
import { withLastYear } from '../check/cross-year';
import { MAX_FILE_BYTES } from '../extract/limits';
import { SCHEMA_VERSION } from '../model/version';
import { printable } from './printable';
import { fileWorkers } from '../batch/pool';

const USAGE = `用法 / usage: npm run check -- [--json | --csv] [--xlsx FILE.xlsx] [--lang zh|en] [--concurrency N] [--progress] [--timeout S] [--max-pages N] [--allow-host HOST] FILE_OR_URL...

  FILE_OR_URL      年报栏目（列表页）网址：自动识别，逐页找出其中链接的每份年报（含 PDF/Word 附件）并逐一检查；
                   http(s):// 网址，或 .html/.htm 网页、.docx Word 文档、.pdf、.txt 文本（从 Word/PDF 复制的年报文字）
  --json           输出 JSON 结果（多个输入时为数组），结构见 src/model/result.schema.json
  --csv            输出 CSV（UTF-8 带 BOM，每条发现一行；无发现的报告一行，规则为空）
  --xlsx FILE      另写一个 Excel 工作簿（概览、发现、数据、统计四张表）；不再逐份打印摘要
  --lang en        English output
  --concurrency N  同时处理的网址或文件数（默认 4）
  --progress       在 stderr 显示进度（stderr 为终端时默认显示）
  --timeout S      每个网址的超时秒数（默认 30，失败或超时重试 1 次）
  --max-pages N    列表页最多翻几页（默认 ${DEFAULT_MAX_PAGES}，含第一页）
  --allow-host H   列表页链接到的其他网站 H 上的年报也检查（可多次给出；默认只查同一网站）

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
}

/** What the process provides; tests pass their own. */
export interface CliEnv {
  /** the network (default: the global fetch) */
  fetch?: typeof fetch;
  /** progress lines are shown when stderr is a terminal (default false) */
  stderrIsTTY?: boolean;
  /** worker threads for many local files (default: one per core; src/batch/pool.ts) */
  threads?: number;
  /** the fewest local files worth starting them for (default MIN_FILES there) */
  poolMinFiles?: number;
}

function positiveInt(v: string | undefined): number | null {
  if (v === undefined || !/^\d+$/.test(v)) return null;
  const n = parseInt(v, 10);
  return n >= 1 ? n : null;
}

export function parseArgs(argv: string[]): Args | string {
  const args: Args = { inputs: [], json: false, csv: false, xlsx: null, lang: 'zh', help: false, concurrency: 4, progress: false, timeoutMs: 30_000, maxPages: DEFAULT_MAX_PAGES, allowHosts: [] };
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
    } else if (name === '--timeout') {
      const v = value() ?? '';
      const s = /^\d+(\.\d+)?$/.test(v) ? Number(v) : NaN;
      if (!(s > 0)) return `--timeout takes a number of seconds > 0`;
      args.timeoutMs = Math.round(s * 1000);
    } else if (a.startsWith('-') && a !== '-') return `unknown option ${a}`;
    else args.inputs.push(a);
  }
  if (args.json && args.csv) return `--json and --csv cannot be used together`;
  return args;
}

type InputOutcome = { input: string } & (
  | { ok: true; result: CheckResultJson }
  | {
      ok: false;
      reason: string;
      /** read but no report in it, or tables only as pictures (default: could not be read) */
      status?: 'no-report' | 'pictures';
      /** no report on the page, but it links reports: a 年报 column's listing (or an article with the report attached) */
      listing?: { url: string; doc: Document };
    }
);

const parseDom = (html: string): Document => parseHTML(html).document as unknown as Document;

function words(lang: Lang, zh: string, en: string): string {
  return lang === 'zh' ? zh : en;
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
function thrownReason(e: unknown, lang: Lang): string {
  if (typeof e === 'object' && e !== null && 'reason' in e) {
    const r = (e as { reason: unknown }).reason;
    if (typeof r === 'object' && r !== null && 'zh' in r && 'en' in r && typeof r.zh === 'string' && typeof r.en === 'string') return lang === 'zh' ? r.zh : r.en;
  }
  const text = e instanceof Error ? e.message : String(e);
  return words(lang, '读取失败：', 'could not be read: ') + (text.split('\n')[0] ?? '');
}

/** Read or fetch and check one input. Never throws: every failure is a one-line reason. */
export async function checkInput(input: string, args: Pick<Args, 'lang' | 'timeoutMs'>, env: CliEnv = {}): Promise<InputOutcome> {
  const lang = args.lang;
  const fail = (reason: string): InputOutcome => ({ input, ok: false, reason });
  try {
    let outcome: DocumentOutcome;
    if (/^https?:\/\//i.test(input)) {
      if (!parseHttpUrl(input)) return fail(words(lang, '网址无效', 'invalid URL'));
      const got = await fetchDocument(input, { fetch: env.fetch ?? fetch, timeoutMs: args.timeoutMs, retries: 1 });
      if (!got.ok) return fail(got.reason[lang]);
      outcome = await checkBytes(got.kind, got.bytes, got.contentType, got.finalUrl, 'url', READERS);
      // no report here, or not one table of it (a listing's title can read as a report's): a
      // listing of reports, or a page with the report attached?
      const noTables = outcome.ok ? Object.values(outcome.result.report.tables).every((t) => t.status === 'missing') : outcome.scanned !== true;
      if (got.kind === 'html' && noTables) {
        const doc = parseDom(asDocument(decodeHtml(got.bytes, got.contentType)));
        if (listingLinks(doc, got.finalUrl).reports.length > 0) {
          const reason = outcome.ok ? words(lang, '页面没有年报表格', 'no report tables on the page') : outcome.reason[lang];
          return { input, ok: false, reason, status: 'no-report', listing: { url: got.finalUrl, doc } };
        }
      }
    } else {
      let bytes: Uint8Array;
      try {
        // the size first: a 60 MB page once took 4.8 GB and five minutes
        const size = (await stat(input)).size;
        const mb = Math.round(MAX_FILE_BYTES / 1_000_000);
        if (size > MAX_FILE_BYTES) return fail(words(lang, `文件过大（${(size / 1_000_000).toFixed(1)} MB，上限 ${mb} MB），未读取`, `too large (${(size / 1_000_000).toFixed(1)} MB, the limit is ${mb} MB); not read`));
        if (size === 0) return fail(words(lang, '文件为空（0 字节），没有可检查的内容', 'the file is empty (0 bytes): nothing to check'));
        bytes = new Uint8Array(await readFile(input));
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? '';
        return fail(code === 'ENOENT' ? words(lang, '文件不存在', 'no such file') : code === 'EISDIR' ? words(lang, '这是一个目录', 'is a directory') : code || String(e));
      }
      const guess = kindOf({ contentType: null, name: input, bytes });
      if (guess.kind === null) {
        return fail(words(lang, `暂不支持此类文件（${guess.what.zh}），请另存为网页、.docx、PDF 或复制文字为 .txt`, `not supported (${guess.what.en}); save as a web page, .docx or PDF, or copy the text into a .txt`));
      }
      outcome = await checkBytes(guess.kind, bytes, null, input, 'file', READERS);
    }
    if (outcome.ok) return { input, ok: true, result: outcome.result };
    return { input, ok: false, reason: outcome.reason[lang], status: outcome.scanned === true ? 'pictures' : 'no-report' };
  } catch (e) {
    return fail(thrownReason(e, lang));
  }
}

/**
 * Reports of the same body for consecutive years given in one run are compared: this year's row 二
 * against last year's row 四, and 现行有效 against last year's.
 */
function acrossYears(outcomes: InputOutcome[]): InputOutcome[] {
  const now = new Date();
  const records: YearRecord[] = [];
  for (const o of outcomes) {
    if (!o.ok) continue;
    const rec = recordOf(o.result.report, o.input, now);
    if (rec) records.push(rec);
  }
  return outcomes.map((o) => {
    if (!o.ok) return o;
    const rec = recordOf(o.result.report, o.input, now);
    // the same site's (or the same kind of input's) first; another's is named as such
    const last = rec ? previousYear(records, rec.bodyKey, rec.year, rec.origin) : null;
    return last && rec ? { ...o, result: withLastYear(o.result, last, rec.origin) } : o;
  });
}

/**
 * Each listing among the outcomes (issue 19) is replaced by the reports it links: its pages are
 * followed (same site, at most --max-pages), every report found is checked as if given, and one
 * found as a page that only attaches the report has its attachment checked instead (one level).
 */
async function expandListings(outcomes: InputOutcome[], args: Args, env: CliEnv, err: (s: string) => void, depth = 0): Promise<InputOutcome[]> {
  const out: InputOutcome[] = [];
  for (const o of outcomes) {
    if (o.ok || !o.listing) {
      out.push(o);
      continue;
    }
    const listing = o.listing;
    const crawl = await crawlListing(listing, {
      maxPages: depth === 0 ? args.maxPages : 1,
      allowHosts: args.allowHosts,
      parseHtml: (html) => parseDom(asDocument(html)),
      fetchHtml: async (url) => {
        const got = await fetchDocument(url, { fetch: env.fetch ?? fetch, timeoutMs: args.timeoutMs, retries: 1 });
        if (!got.ok) return { ok: false, reason: got.reason[args.lang] };
        if (got.kind !== 'html') return { ok: false, reason: words(args.lang, '不是网页', 'not a web page') };
        return { ok: true, html: decodeHtml(got.bytes, got.contentType), finalUrl: got.finalUrl };
      },
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
    const found = await pool(
      crawl.reports.map((r) => r.url),
      args.concurrency,
      (url) => checkInput(url, args, env),
    );
    // a report page that only attaches the report: its attachment, once
    const resolved = depth === 0 ? await expandListings(found, args, env, err, depth + 1) : found.map((f) => (f.ok ? f : { input: f.input, ok: false as const, reason: f.reason, status: f.status }));
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
  return { schemaVersion: SCHEMA_VERSION, source: { kind: /^https?:\/\//i.test(o.input) ? 'url' : 'file', location: o.input }, error: o.reason };
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
  if (args.help || args.inputs.length === 0) {
    (args.help ? out : err)(USAGE);
    return args.help ? 0 : 2;
  }
  const showProgress = args.progress || env.stderrIsTTY === true;
  const total = args.inputs.length;
  let done = 0;
  // many local files: checked in worker threads, one per core (src/batch/pool.ts)
  const workers = fileWorkers(args.inputs, { ...args, threads: env.threads, minFiles: env.poolMinFiles }, (input) => checkInput(input, args, env));
  const checked = await pool(args.inputs, args.concurrency, async (input) => {
    const o: InputOutcome = await workers.check(input);
    done += 1;
    if (showProgress) err(`[${done}/${total}] ${input} … ${progressWord(o, args.lang)}`);
    return o;
  }).finally(() => workers.close());
  const outcomes = acrossYears(await expandListings(checked, args, env, err));
  // --json: an array for several inputs, and for a listing (it stands for its reports)
  const many = total > 1 || checked.some((o) => !o.ok && o.listing !== undefined);
  const ok = outcomes.filter((o): o is InputOutcome & { ok: true } => o.ok);
  for (const o of outcomes) if (!o.ok) err(`${o.input}: ${o.reason}`);
  if (args.xlsx !== null) {
    const entries: XlsxEntry[] = outcomes.map((o) => (o.ok ? { source: o.input, result: o.result } : { source: o.input, failure: o.reason, status: o.status ?? 'failed' }));
    // exceljs is loaded only when a workbook is asked for
    const { findingsToXlsx } = await import('../present/xlsx');
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
  }
  if (ok.length < outcomes.length) return 2;
  return ok.some((o) => o.result.summary.errors > 0) ? 1 : 0;
}

// Run when executed directly (npm run check, bin/), not when imported by tests.
// Not in a worker thread either: src/batch/pool-task.ts imports checkInput from here.
const self = process.argv[1] ?? '';
if (isMainThread && (/cli[\\/]main\.ts$/.test(self) || /gov-report-check(\.mjs)?$/.test(self))) {
  // `… | head` closes the pipe early: that is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  main(
    process.argv.slice(2),
    (s) => process.stdout.write(s + '\n'),
    (s) => process.stderr.write(s + '\n'),
    { stderrIsTTY: process.stderr.isTTY === true },
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

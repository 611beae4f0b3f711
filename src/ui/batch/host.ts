import { browser } from 'wxt/browser';
import { fetchDocument, kindOf } from '../../fetch';
import { asDocument, checkBytes, type DocumentReaders } from '../../batch/check-document';
import { checkText } from '../../pipeline';
import { BATCH_VERSION, runBatch, statusOf, StoredBatchSchema, type BatchItem, type Checked } from '../../batch/run';
import { asListing, crawlListing, crawlWords } from '../../discover/expand';
import type { CrawlResult } from '../../discover/crawl';
import { decodeHtml } from '../../fetch';
import { buildSeries } from '../../batch/series';
import { recordOf, type YearRecord } from '../../model/history';
import { loadHistory, rememberAll } from '../../store/history-store';
import { draftWriter, loadDraft } from '../../store/drafts';
import { findingsToCsv, type CsvEntry } from '../../output/csv';
import type { BatchHost, RunOptions } from './Batch';
import type { Lang } from '../i18n';
import { STATUS_WORDS } from '../../output/status-words';

const KEY = 'batch';
const GOV = /^https?:\/\/([^/]+\.)?gov\.cn(:\d+)?\//i;

/** The extension page's side of the batch page: storage, permissions, fetching, PDF/Word readers. */
export function extensionBatchHost(lang: Lang): BatchHost {
  // the page's own DOM: a full Document, which listing discovery reads too (the engine needs less)
  const parseDom = (html: string): Document => new DOMParser().parseFromString(html, 'text/html');
  const readers: DocumentReaders = {
    parseHtml: parseDom,
    readPdf: async (bytes) => {
      // pdf.js runs its worker code on this page (no separate worker file to ship or fetch)
      const g = globalThis as typeof globalThis & { pdfjsWorker?: unknown };
      g.pdfjsWorker ??= await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
      const { extractPdf } = await import('../../extract/pdf');
      return extractPdf(bytes);
    },
  };
  const files = new Map<string, File>();
  const texts = new Map<string, string>();

  /** how deep each URL target sits: 0 given, 1 found on a listing, 2 the attachment of a found page */
  const depth = new Map<string, number>();
  /** the listings among the targets, crawled: replaced by what they found after the round */
  const listings = new Map<string, CrawlResult>();

  const checkOne = async (target: string, opts: RunOptions): Promise<Checked> => {
    const timeoutMs = opts.timeoutMs;
    const text = texts.get(target);
    if (text !== undefined) {
      const out = checkText(text, { kind: 'text', location: null, format: 'text' });
      return out.ok ? { ok: true, result: out.result } : { ok: false, reason: out.reason, noReport: true };
    }
    const file = files.get(target);
    if (file) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const guess = kindOf({ name: file.name, bytes, contentType: file.type || null });
      if (guess.kind === null) return { ok: false, reason: guess.what };
      return toChecked(await checkBytes(guess.kind, bytes, file.type || null, file.name, 'file', readers));
    }
    const got = await fetchDocument(target, { fetch: globalThis.fetch.bind(globalThis), timeoutMs, retries: 1 });
    if (!got.ok) return { ok: false, reason: got.reason };
    const outcome = await checkBytes(got.kind, got.bytes, got.contentType, got.finalUrl, 'url', readers);
    // a 年报 column's listing (or a found page that only attaches its report): what it links, as the CLI does
    const level = depth.get(target) ?? 0;
    const doc = level < 2 ? asListing(got, outcome, parseDom) : null;
    if (doc) {
      const maxPages = level === 0 ? opts.maxPages : 1;
      const crawl = await crawlListing(
        { url: got.finalUrl, doc },
        {
          maxPages,
          allowHosts: opts.allowHosts,
          parseHtml: (html) => parseDom(asDocument(html)),
          fetchHtml: async (url) => {
            const page = await fetchDocument(url, { fetch: globalThis.fetch.bind(globalThis), timeoutMs, retries: 1 });
            if (!page.ok) return { ok: false, reason: page.reason[lang] };
            if (page.kind !== 'html') return { ok: false, reason: lang === 'zh' ? '不是网页' : 'not a web page' };
            return { ok: true, html: decodeHtml(page.bytes, page.contentType), finalUrl: page.finalUrl };
          },
        },
      );
      listings.set(target, crawl);
      return { ok: false, noReport: true, reason: crawlWords(crawl, maxPages) };
    }
    return toChecked(outcome);
  };

  /**
   * The items with each crawled listing replaced by the reports it found (after it, in listed
   * order; one already in the list is not added again), their depth one more; the listing's line
   * said through `onNote`. A listing that found nothing on its site stays, its reason saying why.
   */
  const expand = (list: BatchItem[], onNote: (text: string) => void): BatchItem[] => {
    const out: BatchItem[] = [];
    const have = new Set(list.map((i) => i.target));
    for (const item of list) {
      const crawl = listings.get(item.target);
      if (!crawl || crawl.reports.length === 0) {
        out.push(item);
        continue;
      }
      listings.delete(item.target);
      const level = depth.get(item.target) ?? 0;
      if (level === 0) onNote(`${item.target}：${item.reason?.[lang] ?? ''}`);
      for (const r of crawl.reports) {
        if (have.has(r.url)) continue;
        have.add(r.url);
        depth.set(r.url, level + 1);
        out.push({ target: r.url, status: 'pending' });
      }
    }
    return out;
  };

  const drafts = { 'batch-urls': draftWriter('batch-urls'), 'batch-text': draftWriter('batch-text'), 'batch-hosts': draftWriter('batch-hosts') };
  // the tab is closing: what is still waiting goes now
  addEventListener('pagehide', () => Object.values(drafts).forEach((d) => d.flush()));
  /**
   * Check the pending items; listings among them give their reports (two rounds more at most:
   * listings, then pages that only attach their report); each body's series; the batch kept in the
   * history. Stopped (`signal`): nothing more is started — what a listing found is still listed,
   * pending, for 继续检查 — and what was checked is kept all the same.
   */
  const drive = async (items: BatchItem[], opts: RunOptions, onUpdate: (items: BatchItem[]) => void, onNote: (text: string) => void, signal?: AbortSignal): Promise<BatchItem[]> => {
    const check = (target: string): Promise<Checked> => checkOne(target, opts);
    let list = await runBatch(items, check, { concurrency: opts.concurrency, onUpdate, ...(signal ? { signal } : {}) });
    for (let round = 0; round < 2 && listings.size > 0; round++) {
      list = expand(list, onNote);
      onUpdate(list);
      if (signal?.aborted) break;
      list = await runBatch(list, check, { concurrency: opts.concurrency, onUpdate, ...(signal ? { signal } : {}) });
    }
    // last year from the kept history where the batch lacks it; then this batch kept for next year's
    const earlier = await keptRecords();
    const out = withSeries(list, earlier);
    const now = new Date();
    const recs = out.flatMap((i) => {
      const rec = i.result ? recordOf(i.result.report, texts.has(i.target) ? null : i.target, now) : null;
      return rec ? [rec] : [];
    });
    // a history that cannot be written (full, unreadable) costs the next comparison, never this batch's results
    await rememberAll(recs).catch(() => false);
    return out;
  };

  /** the history's records; none when it cannot be read (never a reason to stop a batch) */
  const keptRecords = async (): Promise<readonly YearRecord[]> => (await loadHistory().catch(() => null))?.records ?? [];

  return {
    async load() {
      const stored = await browser.storage.local.get(KEY);
      const r = StoredBatchSchema.safeParse(stored[KEY]);
      return r.success ? r.data.items : [];
    },
    async save(items) {
      await browser.storage.local.set({ [KEY]: { version: BATCH_VERSION, items, at: new Date().toISOString() } });
    },
    requestOrigins(urls) {
      const origins = [...new Set(urls.filter((u) => !GOV.test(u)).map((u) => `${new URL(u).origin}/*`))];
      if (origins.length === 0) return Promise.resolve(true);
      // called from the click, before any await: the request needs the user gesture
      return browser.permissions.request({ origins }).catch(() => false);
    },
    async run(targets, opts, onUpdate, onNote = () => undefined, signal) {
      files.clear();
      texts.clear();
      depth.clear();
      listings.clear();
      const items: BatchItem[] = targets.map((t, i) => {
        const target = t.url ?? t.file?.name ?? (lang === 'zh' ? `粘贴的文字 ${i + 1}` : `pasted text ${i + 1}`);
        if (t.file) files.set(target, t.file);
        if (t.text !== undefined) texts.set(target, t.text);
        return { target, status: 'pending' };
      });
      onUpdate(items);
      return drive(items, opts, onUpdate, onNote, signal);
    },
    async resume(items, opts, onUpdate, onNote = () => undefined, signal) {
      // what was left: a report cut off mid-check is checked again; a file or a pasted text this page no longer holds (it was closed) cannot be
      const list = items.map((i): BatchItem => {
        const status = i.status === 'running' ? 'pending' : i.status;
        if (status !== 'pending' || /^https?:\/\//i.test(i.target) || files.has(i.target) || texts.has(i.target)) return { ...i, status };
        return { target: i.target, status: 'failed', reason: { zh: '文件或粘贴的文字已不在本页（页面关闭过），请重新选择或粘贴', en: 'the file or pasted text is no longer in this page (it was closed): choose or paste it again' } };
      });
      onUpdate(list);
      return drive(list, opts, onUpdate, onNote, signal);
    },
    history: keptRecords,
    loadDraft,
    keepDraft: (field, value) => drafts[field](value),
    download(name, data, type) {
      const a = document.createElement('a');
      // a copy over a plain ArrayBuffer: what Blob takes
      const part: BlobPart = typeof data === 'string' ? data : new Uint8Array(data);
      a.href = URL.createObjectURL(new Blob([part], { type }));
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 5000);
    },
    csv(items) {
      return findingsToCsv(items.map(entryOf), { lang });
    },
    async xlsx(items) {
      // exceljs (~1 MB) is fetched only when a workbook is asked for
      const { findingsToXlsx } = await import('../../output/xlsx');
      return findingsToXlsx(
        items.map((i) => ({ ...entryOf(i), status: i.status })),
        { lang, earlier: await keptRecords() },
      );
    },
  };
}

/**
 * Each body's reports along its series (batch/series.ts): every report compared with the same
 * body's report for the year before in the batch — or, when the batch lacks that year, with the
 * record kept from an earlier check (`earlier`) — (上年结转, 现行有效, copied, year-on-year), its
 * status following what that adds.
 */
export function withSeries(items: BatchItem[], earlier: readonly YearRecord[] = []): BatchItem[] {
  const { results } = buildSeries(items.map((i) => ({ source: i.target, result: i.result })), { now: new Date(), earlier });
  return items.map((item, k) => {
    const result = results[k];
    return result && item.result ? { ...item, result, status: statusOf(result) } : item;
  });
}

function entryOf(i: BatchItem): CsvEntry {
  return i.result ? { source: i.target, result: i.result } : { source: i.target, failure: i.reason ?? { zh: STATUS_WORDS.zh[i.status], en: STATUS_WORDS.en[i.status] } };
}

function toChecked(out: Awaited<ReturnType<typeof checkBytes>>): Checked {
  if (out.ok) return { ok: true, result: out.result };
  return { ok: false, reason: out.reason, noReport: !out.scanned, pictures: out.scanned === true };
}

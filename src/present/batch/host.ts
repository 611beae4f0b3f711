import { browser } from 'wxt/browser';
import { fetchDocument, kindOf } from '../../fetch';
import { checkBytes, type DocumentReaders } from '../../batch/check-document';
import { checkText } from '../../pipeline';
import { BATCH_VERSION, runBatch, StoredBatchSchema, type BatchItem, type Checked } from '../../batch/run';
import { findingsToCsv, type CsvEntry } from '../csv';
import type { BatchHost } from './Batch';
import type { Lang } from '../i18n';
import { STATUS_WORDS } from '../status-words';

const KEY = 'batch';
const GOV = /^https?:\/\/([^/]+\.)?gov\.cn(:\d+)?\//i;

/** The extension page's side of the batch page: storage, permissions, fetching, PDF/Word readers. */
export function extensionBatchHost(lang: Lang): BatchHost {
  const readers: DocumentReaders = {
    parseHtml: (html) => new DOMParser().parseFromString(html, 'text/html'),
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

  const checkOne = async (target: string, timeoutMs: number): Promise<Checked> => {
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
    return toChecked(await checkBytes(got.kind, got.bytes, got.contentType, got.finalUrl, 'url', readers));
  };

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
    async run(targets, opts, onUpdate) {
      files.clear();
      texts.clear();
      const items: BatchItem[] = targets.map((t, i) => {
        const target = t.url ?? t.file?.name ?? (lang === 'zh' ? `粘贴的文字 ${i + 1}` : `pasted text ${i + 1}`);
        if (t.file) files.set(target, t.file);
        if (t.text !== undefined) texts.set(target, t.text);
        return { target, status: 'pending' };
      });
      onUpdate(items);
      return runBatch(items, (target) => checkOne(target, opts.timeoutMs), { concurrency: opts.concurrency, onUpdate });
    },
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
      const { findingsToXlsx } = await import('../xlsx');
      return findingsToXlsx(
        items.map((i) => ({ ...entryOf(i), status: i.status })),
        { lang },
      );
    },
  };
}

function entryOf(i: BatchItem): CsvEntry {
  return i.result ? { source: i.target, result: i.result } : { source: i.target, failure: i.reason ?? { zh: STATUS_WORDS.zh[i.status], en: STATUS_WORDS.en[i.status] } };
}

function toChecked(out: Awaited<ReturnType<typeof checkBytes>>): Checked {
  if (out.ok) return { ok: true, result: out.result };
  return { ok: false, reason: out.reason, noReport: !out.scanned, pictures: out.scanned === true };
}

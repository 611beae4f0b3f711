import { isOle2, isZip } from '../fetch/kind';
import { extractHtml, type HtmlExtractedDoc } from './html';
import type { DomDocument, DomElement } from './dom';
import { MAX_DOCX_INFLATED_BYTES } from './limits';

/**
 * A Word 2007+ document (.docx) → HTML with mammoth (default style map), which then goes through
 * the same `extractHtml` as a web page: merged cells come out as rowspan/colspan, so the tables
 * are read exactly like Word-exported HTML. Pictures are never read or embedded: each becomes an
 * `<img>` with a placeholder name, enough for "the tables are pictures". External files
 * (linked images, included documents) are never fetched.
 *
 * Old binary Word / WPS files (.doc, .wps: an OLE2 compound file, D0 CF 11 E0) are refused with
 * a message that says so; mammoth cannot read them and would only say "not a zip file".
 */

/** Why a file could not be converted, in both languages; `name` is the file when it was given. */
export class WordFileError extends Error {
  readonly reason: { zh: string; en: string };
  readonly code: 'legacy-word' | 'not-docx' | 'unreadable';
  constructor(code: WordFileError['code'], reason: { zh: string; en: string }) {
    super(reason.en);
    this.name = 'WordFileError';
    this.code = code;
    this.reason = reason;
  }
}

export interface DocxOptions {
  /** the file name or URL, for messages */
  name?: string;
}

export interface DocxHtml {
  html: string;
  /** mammoth's warnings (unrecognised styles, unsupported elements), kept for the result's notes */
  notes: string[];
}

function quoted(name: string | undefined): { zh: string; en: string } {
  return name ? { zh: `「${name}」`, en: `"${name}" ` } : { zh: '该文件', en: 'the file ' };
}

/**
 * Why an old binary Word / WPS file is refused (the CLI and the batch page say the same). With a
 * name, the message names the file.
 */
export function legacyWordReason(name?: string): { zh: string; en: string } {
  return {
    zh: `暂不支持 .doc/.wps 文件：${name ? `「${name}」` : '该文件'}是旧版 Word 97-2003 或 WPS 格式，请用 Word 或 WPS 另存为 .docx、网页或文本后再检查`,
    en: `.doc/.wps files are not supported: ${name ? `"${name}"` : 'the file'} is in the old Word 97-2003 or WPS format; save it as .docx, a web page or text first`,
  };
}

/** Throws WordFileError unless the bytes are a ZIP (as every .docx is). */
export function assertDocx(bytes: Uint8Array, options: DocxOptions = {}): void {
  const q = quoted(options.name);
  if (isOle2(bytes)) throw new WordFileError('legacy-word', legacyWordReason(options.name));
  if (!isZip(bytes)) {
    throw new WordFileError('not-docx', {
      zh: `${q.zh}不是有效的 Word 2007+（.docx）文件`,
      en: `${q.en}is not a valid Word 2007+ (.docx) file`,
    });
  }
}

/**
 * What the ZIP's central directory says its entries inflate to, all together; null when there is
 * no readable directory (mammoth then says the file is broken). A ZIP64 size (0xFFFFFFFF) counts
 * as too large: no .docx report is 4 GB. Read before anything is inflated: a 400 KB zip bomb once
 * took mammoth to 2.1 GB.
 */
export function zipInflatedSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number): number => view.getUint16(at, true);
  const u32 = (at: number): number => view.getUint32(at, true);
  const eocd = endOfDirectory(bytes, view);
  if (eocd < 0) return null;
  const entries = u16(eocd + 10);
  let at = u32(eocd + 16);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > bytes.length || u32(at) !== 0x02014b50) return null;
    const size = u32(at + 24);
    total += size === 0xffffffff ? Number.POSITIVE_INFINITY : size;
    at += 46 + u16(at + 28) + u16(at + 30) + u16(at + 32);
  }
  return total;
}

/**
 * What the ZIP's entries really inflate to, all together, counted as they inflate and stopped as
 * soon as the count passes `limit` (then a number over `limit` is returned, nothing more is
 * inflated). The sizes in a ZIP's headers are only what the file claims: a crafted file declares a
 * few KB and inflates to gigabytes, and the library inside mammoth inflates a whole entry before
 * it looks at the size. Null when there is no readable directory (mammoth then says the file is
 * broken). An entry that is neither stored nor deflated, or whose data ends or breaks early, counts
 * what came out of it (mammoth refuses such a file itself). Uses DecompressionStream
 * ('deflate-raw'), in Node 20 as in the browsers the extension supports.
 */
export async function zipInflatedBounded(bytes: Uint8Array, limit: number): Promise<number | null> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number): number => view.getUint16(at, true);
  const u32 = (at: number): number => view.getUint32(at, true);
  const eocd = endOfDirectory(bytes, view);
  if (eocd < 0) return null;
  const entries = u16(eocd + 10);
  let at = u32(eocd + 16);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > bytes.length || u32(at) !== 0x02014b50) return null;
    const method = u16(at + 10);
    const compressed = u32(at + 20);
    const local = u32(at + 42);
    at += 46 + u16(at + 28) + u16(at + 30) + u16(at + 32);
    if (local + 30 > bytes.length || u32(local) !== 0x04034b50) continue;
    const start = local + 30 + u16(local + 26) + u16(local + 28);
    const data = bytes.subarray(Math.min(start, bytes.length), Math.min(start + compressed, bytes.length));
    if (method === 0) total += data.length;
    else if (method === 8) total += await inflatedUpTo(data, limit - total);
    if (total > limit) return total;
  }
  return total;
}

/** The bytes a raw deflate stream inflates to, read chunk by chunk and cancelled once past `budget`. */
async function inflatedUpTo(data: Uint8Array, budget: number): Promise<number> {
  const reader = new Blob([data.slice()]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  let n = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return n;
      n += value.byteLength;
      if (n > budget) {
        await reader.cancel().catch(() => undefined);
        return n;
      }
    }
  } catch {
    return n; // data that ends or breaks early: what came out of it
  }
}

/** Where the end-of-central-directory record starts (22 bytes and a comment of at most 65,535); -1 when there is none. */
function endOfDirectory(bytes: Uint8Array, view: DataView): number {
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65_535); at--) {
    if (view.getUint32(at, true) === 0x06054b50) return at;
  }
  return -1;
}

/** A size for a message: KB below a megabyte, else MB with one decimal. */
function sizeText(bytes: number): string {
  return bytes < 1_000_000 ? `${Math.max(1, Math.ceil(bytes / 1_000))} KB` : `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** mammoth's input: `arrayBuffer` is what its browser build reads, `buffer` its Node build. */
interface MammothInput {
  arrayBuffer: ArrayBuffer;
  buffer: Buffer;
}

export async function convertDocx(bytes: Uint8Array, options: DocxOptions = {}): Promise<DocxHtml> {
  assertDocx(bytes, options);
  const q = quoted(options.name);
  const mb = Math.round(MAX_DOCX_INFLATED_BYTES / 1_000_000);
  // what the headers declare first (nothing inflated), then what the entries really inflate to,
  // stopped at the limit: a file whose headers understate its sizes is caught while it inflates
  const declared = zipInflatedSize(bytes);
  if (declared !== null && declared > MAX_DOCX_INFLATED_BYTES) {
    throw new WordFileError('unreadable', {
      zh: `${q.zh}解压后过大（超过 ${mb} MB），未读取`,
      en: `${q.en}is too large once unpacked (over ${mb} MB); not read`,
    });
  }
  const real = await zipInflatedBounded(bytes, MAX_DOCX_INFLATED_BYTES);
  if (real !== null && real > MAX_DOCX_INFLATED_BYTES) {
    throw new WordFileError('unreadable', {
      zh: `${q.zh}解压后过大（超过 ${mb} MB，而文件头所记大小${declared === null ? '无法读取' : `只有 ${sizeText(declared)}`}，文件可能经过篡改），已停止解压，未读取`,
      en: `${q.en}is too large once unpacked (over ${mb} MB, while its headers claim ${declared === null ? 'nothing readable' : sizeText(declared)}: the file may have been tampered with); unpacking was stopped, not read`,
    });
  }
  // Lazy: the extension loads mammoth only when a Word file is checked.
  const mammoth = (await import('mammoth')).default;
  const arrayBuffer = bytes.slice().buffer;
  // JSZip (inside mammoth) takes an ArrayBuffer in Node as well as in the browser.
  const input: MammothInput = { arrayBuffer, buffer: arrayBuffer as unknown as Buffer };
  let count = 0;
  const placeholder = mammoth.images.imgElement((image) => {
    count += 1;
    const ext = /^image\/([a-z0-9+.-]+)$/i.exec(image.contentType)?.[1]?.replace('jpeg', 'jpg').replace(/\+.*$/, '') ?? 'bin';
    return Promise.resolve({ src: `docx-image-${count}.${ext}` });
  });
  try {
    const result = await mammoth.convertToHtml(input, { convertImage: placeholder, externalFileAccess: false });
    return { html: result.value, notes: result.messages.map((m) => `docx: ${m.message}`) };
  } catch (e) {
    const q = quoted(options.name);
    // the first line only, and short: a broken document.xml's message can quote its raw bytes
    const why = (e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e).split('\n')[0] ?? '').slice(0, 120);
    throw new WordFileError('unreadable', { zh: `无法读取${q.zh}：${why}`, en: `${q.en}could not be read: ${why}` });
  }
}

/** The HTML mammoth makes of a .docx (warnings dropped; use convertDocx to keep them). */
export async function docxToHtml(bytes: Uint8Array, options: DocxOptions = {}): Promise<string> {
  return (await convertDocx(bytes, options)).html;
}

/**
 * A .docx → the same extracted document a web page gives. `parse` turns HTML into a document:
 * the light tree (light-dom.ts) or linkedom in Node, DOMParser in the extension. mammoth's warnings become notes.
 */
export async function extractDocx(bytes: Uint8Array, parse: (html: string) => DomDocument, options: DocxOptions = {}): Promise<HtmlExtractedDoc<DomElement>> {
  const { html, notes } = await convertDocx(bytes, options);
  const doc = parse(`<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${html}</body></html>`);
  const out = extractHtml(doc);
  out.notes.push(...notes);
  return out;
}

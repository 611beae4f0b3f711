import { isOle2, isZip } from '../fetch/kind';
import { extractHtml, type HtmlExtractedDoc } from './html';
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
  // the end-of-central-directory record: 22 bytes and a comment of at most 65,535
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65_535); at--) {
    if (u32(at) === 0x06054b50) {
      eocd = at;
      break;
    }
  }
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

/** mammoth's input: `arrayBuffer` is what its browser build reads, `buffer` its Node build. */
interface MammothInput {
  arrayBuffer: ArrayBuffer;
  buffer: Buffer;
}

export async function convertDocx(bytes: Uint8Array, options: DocxOptions = {}): Promise<DocxHtml> {
  assertDocx(bytes, options);
  const inflated = zipInflatedSize(bytes);
  if (inflated !== null && inflated > MAX_DOCX_INFLATED_BYTES) {
    const q = quoted(options.name);
    const mb = Math.round(MAX_DOCX_INFLATED_BYTES / 1_000_000);
    throw new WordFileError('unreadable', {
      zh: `${q.zh}解压后过大（超过 ${mb} MB），未读取`,
      en: `${q.en}is too large once unpacked (over ${mb} MB); not read`,
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
 * A .docx → the same extracted document a web page gives. `parse` turns HTML into a Document:
 * linkedom's parseHTML in Node, DOMParser in the extension. mammoth's warnings become notes.
 */
export async function extractDocx(bytes: Uint8Array, parse: (html: string) => Document, options: DocxOptions = {}): Promise<HtmlExtractedDoc> {
  const { html, notes } = await convertDocx(bytes, options);
  const doc = parse(`<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${html}</body></html>`);
  const out = extractHtml(doc);
  out.notes.push(...notes);
  return out;
}

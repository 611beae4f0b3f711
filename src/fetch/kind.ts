/**
 * What a downloaded or saved file is: a web page, a PDF, a Word 2007+ document (.docx), an old
 * binary Word/WPS document (.doc, .wps — refused later, with a message), or plain text.
 *
 * The declared kind comes from the Content-Type header, then the file name (Content-Disposition,
 * the URL's path, a `filename=` query value as on `downfile.jsp?filename=…pdf` links). The magic
 * bytes decide when nothing useful is declared, and they win when they clearly contradict the
 * declaration: gov.cn servers label attachments `text/html`, and answer a dead `.pdf` link with
 * an HTML error page and status 200.
 */

export type DocumentKind = 'html' | 'pdf' | 'docx' | 'doc' | 'text';

/** A kind, or what the bytes are instead (an image, a spreadsheet…), in both languages. */
export type KindGuess = { kind: DocumentKind } | { kind: null; what: { zh: string; en: string } };

export interface KindInput {
  /** Content-Type header value; null for a file on disk */
  contentType?: string | null;
  /** Content-Disposition header value */
  contentDisposition?: string | null;
  /** the URL (final, after redirects) or the file path */
  name?: string | null;
  bytes: Uint8Array;
}

type Declared = DocumentKind | 'image' | 'sheet' | 'other-office' | null;

const CONTENT_TYPES: readonly (readonly [RegExp, Declared])[] = [
  [/^(text\/html|application\/xhtml\+xml)$/, 'html'],
  [/^application\/(x-)?pdf$/, 'pdf'],
  [/^application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.(document|template)$/, 'docx'],
  [/^application\/(msword|vnd\.ms-word|kswps|wps-office\.(doc|wps)|vnd\.ms-works|x-msword)$/, 'doc'],
  [/^text\/plain$/, 'text'],
  [/^image\//, 'image'],
  [/^application\/(vnd\.ms-excel|vnd\.openxmlformats-officedocument\.spreadsheetml\.\w+|kset|wps-office\.(xls|xlsx|et))$/, 'sheet'],
  [/^application\/(vnd\.ms-powerpoint|vnd\.openxmlformats-officedocument\.presentationml\.\w+|rtf)$|^text\/rtf$/, 'other-office'],
];

const EXTENSIONS: Readonly<Record<string, Declared>> = {
  html: 'html',
  htm: 'html',
  shtml: 'html',
  shtm: 'html',
  xhtml: 'html',
  mht: null,
  pdf: 'pdf',
  docx: 'docx',
  docm: 'docx',
  dotx: 'docx',
  doc: 'doc',
  wps: 'doc',
  dot: 'doc',
  txt: 'text',
  png: 'image',
  jpg: 'image',
  jpeg: 'image',
  gif: 'image',
  bmp: 'image',
  webp: 'image',
  xls: 'sheet',
  xlsx: 'sheet',
  et: 'sheet',
  ppt: 'other-office',
  pptx: 'other-office',
  rtf: 'other-office',
};

function declaredByContentType(contentType: string | null | undefined): Declared {
  const mime = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  for (const [re, kind] of CONTENT_TYPES) if (re.test(mime)) return kind;
  return null; // absent, application/octet-stream, x-download, force-download, …: says nothing
}

/** The file name a Content-Disposition header gives (`filename*=UTF-8''…` preferred). */
export function dispositionFileName(header: string | null | undefined): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*([\w-]+)'[^']*'([^;]+)/i.exec(header);
  if (star?.[2]) {
    try {
      return decodeURIComponent(star[2].trim());
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
  const name = plain?.[2] ?? plain?.[1];
  return name ? name.trim() : null;
}

function extOf(name: string): string | null {
  const m = /\.([a-z0-9]{1,5})$/i.exec(name.trim());
  return m?.[1]?.toLowerCase() ?? null;
}

/** Declared by a name: the last path segment, else a query value that looks like a file name. */
function declaredByName(name: string | null | undefined): Declared {
  if (!name) return null;
  let path = name;
  let queryValues: string[] = [];
  if (/^https?:\/\//i.test(name)) {
    try {
      const u = new URL(name);
      path = decodeURIComponent(u.pathname);
      queryValues = [...u.searchParams.values()];
    } catch {
      // not a URL after all: use it as a path
    }
  }
  const ext = extOf(path);
  if (ext && ext in EXTENSIONS) return EXTENSIONS[ext] ?? null;
  for (const v of queryValues) {
    const e = extOf(v);
    if (e && e in EXTENSIONS) return EXTENSIONS[e] ?? null;
  }
  return null;
}

type Magic = DocumentKind | 'zip' | 'image' | 'rtf' | 'binary' | null;

function startsWith(bytes: Uint8Array, sig: readonly number[], at = 0): boolean {
  return sig.every((b, i) => bytes[at + i] === b);
}

function containsAscii(bytes: Uint8Array, needle: string, limit = bytes.length): boolean {
  const n = Array.from(needle, (c) => c.charCodeAt(0));
  const end = Math.min(limit, bytes.length) - n.length;
  outer: for (let i = 0; i <= end; i++) {
    for (let k = 0; k < n.length; k++) if (bytes[i + k] !== n[k]) continue outer;
    return true;
  }
  return false;
}

export const OLE2_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;
export const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04] as const;

/** OLE2 compound file: Word 97–2003 .doc, WPS .wps (and .xls/.ppt). */
export function isOle2(bytes: Uint8Array): boolean {
  return startsWith(bytes, OLE2_SIGNATURE);
}

/** A ZIP archive (DOCX is one). */
export function isZip(bytes: Uint8Array): boolean {
  return startsWith(bytes, ZIP_SIGNATURE);
}

/** What the first bytes say, or null when they could be any text. */
export function sniffMagic(bytes: Uint8Array): Magic {
  if (bytes.length === 0) return null;
  if (containsAscii(bytes, '%PDF-', 1024)) return 'pdf';
  if (isOle2(bytes)) return 'doc';
  if (isZip(bytes)) return containsAscii(bytes, 'word/') ? 'docx' : 'zip';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) || startsWith(bytes, [0xff, 0xd8, 0xff]) || startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'image';
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return 'rtf'; // {\rtf
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048)).replace(/^\uFEFF|^\u00ef\u00bb\u00bf/, '');
  if (/^\s*<(?:!doctype\s+html|html|head|body|meta|title|table|div|p|!--|script|link|style|center|font|span|h\d)\b/i.test(head)) return 'html';
  // NUL bytes in the first 2 KB and no UTF-16 BOM: not text.
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16 && bytes.subarray(0, 2048).includes(0)) return 'binary';
  return null;
}

const WHAT = {
  image: { zh: '图片', en: 'a picture' },
  sheet: { zh: '电子表格', en: 'a spreadsheet' },
  'other-office': { zh: '不支持的办公文档（演示文稿或 RTF）', en: 'an unsupported office document (presentation or RTF)' },
  zip: { zh: 'ZIP 压缩包', en: 'a ZIP archive' },
  rtf: { zh: 'RTF 文档', en: 'an RTF document' },
  binary: { zh: '二进制文件', en: 'a binary file' },
} as const;

/** The kind of a document from what is declared about it and its first bytes. */
export function kindOf(input: KindInput): KindGuess {
  const magic = sniffMagic(input.bytes);
  const declared =
    declaredByContentType(input.contentType) ?? declaredByName(dispositionFileName(input.contentDisposition)) ?? declaredByName(input.name);

  // Bytes that are clearly something: they win over a wrong label.
  if (magic === 'pdf' || magic === 'doc' || magic === 'docx') {
    // An OLE2 file declared as a spreadsheet is an .xls, not a Word document.
    if (magic === 'doc' && (declared === 'sheet' || declared === 'other-office')) return { kind: null, what: WHAT[declared] };
    return { kind: magic };
  }
  if (magic === 'zip') {
    if (declared === 'docx') return { kind: 'docx' };
    return { kind: null, what: declared === 'sheet' || declared === 'other-office' ? WHAT[declared] : WHAT.zip };
  }
  if (magic === 'image' || magic === 'rtf' || magic === 'binary') return { kind: null, what: WHAT[magic] };
  // Text of some sort. A PDF/Word label on markup is an error page; on other text, trust the bytes too.
  if (declared === 'pdf' || declared === 'docx') return { kind: magic === 'html' ? 'html' : 'text' };
  if (declared === 'doc') {
    // Word's "save as web page" kept the .doc name: HTML inside. Anything else stays a .doc to refuse.
    return { kind: magic === 'html' ? 'html' : 'doc' };
  }
  if (declared === 'image' || declared === 'sheet' || declared === 'other-office') {
    return magic === 'html' ? { kind: 'html' } : { kind: null, what: WHAT[declared] };
  }
  if (declared === 'html' || declared === 'text') return { kind: declared };
  return { kind: magic === 'html' ? 'html' : 'text' };
}

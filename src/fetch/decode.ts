/**
 * Bytes of a web page or text file → string, the way a browser would pick the encoding, with the
 * habits of gov.cn servers in mind (GBK/GB2312 pages, a server-wide `charset=utf-8` on GBK pages).
 *
 * Order: a byte-order mark (it cannot lie); the charset of the Content-Type header, unless it says
 * UTF-8 and the bytes are not UTF-8; for HTML the `<meta charset>` / `<meta http-equiv>` (or an
 * XML declaration) near the top; then sniffing: strict UTF-8, else GB18030 (a superset of GBK and
 * GB2312). No DOM, no Node API: runs in the CLI and in the extension.
 */

/** The WHATWG decoder name for a charset label, or null when TextDecoder does not know it. */
export function decoderName(label: string): string | null {
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (l === '') return null;
  // GBK and GB2312 pages are decoded with the GB18030 decoder: a superset, and what browsers do.
  if (/^(gb2312|gbk|gb18030|x-gbk|cp936|ms936|windows-936|csgb2312|gb_2312|gb_2312-80|chinese|csgb231280|iso-ir-58)$/.test(l)) return 'gb18030';
  try {
    return new TextDecoder(l).encoding;
  } catch {
    return null;
  }
}

/** The `charset=` parameter of a Content-Type header value, if any. */
export function charsetOfContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const m = /;\s*charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType);
  return m?.[2] ?? null;
}

/** The charset an HTML page declares in its first bytes (`<meta charset>`, `http-equiv`, `<?xml encoding>`). */
export function charsetOfMeta(bytes: Uint8Array): string | null {
  // Latin-1 keeps every byte as one char, so ASCII markup is found whatever the real encoding.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 16384));
  const meta = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  if (meta?.[1]) return meta[1];
  const xml = /^\s*<\?xml\b[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  return xml?.[1] ?? null;
}

function bomDecode(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return null;
}

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Decode with a declared label; null when the label is unknown, or claims UTF-8 for bytes that are not. */
function declared(bytes: Uint8Array, label: string | null): string | null {
  if (!label) return null;
  const name = decoderName(label);
  if (!name) return null;
  if (name === 'utf-8') return strictUtf8(bytes);
  // UTF-16 declared without a BOM in an ASCII-compatible page is always a lie (HTML spec rule).
  if (name === 'utf-16le' || name === 'utf-16be') return null;
  return new TextDecoder(name).decode(bytes);
}

function sniff(bytes: Uint8Array): string {
  return strictUtf8(bytes) ?? new TextDecoder('gb18030').decode(bytes);
}

/** An HTML page's bytes and its Content-Type header value (null when unknown, e.g. a saved file). */
export function decodeHtml(bytes: Uint8Array, contentTypeHeader: string | null | undefined): string {
  return bomDecode(bytes) ?? declared(bytes, charsetOfContentType(contentTypeHeader)) ?? declared(bytes, charsetOfMeta(bytes)) ?? sniff(bytes);
}

/** Plain text (a .txt copied from Word or PDF): BOM, header charset, then sniffing — no markup to read. */
export function decodeText(bytes: Uint8Array, contentTypeHeader: string | null | undefined): string {
  return bomDecode(bytes) ?? declared(bytes, charsetOfContentType(contentTypeHeader)) ?? sniff(bytes);
}

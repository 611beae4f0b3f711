/**
 * Bytes of a saved page or text file → string. GBK/GB2312/GB18030 pages are common on gov.cn:
 * BOM first, then an HTML `<meta charset>`, then strict UTF-8, then GB18030 (a superset of GBK).
 */
export function decodeBytes(bytes: Uint8Array, ext: string): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (ext !== '.txt') {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
    const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
    const label = m?.[1]?.toLowerCase();
    if (label) {
      const name = /^(gb2312|gbk|gb18030|x-gbk|cp936)$/.test(label) ? 'gb18030' : label;
      try {
        return new TextDecoder(name).decode(bytes);
      } catch {
        // unknown label: fall through to sniffing
      }
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

import { decodeHtml, decodeText } from '../fetch/decode';

export { decodeHtml, decodeText } from '../fetch/decode';

/**
 * Bytes of a saved page or text file → string (kept for callers of the old CLI helper; the logic
 * lives in src/fetch/decode.ts, shared with the URL fetcher and the extension's batch page).
 * `.txt` files are not searched for a `<meta charset>`.
 */
export function decodeBytes(bytes: Uint8Array, ext: string): string {
  return ext.toLowerCase() === '.txt' ? decodeText(bytes, null) : decodeHtml(bytes, null);
}

/**
 * Cheap signals that a page may hold a disclosure annual report, read before any full walk so an
 * ordinary gov.cn page pays close to nothing: the title, the headings, and the first words of a
 * few tables. Same-origin iframes are looked at the same way (their content may be the report).
 */
const TITLE = /(政府信息公[开開]|政务公开).{0,16}年[度度]?[报報]告|年[度度][报報]告.{0,6}政府信息公[开開]/;
const TABLE_WORDS = /本年新收|第二十条|上年结转|行政复议|本年制发件数|本年新制作数量|申请人情况|本年新收|上年結轉/;
const MAX_TABLES = 12;
const MAX_TABLE_TEXT = 600;

export function mayHoldReport(doc: Document, depth = 0): boolean {
  if (TITLE.test(doc.title)) return true;
  const heads = doc.querySelectorAll('h1, h2, h3, .title, .article-title, [class*="title"]');
  for (let i = 0; i < heads.length && i < 20; i++) {
    const t = heads[i]?.textContent ?? '';
    if (t.length < 200 && TITLE.test(t)) return true;
  }
  const tables = doc.getElementsByTagName('table');
  for (let i = 0; i < tables.length && i < MAX_TABLES; i++) {
    const t = (tables[i]?.textContent ?? '').slice(0, MAX_TABLE_TEXT);
    if (TABLE_WORDS.test(t)) return true;
  }
  if (depth < 2) {
    const frames = doc.getElementsByTagName('iframe');
    for (let i = 0; i < frames.length && i < 8; i++) {
      let inner: Document | null = null;
      try {
        inner = (frames[i] as HTMLIFrameElement).contentDocument;
      } catch {
        inner = null; // cross-origin
      }
      if (inner?.body && mayHoldReport(inner, depth + 1)) return true;
    }
  }
  return false;
}

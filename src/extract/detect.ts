/**
 * Cheap signals that a page may hold a disclosure annual report, read before any full walk so an
 * ordinary gov.cn page pays close to nothing: the title, the first words of a few tables, the
 * main headings. Live element lists are read by index (never a whole-document selector), and
 * same-origin iframes are looked at the same way (their content may be the report).
 */
const TITLE = /(政府信息公[开開]|政务公开).{0,16}年[度度]?[报報]告|年[度度][报報]告.{0,6}政府信息公[开開]/;
const TABLE_WORDS = /本年新收|第二十条|上年结转|行政复议|本年制发件数|本年新制作数量|申请人情况|上年結轉|行政複議/;
const MAX_TABLES = 12;
const MAX_TABLE_TEXT = 600;
const MAX_HEADINGS = 8;

export function mayHoldReport(doc: Document, depth = 0): boolean {
  if (TITLE.test(doc.title)) return true;
  const tables = doc.getElementsByTagName('table');
  for (let i = 0; i < MAX_TABLES; i++) {
    const t = tables[i];
    if (!t) break;
    if (TABLE_WORDS.test((t.textContent ?? '').slice(0, MAX_TABLE_TEXT))) return true;
  }
  for (const tag of ['h1', 'h2']) {
    const heads = doc.getElementsByTagName(tag);
    for (let i = 0; i < MAX_HEADINGS; i++) {
      const h = heads[i];
      if (!h) break;
      const t = h.textContent ?? '';
      if (t.length < 200 && TITLE.test(t)) return true;
    }
  }
  if (depth < 2) {
    const frames = doc.getElementsByTagName('iframe');
    for (let i = 0; i < 8; i++) {
      const f = frames[i];
      if (!f) break;
      let inner: Document | null = null;
      try {
        inner = (f as HTMLIFrameElement).contentDocument;
      } catch {
        inner = null; // cross-origin
      }
      if (inner?.body && mayHoldReport(inner, depth + 1)) return true;
    }
  }
  return false;
}

/** Mutations worth a second look: a table or an iframe arrived (not every carousel tick). */
export function addsTables(records: MutationRecord[]): boolean {
  for (const r of records) {
    for (let i = 0; i < r.addedNodes.length; i++) {
      const n = r.addedNodes[i];
      if (!n || n.nodeType !== 1) continue;
      const el = n as Element;
      if (el.nodeName === 'GOV-REPORT-CHECK') continue;
      if (el.nodeName === 'TABLE' || el.nodeName === 'IFRAME' || el.getElementsByTagName('table').length > 0 || el.getElementsByTagName('iframe').length > 0) return true;
    }
  }
  return false;
}

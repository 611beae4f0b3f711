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
  // One walk over the document for everything below (each live list read past its end walks the
  // whole page again: on a 2 MB page that is ~1 ms a time).
  const nodes = doc.querySelectorAll('table, h1, h2, iframe');
  let tables = 0;
  let heads = 0;
  let frames = 0;
  for (let i = 0; i < nodes.length; i++) {
    const el = nodes[i];
    if (!el) break;
    const tag = el.nodeName;
    if (tag === 'TABLE') {
      if (tables++ < MAX_TABLES && TABLE_WORDS.test((el.textContent ?? '').slice(0, MAX_TABLE_TEXT))) return true;
    } else if (tag === 'IFRAME') {
      if (depth >= 2 || frames++ >= 8) continue;
      let inner: Document | null = null;
      try {
        inner = (el as HTMLIFrameElement).contentDocument;
      } catch {
        inner = null; // cross-origin
      }
      if (inner?.body && mayHoldReport(inner, depth + 1)) return true;
    } else if (heads++ < MAX_HEADINGS * 2) {
      const t = el.textContent ?? '';
      if (t.length < 200 && TITLE.test(t)) return true;
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

/**
 * Cheap signals that a page may hold a disclosure annual report, read before any full walk so an
 * ordinary gov.cn page pays close to nothing: the title and <head> metadata first, then the first
 * heading and the first words of a few tables, then same-origin frames (their content may be the
 * report).
 */
const TITLE = /(政府信息公[开開]|政务公开).{0,16}年[度度]?[报報]告|年[度度][报報]告.{0,6}政府信息公[开開]/;
const TABLE_WORDS = /本年新收|第二十条|上年结转|行政复议|本年制发件数|本年新制作数量|申请人情况|上年結轉|行政複議/;
const MAX_TABLES = 12;
const MAX_TABLE_TEXT = 600;

export function mayHoldReport(doc: Document, depth = 0): boolean {
  // 1. what costs nothing: the title and the <head>'s metadata (gov.cn CMSs name the article
  //    and its column there: ArticleTitle, ColumnName = 政府信息公开年报)
  if (TITLE.test(doc.title)) return true;
  const metas = doc.head?.getElementsByTagName('meta');
  for (let i = 0; metas && i < metas.length && i < 40; i++) {
    const content = metas[i]?.getAttribute('content') ?? '';
    if (content.length < 200 && (TITLE.test(content) || /信息公开年报|政府信息公开工作年度报告/.test(content))) return true;
  }
  // 2. the first heading and the first few tables: live lists read by index stop as soon as they
  //    have what they need (never `.length`, never a whole-document selector)
  const h1 = doc.getElementsByTagName('h1')[0];
  if (h1 && TITLE.test((h1.textContent ?? '').slice(0, 200))) return true;
  const tables = doc.getElementsByTagName('table');
  for (let i = 0; i < MAX_TABLES; i++) {
    const t = tables[i];
    if (!t) break;
    if (TABLE_WORDS.test((t.textContent ?? '').slice(0, MAX_TABLE_TEXT))) return true;
  }
  // 3. same-origin frames, counted by the window (no DOM walk)
  const frames = doc.defaultView?.frames;
  if (depth < 2 && frames) {
    for (let i = 0; i < frames.length && i < 8; i++) {
      let inner: Document | null = null;
      try {
        inner = frames[i]?.document ?? null;
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

/**
 * Cheap signals that a page may hold a disclosure annual report. The detector runs this on every
 * gov.cn page, in the extension's isolated world, where the first touch of each kind of DOM object
 * (an element wrapper of a new type, an HTMLCollection…) costs 0.3–0.5 ms. So it reads strings
 * only: the page title, then ONE boolean XPath (no node ever crosses into JavaScript), then
 * same-origin frames (only when the window has frames). On the 2 MB ordinary page /big-news.html the
 * whole detector adds ~0.8–0.95 ms of main-thread time to a content script that reads
 * document.title (Chromium 156, traced thread time and ScriptDuration, medians of 21–25 loads on a
 * shared 2-core machine, noise ±0.1 ms); the getElementsByTagName + textContent version it
 * replaced added ~2.0–2.8 ms.
 *
 * Each `/descendant::` in the XPath is a walk of the whole document (~0.25 ms cold on 2 MB, less
 * for the second): two (h1, table), or one on pages that carry an ArticleTitle meta. One walk for
 * both (`//*[self::h1 or self::table]`) is 3–10× slower: the per-element predicate costs more than
 * a second name-test walk. Positions are taken on the
 * descendant axis (`/descendant::h1[position()<=3]`), not as `(//h1)[…]`: the same in XPath 1.0,
 * but jsdom (the unit tests' DOM) gets the parenthesised form wrong.
 */

/**
 * A report title: 政府信息公开 / 政务公开 … 年度报告 (or the reverse order), simplified or traditional.
 * A function, not a constant: a regex literal is built where it is evaluated (~0.05–0.1 ms cold in
 * a fresh isolated world, measured in Chromium 156), and most pages' titles never get that far.
 */
const isReportTitle = (title: string): boolean => /(政府信息公[开開]|政[务務]公[开開]).{0,16}年度?[报報]告|年度[报報]告.{0,6}政府信息公[开開]/.test(title);
/**
 * The words that open the standard tables (2019 and 2021 national templates), most frequent first;
 * REPORT_XPATH names each (test/unit/detect.test.ts checks it).
 */
export const TABLE_WORDS = ['第二十条', '申请人情况', '行政复议', '本年新收', '上年结转', '本年制发件数', '本年新制作数量', '上年結轉', '行政複議'];
const MAX_FRAME_DEPTH = 2;
const MAX_FRAMES = 8;
/** XPathResult.BOOLEAN_TYPE, written out: reading the XPathResult global would build its interface object. */
const BOOLEAN_TYPE = 3;

/**
 * The page's report signals, as one XPath (1.0: no variables, no regex, so each contains() names
 * its string again). Written out as string literals, which the minifier joins into one: building it
 * from the word list at run time cost measurable cold script on every page.
 * - `/html/head/meta` (no document walk): a content under 200 characters naming the report or its
 *   column (CMSs write ArticleTitle, ColumnName = 政府信息公开年报, Keywords there), 開務報 folded
 *   to 开务报 by translate() (which costs per letter and character: three letters only). Every
 *   such content holds 报 or 報: two plain contains() first, so most metas never reach the seven
 *   translate()s;
 * - the first 3 <h1> (a site banner in an <h1> must not hide the article's title in a later one):
 *   one whose first 200 characters read like a report title (isReportTitle), both parts anywhere
 *   (and, first, 报 or 報). Only on pages without a
 *   non-empty <meta name="ArticleTitle">: where the CMS states the article's title (the national
 *   government-website guidelines ask for it, so most gov.cn CMSs write it), the meta check above
 *   has read it already, and skipping the h1 saves a document walk (~0.2 ms on 2 MB). A page whose
 *   ArticleTitle is wrong and whose report title is only in an h1 is then found by its tables;
 * - the first 12 <table> (document order, nested ones included) with fewer than 5000 elements: one
 *   whose first 600 characters hold one of TABLE_WORDS. A report whose tables come later (the 13th
 *   table on) is not seen here: its title, meta or h1 must say it. 5000 elements is page layout, not
 *   a report table (the largest fixture table, one-table.html, has ~900): an old CMS's nested
 *   layout tables hold the whole page, and reading their 2 MB text for each word cost 60 ms on a
 *   table-layout page (measured once in Chromium; 1.4 ms with the guard, the old detector 5 ms).
 */
export const REPORT_XPATH =
  'boolean(' +
  "/html/head/meta[string-length(@content)<200][contains(@content,'报') or contains(@content,'報')][contains(translate(@content,'開務報','开务报'),'信息公开年报')" +
  " or (contains(translate(@content,'開務報','开务报'),'年度报告') or contains(translate(@content,'開務報','开务报'),'年报告'))" +
  " and (contains(translate(@content,'開務報','开务报'),'信息公开') or contains(translate(@content,'開務報','开务报'),'政务公开'))]" +
  " or not(/html/head/meta[@name='ArticleTitle'][normalize-space(@content)!='']) and /descendant::h1[position()<=3][contains(substring(.,1,200),'报') or contains(substring(.,1,200),'報')]" +
  "[contains(translate(substring(.,1,200),'開務報','开务报'),'年度报告') or contains(translate(substring(.,1,200),'開務報','开务报'),'年报告')]" +
  "[contains(translate(substring(.,1,200),'開務報','开务报'),'信息公开') or contains(translate(substring(.,1,200),'開務報','开务报'),'政务公开')]" +
  ' or /descendant::table[position()<=12][count(descendant::*)<5000]' +
  "[contains(substring(.,1,600),'第二十条') or contains(substring(.,1,600),'申请人情况') or contains(substring(.,1,600),'行政复议')" +
  " or contains(substring(.,1,600),'本年新收') or contains(substring(.,1,600),'上年结转') or contains(substring(.,1,600),'本年制发件数')" +
  " or contains(substring(.,1,600),'本年新制作数量') or contains(substring(.,1,600),'上年結轉') or contains(substring(.,1,600),'行政複議')]" +
  ')';

/**
 * True when the page (or a same-origin frame in it, two levels down at most) may hold a report.
 * Never throws.
 */
export function mayHoldReport(doc: Document, depth = 0): boolean {
  if (documentSaysReport(doc)) return true;
  const win = depth < MAX_FRAME_DEPTH ? doc.defaultView : null;
  return win !== null && framesSayReport(win, depth);
}

/**
 * Steps 1 and 2 on one document, not its frames. The detector's start-up calls this one function
 * (plus framesSayReport when the window has frames): it runs on every gov.cn page, and each
 * function costs its own compile on its first call (entrypoints/detector/main.ts). Never throws.
 */
export function documentSaysReport(doc: Document): boolean {
  // 1. the title: a string, no DOM object. The regex is built and run only when the title holds
  //    报告 at all (~0.15 ms the first time; most pages' titles do not get that far).
  const title = doc.title ?? '';
  if ((title.includes('报告') || title.includes('報告')) && isReportTitle(title)) return true;
  // 2. <head> metadata, the first headings and the first tables, in one XPath; a DOM without
  //    XPath, or one that throws, says no
  try {
    return typeof doc.evaluate === 'function' && doc.evaluate(REPORT_XPATH, doc, null, BOOLEAN_TYPE, null).booleanValue;
  } catch {
    return false; // an odd document: no signal
  }
}

/**
 * Step 3: the same-origin frames of `win` (a window whose document is `depth` frames down),
 * counted by the window (no DOM walk); cross-origin ones throw and are skipped. Never throws.
 */
export function framesSayReport(win: Window, depth = 0): boolean {
  const count = Math.min(win.length, MAX_FRAMES);
  for (let i = 0; i < count; i++) {
    let inner: Document | null = null;
    try {
      inner = win[i]?.document ?? null;
    } catch {
      inner = null; // cross-origin
    }
    if (inner && mayHoldReport(inner, depth + 1)) return true;
  }
  return false;
}

/**
 * Mutations worth a second look: a table or an iframe arrived (not every carousel tick). One
 * querySelector per added element, which stops at the first match, never our own sidebar host.
 */
export function addsTables(records: readonly MutationRecord[]): boolean {
  for (const r of records) {
    const added = r.addedNodes;
    for (let i = 0; i < added.length; i++) {
      const n = added[i];
      if (!n || n.nodeType !== 1) continue;
      const name = n.nodeName;
      if (name === 'GOV-REPORT-CHECK') continue;
      if (name === 'TABLE' || name === 'IFRAME' || (n as Element).querySelector('table,iframe') !== null) return true;
    }
  }
  return false;
}

/**
 * Call `onLoad` once when an iframe these mutations added (or one inside what they added) has
 * loaded: a frame inserted after the page loaded may take longer to fill than the look that its
 * insertion triggers. Never throws.
 */
export function onAddedFramesLoad(records: readonly MutationRecord[], onLoad: () => void): void {
  try {
    for (const r of records) {
      const added = r.addedNodes;
      for (let i = 0; i < added.length; i++) {
        const n = added[i];
        if (!n || n.nodeType !== 1) continue;
        const el = n as Element;
        const frames = el.nodeName === 'IFRAME' ? [el] : el.nodeName === 'GOV-REPORT-CHECK' ? [] : Array.from(el.getElementsByTagName('iframe'));
        for (const f of frames) f.addEventListener('load', onLoad, { once: true });
      }
    }
  } catch {
    // an odd node: no signal
  }
}

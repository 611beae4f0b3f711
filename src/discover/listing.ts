/**
 * A 年报 column (listing) page as data (issue 19, discovery): the links on it that look like an
 * annual report — a page or an attached PDF/Word file whose words name 政府信息公开 and 年度报告 /
 * 年报 with a year — and the links to the listing's other pages (下一页, the `index_1.html`,
 * `index_2.html` pages of the common government CMSs, and those their `createPageHTML(n, …)` script
 * writes). Pure over a parsed document: no network, any DOM (the browser's, linkedom).
 */

export interface FoundReport {
  url: string;
  /** the link's words (its title attribute when that names the report: lists cut long titles short) */
  title: string;
  year: number | null;
  /** page: a web page; the others: an attached file */
  kind: 'page' | 'pdf' | 'docx' | 'doc';
}

export interface ListingLinks {
  reports: FoundReport[];
  /** the listing's other pages, in the order found */
  pages: string[];
}

const FILE = /\.(pdf|docx?|wps)(?:$|[?#])/i;
const REPORT = /年度报告|年报|年度工作报告|工作年度/;
const DISCLOSURE = /信息公开|政务公开|政務公開|信息公開/;
const NEXT = /^(下一页|下页|后一页|后页|下一頁|next|›|»|>|>>)$/i;
const CN_DIGIT: Record<string, string> = { 〇: '0', 零: '0', '○': '0', Ｏ: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

/** The year a title names: 2023, or 二〇二三; null when none. */
export function titleYear(title: string): number | null {
  const arabic = /(?<!\d)(20\d{2}|19\d{2})(?!\d)/.exec(title.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)));
  if (arabic?.[1]) return Number(arabic[1]);
  const cn = /[二一][〇零○Ｏ一二三四五六七八九]{3}(?=年)/.exec(title);
  if (cn) return Number([...cn[0]].map((c) => CN_DIGIT[c] ?? '').join(''));
  return null;
}

/** Does a link's title read as a disclosure annual report's? */
export function isReportTitle(title: string, file: boolean): boolean {
  if (titleYear(title) === null || !REPORT.test(title)) return false;
  // an attached file named 2023年年度报告.pdf on a disclosure column is the report
  return DISCLOSURE.test(title) || file;
}

function words(s: string | null | undefined): string {
  return (s ?? '').replace(/\s+/g, ' ').trim();
}

function resolve(href: string, base: string): URL | null {
  if (href === '' || /^(javascript|mailto|tel):/i.test(href) || href.startsWith('#')) return null;
  try {
    const u = new URL(href, base);
    if (!/^https?:$/.test(u.protocol)) return null;
    u.hash = '';
    return u;
  } catch {
    return null;
  }
}

function fileName(u: URL): string {
  try {
    return decodeURIComponent(u.pathname.split('/').pop() ?? '');
  } catch {
    return '';
  }
}

/** The pages `createPageHTML(total, current, 'index', 'html')` (TRS and its kin) links: index_1.html … */
function scriptedPages(doc: Document, base: URL): string[] {
  const out: string[] = [];
  const scripts = doc.getElementsByTagName('script');
  for (let i = 0; i < scripts.length; i++) {
    const text = scripts[i]?.textContent ?? '';
    for (const m of text.matchAll(/createPageHTML\(\s*['"]?(\d+)['"]?\s*,\s*['"]?\d+['"]?\s*,\s*['"]([\w-]+)['"]\s*,\s*['"](s?html?)['"]/g)) {
      const total = Math.min(Number(m[1]), 1000);
      for (let n = 1; n < total; n++) out.push(new URL(`${m[2]}_${n}.${m[3]}`, base).href);
    }
  }
  return out;
}

/** Report links and the listing's other pages on one listing page; `base` is the page's URL. */
export function listingLinks(doc: Document, base: string): ListingLinks {
  const baseUrl = new URL(base);
  baseUrl.hash = '';
  const dir = baseUrl.pathname.replace(/[^/]*$/, '');
  const reports: FoundReport[] = [];
  const pages: string[] = [];
  const seenReports = new Set<string>();
  const seenPages = new Set<string>([baseUrl.href]);
  const addPage = (href: string): void => {
    if (!seenPages.has(href)) {
      seenPages.add(href);
      pages.push(href);
    }
  };
  const links = doc.getElementsByTagName('a');
  for (let i = 0; i < links.length; i++) {
    const a = links[i];
    if (!a) continue;
    const u = resolve(a.getAttribute('href') ?? '', base);
    if (!u || u.href === baseUrl.href) continue;
    const text = words(a.textContent);
    const titleAttr = words(a.getAttribute('title'));
    const file = FILE.exec(u.pathname + u.search);
    // lists cut long titles short (…年度...) and keep the whole one in the title attribute
    const title = titleAttr !== '' && (isReportTitle(titleAttr, file !== null) || titleAttr.length > text.length) ? titleAttr : text;
    // the listing's own pages: 下一页, or index_N.html beside the listing
    const samePlace = u.host === baseUrl.host && u.pathname.startsWith(dir);
    if (u.host === baseUrl.host && NEXT.test(text)) {
      addPage(u.href);
      continue;
    }
    if (samePlace && /^index(_\d+)?\.s?html?$/i.test(u.pathname.slice(dir.length)) && !file) {
      addPage(u.href);
      continue;
    }
    const named = isReportTitle(title, file !== null) ? title : file && isReportTitle(fileName(u), true) ? `${title || fileName(u)}` : null;
    if (named === null || seenReports.has(u.href)) continue;
    seenReports.add(u.href);
    const ext = (file?.[1] ?? '').toLowerCase();
    reports.push({ url: u.href, title: named, year: titleYear(named) ?? titleYear(fileName(u)), kind: ext === '' ? 'page' : ext === 'pdf' ? 'pdf' : ext === 'docx' ? 'docx' : 'doc' });
  }
  for (const p of scriptedPages(doc, baseUrl)) addPage(p);
  return { reports, pages };
}

import { listingLinks, type FoundReport, type ListingLinks } from './listing';

/**
 * Following a listing's pages (issue 19, discovery): from its first page, already fetched, through
 * the pages it links (下一页, index_N.html), breadth first, at most `maxPages` pages, on the
 * listing's own site only. Reports on another site are kept only when their host is allowed. The
 * network is the `fetchHtml` given; the DOM is the `parseHtml` given.
 */

export interface CrawlOptions {
  /** pages read in all, the first included */
  maxPages: number;
  /** reports found, at most (a runaway listing stops there) */
  maxReports?: number;
  /** other hosts whose reports may be checked (the listing's own is always allowed) */
  allowHosts: readonly string[];
  /** a page's HTML, or its links when the caller has them already (a run store, issue 19 item 4) */
  fetchHtml(url: string): Promise<{ ok: true; html: string; finalUrl: string } | { ok: true; links: ListingLinks; finalUrl: string } | { ok: false; reason: string }>;
  parseHtml(html: string): Document;
}

export interface CrawlResult {
  reports: FoundReport[];
  /** every listing page read, the first included */
  pages: string[];
  /** pages that could not be read, and why */
  failed: { url: string; reason: string }[];
  /** reports left out because their site is another one (not allowed) */
  offSite: string[];
  /** more pages were linked than the cap allowed */
  capped: boolean;
}

export const DEFAULT_MAX_PAGES = 20;
export const MAX_REPORTS = 1000;

/** a host name without its port and a leading www., lower case: www.x.gov.cn and x.gov.cn:8080 are one site */
export function siteOf(host: string): string {
  return host.toLowerCase().replace(/:\d+$/, '').replace(/^www\./, '');
}

export async function crawlListing(first: { url: string; doc: Document } | { url: string; links: ListingLinks }, opts: CrawlOptions): Promise<CrawlResult> {
  const site = siteOf(new URL(first.url).host);
  const allowed = new Set([site, ...opts.allowHosts.map(siteOf)]);
  const maxReports = opts.maxReports ?? MAX_REPORTS;
  const result: CrawlResult = { reports: [], pages: [first.url], failed: [], offSite: [], capped: false };
  const seenReports = new Set<string>();
  const seenPages = new Set<string>([first.url]);
  const queue: string[] = [];
  const take = (links: ListingLinks): void => {
    for (const r of links.reports) {
      if (seenReports.has(r.url)) continue;
      seenReports.add(r.url);
      if (!allowed.has(siteOf(new URL(r.url).host))) {
        result.offSite.push(r.url);
        continue;
      }
      if (result.reports.length < maxReports) result.reports.push(r);
    }
    for (const p of links.pages) {
      if (seenPages.has(p) || siteOf(new URL(p).host) !== site) continue;
      seenPages.add(p);
      queue.push(p);
    }
  };
  take('links' in first ? first.links : listingLinks(first.doc, first.url));
  while (queue.length > 0) {
    if (result.pages.length >= opts.maxPages) {
      result.capped = true;
      break;
    }
    const url = queue.shift() as string;
    const got = await opts.fetchHtml(url);
    if (!got.ok) {
      result.failed.push({ url, reason: got.reason });
      continue;
    }
    result.pages.push(url);
    // a redirect to a page already read adds nothing
    if (got.finalUrl !== url && seenPages.has(got.finalUrl)) continue;
    seenPages.add(got.finalUrl);
    take('links' in got ? got.links : listingLinks(opts.parseHtml(got.html), got.finalUrl));
  }
  return result;
}

import { asDocument, type DocumentOutcome } from '../batch/check-document';
import { decodeHtml, type FetchedDocument } from '../fetch';
import { listingLinks, type ListingLinks } from './listing';
import { crawlListing, type CrawlResult } from './crawl';

type FetchedPage = Pick<FetchedDocument, 'bytes' | 'contentType' | 'finalUrl'>;

/** A fetched web page's document and what it links: reports, and further pages of a listing. */
export function pageLinks(page: FetchedPage, parseHtml: (html: string) => Document): { doc: Document; links: ListingLinks } {
  const doc = parseHtml(asDocument(decodeHtml(page.bytes, page.contentType)));
  return { doc, links: listingLinks(doc, page.finalUrl) };
}

/**
 * A fetched page as a listing (issue 19, discovery), the decision the CLI makes and the batch page
 * shares: a web page on which no report table was read (or that is no report at all) but that
 * links reports — a 年报 column's page, or an article that only attaches its report. Its parsed
 * document and links, or null when it is none.
 */
export function listingOf(
  got: FetchedPage & { kind: FetchedDocument['kind'] },
  outcome: DocumentOutcome,
  parseHtml: (html: string) => Document,
): { doc: Document; links: ListingLinks } | null {
  if (got.kind !== 'html') return null;
  const noTables = outcome.ok ? Object.values(outcome.result.report.tables).every((t) => t.status === 'missing') : outcome.scanned !== true;
  if (!noTables) return null;
  const page = pageLinks(got, parseHtml);
  return page.links.reports.length > 0 ? page : null;
}

/** `listingOf`'s document alone (the batch page crawls from it). */
export function asListing(
  got: FetchedPage & { kind: FetchedDocument['kind'] },
  outcome: DocumentOutcome,
  parseHtml: (html: string) => Document,
): Document | null {
  return listingOf(got, outcome, parseHtml)?.doc ?? null;
}

/**
 * What a listing gave, in words, for the line the CLI prints and the batch page shows: pages read,
 * reports found, and what was capped, failed or left on another site.
 */
export function crawlWords(crawl: CrawlResult, maxPages: number): { zh: string; en: string } {
  const notes = {
    zh: [
      crawl.failed.length > 0 ? `${crawl.failed.length} 页读取失败` : '',
      crawl.capped ? `已达翻页上限 ${maxPages} 页` : '',
      crawl.offSite.length > 0 ? `${crawl.offSite.length} 份在其他网站，未查` : '',
    ].filter((x) => x !== ''),
    en: [
      crawl.failed.length > 0 ? `${crawl.failed.length} page(s) failed` : '',
      crawl.capped ? `stopped at the page cap ${maxPages}` : '',
      crawl.offSite.length > 0 ? `${crawl.offSite.length} on other sites, not checked` : '',
    ].filter((x) => x !== ''),
  };
  return {
    zh: `列表页：读了 ${crawl.pages.length} 页，找到 ${crawl.reports.length} 份年报${notes.zh.length > 0 ? `（${notes.zh.join('；')}）` : ''}`,
    en: `listing: ${crawl.pages.length} page(s) read, ${crawl.reports.length} report(s) found${notes.en.length > 0 ? ` (${notes.en.join('; ')})` : ''}`,
  };
}

export { crawlListing };

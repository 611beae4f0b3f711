import { checkDocument, checkExtracted, checkText, type PipelineOutcome } from '../pipeline';
import type { FetchedDocument } from '../fetch';
import { decodeHtml, decodeText } from '../fetch';
import { extractDocx, legacyWordReason } from '../extract/docx';
import { SCANNED_REASON } from '../extract/pdf';
import type { ExtractedDoc } from '../extract/types';
import type { DomDocument } from '../extract/dom';
import type { Source } from '../model/result';

/**
 * A saved page fragment — a CMS article body, HTML kept in a portal's script — has no <html> or
 * <body>: given to a parser as it is, linkedom puts nothing in the body. Wrapped, it reads as a page.
 */
export function asDocument(html: string): string {
  const head = html.slice(0, 4096).toLowerCase();
  if (/<(html|body|head)[\s>]|<!doctype/.test(head)) return html;
  return `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${html}</body></html>`;
}

/**
 * What a host provides to turn bytes into a report: an HTML parser (DOMParser in the browser, the
 * light tree of src/extract/light-dom.ts in Node) and a PDF reader.
 */
export interface DocumentReaders {
  parseHtml(html: string): DomDocument;
  readPdf?(bytes: Uint8Array): Promise<ExtractedDoc & { scanned: boolean }>;
}

export type DocumentOutcome = PipelineOutcome & { scanned?: boolean };

/**
 * One fetched or dropped document (HTML, Word, PDF, text) → the same engine. Never throws: an
 * unreadable file is a reason, in words.
 */
export async function checkBytes(
  kind: FetchedDocument['kind'],
  bytes: Uint8Array,
  contentType: string | null,
  location: string,
  sourceKind: Source['kind'],
  readers: DocumentReaders,
): Promise<DocumentOutcome> {
  try {
    if (kind === 'html') {
      return checkDocument(readers.parseHtml(asDocument(decodeHtml(bytes, contentType))), { kind: sourceKind, location, format: 'html' });
    }
    if (kind === 'text') return checkText(decodeText(bytes, contentType), { kind: sourceKind, location, format: 'text' });
    if (kind === 'docx') {
      const doc = await extractDocx(bytes, readers.parseHtml, { name: location });
      return checkExtracted(doc, { kind: sourceKind, location, format: 'html' });
    }
    if (kind === 'pdf') {
      if (!readers.readPdf) return { ok: false, reason: { zh: '此处不能读取 PDF', en: 'PDF cannot be read here' } };
      // A scan (no text on any page) is said so before anything is checked: there is nothing to read.
      // A PDF with text whose tables are pictures goes through the checks (tables-present says so).
      const doc = await readers.readPdf(bytes);
      if (doc.scanned) return { ok: false, scanned: true, reason: SCANNED_REASON };
      return checkExtracted(doc, { kind: sourceKind, location, format: 'text' });
    }
    return { ok: false, reason: legacyWordReason() }; // the caller shows the file or URL beside it
  } catch (e) {
    const reason = (e as { reason?: { zh: string; en: string } }).reason;
    if (reason && typeof reason.zh === 'string' && typeof reason.en === 'string') return { ok: false, reason };
    const msg = e instanceof Error ? e.message : String(e);
    return { ok: false, reason: { zh: `无法读取：${msg.split('\n')[0]}`, en: `cannot be read: ${msg.split('\n')[0]}` } };
  }
}

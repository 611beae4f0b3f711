import { checkDocument, checkExtracted, checkText, type PipelineOutcome } from '../pipeline';
import type { FetchedDocument } from '../fetch';
import { decodeHtml, decodeText } from '../fetch';
import { extractDocx } from '../extract/docx';
import type { ExtractedDoc } from '../extract/types';
import type { Source } from '../model/result';

/** What a host provides to turn bytes into a report: an HTML parser (DOMParser, linkedom) and a PDF reader. */
export interface DocumentReaders {
  parseHtml(html: string): Document;
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
      return checkDocument(readers.parseHtml(decodeHtml(bytes, contentType)), { kind: sourceKind, location, format: 'html' });
    }
    if (kind === 'text') return checkText(decodeText(bytes, contentType), { kind: sourceKind, location, format: 'text' });
    if (kind === 'docx') {
      const doc = await extractDocx(bytes, readers.parseHtml, { name: location });
      return checkExtracted(doc, { kind: sourceKind, location, format: 'html' });
    }
    if (kind === 'pdf') {
      if (!readers.readPdf) return { ok: false, reason: { zh: '此处不能读取 PDF', en: 'PDF cannot be read here' } };
      const doc = await readers.readPdf(bytes);
      const out = checkExtracted(doc, { kind: sourceKind, location, format: 'text' });
      if (!out.ok && doc.scanned) {
        return { ok: false, scanned: true, reason: { zh: 'PDF 为扫描件（只有图片，没有文字），无法读取', en: 'the PDF is a scan (pictures only, no text): it cannot be read' } };
      }
      return { ...out, scanned: doc.scanned };
    }
    return { ok: false, reason: { zh: `旧版 Word（.doc/.wps）文件无法读取，请另存为 .docx：${location}`, en: `old Word (.doc/.wps) files cannot be read; save as .docx: ${location}` } };
  } catch (e) {
    const reason = (e as { reason?: { zh: string; en: string } }).reason;
    if (reason && typeof reason.zh === 'string' && typeof reason.en === 'string') return { ok: false, reason };
    const msg = e instanceof Error ? e.message : String(e);
    return { ok: false, reason: { zh: `无法读取：${msg.split('\n')[0]}`, en: `cannot be read: ${msg.split('\n')[0]}` } };
  }
}

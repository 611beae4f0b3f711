/**
 * Getting a report from a URL or from bytes: shared by the CLI and the extension's batch page.
 * No DOM, no Node API; the network is the `fetch` you pass in.
 */
export { backoffMs, fetchDocument, fetchRevalidated, parseHttpUrl, retryAfterMs, type FetchDocumentOptions, type FetchOutcome, type FetchedDocument, type FetchFailure, type NotModified, type Reason, type RequestGate, type RevalidatedOutcome, type Validators } from './fetch';
export { decodeHtml, decodeText, decoderName, charsetOfContentType, charsetOfMeta } from './decode';
export { kindOf, sniffMagic, isOle2, isZip, dispositionFileName, type DocumentKind, type KindGuess, type KindInput } from './kind';

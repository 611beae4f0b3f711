/**
 * Links on a page to Word or PDF files that look like the report (many are published only as an
 * attachment): the link text or the file name speaks of 年度报告 / 年报 / 政府信息公开, or the page
 * itself is a report page and the link is one of few attachments.
 */
export interface Attachment {
  url: string;
  text: string;
  /** frame: a page of another site embedded in a frame (the report may be in it) */
  kind: 'pdf' | 'docx' | 'doc' | 'frame';
}

const FILE = /\.(pdf|docx?|wps)(?:$|[?#])/i;
const REPORTISH = /年度报告|年报|政府信息公开|政務公開|信息公开工作/;

/** `base`: what relative links resolve against (the page's URL when the document was parsed from its HTML elsewhere). */
export function findAttachments(doc: Document, pageLooksLikeReport: boolean, base: string = doc.baseURI): Attachment[] {
  const out: Attachment[] = [];
  const links = doc.getElementsByTagName('a');
  for (let i = 0; i < links.length && out.length < 20; i++) {
    const a = links[i] as HTMLAnchorElement | undefined;
    if (!a) continue;
    const href = a.getAttribute('href') ?? '';
    const m = FILE.exec(href);
    if (!m) continue;
    let url: string;
    try {
      url = new URL(href, base).href;
    } catch {
      continue;
    }
    if (!/^https?:/i.test(url)) continue;
    const text = (a.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 80);
    let name = '';
    try {
      name = decodeURIComponent(url.split(/[?#]/)[0]?.split('/').pop() ?? '');
    } catch {
      name = '';
    }
    if (!REPORTISH.test(text) && !REPORTISH.test(name) && !pageLooksLikeReport) continue;
    const ext = (m[1] ?? '').toLowerCase();
    const kind = ext === 'pdf' ? 'pdf' : ext === 'docx' ? 'docx' : 'doc';
    if (!out.some((x) => x.url === url)) out.push({ url, text: text || name, kind });
  }
  return out;
}

/** Frames the page embeds from another site, at most this many. */
const MAX_FRAMES = 5;

/**
 * Frames of the page whose document comes from another site (`<iframe src>` or `<frame src>` of
 * another origin): neither the page nor the extension may read into them, but a report a portal
 * shows from its 信息公开 platform is often there. Offered to the auditor to check by its URL.
 */
export function crossOriginFrames(doc: Document, base: string): Attachment[] {
  const out: Attachment[] = [];
  let origin: string;
  try {
    origin = new URL(base).origin;
  } catch {
    return out;
  }
  for (const tag of ['iframe', 'frame']) {
    const frames = doc.getElementsByTagName(tag);
    for (let i = 0; i < frames.length && out.length < MAX_FRAMES; i++) {
      const el = frames[i];
      const src = el?.getAttribute('src') ?? '';
      let url: URL;
      try {
        url = new URL(src, base);
      } catch {
        continue;
      }
      if (!/^https?:$/.test(url.protocol) || url.origin === origin || out.some((x) => x.url === url.href)) continue;
      const title = (el?.getAttribute('title') ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
      out.push({ url: url.href, text: title ? `${title}（${url.host}）` : url.host, kind: 'frame' });
    }
  }
  return out;
}

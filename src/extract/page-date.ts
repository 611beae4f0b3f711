import type { DomDocument, DomElement } from './dom';

/**
 * The publication date a page's own metadata gives, as the page states it (parsed later, in
 * recognise/published.ts): `<meta name="PubDate" content="2024-02-15 10:00">` — the field the
 * national guide for government websites (政府网站发展指引) asks every article page to carry —
 * and the few other names CMSs use for it. Only the top document's head: a frame's metadata is
 * about the frame.
 */
export interface PageDate {
  /** the meta element's name (or property) as written: PubDate, firstpublishedtime… */
  name: string;
  /** its content, as written */
  content: string;
}

const NAMES = new Set(['pubdate', 'publishdate', 'firstpublishedtime', 'publishedtime', 'article:published_time']);

export function pageDate(doc: DomDocument): PageDate | null {
  let metas: ArrayLike<DomElement>;
  try {
    metas = doc.getElementsByTagName('meta');
  } catch {
    return null;
  }
  for (let i = 0; i < metas.length && i < 200; i++) {
    const m = metas[i];
    if (!m) continue;
    const name = (m.getAttribute('name') ?? m.getAttribute('property') ?? '').trim();
    const content = (m.getAttribute('content') ?? '').trim();
    if (content !== '' && content.length <= 60 && NAMES.has(name.toLowerCase())) return { name, content };
  }
  return null;
}

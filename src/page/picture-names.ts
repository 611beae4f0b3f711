/**
 * Names for the report's pictures in the sidebar (issue 18, item 4): the engine knows a picture by
 * its alt text or file name (`1a42de8b501dc40c….png`), which tells an auditor nothing. In the page
 * the picture can be found and named by where it is: its place among the report's pictures, its
 * alt text when it has one, and the words just before it (the heading it sits under) —
 * 第一张图片（位于“二、主动公开政府信息情况”之后）. Only the sidebar's wording: the result keeps the
 * engine's names.
 */
const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const LEAD_CHARS = 18;

export function pictureNames(doc: Document, names: readonly string[], lang: 'zh' | 'en' = 'zh'): string[] {
  const imgs = [...doc.querySelectorAll('img')];
  const used = new Set<Element>();
  return names.map((name, i) => {
    const img = imgs.find((el) => !used.has(el) && matches(el, name));
    if (!img) return name;
    used.add(img);
    const alt = (img.getAttribute('alt') ?? '').replace(/\s+/g, ' ').trim();
    const lead = textBefore(doc, img);
    if (lang === 'en') return `picture ${i + 1}${alt ? ` "${alt}"` : ''}${lead ? ` (after "${lead}")` : ''}`;
    const n = ORDINALS[i] ?? String(i + 1);
    return `第${n}张图片${alt ? `“${alt}”` : ''}${lead ? `（位于“${lead}”之后）` : ''}`;
  });
}

/** The engine's name is the alt text, else the file name of src (extract/html.ts imageName). */
function matches(img: Element, name: string): boolean {
  const alt = (img.getAttribute('alt') ?? '').replace(/\s+/g, ' ').trim();
  if (alt !== '') return alt === name;
  const file = (img.getAttribute('src') ?? '').split(/[?#]/)[0]?.split('/').pop() ?? '';
  return file === name;
}

/** The last words before the element in reading order (its heading, usually), shortened. */
function textBefore(doc: Document, el: Element): string {
  const walker = doc.createTreeWalker(doc.body ?? doc.documentElement, 4 /* NodeFilter.SHOW_TEXT */);
  let last = '';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    // stop at the picture: compareDocumentPosition says the text comes after it
    if (el.compareDocumentPosition(node) & 4 /* DOCUMENT_POSITION_FOLLOWING */) break;
    const parent = node.parentElement;
    if (parent && /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE)$/.test(parent.tagName)) continue;
    if ((node.nodeValue ?? '').trim() === '') continue;
    // the whole line or heading the words belong to (a heading split over spans), unless that block holds the picture too
    const block = parent?.closest('p, h1, h2, h3, h4, h5, h6, li, td, th, div');
    const text = (block && !block.contains(el) ? block.textContent : node.nodeValue) ?? '';
    last = text.replace(/\s+/g, ' ').trim();
  }
  return last.length > LEAD_CHARS ? `${last.slice(0, LEAD_CHARS)}…` : last;
}

import type { SourceRef } from '../extract/types';
import { wideDigits, type Locator } from './locate';
import { keyText } from '../model/keys';
import type { CellKey } from '../model/report';
import type { Finding } from '../model/finding';
import type { CheckResultJson } from '../model/result';
import type { MarkPlan } from '../messaging/mark-plan';

/**
 * Marks in the page: failing cells, the rows they sit in, cells that block a check (missing or
 * text) and rows placed by position. Only `data-grc` attributes and one small stylesheet are added
 * (no `tabindex`: a marked cell is no tab stop, the page's own tab order stays as it was — issue 18,
 * item 2; the sidebar is the keyboard's way to the findings) — outlines and tints, nothing that moves the page's
 * layout or touches its text. `clear()` restores every attribute as it was.
 */
export const MARK_ATTR = 'data-grc';
const STYLE_ID = 'gov-report-check-marks';

const CSS = `
[${MARK_ATTR}~="fail"] { outline: 3px solid #d93025 !important; outline-offset: -3px !important; background-color: rgba(217, 48, 37, 0.14) !important; }
[${MARK_ATTR}~="part"] { box-shadow: inset 0 -3px 0 rgba(217, 48, 37, 0.55) !important; }
[${MARK_ATTR}~="suspect"] { outline: 4px double #8e24aa !important; outline-offset: -4px !important; background-color: rgba(142, 36, 170, 0.2) !important; }
[${MARK_ATTR}~="block"] { outline: 2px dashed #b06000 !important; outline-offset: -2px !important; background-color: rgba(249, 171, 0, 0.18) !important; }
tr[${MARK_ATTR}~="row-fail"] { outline: 2px solid #d93025 !important; outline-offset: -1px !important; }
tr[${MARK_ATTR}~="row-warn"] { outline: 2px dotted #b06000 !important; outline-offset: -1px !important; }
[${MARK_ATTR}~="prose"] { outline: 2px dotted #e37400 !important; outline-offset: 2px !important; }
::highlight(grc-prose) { background-color: rgba(249, 171, 0, 0.45); }
[${MARK_ATTR}~="prose-whole"] { background-color: rgba(249, 171, 0, 0.22) !important; }
[${MARK_ATTR}~="flash"] { animation: grc-flash 0.5s ease-in-out 3 !important; }
@keyframes grc-flash { 50% { background-color: rgba(26, 115, 232, 0.45); } }
`;

export interface Marks {
  /** the element behind a cell key, when the page has one */
  element(key: CellKey): Element | null;
  /** findings that involve an element (for the hover/focus tooltip) */
  findingsAt(el: Element): Finding[];
  /** scroll a finding's first cell into view and flash it (focus does not move); the element, or null when it has none */
  focus(f: Finding): Element | null;
  clear(): void;
}

/** The marks a plan put in the page: the element of each planned cell and paragraph (null: not found). */
export interface AppliedMarks {
  plan: MarkPlan;
  cells: (Element | null)[];
  paragraphs: (Element | null)[];
  /** add marks to one more element (a paragraph found later by its words) */
  mark(el: Element, tokens: string): void;
  /** mark the cells left for later: those that are only part of a failing relation (see applyPlan) */
  finish(): void;
  /** restore every attribute the marks changed and remove the stylesheet */
  clear(): void;
}

/**
 * Put a plan's marks in the page: find each cell (and a paragraph by its path), set the tokens,
 * add the stylesheet. Only what the plan names is touched. This runs before the page shows any
 * mark, so it marks what a reader needs first: the cells findings point at (fail, block), their
 * rows and the quoted paragraphs. The other cells of failing relations (part) follow with the
 * sidebar (`finish`, called by `completeMarks`' caller), as do paragraphs whose path does not lead
 * to their words (`completeMarks` searches for them).
 */
export function applyPlan(doc: Document, plan: MarkPlan, locate: Locator): AppliedMarks {
  const saved = new Map<Element, { grc: string | null }>();
  const tokens = new Map<Element, Set<string>>();
  const add = (el: Element | null, mark: string): void => {
    if (!el) return;
    if (!saved.has(el)) saved.set(el, { grc: el.getAttribute(MARK_ATTR) });
    let set = tokens.get(el);
    if (!set) tokens.set(el, (set = new Set()));
    for (const t of mark.split(' ')) set.add(t);
  };
  const cells: (Element | null)[] = plan.cells.map(() => null);
  const place = (i: number): void => {
    const c = plan.cells[i];
    if (!c) return;
    const el = locate.cell(c.src, c.raw);
    add(el, c.mark);
    if (c.row) add(el?.parentElement ?? null, c.row);
    cells[i] = el;
  };
  // the cells a finding points at first; the other cells of failing relations ('part' alone) later
  const later: number[] = [];
  plan.cells.forEach((c, i) => (c.mark === 'part' ? later.push(i) : place(i)));
  const paragraphs = plan.paragraphs.map((p) => {
    const el = p.path ? locate.path(p.src, p.path, p.quote) : null;
    add(el, 'prose');
    return el;
  });
  let style: HTMLStyleElement | null = null;
  const write = (): void => {
    for (const [el, set] of tokens) {
      if (set.has('fail') || set.has('suspect')) set.delete('part');
      el.setAttribute(MARK_ATTR, [...set].join(' '));
    }
    if (tokens.size > 0 && !style && !doc.getElementById(STYLE_ID)) {
      style = doc.createElement('style');
      style.id = STYLE_ID;
      style.textContent = CSS;
      (doc.head ?? doc.documentElement).appendChild(style);
    }
  };
  write();
  return {
    plan,
    cells,
    paragraphs,
    mark(el, mark) {
      add(el, mark);
      write();
    },
    finish() {
      if (later.length === 0) return; // called again (the sidebar, then completeMarks): nothing to rewrite
      for (const i of later.splice(0)) place(i);
      write();
    },
    clear() {
      for (const [el, prev] of saved) {
        if (prev.grc === null) el.removeAttribute(MARK_ATTR);
        else el.setAttribute(MARK_ATTR, prev.grc);
      }
      saved.clear();
      tokens.clear();
      (style as HTMLStyleElement | null)?.remove();
      doc.getElementById(STYLE_ID)?.remove();
    },
  };
}

/**
 * The rest of the marks once the result is read (the sidebar's side): the findings behind each
 * marked element for the tooltip, the element of any report cell for a click on a finding, the
 * paragraphs the plan's path missed (found by their words), and the quoted words highlighted.
 */
export function completeMarks(doc: Document, applied: AppliedMarks, result: CheckResultJson, locate: Locator): Marks {
  const at = new Map<Element, Finding[]>();
  const note = (el: Element | null, indices: number[]): void => {
    if (!el) return;
    const list = at.get(el) ?? [];
    for (const i of indices) {
      const f = result.findings[i];
      if (f && !list.includes(f)) list.push(f);
    }
    at.set(el, list);
  };
  applied.finish();
  applied.plan.cells.forEach((c, i) => note(applied.cells[i] ?? null, c.findings));
  const sentences: { el: Element; quote: string }[] = [];
  applied.plan.paragraphs.forEach((p, i) => {
    let el = applied.paragraphs[i] ?? null;
    if (!el) {
      el = locate.paragraph(p.src, p.quote);
      if (el) applied.mark(el, 'prose');
    }
    note(el, p.findings);
    if (el) sentences.push({ el, quote: p.quote });
  });
  const highlight = highlightSentences(doc, sentences, (el) => applied.mark(el, 'prose-whole'));

  const cells = new Map<string, { src: SourceRef | null; raw: string }>();
  for (const table of Object.values(result.report.tables)) {
    for (const row of table.rows) {
      for (const cell of row.cells) cells.set(keyText({ table: table.id, row: row.key, col: cell.col }), { src: cell.src, raw: cell.value.raw });
    }
  }
  const found = new Map<string, Element | null>();
  const element = (k: CellKey): Element | null => {
    const key = keyText(k);
    let el = found.get(key);
    if (el === undefined) {
      const c = cells.get(key);
      el = c ? locate.cell(c.src, c.raw) : null;
      found.set(key, el);
    }
    return el;
  };

  const flashTimers = new Set<ReturnType<typeof setTimeout>>();
  return {
    element,
    findingsAt: (el) => at.get(el) ?? [],
    focus(f) {
      const key = f.primary[0] ?? f.cells[0];
      const el = key ? element(key) : null;
      if (!el) return null;
      el.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'smooth' });
      const before = el.getAttribute(MARK_ATTR) ?? '';
      el.setAttribute(MARK_ATTR, `${before} flash`.trim());
      const t = setTimeout(() => {
        flashTimers.delete(t);
        const now = (el.getAttribute(MARK_ATTR) ?? '').split(' ').filter((x) => x !== 'flash' && x !== '');
        if (now.length > 0) el.setAttribute(MARK_ATTR, now.join(' '));
        else el.removeAttribute(MARK_ATTR);
      }, 1600);
      flashTimers.add(t);
      // focus stays where it is (the finding in the sidebar): the caller shows the cell's tooltip
      return el;
    },
    clear() {
      for (const t of flashTimers) clearTimeout(t);
      applied.clear();
      highlight?.();
    },
  };
}

interface HighlightRegistry {
  set(name: string, h: unknown): void;
  delete(name: string): void;
}
type HighlightCtor = new (...ranges: Range[]) => unknown;

/**
 * Mark the quoted words inside their paragraph with the CSS Custom Highlight API (Chrome 105,
 * Firefox 140): no element is added and no text node split, so the page's DOM stays as it was.
 * Where the API is missing (an older kernel, as in many domestic browsers) or the words cannot be
 * found as printed, the whole paragraph is tinted instead (`whole`: a `prose-whole` mark, an
 * attribute like the others): coarser, and still no change to the page's text or its elements.
 */
function highlightSentences(doc: Document, sentences: { el: Element; quote: string }[], whole: (el: Element) => void): (() => void) | null {
  const win = doc.defaultView as unknown as { Highlight?: HighlightCtor; CSS?: { highlights?: HighlightRegistry } } | null;
  const registry = win?.CSS?.highlights;
  const Ctor = win?.Highlight;
  if (sentences.length === 0) return null;
  if (!registry || typeof registry.set !== 'function' || typeof Ctor !== 'function') {
    for (const { el } of sentences) whole(el);
    return null;
  }
  const ranges: Range[] = [];
  for (const { el, quote } of sentences) {
    const range = findText(doc, el, quote);
    if (range) ranges.push(range);
    else whole(el);
  }
  if (ranges.length === 0) return null;
  try {
    registry.set('grc-prose', new Ctor(...ranges));
  } catch {
    for (const { el } of sentences) whole(el);
    return null;
  }
  return () => registry.delete('grc-prose');
}

/** A Range over `quote` inside `el`, trying the words as printed and with full-width digits. */
function findText(doc: Document, el: Element, quote: string): Range | null {
  const nodes: { node: Text; start: number }[] = [];
  let text = '';
  const walker = doc.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    nodes.push({ node: n as Text, start: text.length });
    text += n.nodeValue ?? '';
  }
  const wide = wideDigits(quote);
  let at = text.indexOf(quote);
  if (at < 0) at = text.indexOf(wide);
  if (at < 0) return null;
  const end = at + quote.length;
  const locate = (pos: number): { node: Text; offset: number } | null => {
    for (let i = nodes.length - 1; i >= 0; i--) {
      const n = nodes[i];
      if (n && n.start <= pos) return { node: n.node, offset: pos - n.start };
    }
    return null;
  };
  const a = locate(at);
  const b = locate(end);
  if (!a || !b) return null;
  const range = doc.createRange();
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, Math.min(b.offset, b.node.length));
  return range;
}

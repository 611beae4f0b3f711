import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Finding } from '../../model/finding';
import { MARK_ATTR, type Marks } from '../../page/highlight';
import { Sidebar, type SidebarProps } from './Sidebar';
import type { Lang } from '../i18n';
import { PANEL_WIDTH } from '../../page/dock';

export interface AppProps extends Omit<SidebarProps, 'collapsed' | 'onCollapse' | 'onFinding'> {
  /** show a finding in the page; returns the element shown, if any */
  onFinding(f: Finding): Element | null;
  marks: Marks | null;
  initialCollapsed: boolean;
  onCollapseChange(collapsed: boolean): void;
  doc: Document;
  /** raised by one each time the keyboard focus is to move into the panel (its key or command) */
  focusRequest?: number;
}

interface Tip {
  x: number;
  y: number;
  /** the tooltip's width: as wide as the room beside the table allows, at most TIP_WIDTH */
  width: number;
  findings: Finding[];
}

/** a box in window coordinates (a DOMRect is one) */
export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const TIP_WIDTH = 360;
/** below this much room beside the table, the tooltip goes above or below the cell's rows instead */
const TIP_MIN_BESIDE = 220;
/** the tooltip's height reckoned with until it has been measured (three short findings) */
export const TIP_HEIGHT = 126;
/** gap between the tooltip and what it keeps clear of */
const GAP = 6;

/** The rows a tooltip keeps clear of, top and bottom: the cell's own, the one above and the one below. */
export interface Band {
  top: number;
  bottom: number;
}

/**
 * Where the tooltip of a cell goes, in the part of the window the panel leaves free (`freeRight`:
 * its left edge, or the window's width). Beside the table when there is room (right, then left), so
 * it covers none of the table's figures; otherwise below the row after the cell's (`band`: the
 * cell's rows and their neighbours), or above the row before it when the window ends first — never
 * over the figures next to the cell (issue 18: the tooltip lay over the next row's figures), never
 * under the panel. `height`: the tooltip's measured height. Null when the cell is out of sight.
 */
export function placeTip(cell: Rect, table: Rect | null, view: { freeRight: number; height: number }, band: Band | null = null, height = TIP_HEIGHT): Omit<Tip, 'findings'> | null {
  if (cell.bottom < 0 || cell.top > view.height) return null;
  const top = Math.max(4, Math.min(cell.top, view.height - height - 4));
  const right = table ? view.freeRight - table.right - 16 : 0;
  if (table && right >= TIP_MIN_BESIDE) return { x: table.right + 8, y: top, width: Math.min(TIP_WIDTH, right) };
  const left = table ? table.left - 16 : 0;
  if (table && left >= TIP_MIN_BESIDE) {
    const width = Math.min(TIP_WIDTH, left);
    return { x: table.left - 8 - width, y: top, width };
  }
  const width = Math.max(160, Math.min(TIP_WIDTH, view.freeRight - 8));
  const x = Math.max(4, Math.min(cell.left, view.freeRight - width - 4));
  const clear = { top: Math.min(cell.top, band?.top ?? cell.top), bottom: Math.max(cell.bottom, band?.bottom ?? cell.bottom) };
  if (clear.bottom + GAP + height <= view.height - 4) return { x, y: clear.bottom + GAP, width };
  if (clear.top - GAP - height >= 4) return { x, y: clear.top - GAP - height, width };
  // a window too short for either: clear of the cell at least, on the side with more room
  const below = view.height - cell.bottom;
  return { x, y: below >= cell.top ? cell.bottom + GAP : Math.max(4, cell.top - GAP - height), width };
}

/**
 * The rows around a cell in window coordinates: from the top of the row above the cell's first row
 * to the bottom of the row below its last (a cell spanning rows counts them all). Null outside a table.
 */
export function rowBand(el: Element): Band | null {
  const table = el.closest('table');
  if (!table) return null;
  const cell = el.getBoundingClientRect();
  let top = cell.top;
  let bottom = cell.bottom;
  let above: number | null = null;
  let below: number | null = null;
  const rows = table.rows;
  // bounded: a table's rows are few, but a page decides how many
  for (let i = 0; i < rows.length && i < 2000; i++) {
    const r = rows[i]?.getBoundingClientRect();
    if (!r || r.height === 0) continue;
    if (r.bottom <= cell.top + 1) above = r.top;
    else if (r.top >= cell.bottom - 1 && below === null) below = r.bottom;
  }
  if (above !== null) top = Math.min(top, above);
  if (below !== null) bottom = Math.max(bottom, below);
  return { top, bottom };
}

/** The sidebar plus the tooltip shown when a marked cell is hovered or shown from the panel. */
export function App(props: AppProps) {
  const [collapsed, setCollapsed] = useState(props.initialCollapsed);
  const [tip, setTip] = useState<Tip | null>(null);
  /** the mark whose tooltip shows (hovered, or shown from the panel), followed as the page scrolls */
  const current = useRef<Element | null>(null);
  const docked = useRef(!collapsed);
  docked.current = !collapsed;
  const root = useRef<HTMLDivElement>(null);
  /** what had the focus in the page before the panel took it (given back by Esc) */
  const before = useRef<Element | null>(null);
  const [wantFocus, setWantFocus] = useState(false);

  // The panel's key: open it if it is a badge, then focus the finding the keyboard was on (or the
  // first), else the panel's first button.
  useEffect(() => {
    if (!props.focusRequest) return;
    const active = props.doc.activeElement;
    const shadow = root.current?.getRootNode();
    const host = shadow instanceof ShadowRoot ? shadow.host : null;
    if (active !== host) before.current = active && active !== props.doc.body ? active : null;
    if (collapsed) onCollapse(false);
    setWantFocus(true);
  }, [props.focusRequest]);
  useEffect(() => {
    if (!wantFocus || collapsed) return;
    setWantFocus(false);
    const panel = root.current?.querySelector('.panel');
    const target = panel?.querySelector<HTMLElement>('button.finding[tabindex="0"]') ?? panel?.querySelector<HTMLElement>('button, input, a[href]');
    target?.focus();
  }, [wantFocus, collapsed]);

  // Esc: the focus goes back to where it was in the page (or to the page itself); the tooltip goes
  const leave = (): void => {
    const shadow = root.current?.getRootNode();
    if (shadow instanceof ShadowRoot && shadow.activeElement instanceof HTMLElement) shadow.activeElement.blur();
    const back = before.current;
    if (back instanceof HTMLElement && back.isConnected) back.focus();
    current.current = null;
    setTip(null);
  };

  /** the tooltip's height as last measured (Tooltip), for placing it clear of the rows around its cell */
  const tipHeight = useRef(TIP_HEIGHT);
  const place = (el: Element, findings: Finding[]): void => {
    const doc = props.doc;
    const view = { freeRight: doc.documentElement.clientWidth - (docked.current ? PANEL_WIDTH : 0), height: doc.documentElement.clientHeight || window.innerHeight };
    const at = findings.length > 0 ? placeTip(el.getBoundingClientRect(), el.closest('table')?.getBoundingClientRect() ?? null, view, rowBand(el), tipHeight.current) : null;
    setTip(at ? { ...at, findings } : null);
  };
  /** the tooltip shown is taller or shorter than reckoned: placed again with its real height */
  const measured = (h: number): void => {
    if (Math.abs(h - tipHeight.current) < 1) return;
    tipHeight.current = h;
    const el = current.current;
    if (el && props.marks) place(el, props.marks.findingsAt(el).length > 0 ? props.marks.findingsAt(el) : (tip?.findings ?? []));
  };

  useEffect(() => {
    const marks = props.marks;
    if (!marks) return;
    const show = (ev: Event): void => {
      const target = ev.target;
      if (!(target instanceof Element)) return;
      const el = target.closest(`[${MARK_ATTR}]`);
      const findings = el ? marks.findingsAt(el) : [];
      if (!el || findings.length === 0) return;
      current.current = el;
      place(el, findings);
    };
    // leaving a mark hides its tooltip; moving about the panel does not hide one shown from there
    const leave = (ev: Event): void => {
      const target = ev.target;
      if (!(target instanceof Element) || !target.closest(`[${MARK_ATTR}]`)) return;
      current.current = null;
      setTip(null);
    };
    // Scrolling (showing a cell scrolls it into view) moves the tooltip with its cell.
    const follow = (): void => {
      if (current.current) place(current.current, marks.findingsAt(current.current));
    };
    const opts = { capture: true, passive: true } as const;
    props.doc.addEventListener('mouseover', show, opts);
    props.doc.addEventListener('focusin', show, opts);
    props.doc.addEventListener('mouseout', leave, opts);
    props.doc.addEventListener('focusout', leave, opts);
    props.doc.addEventListener('scroll', follow, opts);
    window.addEventListener('resize', follow, opts);
    return () => {
      props.doc.removeEventListener('mouseover', show, opts);
      props.doc.removeEventListener('focusin', show, opts);
      props.doc.removeEventListener('mouseout', leave, opts);
      props.doc.removeEventListener('focusout', leave, opts);
      props.doc.removeEventListener('scroll', follow, opts);
      window.removeEventListener('resize', follow, opts);
    };
  }, [props.marks, props.doc]);

  const onCollapse = (c: boolean): void => {
    setCollapsed(c);
    props.onCollapseChange(c);
  };

  // The page has made room for the panel (dock.ts) and the cell is scrolled clear of it; its
  // tooltip shows at once and follows the scroll.
  const onFinding = (f: Finding): void => {
    const el = props.onFinding(f);
    current.current = el;
    if (el && props.marks) place(el, props.marks.findingsAt(el).length > 0 ? props.marks.findingsAt(el) : [f]);
    else setTip(null);
  };

  return (
    <div class="root" ref={root}>
      <Sidebar {...props} collapsed={collapsed} onCollapse={onCollapse} onFinding={onFinding} onLeave={leave} />
      {tip && <Tooltip tip={tip} lang={props.lang} onHeight={measured} />}
    </div>
  );
}

function Tooltip(props: { tip: Tip; lang: Lang; onHeight(h: number): void }) {
  const { tip, lang } = props;
  const box = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const h = box.current?.getBoundingClientRect().height;
    if (h) props.onHeight(h);
  });
  return (
    <div class="tip" role="tooltip" ref={box} style={{ left: `${tip.x}px`, top: `${tip.y}px`, maxWidth: `${tip.width}px` }}>
      {tip.findings.slice(0, 3).map((f) => (
        <p key={f.id}>
          {f.message[lang]}
          <span class="rule">{f.rule}</span>
        </p>
      ))}
    </div>
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';
import type { Finding } from '../model/finding';
import { MARK_ATTR, type Marks } from './highlight';
import { Sidebar, type SidebarProps } from './sidebar/Sidebar';
import type { Lang } from './i18n';
import { PANEL_WIDTH } from './dock';

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
/** below this much room beside the table, the tooltip goes under the cell instead */
const TIP_MIN_BESIDE = 220;
/** the tallest tooltip reckoned with when choosing below or above the cell */
const TIP_HEIGHT = 126;

/**
 * Where the tooltip of a cell goes, in the part of the window the panel leaves free (`freeRight`:
 * its left edge, or the window's width). Beside the table when there is room, so it covers none of
 * the table's figures; otherwise under the cell (over it when the window ends below), never under
 * the panel. Null when the cell is out of sight.
 */
export function placeTip(cell: Rect, table: Rect | null, view: { freeRight: number; height: number }): Omit<Tip, 'findings'> | null {
  if (cell.bottom < 0 || cell.top > view.height) return null;
  const top = Math.max(4, Math.min(cell.top, view.height - TIP_HEIGHT));
  const beside = table ? view.freeRight - table.right - 16 : 0;
  if (table && beside >= TIP_MIN_BESIDE) return { x: table.right + 8, y: top, width: Math.min(TIP_WIDTH, beside) };
  const width = Math.max(160, Math.min(TIP_WIDTH, view.freeRight - 8));
  const x = Math.max(4, Math.min(cell.left, view.freeRight - width - 4));
  const below = cell.bottom + 6;
  return { x, y: below + TIP_HEIGHT > view.height ? Math.max(4, cell.top - TIP_HEIGHT) : below, width };
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

  const place = (el: Element, findings: Finding[]): void => {
    const doc = props.doc;
    const view = { freeRight: doc.documentElement.clientWidth - (docked.current ? PANEL_WIDTH : 0), height: window.innerHeight };
    const at = findings.length > 0 ? placeTip(el.getBoundingClientRect(), el.closest('table')?.getBoundingClientRect() ?? null, view) : null;
    setTip(at ? { ...at, findings } : null);
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
      {tip && <Tooltip tip={tip} lang={props.lang} />}
    </div>
  );
}

function Tooltip(props: { tip: Tip; lang: Lang }) {
  const { tip, lang } = props;
  return (
    <div class="tip" role="tooltip" style={{ left: `${tip.x}px`, top: `${tip.y}px`, maxWidth: `${tip.width}px` }}>
      {tip.findings.slice(0, 3).map((f) => (
        <p key={f.id}>
          {f.message[lang]}
          <span class="rule">{f.rule}</span>
        </p>
      ))}
    </div>
  );
}

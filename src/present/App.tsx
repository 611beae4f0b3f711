import { useEffect, useState } from 'preact/hooks';
import type { Finding } from '../model/finding';
import { MARK_ATTR, type Marks } from './highlight';
import { Sidebar, type SidebarProps } from './sidebar/Sidebar';
import type { Lang } from './i18n';

export interface AppProps extends Omit<SidebarProps, 'collapsed' | 'onCollapse' | 'onFinding' | 'side'> {
  /** show a finding in the page; returns the element shown, if any */
  onFinding(f: Finding): Element | null;
  marks: Marks | null;
  initialCollapsed: boolean;
  onCollapseChange(collapsed: boolean): void;
  doc: Document;
}

const PANEL_WIDTH = 380;

interface Tip {
  x: number;
  y: number;
  findings: Finding[];
}

/** The sidebar plus the tooltip shown when a marked cell is hovered or focused. */
export function App(props: AppProps) {
  const [collapsed, setCollapsed] = useState(props.initialCollapsed);
  const [tip, setTip] = useState<Tip | null>(null);
  const [side, setSide] = useState<'left' | 'right'>('right');

  useEffect(() => {
    const marks = props.marks;
    if (!marks) return;
    let current: Element | null = null;
    const place = (el: Element, findings: Finding[]): void => {
      const r = el.getBoundingClientRect();
      if (r.bottom < 0 || r.top > window.innerHeight) return setTip(null);
      const below = r.bottom + 6;
      setTip({ x: Math.max(4, Math.min(r.left, window.innerWidth - 370)), y: below + 120 > window.innerHeight ? Math.max(4, r.top - 126) : below, findings });
    };
    const show = (ev: Event): void => {
      const target = ev.target;
      if (!(target instanceof Element)) return;
      const el = target.closest(`[${MARK_ATTR}]`);
      const findings = el ? marks.findingsAt(el) : [];
      if (!el || findings.length === 0) return;
      current = el;
      place(el, findings);
    };
    const hide = (): void => {
      current = null;
      setTip(null);
    };
    // Scrolling (focusing a cell scrolls it into view) moves the tooltip with its cell.
    const follow = (): void => {
      if (current) place(current, marks.findingsAt(current));
    };
    const opts = { capture: true, passive: true } as const;
    props.doc.addEventListener('mouseover', show, opts);
    props.doc.addEventListener('focusin', show, opts);
    props.doc.addEventListener('mouseout', hide, opts);
    props.doc.addEventListener('focusout', hide, opts);
    props.doc.addEventListener('scroll', follow, opts);
    return () => {
      props.doc.removeEventListener('mouseover', show, opts);
      props.doc.removeEventListener('focusin', show, opts);
      props.doc.removeEventListener('mouseout', hide, opts);
      props.doc.removeEventListener('focusout', hide, opts);
      props.doc.removeEventListener('scroll', follow, opts);
    };
  }, [props.marks, props.doc]);

  const onCollapse = (c: boolean): void => {
    setCollapsed(c);
    props.onCollapseChange(c);
  };

  // The panel moves to the other edge when it would cover the cell being shown.
  const onFinding = (f: Finding): void => {
    const el = props.onFinding(f);
    if (!el) return;
    const r = el.getBoundingClientRect();
    const panel = PANEL_WIDTH + 24;
    const coversRight = r.right > window.innerWidth - panel;
    const coversLeft = r.left < panel;
    if (side === 'right' && coversRight && !coversLeft) setSide('left');
    else if (side === 'left' && coversLeft && !coversRight) setSide('right');
  };

  return (
    <div class="root">
      <Sidebar {...props} collapsed={collapsed} onCollapse={onCollapse} onFinding={onFinding} side={side} />
      {tip && <Tooltip tip={tip} lang={props.lang} />}
    </div>
  );
}

function Tooltip(props: { tip: Tip; lang: Lang }) {
  const { tip, lang } = props;
  return (
    <div class="tip" role="tooltip" style={{ left: `${tip.x}px`, top: `${tip.y}px` }}>
      {tip.findings.slice(0, 3).map((f) => (
        <p key={f.id}>
          {f.message[lang]}
          <span class="rule">{f.rule}</span>
        </p>
      ))}
    </div>
  );
}

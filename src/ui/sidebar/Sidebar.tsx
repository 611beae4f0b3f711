import { verdictLine } from '../../output/verdict';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { CheckResultJson } from '../../model/result';
import type { Finding } from '../../model/finding';
import { TEMPLATES, type TableId } from '../../recognise/templates';
import { tableName } from '../../check/messages';
import { WORDS, type Lang } from '../i18n';
import type { DecisionState, ReviewJson } from '../../model/review';
import type { Attachment } from '../../extract/attachments';

export type CopyState = 'idle' | 'copied' | 'failed';

export interface SidebarProps {
  lang: Lang;
  /** the result, or the reason there is none (no report, or the check failed) */
  state: { kind: 'result'; result: CheckResultJson } | { kind: 'none'; message: string };
  collapsed: boolean;
  /** severities listed (settings); the counts always show all */
  show?: { error: boolean; warning: boolean; info: boolean };
  onCollapse(collapsed: boolean): void;
  onClose(): void;
  onFinding(f: Finding): void;
  /** Esc in the panel: the keyboard focus leaves it (back to the page) */
  onLeave?(): void;
  /** must start the copy synchronously, inside the click (a user gesture) */
  onCopyJson(): Promise<CopyState>;
  onCopyTsv(): Promise<CopyState>;
  onCopyRecord(): Promise<CopyState>;
  onPrint(): void;
  onDecision(f: Finding, state: DecisionState, note: string): void;
  /** the report's pictures as named in the page (picture-names.ts), in the order of result.report.images */
  pictureNames?: string[];
  /** Word/PDF files on the page that look like the report */
  attachments?: Attachment[];
  onCheckAttachments?(urls: string[]): void;
  /**
   * why the sidebar cannot reach the extension from this page (its markup shadows the API:
   * offline-api.ts); decisions are then not offered, since they could not be saved
   */
  offline?: string;
}

const SEV_ICON: Record<Finding['severity'], string> = { error: '✗', warning: '!', info: 'i' };

/** The sidebar. Page text only ever reaches it as text children: Preact escapes it. */
export function Sidebar(props: SidebarProps) {
  const w = WORDS[props.lang];
  const [copy, setCopy] = useState<{ what: 'json' | 'tsv' | 'record'; state: CopyState } | null>(null);

  if (props.collapsed) {
    const errors = props.state.kind === 'result' ? props.state.result.summary.errors : 0;
    return (
      <button class={`badge ${errors > 0 ? 'bad' : 'good'}`} title={w.expand} aria-label={w.expand} onClick={() => props.onCollapse(false)}>
        {w.appName} {props.state.kind === 'result' ? (errors > 0 ? `✗ ${errors}` : '✓') : '–'}
      </button>
    );
  }

  const doCopy = (what: 'json' | 'tsv' | 'record'): void => {
    void (what === 'json' ? props.onCopyJson() : what === 'tsv' ? props.onCopyTsv() : props.onCopyRecord()).then((state) => {
      setCopy({ what, state });
      setTimeout(() => setCopy(null), 2500);
    });
  };

  return (
    <aside class="panel" role="complementary" aria-label={w.appName} lang={props.lang === 'zh' ? 'zh-CN' : 'en'} onKeyDown={(e) => panelKeys(e, () => props.onLeave?.())}>
      <header class="bar">
        <strong class="app">{w.appName}</strong>
        <span class="grow" />
        <button class="icon" title={w.collapse} aria-label={w.collapse} onClick={() => props.onCollapse(true)}>
          ▁
        </button>
        <button class="icon" title={w.close} aria-label={w.close} onClick={props.onClose}>
          ×
        </button>
      </header>
      {props.attachments && props.attachments.length > 0 && (
        <section class="attachments">
          <p class="att-title">{w.attachments}</p>
          <ul>
            {props.attachments.map((a) => (
              <li key={a.url}>
                <span class="att-kind">{a.kind === 'frame' ? w.frame : a.kind.toUpperCase()}</span> <span class="att-text">{a.text}</span>{' '}
                <button class="action small" aria-label={`${w.checkAttachment}：${a.text}`} onClick={() => props.onCheckAttachments?.([a.url])}>
                  {w.checkAttachment}
                </button>
              </li>
            ))}
          </ul>
          {props.attachments.length > 1 && (
            <button class="action small" onClick={() => props.onCheckAttachments?.(props.attachments?.map((a) => a.url) ?? [])}>
              {w.checkAllAttachments}
            </button>
          )}
        </section>
      )}
      {props.state.kind === 'none' ? (
        <p class="notice">{props.state.message}</p>
      ) : (
        <Body result={props.state.result} lang={props.lang} show={props.show} onFinding={props.onFinding} onDecision={props.onDecision} pictureNames={props.pictureNames} offline={props.offline} />
      )}
      {props.state.kind === 'result' && (
        <footer class="actions">
          <button class="action" onClick={() => doCopy('json')}>
            {w.copyJson}
          </button>
          <button class="action" onClick={() => doCopy('tsv')}>
            {w.copyTsv}
          </button>
          <button class="action" onClick={() => doCopy('record')}>
            {w.copyRecord}
          </button>
          <button class="action" onClick={props.onPrint}>
            {w.print}
          </button>
          <span class="status" role="status" aria-live="polite">
            {copy ? (copy.state === 'copied' ? `✓ ${w.copied}` : w.copyFailed) : ''}
          </span>
        </footer>
      )}
    </aside>
  );
}

function Body(props: { result: CheckResultJson; lang: Lang; show: SidebarProps['show']; onFinding(f: Finding): void; onDecision: SidebarProps['onDecision']; pictureNames?: string[]; offline?: string }) {
  const { result, lang } = props;
  const w = WORDS[lang];
  const [undecidedOnly, setUndecidedOnly] = useState(false);
  /** the finding the keyboard is on: the one tab stop of the list (the others are reached by ↑/↓, J/K) */
  const [current, setCurrent] = useState<string | null>(null);
  const decisionOf = (f: Finding): ReviewJson['decisions'][number] | undefined => result.review?.decisions.find((d) => d.findingId === f.id);
  const shown = (f: Finding): boolean => (props.show?.[f.severity] ?? true) && (!undecidedOnly || (decisionOf(f)?.state ?? 'pending') === 'pending');
  const r = result.report;
  const s = result.summary;
  // the pictures' file names in a finding's words replaced by their names in the page
  const named = props.pictureNames;
  const say = (text: string): string => (named ? r.images.reduce((t, name, i) => (named[i] && name.length > 3 ? t.split(name).join(named[i]) : t), text) : text);
  const passed = result.checks.reduce((n, c) => n + Math.max(0, c.checked - c.failed - c.unverifiable), 0);
  const pictures = (['t1', 't2', 't3'] as TableId[]).filter((t) => r.tables[t].status === 'image');
  const groups: { key: TableId | 'general'; title: string; items: Finding[] }[] = [
    ...(['t1', 't2', 't3'] as TableId[]).map((t) => ({ key: t, title: w.tableNames[t], items: result.findings.filter((f) => f.table === t && shown(f)) })),
    { key: 'general' as const, title: w.general, items: result.findings.filter((f) => f.table === null && shown(f)) },
  ].filter((g) => g.items.length > 0);
  const order: Record<Finding['severity'], number> = { error: 0, warning: 1, info: 2 };
  const listed = groups.flatMap((g) => [...g.items].sort((a, b) => order[a.severity] - order[b.severity]));
  const stop = listed.some((f) => f.id === current) ? current : (listed[0]?.id ?? null);

  return (
    <div class="body">
      <section class="meta">
        <h2 class="title">{r.title ?? r.body ?? w.unknown}</h2>
        <p class="facts">
          <span>
            {w.body}：{r.body ?? w.unknown}
          </span>
          <span>
            {w.year}：{r.year ?? w.unknown}
          </span>
          <span>
            {w.template}：{r.template ? TEMPLATES[r.template].name[lang] : w.unknown}
          </span>
        </p>
        {result.lastYear && (
          <p class="last-year">
            {w.comparedWith(result.lastYear.year)}
            {result.lastYear.source && /^https?:\/\//.test(result.lastYear.source) ? (
              <a href={result.lastYear.source} target="_blank" rel="noopener noreferrer">
                {w.openLastYear}
              </a>
            ) : null}
          </p>
        )}
        {result.lastYear?.sameOrigin === false && <p class="last-year elsewhere">{w.lastYearElsewhere(result.lastYear.origin ?? null)}</p>}
      </section>
      <p class={`verdict ${s.errors > 0 ? 'bad' : 'good'}`} role="status">
        {verdictLine(result, lang)}
      </p>
      <section class="counts" aria-label="summary">
        <span class={`count err ${s.errors > 0 ? 'on' : ''}`}>
          <b>{s.errors}</b> {w.errors}
        </span>
        <span class={`count warn ${s.warnings > 0 ? 'on' : ''}`}>
          <b>{s.warnings}</b> {w.warnings}
        </span>
        <span class="count ok">
          <b>{passed}</b> {w.passed}
        </span>
      </section>
      {props.offline && <p class="notice offline">{props.offline}</p>}
      {pictures.length > 0 && (
        <p class="notice pictures">
          <b>{w.pictures}</b>
          <br />
          {w.picturesDetail(pictures.map((t) => tableName(t, lang)).join(lang === 'zh' ? '、' : ', '))}
          {r.images.length > 0 ? `（${(props.pictureNames ?? r.images).slice(0, 3).join('、')}）` : ''}
        </p>
      )}
      {result.findings.length > 0 && (
        <p class="keys" id="grc-keys">
          {w.keysHint.map((k, i) => (
            <span key={k}>
              {i > 0 ? ' · ' : ''}
              <span class="key">{k}</span>
            </span>
          ))}
        </p>
      )}
      {result.findings.length > 0 && (
        <label class="filter">
          <input type="checkbox" checked={undecidedOnly} onChange={(e) => setUndecidedOnly((e.currentTarget as HTMLInputElement).checked)} /> {w.undecidedOnly}
        </label>
      )}
      {result.findings.length === 0 ? (
        <section class="passed">
          <p class="ok-line">✓ {w.allPassed}</p>
          <p>{w.allPassedDetail}</p>
          <ul>
            {result.checks
              .filter((c) => c.checked > 0)
              .map((c) => (
                <li key={c.rule}>
                  ✓ {c.title[lang]}（{c.checked}）
                </li>
              ))}
          </ul>
        </section>
      ) : (
        groups.map((g) => (
          <section class="group" key={g.key}>
            <h3>{g.title}</h3>
            <ul>
              {[...g.items]
                .sort((a, b) => order[a.severity] - order[b.severity])
                .map((f) => (
                  <li key={f.id} class={`item ${decisionOf(f)?.state ?? 'pending'}`} onFocusIn={() => setCurrent(f.id)}>
                    <button class={`finding ${f.severity}`} data-finding={f.id} tabIndex={f.id === stop ? 0 : -1} aria-describedby="grc-keys" onClick={() => props.onFinding(f)}>
                      <span class="sev" aria-hidden="true">
                        {SEV_ICON[f.severity]}
                      </span>
                      <span class="text">
                        {say(f.message[lang])}
                        {f.outcome === 'fail' && f.expected !== null && (
                          <span class="numbers">
                            {w.expected} <b>{f.expected}</b> · {w.found} <b>{f.found}</b>
                          </span>
                        )}
                        <span class="rule">{f.rule}</span>
                      </span>
                    </button>
                    {!props.offline && <Decide finding={f} lang={lang} decision={decisionOf(f)} onDecision={props.onDecision} active={f.id === stop} />}
                  </li>
                ))}
            </ul>
          </section>
        ))
      )}
      {result.review && result.review.stale.length > 0 && (
        <section class="group stale">
          <h3>{w.stale}</h3>
          <ul>
            {result.review.stale.map((d) => (
              <li key={d.fingerprint}>
                【{w.states[d.state]}】{d.message[lang]}
                {d.note ? `（${d.note}）` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

/** How long typing may pause before the note is saved (it is saved on blur at once). */
export const NOTE_SAVE_MS = 600;

/**
 * 待核 / 确认 / 驳回 with a note: the auditor's decision on one finding. The note is saved while it
 * is typed (once the typing pauses, NOTE_SAVE_MS), when the field loses focus and when the
 * sidebar goes away — never only with the next click on a state button, so a note is not lost
 * when the auditor moves on to another finding, reloads or copies the record.
 */
function Decide(props: { finding: Finding; lang: Lang; decision: ReviewJson['decisions'][number] | undefined; onDecision: SidebarProps['onDecision']; active: boolean }) {
  const w = WORDS[props.lang];
  const state = props.decision?.state ?? 'pending';
  const [note, setNote] = useState(props.decision?.note ?? '');
  /** the note as last handed to onDecision (or as stored) */
  const saved = useRef(props.decision?.note ?? '');
  const typed = useRef(note);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef({ finding: props.finding, state, onDecision: props.onDecision });
  latest.current = { finding: props.finding, state, onDecision: props.onDecision };
  const cancel = (): void => {
    if (timer.current !== undefined) clearTimeout(timer.current);
    timer.current = undefined;
  };
  const flush = (): void => {
    cancel();
    if (typed.current === saved.current) return;
    saved.current = typed.current;
    const l = latest.current;
    l.onDecision(l.finding, l.state, typed.current);
  };
  // a note still waiting for its pause is saved when the sidebar closes or re-renders without this finding
  useLayoutEffect(() => flush, []);
  return (
    <div class="decide" role="group" aria-label={w.decision}>
      {(['pending', 'confirmed', 'rejected'] as DecisionState[]).map((s) => (
        <button
          key={s}
          class={`state ${s} ${state === s ? 'on' : ''}`}
          aria-pressed={state === s}
          data-state={s}
          tabIndex={props.active ? 0 : -1}
          onClick={() => {
            cancel();
            saved.current = typed.current;
            props.onDecision(props.finding, s, typed.current);
          }}
        >
          {w.states[s]}
        </button>
      ))}
      <input
        class="note"
        type="text"
        tabIndex={props.active ? 0 : -1}
        aria-label={w.note}
        placeholder={w.notePlaceholder}
        value={note}
        onInput={(e) => {
          typed.current = (e.currentTarget as HTMLInputElement).value;
          setNote(typed.current);
          cancel();
          timer.current = setTimeout(flush, NOTE_SAVE_MS);
        }}
        onBlur={flush}
      />
    </div>
  );
}

const STATE_KEYS: Record<string, DecisionState> = { '1': 'pending', '2': 'confirmed', '3': 'rejected' };

/**
 * The panel's keys (issue 18, item 2): ↑/↓ or J/K move finding to finding, Enter shows the cell
 * (the finding is a button), 1/2/3 set 待核/确认/驳回, N edits the note (Enter or Esc there goes
 * back to the finding), Esc leaves the panel. Worked on the DOM of the list as shown (filtered,
 * sorted), through the same buttons a click uses, so a key does exactly what a click does.
 */
export function panelKeys(e: KeyboardEvent, onLeave: () => void): void {
  const panel = e.currentTarget;
  const target = e.target;
  if (!(panel instanceof HTMLElement) || !(target instanceof HTMLElement)) return;
  if (e.altKey || e.ctrlKey || e.metaKey) return;
  const item = target.closest('li.item');
  const here = item?.querySelector<HTMLButtonElement>('button.finding') ?? null;
  if (target instanceof HTMLInputElement && target.type === 'text') {
    if (e.key === 'Enter' || e.key === 'Escape') {
      e.preventDefault();
      here?.focus();
    }
    return;
  }
  const findings = [...panel.querySelectorAll<HTMLButtonElement>('button.finding')];
  const at = here ? findings.indexOf(here) : -1;
  const go = (i: number): void => {
    const b = findings[Math.max(0, Math.min(findings.length - 1, i))];
    if (!b) return;
    e.preventDefault();
    b.focus();
  };
  const key = e.key;
  if (key === 'ArrowDown' || key === 'j' || key === 'J') return go(at < 0 ? 0 : at + 1);
  if (key === 'ArrowUp' || key === 'k' || key === 'K') return go(at < 0 ? 0 : at - 1);
  if (key === 'Escape') {
    e.preventDefault();
    onLeave();
    return;
  }
  if (!item || !here) return;
  const state = STATE_KEYS[key];
  if (state) {
    e.preventDefault();
    const next = findings[at + 1] ?? findings[at - 1] ?? null;
    item.querySelector<HTMLButtonElement>(`button.state[data-state="${state}"]`)?.click();
    // 只看待核 took the finding out of the list: on to the next one
    if (!here.isConnected) next?.focus();
    return;
  }
  if (key === 'n' || key === 'N') {
    e.preventDefault();
    item.querySelector<HTMLInputElement>('input.note')?.focus();
  }
}

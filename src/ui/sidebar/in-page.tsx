import { render } from 'preact';
import { browser } from 'wxt/browser';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { extractHtml } from '../../extract/html';
import { extractedLocator } from '../../page/locate';
import type { MarkedPage } from '../../page/mark-page';
import type { CheckResultJson } from '../../model/result';
import { SCHEMA_VERSION } from '../../model/version';
import { checkHead, parseCheckHead, parseToTab, readCheckReply, wrapJson, type CheckHead, type CheckReply, type ResultReply, type ToTab } from '../../messaging/to-page';
import type { CheckExtractedRequest, DecideRequest, RecheckRequest, ResultRequest, ToBackground } from '../../messaging/to-background';
import { applyPlan, completeMarks, type Marks } from '../../page/highlight';
import { App } from './App';
import { copyText } from '../clipboard';
import { pickLang, resolveLang, WORDS, type Lang } from '../i18n';
import { tablesToTsv } from '../../output/tsv';
import { SIDEBAR_CSS } from './styles';
import { dockPage, undockPage } from '../../page/dock';
import { pictureNames } from '../../page/picture-names';
import { DEFAULT_SETTINGS, migrateSettings, SETTINGS_KEY, type Settings } from '../../store/settings';
import { updateSettings } from '../../store/settings-store';
import { pageWatch, reportTables, tableSignature } from '../../page/watch';
import { overlayDecisions, type Decision, type DecisionState } from '../../model/review';
import { serialQueue } from '../../store/serial';
import type { Finding } from '../../model/finding';
import { auditRecord } from '../../output/audit';
import { PRINT_KEY } from '../../store/print-key';
import type { PrintJob } from '../../store/print-job';
import { findAttachments, type Attachment } from '../../extract/attachments';
import type { SourceRef } from '../../extract/types';
import { OFFLINE_REASON, offlineBox } from '../../page/offline-api';

export type Mode = 'auto' | 'manual';

interface State {
  attachments: Attachment[];
  /** the result (validated by the background) and its figures fingerprint, as the background sent them */
  reply: Extract<CheckReply, { ok: true }> | null;
  reason: { zh: string; en: string } | null;
  marks: Marks | null;
  /** how the cells were read: from the page's HTML in the background (the usual way), or here in the page (the fallback) */
  read: 'html' | 'page' | null;
  ui: ShadowRootContentScriptUi<HTMLElement> | null;
}

/**
 * The in-page checker: read this document's tables and text (extract), have the background run
 * the engine on them, mark the page, mount the sidebar, answer the popup. Only DOM work runs here,
 * on the page's main thread; recognition and the rules run in the background (page-check.ts).
 * Everything is caught: a failure becomes a message in the sidebar (on demand) or nothing at all
 * (automatic run), never an exception in the page.
 */
export class Checker {
  private state: State = { attachments: [], reply: null, reason: null, marks: null, read: null, ui: null };
  /** the browser's UI language until the settings arrive with the reply; then the user's choice (settings.ts `lang`) */
  private lang: Lang;
  private readonly uiLanguage: string | undefined;
  private settings: Settings = DEFAULT_SETTINGS;
  private stopWatching: (() => void) | null = null;
  private checkedAt = new Date();
  private view: { container: HTMLElement; shadow: ShadowRoot; collapsed: boolean } | null = null;
  /** decisions go to the background one at a time, in the order they were made */
  private readonly decisions = serialQueue();
  /** decisions made here and not yet confirmed by the background (by fingerprint), shown and copied meanwhile */
  private readonly unsaved = new Map<string, { decision: Decision; seq: number }>();
  private decisionSeq = 0;
  /** raised each time the keyboard focus is to move into the panel (App.tsx focusRequest) */
  private focusRequests = 0;
  /** the panel's key in the page, Alt+Shift+J (the focus-panel command's suggested key, for when the command is not bound or the browser leaves the key to the page) */
  private readonly pageKey = (e: KeyboardEvent): void => {
    if (!e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey || e.code !== 'KeyJ') return;
    if (!this.focusPanel()) return;
    e.preventDefault();
    e.stopPropagation();
  };
  /** the reply as the background last sent it (state.reply is this with the unsaved decisions laid over) */
  private confirmed: Extract<CheckReply, { ok: true }> | null = null;

  private readonly listener = (raw: unknown, _sender: unknown, sendResponse: (r: ResultReply | null) => void): true | undefined => {
    const msg = parseToTab(raw);
    if (!msg) return undefined;
    void this.onMessage(msg).then(sendResponse, () => sendResponse(null));
    return true;
  };

  /**
   * The settings changed in another page of the extension (the language switch of the options page
   * or the popup, a severity filter): the open sidebar follows at once.
   */
  private readonly settingsChanged = (changes: Record<string, { newValue?: unknown }>, area: string): void => {
    if (area !== 'local' || !(SETTINGS_KEY in changes)) return;
    const next = migrateSettings({ [SETTINGS_KEY]: changes[SETTINGS_KEY]?.newValue });
    const lang = resolveLang(next.lang, this.uiLanguage);
    if (lang === this.lang && next.show === this.settings.show) return;
    this.settings = { ...next, collapsed: this.view?.collapsed ?? next.collapsed };
    this.lang = lang;
    this.rerender();
  };

  constructor(private readonly ctx: ContentScriptContext) {
    this.uiLanguage = safe(() => browser.i18n.getUILanguage(), navigator.language);
    this.lang = pickLang(this.uiLanguage);
    browser.runtime.onMessage.addListener(this.listener);
    safe(() => browser.storage.onChanged.addListener(this.settingsChanged), undefined);
    ctx.onInvalidated(() => this.dispose());
  }

  /** Stop answering messages and remove everything from the page (a newer injection takes over). */
  dispose(): void {
    safe(() => browser.runtime.onMessage.removeListener(this.listener), undefined);
    safe(() => browser.storage.onChanged.removeListener(this.settingsChanged), undefined);
    this.stopWatching?.();
    this.teardown();
  }

  /**
   * Check the page from the start: when it changed, or the popup asks and no sidebar is shown. The
   * background injects the first script again (the one way every run goes, src/background/inject.ts),
   * which replaces this instance; the reply comes once the new sidebar has run.
   */
  async run(mode: Mode): Promise<void> {
    const req: RecheckRequest = { type: 'recheck', mode };
    await safeAsync(() => sendRaw(req), null);
  }

  /**
   * Take over a page that the first script marked (entrypoints/checker.ts, mark-page.ts): read the result,
   * complete the marks (tooltips, paragraphs found by their words), show the sidebar, watch.
   */
  async adopt(marked: MarkedPage | null, mode: Mode): Promise<void> {
    let applied = marked?.applied ?? null;
    this.state.attachments = [];
    try {
      if (marked?.tooLarge) {
        const mb = (marked.tooLarge / 1_000_000).toFixed(0);
        throw new TooLarge({ zh: WORDS.zh.tooLarge(mb), en: WORDS.en.tooLarge(mb) });
      }
      let head = marked ? checkHead(marked.head, SCHEMA_VERSION) : null;
      if (!marked || !head) throw new Error(WORDS[this.lang].noEngine);
      let locate = marked.locate;
      this.state.read = 'html';
      // the report files the page links to, found by the background in the page's HTML
      this.state.attachments = head.attachments;
      // the cells the first script left for later: if one is not where the HTML put it either, read the page here
      applied?.finish();
      if (marked.stale || locate.stale) {
        // a cell is not where the page's HTML put it (the page changed meanwhile): read the live page here
        safe(() => applied?.clear(), undefined);
        const x = extractHtml(document);
        this.state.read = 'page';
        const req: CheckExtractedRequest = { type: 'check-extracted', url: marked.url, doc: { items: x.items, title: x.title, notes: x.notes } };
        const again = parseCheckHead(await sendRaw(wrapJson(req)), SCHEMA_VERSION);
        if (!again) throw new Error(WORDS[this.lang].noEngine);
        head = again;
        this.state.attachments = safe(() => findAttachments(document, head?.ok === true || /年度报告|年报/.test(document.title)), []);
        locate = extractedLocator(x.elements);
        applied = head.ok ? applyPlan(document, head.plan, locate) : null;
      }
      const reply = await fetchReply(head);
      if (!reply && head.ok && freshCheckAllowed()) {
        // the background no longer holds the result its head named (its service worker was
        // stopped in between, say): check the page again rather than end without a word. The new
        // run replaces this instance; not awaited, as this script's own run is what it waits on.
        safe(() => applied?.clear(), undefined);
        void this.run(mode);
        return;
      }
      if (!reply) throw new Error(WORDS[this.lang].noEngine);
      this.settings = reply.settings;
      this.lang = resolveLang(reply.settings.lang, this.uiLanguage);
      this.checkedAt = new Date();
      if (reply.ok) {
        this.state.reply = this.confirmed = reply;
        this.state.reason = null;
        this.state.marks = applied ? completeMarks(document, applied, reply.result, locate) : null;
      } else {
        this.state.reply = null;
        this.state.reason = reply.reason;
      }
    } catch (e) {
      safe(() => applied?.clear(), undefined);
      this.state.reply = null;
      this.state.marks = null;
      this.state.reason =
        e instanceof TooLarge ? e.words : { zh: `${WORDS.zh.failedToRun}：${String(e).slice(0, 160)}`, en: `${WORDS.en.failedToRun}: ${String(e).slice(0, 160)}` };
    }
    const r = this.state.reply;
    this.watch(mode);
    // nothing to say on a page that is not a report — unless its report is an attachment
    if (r === null && mode === 'auto' && this.state.attachments.length === 0) return;
    // (a frame from another site comes with the background's own reason, which names it)
    if (r === null && this.state.attachments.length > 0 && !this.state.attachments.some((a) => a.kind === 'frame')) {
      this.state.reason = { zh: WORDS.zh.onlyAttachments, en: WORDS.en.onlyAttachments };
    }
    await this.mount();
  }

  /**
   * Check again when the page's own scripts add tables or change the report's (a report loaded
   * late, figures rewritten), through the page's one watcher (watch.ts): debounced, capped and
   * given up after a while for the page as a whole, not per instance of this script. Text that
   * changes in other tables (a clock in a layout cell) is no reason to check again.
   */
  private watch(mode: Mode): void {
    if (this.stopWatching) return;
    const report = this.state.reply?.result.report;
    const tables = report ? safe(() => reportTables(document, cellRefs(report)), []) : [];
    let seen = tableSignature(document, tables);
    const watcher = pageWatch(document, { alive: () => safe(() => Boolean(browser.runtime.id), false) });
    this.stopWatching = watcher.attach(() => {
      const now = tableSignature(document, tables);
      if (now === seen) return false;
      seen = now;
      void this.run(this.state.ui || mode === 'manual' ? 'manual' : 'auto');
      return true;
    });
  }

  private async onMessage(msg: ToTab): Promise<ResultReply | null> {
    if (msg.type === 'get-result') {
      const r = this.state.reply?.result;
      return r ? { ok: true, result: r, tsv: tablesToTsv(r, this.lang) } : { ok: false, reason: this.state.reason ?? { zh: WORDS.zh.noReport, en: WORDS.en.noReport } };
    }
    if (msg.type === 'show-sidebar') {
      if (!this.state.ui) await this.run('manual');
      return { ok: true };
    }
    if (msg.type === 'focus-panel') return this.focusPanel() ? { ok: true } : null;
    return null;
  }

  private async mount(): Promise<void> {
    const collapsed = this.settings.collapsed;
    const ui = await createShadowRootUi(this.ctx, {
      name: 'gov-report-check',
      position: 'inline',
      anchor: 'body',
      append: 'last',
      css: SIDEBAR_CSS,
      isolateEvents: ['keydown', 'keyup', 'keypress'],
      onMount: (container, shadow) => {
        this.view = { container, shadow, collapsed };
        this.rerender();
        return container;
      },
      onRemove: (container) => {
        this.view = null;
        if (container) render(null, container);
      },
    });
    ui.mount();
    onTop(ui.shadowHost);
    this.dock(!collapsed);
    document.addEventListener('keydown', this.pageKey, true);
    // for tests and bug reports: which way the cells were read (not shown, not page text)
    if (this.state.read) ui.shadowHost.setAttribute('data-read', this.state.read);
    this.state.ui = ui;
  }

  /** Render the sidebar from the current state (again after a decision changes). */
  private rerender(): void {
    const view = this.view;
    if (!view) return;
    const { container, shadow } = view;
    const w = WORDS[this.lang];
    const reply = this.state.reply;
    const r = reply?.result ?? null;
    render(
      <App
        doc={document}
        lang={this.lang}
        marks={this.state.marks}
        state={r ? { kind: 'result', result: r } : { kind: 'none', message: this.state.reason?.[this.lang] ?? w.noReport }}
        initialCollapsed={view.collapsed}
        focusRequest={this.focusRequests}
        show={this.settings.show}
        onCollapseChange={(collapsed) => {
          view.collapsed = collapsed;
          this.dock(!collapsed);
          this.settings = { ...this.settings, collapsed };
          void saveCollapsed(collapsed);
        }}
        onClose={() => this.teardown()}
        onFinding={(f) => this.state.marks?.focus(f) ?? null}
        onCopyJson={() => (reply ? copyText(JSON.stringify(reply.result, null, 2), shadow) : Promise.resolve('failed'))}
        onCopyTsv={() => (r ? copyText(tablesToTsv(r, this.lang), shadow) : Promise.resolve('failed'))}
        onCopyRecord={() => (reply ? copyText(auditRecord(reply.result, reply.result.review, { version: extensionVersion(), rules: reply.ruleset, at: this.checkedAt }), shadow) : Promise.resolve('failed'))}
        onPrint={() => void (reply ? this.print({ result: reply.result, checkedAt: this.checkedAt.toISOString(), ruleset: reply.ruleset }) : undefined)}
        onDecision={(f, state, note) => void this.decide(f, state, note)}
        attachments={this.state.attachments}
        pictureNames={r && r.report.images.length > 0 ? safe(() => pictureNames(document, r.report.images, this.lang), undefined) : undefined}
        onCheckAttachments={(urls) => void send({ type: 'check-urls', urls })}
        offline={offlineBox() ? OFFLINE_REASON : undefined}
      />,
      container,
    );
  }

  /**
   * Save an auditor's decision on a finding (in the background) and show it; the copied JSON and
   * record carry it at once, before the background confirms. Each decision is sent the moment it
   * is made (the background takes a page's messages in order and serialises its writes, so a note's
   * save on blur and the next click never overtake each other); the replies are handled one at a
   * time, and a reply never hides a decision made after the one it answers.
   */
  private decide(f: Finding, state: DecisionState, note: string): Promise<void> {
    const fingerprint = f.fingerprint;
    if (!this.confirmed || !fingerprint) return Promise.resolve();
    const decision: Decision = { fingerprint, state, note, at: new Date().toISOString(), rule: f.rule, message: f.message };
    const seq = ++this.decisionSeq;
    this.unsaved.set(fingerprint, { decision, seq });
    this.state.reply = this.withUnsaved(this.confirmed);
    this.rerender();
    // Sent at once, so that a page left or reloaded right after the click still delivers it (the
    // background takes a page's messages in order and serialises its writes); only the replies
    // are handled one at a time.
    const base = this.confirmed;
    const req: DecideRequest = { type: 'decide', url: location.href, figures: base.figures, decision, result: base.result };
    const sent = safeAsync(() => ask(req), null);
    return this.decisions(async () => {
      const next = await sent;
      if (this.unsaved.get(fingerprint)?.seq === seq) this.unsaved.delete(fingerprint);
      // not saved (no answer that holds): the finding shows what is stored again, not what was clicked
      if (next?.ok) this.confirmed = next;
      this.state.reply = this.withUnsaved(this.confirmed ?? base);
      this.rerender();
    });
  }

  private withUnsaved(reply: Extract<CheckReply, { ok: true }>): Extract<CheckReply, { ok: true }> {
    const r = reply.result;
    const review = overlayDecisions(r.review, r.findings, [...this.unsaved.values()].map((u) => u.decision));
    return { ...reply, result: { ...r, review } };
  }

  /** The printable working paper: the result, its check time and rule set go through storage, the background opens the tab. */
  private async print(job: PrintJob): Promise<void> {
    await safeAsync(() => browser.storage.local.set({ [PRINT_KEY]: job }), undefined);
    await send({ type: 'open-print' });
  }

  /** The page makes room for the open panel (dock.ts); collapsed to its badge, it takes none. */
  private dock(open: boolean): void {
    safe(() => (open ? dockPage(document) : undockPage(document)), undefined);
  }

  /** Move the keyboard focus into the panel (opened if it is a badge); false when no panel is shown. */
  focusPanel(): boolean {
    if (!this.view) return false;
    this.focusRequests++;
    this.rerender();
    return true;
  }

  /** Remove the sidebar and every mark; the page is as it was. */
  teardown(): void {
    safe(() => document.removeEventListener('keydown', this.pageKey, true), undefined);
    safe(() => undockPage(document), undefined);
    safe(() => this.state.ui?.remove(), undefined);
    safe(() => this.state.marks?.clear(), undefined);
    this.state.ui = null;
    this.state.marks = null;
  }
}

/**
 * The sidebar above everything the page shows: its host goes into the top layer as a manual
 * popover, over any z-index (a page overlay at 2147483647, the highest there is, took its clicks:
 * issue 16, item 10). The host's own styles (sidebar/styles.ts) undo the popover's default box.
 * Where popovers are unknown, the host's z-index (the highest) and its place last in <body> are all
 * there is.
 */
function onTop(host: HTMLElement): void {
  try {
    if (typeof host.showPopover !== 'function') return;
    host.setAttribute('popover', 'manual');
    host.showPopover();
  } catch {
    // not connected, or not a popover after all: the z-index stays
  }
}

/** Where the report's cells are on the page: every table cell's source, for the tables the page watcher follows. */
function* cellRefs(report: CheckResultJson['report']): Generator<SourceRef | null> {
  for (const t of [report.tables.t1, report.tables.t2, report.tables.t3]) {
    for (const row of t.rows) for (const c of row.cells) yield c.src;
    for (const x of t.extras) yield x.src;
  }
}

/** Fresh checks asked for because a result was gone, per page: a background that keeps losing them is then said to fail. */
const FRESH_CHECKS = 2;

function freshCheckAllowed(): boolean {
  const g = globalThis as typeof globalThis & { __govReportFreshChecks?: number };
  const n = g.__govReportFreshChecks ?? 0;
  if (n >= FRESH_CHECKS) return false;
  g.__govReportFreshChecks = n + 1;
  return true;
}

/** A page over the size limit: said as it is, not as a failure. */
class TooLarge extends Error {
  constructor(readonly words: { zh: string; en: string }) {
    super(words.en);
  }
}

function extensionVersion(): string {
  return safe(() => browser.runtime.getManifest().version, '?');
}

/** A decision, and the result back with it applied; null when the background gave no reply that holds. */
async function ask(req: DecideRequest): Promise<CheckReply | null> {
  const head = parseCheckHead(await sendRaw(wrapJson(req)), SCHEMA_VERSION);
  return head ? fetchReply(head) : null;
}

/** The whole reply: the result the head names, fetched from the background now that the marks are in. */
async function fetchReply(head: CheckHead): Promise<CheckReply | null> {
  if (!head.ok) return readCheckReply(head, null);
  const req: ResultRequest = { type: 'result', id: head.resultId };
  const text = await sendRaw(req);
  const body = typeof text === 'object' && text !== null ? (text as { type?: unknown; body?: unknown }) : null;
  return readCheckReply(head, body?.type === 'json' && typeof body.body === 'string' ? body.body : null);
}

async function sendRaw(message: unknown): Promise<unknown> {
  return browser.runtime.sendMessage(message);
}

async function send(msg: ToBackground): Promise<void> {
  await safeAsync(() => browser.runtime.sendMessage(msg), undefined);
}

/** Only the collapse: the other settings stay as stored (another page may have changed them). */
async function saveCollapsed(collapsed: boolean): Promise<void> {
  await safeAsync(() => updateSettings((s) => ({ ...s, collapsed })), null);
}

function safe<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}

async function safeAsync<T>(f: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await f();
  } catch {
    return fallback;
  }
}

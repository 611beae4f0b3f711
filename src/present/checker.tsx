import { render } from 'preact';
import { browser } from 'wxt/browser';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { extractHtml } from '../extract/html';
import type { CheckResultJson } from '../model/result';
import { SCHEMA_VERSION } from '../model/version';
import { parseCheckReply, parseToTab, unwrapJson, wrapJson, type CheckReply, type ResultReply, type ToTab } from '../messages';
import type { CheckPageRequest, DecideRequest, ToBackground } from '../requests';
import { applyMarks, type Marks } from './highlight';
import { App } from './App';
import { copyText } from './clipboard';
import { pickLang, WORDS, type Lang } from './i18n';
import { tablesToTsv } from './tsv';
import { SIDEBAR_CSS } from './sidebar/styles';
import { DEFAULT_SETTINGS, SETTINGS_KEY, type Settings } from './settings';
import { tableSignature, watchPage } from './watch';
import type { Decision, DecisionState } from '../model/review';
import type { Finding } from '../model/finding';
import { auditRecord } from './audit';
import { PRINT_KEY } from './print-key';
import { findAttachments, type Attachment } from '../extract/attachments';

export type Mode = 'auto' | 'manual';

interface State {
  attachments: Attachment[];
  /** the result (validated by the background) and its figures fingerprint, as the background sent them */
  reply: Extract<CheckReply, { ok: true }> | null;
  reason: { zh: string; en: string } | null;
  marks: Marks | null;
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
  private state: State = { attachments: [], reply: null, reason: null, marks: null, ui: null };
  private readonly lang: Lang;
  private settings: Settings = DEFAULT_SETTINGS;
  private stopWatching: (() => void) | null = null;
  private checkedAt = new Date();
  private view: { container: HTMLElement; shadow: ShadowRoot; collapsed: boolean } | null = null;

  private readonly listener = (raw: unknown, _sender: unknown, sendResponse: (r: ResultReply | null) => void): true | undefined => {
    const msg = parseToTab(raw);
    if (!msg) return undefined;
    void this.onMessage(msg).then(sendResponse, () => sendResponse(null));
    return true;
  };

  constructor(private readonly ctx: ContentScriptContext) {
    this.lang = pickLang(safe(() => browser.i18n.getUILanguage(), navigator.language));
    browser.runtime.onMessage.addListener(this.listener);
    ctx.onInvalidated(() => this.dispose());
  }

  /** Stop answering messages and remove everything from the page (a newer injection takes over). */
  dispose(): void {
    safe(() => browser.runtime.onMessage.removeListener(this.listener), undefined);
    this.stopWatching?.();
    this.teardown();
  }

  async run(mode: Mode): Promise<void> {
    this.teardown();
    try {
      const extracted = extractHtml(document);
      const req: CheckPageRequest = { type: 'check-page', url: location.href, doc: { items: extracted.items, title: extracted.title, notes: extracted.notes } };
      const reply = await ask(req);
      if (!reply) throw new Error(WORDS[this.lang].noEngine);
      this.settings = reply.settings;
      this.checkedAt = new Date();
      if (reply.ok) {
        this.state.reply = reply;
        this.state.reason = null;
        this.state.marks = applyMarks(document, reply.result, extracted.elements);
      } else {
        this.state.reply = null;
        this.state.reason = reply.reason;
      }
    } catch (e) {
      this.state.reply = null;
      this.state.reason = { zh: `${WORDS.zh.failedToRun}：${String(e).slice(0, 160)}`, en: `${WORDS.en.failedToRun}: ${String(e).slice(0, 160)}` };
    }
    const r = this.state.reply;
    this.state.attachments = safe(() => findAttachments(document, r !== null || /年度报告|年报/.test(document.title)), []);
    this.watch(mode);
    // nothing to say on a page that is not a report — unless its report is an attachment
    if (r === null && mode === 'auto' && this.state.attachments.length === 0) return;
    if (r === null && this.state.attachments.length > 0) this.state.reason = { zh: WORDS.zh.onlyAttachments, en: WORDS.en.onlyAttachments };
    // the marks are in the page; the sidebar comes in the next task, so they paint first
    await new Promise((resolve) => setTimeout(resolve, 0));
    await this.mount();
  }

  /** Check again when the page's own scripts add or change tables (a report loaded late). */
  private watch(mode: Mode): void {
    if (this.stopWatching) return;
    let seen = tableSignature(document);
    this.stopWatching = watchPage(
      this.ctx,
      document,
      () => {
        const now = tableSignature(document);
        if (now === seen) return false;
        seen = now;
        void this.run(this.state.ui || mode === 'manual' ? 'manual' : 'auto');
        return false;
      },
      { debounceMs: 500, giveUpMs: 30_000 },
    );
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
        show={this.settings.show}
        onCollapseChange={(collapsed) => {
          view.collapsed = collapsed;
          this.settings = { ...this.settings, collapsed };
          void saveSettings(this.settings);
        }}
        onClose={() => this.teardown()}
        onFinding={(f) => this.state.marks?.focus(f) ?? null}
        onCopyJson={() => (reply ? copyText(JSON.stringify(reply.result, null, 2), shadow) : Promise.resolve('failed'))}
        onCopyTsv={() => (r ? copyText(tablesToTsv(r, this.lang), shadow) : Promise.resolve('failed'))}
        onCopyRecord={() => (reply ? copyText(auditRecord(reply.result, reply.result.review, { version: extensionVersion(), rules: reply.ruleset, at: this.checkedAt }), shadow) : Promise.resolve('failed'))}
        onPrint={() => void (r ? this.print(r) : undefined)}
        onDecision={(f, state, note) => void this.decide(f, state, note)}
        attachments={this.state.attachments}
        onCheckAttachments={(urls) => void send({ type: 'check-urls', urls })}
      />,
      container,
    );
  }

  /** Save an auditor's decision on a finding (in the background) and show it; the copied JSON carries it too. */
  private async decide(f: Finding, state: DecisionState, note: string): Promise<void> {
    const reply = this.state.reply;
    if (!reply || !f.fingerprint) return;
    const decision: Decision = { fingerprint: f.fingerprint, state, note, at: new Date().toISOString(), rule: f.rule, message: f.message };
    const req: DecideRequest = { type: 'decide', url: location.href, figures: reply.figures, decision, result: reply.result };
    const next = await safeAsync(() => ask(req), null);
    if (next?.ok) this.state.reply = next;
    this.rerender();
  }

  /** The printable findings page: the result goes through storage, the background opens the tab. */
  private async print(r: CheckResultJson): Promise<void> {
    await safeAsync(() => browser.storage.local.set({ [PRINT_KEY]: r }), undefined);
    await send({ type: 'open-print' });
  }

  /** Remove the sidebar and every mark; the page is as it was. */
  teardown(): void {
    safe(() => this.state.ui?.remove(), undefined);
    safe(() => this.state.marks?.clear(), undefined);
    this.state.ui = null;
    this.state.marks = null;
  }
}

function extensionVersion(): string {
  return safe(() => browser.runtime.getManifest().version, '?');
}

/** A request whose reply is a CheckReply (check-page, decide); null when the background gave none that holds. */
async function ask(req: CheckPageRequest | DecideRequest): Promise<CheckReply | null> {
  return parseCheckReply(unwrapJson(await browser.runtime.sendMessage(wrapJson(req))), SCHEMA_VERSION);
}

async function send(msg: ToBackground): Promise<void> {
  await safeAsync(() => browser.runtime.sendMessage(msg), undefined);
}

async function saveSettings(settings: Settings): Promise<void> {
  await safeAsync(() => browser.storage.local.set({ [SETTINGS_KEY]: settings }), undefined);
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

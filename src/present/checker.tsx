import { render } from 'preact';
import { browser } from 'wxt/browser';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { extractHtml } from '../extract/html';
import { checkExtracted } from '../pipeline';
import type { CheckResultJson } from '../model/result';
import { parseMessage, type Message, type ResultReply } from '../messages';
import { applyMarks, type Marks } from './highlight';
import { App } from './App';
import { copyText } from './clipboard';
import { pickLang, WORDS, type Lang } from './i18n';
import { toJson } from './json';
import { tablesToTsv } from './tsv';
import { SIDEBAR_CSS } from './sidebar/styles';
import { migrateSettings, SETTINGS_KEY, UI_KEY, type Settings } from './settings';
import { tableSignature, watchPage } from './watch';
import { recordOf } from '../model/history';
import { remember } from './history-store';
import { withLastYear } from '../check/cross-year';
import { RULESET_VERSION } from '../check/index';
import { applyDecisions, figuresFingerprint, type Decision, type DecisionState } from '../model/review';
import type { Finding } from '../model/finding';
import { loadReview, saveDecision } from './review-store';
import { auditRecord } from './audit';
import { PRINT_KEY } from './print-key';
import { findAttachments, type Attachment } from '../extract/attachments';

export type Mode = 'auto' | 'manual';

interface State {
  attachments: Attachment[];
  result: CheckResultJson | null;
  reason: { zh: string; en: string } | null;
  marks: Marks | null;
  ui: ShadowRootContentScriptUi<HTMLElement> | null;
}

/**
 * The in-page checker: run the engine on this document, mark the page, mount the sidebar, answer
 * the popup. Everything is caught: a failure becomes a message in the sidebar (on demand) or
 * nothing at all (automatic run), never an exception in the page.
 */
export class Checker {
  private state: State = { attachments: [], result: null, reason: null, marks: null, ui: null };
  private readonly lang: Lang;
  private stopWatching: (() => void) | null = null;

  private readonly listener = (raw: unknown, _sender: unknown, sendResponse: (r: ResultReply | null) => void): true | undefined => {
    const msg = parseMessage(raw);
    if (!msg || (msg.type !== 'get-result' && msg.type !== 'show-sidebar')) return undefined;
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
      const outcome = checkExtracted(extracted, { kind: 'url', location: location.href, format: 'html' });
      this.state.attachments = safe(() => findAttachments(document, outcome.ok || /年度报告|年报/.test(document.title)), []);
      if (outcome.ok) {
        const compared = await this.againstLastYear(outcome.result);
        const review = await safeAsync(() => loadReview(location.href), undefined);
        const result: CheckResultJson = { ...compared, review: applyDecisions(compared.findings, review) };
        this.checkedAt = new Date();
        this.state.result = result;
        this.state.reason = null;
        this.state.marks = applyMarks(document, result, extracted.elements);
      } else {
        this.state.result = null;
        this.state.reason = outcome.reason;
      }
    } catch (e) {
      this.state.result = null;
      this.state.reason = { zh: `${WORDS.zh.failedToRun}：${String(e).slice(0, 160)}`, en: `${WORDS.en.failedToRun}: ${String(e).slice(0, 160)}` };
    }
    const r = this.state.result;
    void send({ type: 'checked', report: r !== null, errors: r?.summary.errors ?? 0, warnings: r?.summary.warnings ?? 0 });
    this.watch(mode);
    // nothing to say on a page that is not a report — unless its report is an attachment
    if (r === null && mode === 'auto' && this.state.attachments.length === 0) return;
    if (r === null && this.state.attachments.length > 0) this.state.reason = { zh: WORDS.zh.onlyAttachments, en: WORDS.en.onlyAttachments };
    await this.mount();
  }

  /** Remember this report; compare it with the same body's report for last year when one was checked. */
  private async againstLastYear(result: CheckResultJson): Promise<CheckResultJson> {
    const rec = recordOf(result.report, location.href, new Date());
    if (!rec) return result;
    const last = await safeAsync(() => remember(rec), null);
    return last ? withLastYear(result, last) : result;
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

  private async onMessage(msg: Message): Promise<ResultReply | null> {
    if (msg.type === 'get-result') {
      const r = this.state.result;
      return r ? { ok: true, result: r, tsv: tablesToTsv(r, this.lang) } : { ok: false, reason: this.state.reason ?? { zh: WORDS.zh.noReport, en: WORDS.en.noReport } };
    }
    if (msg.type === 'show-sidebar') {
      if (!this.state.ui) await this.run('manual');
      return { ok: true };
    }
    return null;
  }

  private async mount(): Promise<void> {
    const stored = await safeAsync(() => browser.storage.local.get([SETTINGS_KEY, UI_KEY]), {});
    const settings = migrateSettings(stored);
    const ui = await createShadowRootUi(this.ctx, {
      name: 'gov-report-check',
      position: 'inline',
      anchor: 'body',
      append: 'last',
      css: SIDEBAR_CSS,
      isolateEvents: ['keydown', 'keyup', 'keypress'],
      onMount: (container, shadow) => {
        this.view = { container, shadow, collapsed: settings.collapsed, settings };
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

  private view: { container: HTMLElement; shadow: ShadowRoot; collapsed: boolean; settings: Settings } | null = null;

  /** Render the sidebar from the current state (again after a decision changes). */
  private rerender(): void {
    const view = this.view;
    if (!view) return;
    const { container, shadow } = view;
    const w = WORDS[this.lang];
    const r = this.state.result;
    render(
      <App
        doc={document}
        lang={this.lang}
        marks={this.state.marks}
        state={r ? { kind: 'result', result: r } : { kind: 'none', message: this.state.reason?.[this.lang] ?? w.noReport }}
        initialCollapsed={view.collapsed}
        show={view.settings.show}
        onCollapseChange={(collapsed) => {
          view.collapsed = collapsed;
          view.settings = { ...view.settings, collapsed };
          void saveSettings(view.settings);
        }}
        onClose={() => this.teardown()}
        onFinding={(f) => this.state.marks?.focus(f) ?? null}
        onCopyJson={() => (r ? copyText(toJson(r), shadow) : Promise.resolve('failed'))}
        onCopyTsv={() => (r ? copyText(tablesToTsv(r, this.lang), shadow) : Promise.resolve('failed'))}
        onCopyRecord={() => (r ? copyText(auditRecord(r, r.review, { version: extensionVersion(), rules: RULESET_VERSION, at: this.checkedAt }), shadow) : Promise.resolve('failed'))}
        onPrint={() => void (r ? this.print(r) : undefined)}
        onDecision={(f, state, note) => void this.decide(f, state, note)}
        attachments={this.state.attachments}
        onCheckAttachments={(urls) => void send({ type: 'check-urls', urls })}
      />,
      container,
    );
  }

  private checkedAt = new Date();

  /** Save an auditor's decision on a finding and show it (the copied JSON carries it too). */
  private async decide(f: Finding, state: DecisionState, note: string): Promise<void> {
    const r = this.state.result;
    if (!r || !f.fingerprint) return;
    const decision: Decision = { fingerprint: f.fingerprint, state, note, at: new Date().toISOString(), rule: f.rule, message: f.message };
    await safeAsync(() => saveDecision(location.href, figuresFingerprint(r.report), decision), false);
    const review = await safeAsync(() => loadReview(location.href), undefined);
    this.state.result = { ...r, review: applyDecisions(r.findings, review) };
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

async function send(msg: Message): Promise<void> {
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

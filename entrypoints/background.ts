import '../src/model/zod-config';
import { browser } from 'wxt/browser';
import { parseHTML } from 'linkedom/worker';
import { parseToBackground, type CheckPageRequest, type CheckTabRequest } from '../src/messaging/to-background';
import { unwrapJson, wireReply, wrapJson, type CheckReplyWire, type JsonEnvelope, type ResultReply, type ToTab } from '../src/messaging/to-page';
import type { CandidateReply } from '../src/messaging/wire';
import { checkPage, decide, forgetTab, takeResult, type PageReply, type Place } from '../src/background/page-check';
import { badgeFor } from '../src/background/badge';
import { injectChecker as inject, type CheckRun, type RunMode } from '../src/background/inject';
import { tablesToTsv } from '../src/output/tsv';
import { answerReviewWrite, type ReviewWriteReply } from '../src/messaging/review-requests';
import { autoCheckAllowed, loadSettings, syncExtraSites } from '../src/background/sites';
import { SETTINGS_KEY } from '../src/store/settings';

export default defineBackground(() => {
  void loadSettings().then(syncExtraSites).catch(() => undefined);
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && SETTINGS_KEY in changes) void loadSettings().then(syncExtraSites).catch(() => undefined);
  });

  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.removeAll().then(() =>
      browser.contextMenus.create({ id: 'check-page', title: browser.i18n.getMessage('checkPage') || '检查本页年报表格', contexts: ['page', 'selection', 'frame'] }),
    ).catch(() => undefined);
  });

  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === 'check-page' && tab?.id !== undefined) void injectChecker(tab.id, 'manual');
  });

  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== 'check-page' && command !== 'focus-panel') return;
    void (async () => {
      const id = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
      if (id === undefined) return;
      if (command === 'check-page') {
        await injectChecker(id, 'manual');
        return;
      }
      // focus-panel: into the sidebar the page shows; a page without one is checked first
      if (await focusPanel(id)) return;
      await injectChecker(id, 'manual');
      await focusPanel(id);
    })();
  });

  // a tab's results are kept for as long as it may show them (page-check.ts): until it is closed
  browser.tabs.onRemoved.addListener((tabId) => forgetTab(tabId));
  browser.tabs.onReplaced.addListener((_added, removed) => forgetTab(removed));

  browser.runtime.onMessage.addListener((raw: unknown, sender: Sender): Promise<CheckReplyWire | JsonEnvelope | CandidateReply | ResultReply | ReviewWriteReply | null> | undefined => {
    const msg = parseToBackground(unwrapJson(raw));
    // the popup's own request (an extension page, never a web page's content script): check that tab
    if (msg?.type === 'check-tab') return fromExtensionPage(sender) ? checkTab(msg) : undefined;
    // the options page's writes of the decisions: in the background's one queue, with the sidebar's
    if (msg?.type === 'import-reviews' || msg?.type === 'clear-reviews') return fromExtensionPage(sender) ? answerReviewWrite(msg) : undefined;
    const tabId = sender.tab?.id;
    const frameId = sender.frameId;
    if (!msg || tabId === undefined) return undefined;
    const place: Place = { tab: tabId, frame: frameId ?? 0 };
    if (msg.type === 'candidate') {
      // the reply tells the detector to watch on (for a report loaded later) when the page held none
      return loadSettings()
        .then((settings) => (autoCheckAllowed(settings, sender.tab?.url) ? injectChecker(tabId, 'auto').then((run) => run.outcome) : false))
        .then((outcome): CandidateReply => ({ watch: outcome === 'none' }))
        .catch(() => null);
    }
    // (check-page: a checker of an older build, still in a page when the extension was updated)
    if (msg.type === 'check-page' || msg.type === 'check-extracted') {
      // the engine runs here, off the page's main thread; the badge follows the outcome
      return checkPage(msg, parseHtml, new Date(), place).then(
        (reply) => {
          // only while the tab still shows the page that asked: a large report left during its
          // check must not put its badge on the next page (issue 16, item 9). Not waited for: the
          // page has its marks to set.
          const badge = badgeFor(reply.head.ok ? { report: true, errors: reply.head.errors } : { report: false, errors: 0 });
          void stillShown(tabId, sender).then((shown) => (shown ? setBadge(tabId, badge) : undefined));
          return wireReply(reply.head);
        },
        () => null,
      );
    }
    if (msg.type === 'decide') return decide(msg, place).then((reply) => wireReply(reply.head), () => null);
    if (msg.type === 'result') {
      const result = takeResult(msg.id, place);
      return Promise.resolve(result ? wrapJson(result) : null);
    }
    if (msg.type === 'recheck') return injectChecker(tabId, msg.mode).then(() => null);
    if (msg.type === 'check-urls') {
      const query = msg.urls.filter((u) => /^https?:\/\//i.test(u)).map((u) => `check=${encodeURIComponent(u)}`).join('&');
      void browser.tabs.create({ url: browser.runtime.getURL(`/batch.html?${query}`) });
    }
    if (msg.type === 'open-print') {
      const index = sender.tab?.index;
      void browser.tabs.create({ url: browser.runtime.getURL('/print.html'), index: index !== undefined ? index + 1 : undefined });
    }
    return undefined;
  });
});

/**
 * Check a tab's page (src/background/inject.ts): the page's HTML comes as the injected script's
 * result and the plan goes back as args, so no message from the page is needed. The engine runs
 * here; the toolbar badge follows the outcome, only while the tab still shows the page that was
 * read (a large report left during its check must not put its badge on the next page: issue 16,
 * item 9). Not waited for: the page has its marks to set.
 */
function injectChecker(tabId: number, mode: RunMode): Promise<CheckRun> {
  const place: Place = { tab: tabId, frame: 0 };
  return inject(tabId, mode, async (req: CheckPageRequest, documentId: string | undefined): Promise<PageReply | null> => {
    try {
      const reply = await checkPage(req, parseHtml, new Date(), place);
      const badge = badgeFor(reply.head.ok ? { report: true, errors: reply.head.errors } : { report: false, errors: 0 });
      void stillShown(tabId, { documentId, url: req.url }).then((shown) => (shown ? setBadge(tabId, badge) : undefined));
      return reply;
    } catch {
      return null;
    }
  });
}

/** The popup's check of a tab: the result itself, since a page with no extension API cannot answer the popup. */
async function checkTab(msg: CheckTabRequest): Promise<ResultReply | null> {
  const run = await injectChecker(msg.tab, 'manual');
  const reply = run.reply;
  if (!reply) return null;
  if (reply.result) return { ok: true, result: reply.result, tsv: tablesToTsv(reply.result, msg.lang) };
  return reply.head.ok ? null : { ok: false, reason: reply.head.reason };
}

/** Sent by one of the extension's own pages (the popup), not by a content script in a web page. */
function fromExtensionPage(sender: Sender): boolean {
  return typeof sender.url === 'string' && sender.url.startsWith(browser.runtime.getURL('/')) && sender.id === browser.runtime.id;
}

/** HTML → document in the service worker, which has no DOMParser: linkedom's worker build, as the CLI reads pages. */
function parseHtml(html: string): Document {
  return parseHTML(html).document as unknown as Document;
}

interface Sender {
  id?: string;
  tab?: { id?: number; url?: string; index?: number };
  frameId?: number;
  url?: string;
  /** Chromium: the document that sent the message */
  documentId?: string;
}

/**
 * Whether the tab still shows the document that sent a message (the page may have been left while
 * its check ran). Chromium names the document: a script injected into it by that id runs only if
 * it is still there. Elsewhere, the tab's URL against the sender's (a URL we may not see is not the
 * page's).
 */
async function stillShown(tabId: number, sender: Pick<Sender, 'documentId' | 'url' | 'tab'>): Promise<boolean> {
  try {
    if (sender.documentId) {
      const [first] = await browser.scripting.executeScript({ target: { tabId, documentIds: [sender.documentId] }, func: () => true });
      return first?.result === true;
    }
    const tab = await browser.tabs.get(tabId);
    const page = sender.url ?? sender.tab?.url;
    return Boolean(page && tab.url && tab.url.split('#')[0] === page.split('#')[0]);
  } catch {
    return false; // gone, or no longer ours to script
  }
}

async function setBadge(tabId: number, badge: { text: string; color: string }): Promise<void> {
  try {
    await browser.action.setBadgeText({ tabId, text: badge.text });
    await browser.action.setBadgeBackgroundColor({ tabId, color: badge.color });
  } catch {
    // the tab may be gone
  }
}

/** Ask the tab's sidebar (top frame) to take the keyboard focus; false when no sidebar answers. */
async function focusPanel(tabId: number): Promise<boolean> {
  const msg: ToTab = { type: 'focus-panel' };
  const reply: unknown = await browser.tabs.sendMessage(tabId, msg, { frameId: 0 }).catch(() => null);
  return typeof reply === 'object' && reply !== null && (reply as { ok?: unknown }).ok === true;
}

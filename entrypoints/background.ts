import '../src/zod-config';
import { browser } from 'wxt/browser';
import { parseHTML } from 'linkedom/worker';
import { parseToBackground } from '../src/requests';
import { unwrapJson, wireReply, wrapJson, type CheckReplyWire, type JsonEnvelope } from '../src/messages';
import type { CandidateReply } from '../src/wire';
import { checkPage, decide, forgetTab, takeResult, type Place } from '../src/present/page-check';
import { badgeFor } from '../src/present/badge';
import { injectChecker, SIDEBAR } from '../src/present/inject';
import { autoCheckAllowed, loadSettings, syncExtraSites } from '../src/present/sites';
import { SETTINGS_KEY } from '../src/present/settings';

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
    if (command !== 'check-page') return;
    void (async () => {
      const id = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
      if (id !== undefined) await injectChecker(id, 'manual');
    })();
  });

  // a tab's results are kept for as long as it may show them (page-check.ts): until it is closed
  browser.tabs.onRemoved.addListener((tabId) => forgetTab(tabId));
  browser.tabs.onReplaced.addListener((_added, removed) => forgetTab(removed));

  browser.runtime.onMessage.addListener((raw: unknown, sender: Sender): Promise<CheckReplyWire | JsonEnvelope | CandidateReply | null> | undefined => {
    const msg = parseToBackground(unwrapJson(raw));
    const tabId = sender.tab?.id;
    const frameId = sender.frameId;
    if (!msg || tabId === undefined) return undefined;
    const place: Place = { tab: tabId, frame: frameId ?? 0 };
    if (msg.type === 'candidate') {
      // the reply tells the detector to watch on (for a report loaded later) when the page held none
      return loadSettings()
        .then((settings) => (autoCheckAllowed(settings, sender.tab?.url) ? injectChecker(tabId, 'auto') : false))
        .then((outcome): CandidateReply => ({ watch: outcome === 'none' }))
        .catch(() => null);
    }
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
    if (msg.type === 'mount-sidebar') {
      // the marks are in the page: now the sidebar, in the same frame. The reply waits for the
      // sidebar's script to finish, so whoever injected the checker (the popup) can then ask it.
      return browser.scripting.executeScript({ target: { tabId, frameIds: [frameId ?? 0] }, files: [SIDEBAR] }).then(
        () => null,
        () => null,
      );
    }
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

/** HTML → document in the service worker, which has no DOMParser: linkedom's worker build, as the CLI reads pages. */
function parseHtml(html: string): Document {
  return parseHTML(html).document as unknown as Document;
}

interface Sender {
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
async function stillShown(tabId: number, sender: Sender): Promise<boolean> {
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

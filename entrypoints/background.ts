import { browser } from 'wxt/browser';
import { parseToBackground } from '../src/requests';
import { unwrapJson, wrapJson, type JsonEnvelope } from '../src/messages';
import { checkPage, decide } from '../src/present/page-check';
import { badgeFor } from '../src/present/badge';
import { injectChecker } from '../src/present/inject';
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

  browser.runtime.onMessage.addListener((raw: unknown, sender: { tab?: { id?: number; url?: string; index?: number } }): Promise<JsonEnvelope | null> | undefined => {
    const msg = parseToBackground(unwrapJson(raw));
    const tabId = sender.tab?.id;
    if (!msg || tabId === undefined) return undefined;
    if (msg.type === 'candidate') {
      void loadSettings().then((settings) => (autoCheckAllowed(settings, sender.tab?.url) ? injectChecker(tabId, 'auto') : false));
    }
    if (msg.type === 'check-page') {
      // the engine runs here, off the page's main thread; the badge follows the outcome
      return checkPage(msg).then(
        (reply) => {
          void setBadge(tabId, badgeFor(reply.ok ? { report: true, errors: reply.result.summary.errors } : { report: false, errors: 0 }));
          return wrapJson(reply);
        },
        () => null,
      );
    }
    if (msg.type === 'decide') return decide(msg).then(wrapJson, () => null);
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

async function setBadge(tabId: number, badge: { text: string; color: string }): Promise<void> {
  try {
    await browser.action.setBadgeText({ tabId, text: badge.text });
    await browser.action.setBadgeBackgroundColor({ tabId, color: badge.color });
  } catch {
    // the tab may be gone
  }
}

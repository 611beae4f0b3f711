import { browser } from 'wxt/browser';
import { DEFAULT_SETTINGS, migrateSettings, SETTINGS_KEY, UI_KEY, type Settings } from './settings';
import { serialQueue } from './serial';

const queue = serialQueue();

/**
 * Change the stored settings: read, change, write, one change at a time. Every page that saves a
 * setting goes through here with the change it makes (a language, a checkbox, the sidebar's
 * collapse), never with a whole copy it read earlier: a page's old copy would put back what another
 * page changed since (the options page used to undo the sidebar's collapse). A stored value this
 * version cannot read (a newer version's) is left alone: null.
 */
export function updateSettings(change: (current: Settings) => Settings): Promise<Settings | null> {
  return queue(async () => {
    const stored = await browser.storage.local.get([SETTINGS_KEY, UI_KEY]);
    const current = migrateSettings(stored);
    // something is stored and it is not a version we read: do not write over it
    if (stored[SETTINGS_KEY] !== undefined && current === DEFAULT_SETTINGS) return null;
    const next = change(current);
    await browser.storage.local.set({ [SETTINGS_KEY]: next });
    return next;
  });
}

import { browser } from 'wxt/browser';
import { migrateSettings, SETTINGS_KEY, UI_KEY, type Settings } from '../store/settings';

const EXTRA_ID = 'extra-sites';
const GOV = /^https?:\/\/([^/]+\.)?gov\.cn(:\d+)?\//i;

export async function loadSettings(): Promise<Settings> {
  return migrateSettings(await browser.storage.local.get([SETTINGS_KEY, UI_KEY]));
}

/**
 * Keep the detector registered on the extra sites the user added (and still allows): the
 * registration is rebuilt from the settings at start-up and whenever they change.
 */
export async function syncExtraSites(settings: Settings): Promise<void> {
  const allowed: string[] = [];
  for (const pattern of settings.extraSites) {
    if (await browser.permissions.contains({ origins: [pattern] }).catch(() => false)) allowed.push(pattern);
  }
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [EXTRA_ID] }).catch(() => []);
  if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [EXTRA_ID] }).catch(() => undefined);
  if (allowed.length === 0) return;
  await browser.scripting
    .registerContentScripts([{ id: EXTRA_ID, matches: allowed, js: ['detector.js'], runAt: 'document_start', persistAcrossSessions: true }])
    .catch(() => undefined);
}

/** Should the background inject the checker for a detector's request from this page? */
export function autoCheckAllowed(settings: Settings, url: string | undefined): boolean {
  if (!url) return false;
  return GOV.test(url) ? settings.autoCheck : true; // extra sites: the user added them to be checked
}

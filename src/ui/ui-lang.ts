import { browser } from 'wxt/browser';
import { resolveLang, type Lang } from './i18n';
import { DEFAULT_SETTINGS, migrateSettings, SETTINGS_KEY, UI_KEY, type LangChoice, type Settings } from '../store/settings';
import { updateSettings } from '../store/settings-store';

/**
 * The language of the extension's own pages (options, popup, batch, print) and of the sidebar: the
 * user's choice in the settings (issue 18, item 5), or the browser's UI language when the choice is
 * 跟随浏览器 (the default). Read through zod (settings.ts migrateSettings); an unreadable value
 * gives the default.
 */
export function browserLanguage(): string | undefined {
  try {
    return browser.i18n.getUILanguage();
  } catch {
    return typeof navigator === 'undefined' ? undefined : navigator.language;
  }
}

export async function loadSettingsSafely(): Promise<Settings> {
  try {
    return migrateSettings(await browser.storage.local.get([SETTINGS_KEY, UI_KEY]));
  } catch {
    return DEFAULT_SETTINGS;
  }
}

export async function loadLang(): Promise<{ lang: Lang; choice: LangChoice }> {
  const s = await loadSettingsSafely();
  return { lang: resolveLang(s.lang, browserLanguage()), choice: s.lang };
}

/** Calls `then` with the new language whenever the stored choice changes; returns the unsubscribe. */
export function onLangChange(then: (lang: Lang, choice: LangChoice) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string): void => {
    if (area !== 'local' || !(SETTINGS_KEY in changes)) return;
    const s = migrateSettings({ [SETTINGS_KEY]: changes[SETTINGS_KEY]?.newValue });
    then(resolveLang(s.lang, browserLanguage()), s.lang);
  };
  try {
    browser.storage.onChanged.addListener(listener);
  } catch {
    return () => undefined;
  }
  return () => {
    try {
      browser.storage.onChanged.removeListener(listener);
    } catch {
      // the extension went away
    }
  };
}

/**
 * Store a new language choice, keeping every other setting as stored. A stored value this version
 * cannot read (a newer version's) is left alone: false.
 */
export async function saveLangChoice(choice: LangChoice): Promise<boolean> {
  return (await updateSettings((current) => ({ ...current, lang: choice }))) !== null;
}

/**
 * Render an extension page in the chosen language, and again (keyed anew by the caller) when the choice changes in
 * another page: the options page and the popup follow a switch at once. `live: false` for a page
 * whose state a remount would lose (the batch page while it runs): it takes the language it opened with.
 */
export async function withLang(show: (lang: Lang, choice: LangChoice) => void, live = true): Promise<void> {
  const { lang, choice } = await loadLang();
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  show(lang, choice);
  if (!live) return;
  // shown anew when the choice changes, even to one that shows the same language (auto → en on an
  // English browser): a page holding the settings must not write the old choice back
  let last = `${lang}:${choice}`;
  onLangChange((next, nextChoice) => {
    if (`${next}:${nextChoice}` === last) return;
    last = `${next}:${nextChoice}`;
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
    show(next, nextChoice);
  });
}

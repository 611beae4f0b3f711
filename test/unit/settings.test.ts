import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, migrateSettings, SETTINGS_KEY, sitePattern, UI_KEY } from '../../src/store/settings';
import { autoCheckAllowed, loadSettings } from '../../src/background/sites';
import { pickLang, resolveLang } from '../../src/ui/i18n';
import { loadLang, saveLangChoice } from '../../src/ui/ui-lang';

describe('settings in storage, versioned, with migrations (fakeBrowser)', () => {
  beforeEach(() => fakeBrowser.reset());

  it('nothing stored: the defaults (auto-check on, every severity shown)', async () => {
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('v1 (key `ui`, only the collapsed choice) migrates to v2 keeping that choice', async () => {
    await fakeBrowser.storage.local.set({ [UI_KEY]: { version: 1, collapsed: true } });
    expect(await loadSettings()).toEqual({ ...DEFAULT_SETTINGS, collapsed: true });
  });

  it('v2 migrates to v3 keeping everything it held, the language following the browser; it wins over a leftover v1', async () => {
    const v2 = { version: 2, collapsed: false, autoCheck: false, extraSites: ['*://218.57.139.24/*'], show: { error: true, warning: false, info: false } };
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: v2, [UI_KEY]: { version: 1, collapsed: true } });
    expect(await loadSettings()).toEqual({ ...v2, version: 3, lang: 'auto' });
  });

  it('v3 is read as it is, with the language chosen', async () => {
    const v3 = { ...DEFAULT_SETTINGS, collapsed: true, lang: 'zh' as const };
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: v3 });
    expect(await loadSettings()).toEqual(v3);
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { ...v3, lang: 'fr' } });
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('a corrupt or newer value gives the defaults (and is not written over by reading)', async () => {
    const odd = { version: 4, something: 'new' };
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: odd });
    expect(migrateSettings(await fakeBrowser.storage.local.get(SETTINGS_KEY))).toEqual(DEFAULT_SETTINGS);
    expect((await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]).toEqual(odd);
  });
});

describe('sites the user adds', () => {
  const cases: [string, string | null][] = [
    ['218.57.139.24', '*://218.57.139.24/*'],
    ['http://218.57.139.24:8080/col/index.html', '*://218.57.139.24/*'],
    ['https://www.sd.gov.cn.mirror.net/', '*://www.sd.gov.cn.mirror.net/*'],
    ['*.example.org', '*://*.example.org/*'],
    ['not a site', null],
    ['', null],
  ];
  for (const [input, pattern] of cases) it(`${JSON.stringify(input)} → ${pattern}`, () => expect(sitePattern(input)).toBe(pattern));

  it('auto-check off stops gov.cn pages only; added sites are still checked', () => {
    const off = { ...DEFAULT_SETTINGS, autoCheck: false };
    expect(autoCheckAllowed(off, 'http://www.weihai.gov.cn/a.html')).toBe(false);
    expect(autoCheckAllowed(off, 'http://218.57.139.24/a.html')).toBe(true);
    expect(autoCheckAllowed(DEFAULT_SETTINGS, 'https://www.weihai.gov.cn:8443/a.html')).toBe(true);
    expect(autoCheckAllowed(DEFAULT_SETTINGS, undefined)).toBe(false);
  });
});

// Issue 18, item 5: the language is a setting (中文 / English / 跟随浏览器), the browser's by default.
describe('the language switch', () => {
  beforeEach(() => fakeBrowser.reset());

  it('follows the browser unless chosen: English only for an English browser, Chinese otherwise', () => {
    expect(resolveLang('auto', 'en-US')).toBe('en');
    expect(resolveLang('auto', 'zh-CN')).toBe('zh');
    expect(resolveLang('auto', 'de')).toBe('zh');
    expect(resolveLang('auto', undefined)).toBe('zh');
    expect(resolveLang('zh', 'en-GB')).toBe('zh');
    expect(resolveLang('en', 'zh-CN')).toBe('en');
    expect(pickLang('EN')).toBe('en');
  });

  it('saving a choice keeps every other setting, migrating a v2 value on the way', async () => {
    const v2 = { version: 2, collapsed: true, autoCheck: false, extraSites: ['*://218.57.139.24/*'], show: { error: true, warning: false, info: true } };
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: v2 });
    expect(await saveLangChoice('zh')).toBe(true);
    expect((await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]).toEqual({ ...v2, version: 3, lang: 'zh' });
    expect((await loadLang()).choice).toBe('zh');
    expect((await loadLang()).lang).toBe('zh');
    expect(await saveLangChoice('en')).toBe(true);
    expect(await loadLang()).toEqual({ lang: 'en', choice: 'en' });
  });

  it('a stored value from a newer version is not written over by the switch', async () => {
    const odd = { version: 9, lang: 'zh' };
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: odd });
    expect(await saveLangChoice('en')).toBe(false);
    expect((await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]).toEqual(odd);
  });
});

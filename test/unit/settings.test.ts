import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, migrateSettings, SETTINGS_KEY, sitePattern, UI_KEY } from '../../src/present/settings';
import { autoCheckAllowed, loadSettings } from '../../src/present/sites';

describe('settings in storage, versioned, with migrations (fakeBrowser)', () => {
  beforeEach(() => fakeBrowser.reset());

  it('nothing stored: the defaults (auto-check on, every severity shown)', async () => {
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('v1 (key `ui`, only the collapsed choice) migrates to v2 keeping that choice', async () => {
    await fakeBrowser.storage.local.set({ [UI_KEY]: { version: 1, collapsed: true } });
    expect(await loadSettings()).toEqual({ ...DEFAULT_SETTINGS, collapsed: true });
  });

  it('v2 is read as it is, and wins over a leftover v1', async () => {
    const v2 = { ...DEFAULT_SETTINGS, autoCheck: false, extraSites: ['*://218.57.139.24/*'], show: { error: true, warning: false, info: false } };
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: v2, [UI_KEY]: { version: 1, collapsed: true } });
    expect(await loadSettings()).toEqual(v2);
  });

  it('a corrupt or newer value gives the defaults (and is not written over by reading)', async () => {
    const odd = { version: 3, something: 'new' };
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

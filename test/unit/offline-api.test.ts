import { describe, expect, it } from 'vitest';
import { offlineApi, offlineBox, OFFLINE_REASON } from '../../src/page/offline-api';
import { OFFLINE_KEY, type OfflineBox } from '../../src/messaging/inject-protocol';

// The sidebar's stand-in API in a page that shadows both browser and chrome (issue 16): what the
// background leaves is read from an own property only, and answers the sidebar's result request.

const BOX: OfflineBox = { id: 'abcdefghijklmnop', base: 'chrome-extension://abcdefghijklmnop/', version: '1.2.3', lang: 'zh-CN', results: { r1: '{"x":1}' } };

describe('offline stand-in for the extension API', () => {
  it('reads the box from an own property, and never from something inherited (a named page element)', () => {
    const own = {};
    Object.defineProperty(own, OFFLINE_KEY, { value: BOX });
    expect(offlineBox(own)).toEqual(BOX);
    const inherited = Object.create({ [OFFLINE_KEY]: BOX }) as object;
    expect(offlineBox(inherited)).toBeNull();
    const malformed = {};
    Object.defineProperty(malformed, OFFLINE_KEY, { value: { ...BOX, id: '' } });
    expect(offlineBox(malformed)).toBeNull();
  });

  it('answers the result the sidebar asks for, and refuses every other message with the reason in Chinese', async () => {
    const api = offlineApi(BOX);
    expect(api.runtime.id).toBe('abcdefghijklmnop');
    expect(api.runtime.getURL('/content-scripts/sidebar.css')).toBe('chrome-extension://abcdefghijklmnop/content-scripts/sidebar.css');
    expect(api.runtime.getManifest().version).toBe('1.2.3');
    expect(await api.runtime.sendMessage({ type: 'result', id: 'r1' })).toEqual({ type: 'json', body: '{"x":1}' });
    await expect(api.runtime.sendMessage({ type: 'result', id: 'toString' })).rejects.toThrow(OFFLINE_REASON);
    await expect(api.runtime.sendMessage({ type: 'decide' })).rejects.toThrow(/遮蔽了扩展接口/);
    await expect(api.storage.local.set({ a: 1 })).rejects.toThrow(OFFLINE_REASON);
  });
});

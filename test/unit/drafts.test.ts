import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DRAFT_LIMIT, draftKey, draftWriter, loadDraft } from '../../src/store/drafts';

// What an auditor types and has not run yet is kept as it is typed (the popup closes at the first
// click outside it): the writer lands the last value however fast the keys come, never throws, and
// what is read back is a draft or nothing.

describe('drafts', () => {
  beforeEach(() => fakeBrowser.reset());

  it('typed, kept, read back; each field its own key', async () => {
    const keepText = draftWriter('popup-text');
    const keepUrls = draftWriter('batch-urls');
    keepText('一、总体情况');
    keepUrls('http://www.a.gov.cn/nb.html');
    await new Promise((r) => setTimeout(r, 0));
    expect(await loadDraft('popup-text')).toBe('一、总体情况');
    expect(await loadDraft('batch-urls')).toBe('http://www.a.gov.cn/nb.html');
    expect(await loadDraft('batch-text')).toBe('');
  });

  it('keystrokes while a write is under way coalesce: the first and the last are written, the last lands', async () => {
    const writes: string[] = [];
    let release: () => void = () => undefined;
    const keep = draftWriter('batch-text', (v) => {
      writes.push(v);
      return new Promise<void>((r) => (release = r));
    });
    keep('a');
    keep('ab');
    keep('abc');
    expect(writes).toEqual(['a']);
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(writes).toEqual(['a', 'abc']);
    release();
    await new Promise((r) => setTimeout(r, 0));
    keep('abcd');
    expect(writes).toEqual(['a', 'abc', 'abcd']);
  });

  it('flush (the page is going away) sends the value waiting at once, without waiting for the write under way', () => {
    const writes: string[] = [];
    const keep = draftWriter('popup-text', (v) => {
      writes.push(v);
      return new Promise<void>(() => undefined); // never settles: a write cut off by the closing page
    });
    keep('a');
    keep('ab');
    keep.flush();
    expect(writes).toEqual(['a', 'ab']);
    keep.flush();
    expect(writes).toEqual(['a', 'ab']);
  });

  it('a failed write does not stop the next, nor throw into the page', async () => {
    const writes: string[] = [];
    const keep = draftWriter('batch-hosts', async (v) => {
      writes.push(v);
      if (v === 'x') throw new Error('QUOTA_BYTES quota exceeded');
    });
    expect(() => keep('x')).not.toThrow();
    await new Promise((r) => setTimeout(r, 0));
    keep('y');
    await new Promise((r) => setTimeout(r, 0));
    expect(writes).toEqual(['x', 'y']);
  });

  it('bounded: a draft is kept up to DRAFT_LIMIT characters; what is not a draft reads as none', async () => {
    const writes: string[] = [];
    draftWriter('popup-text', async (v) => void writes.push(v))('字'.repeat(DRAFT_LIMIT + 5));
    expect(writes[0]?.length).toBe(DRAFT_LIMIT);
    await fakeBrowser.storage.local.set({ [draftKey('popup-text')]: { html: '<img src=x onerror=alert(1)>' } });
    expect(await loadDraft('popup-text')).toBe('');
    await fakeBrowser.storage.local.set({ [draftKey('popup-text')]: 'x'.repeat(DRAFT_LIMIT + 1) });
    expect(await loadDraft('popup-text')).toBe('');
  });
});

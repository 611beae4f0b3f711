import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Decision } from '../../src/model/review';
import { parseToBackground } from '../../src/messaging/to-background';
import { REVIEWS_KEY, saveDecision } from '../../src/store/review-store';
import { answerReviewWrite, clearReviewsInBackground, importReviewsInBackground } from '../../src/messaging/review-requests';

// Issue 16: the options page writes the decisions (import, clear) from a context of its own. Its
// copy of review-store.ts has its own queue, so its read-change-write overlapped the background's
// (the sidebar's decisions) and one of the two was lost. Now the options page asks the background,
// and every write goes through the background's one queue.

const decision = (fingerprint: string, state: Decision['state'], note = ''): Decision => ({
  fingerprint,
  state,
  note,
  at: '2026-01-01T00:00:00.000Z',
  rule: 'balance',
  message: { zh: 'x', en: 'x' },
});

const A = 'http://www.a.gov.cn/2024.html';
const B = 'http://www.b.gov.cn/2024.html';
const importFile = JSON.stringify({ version: 1, reports: { [B]: { figures: 'fb', decisions: [decision('imp1', 'confirmed', '导入的意见'), decision('imp2', 'rejected')] } } });

async function stored(): Promise<Record<string, string[]>> {
  const raw = (await fakeBrowser.storage.local.get(REVIEWS_KEY))[REVIEWS_KEY] as { reports: Record<string, { decisions: Decision[] }> } | undefined;
  const out: Record<string, string[]> = {};
  for (const [url, r] of Object.entries(raw?.reports ?? {})) out[url] = r.decisions.map((d) => `${d.fingerprint}:${d.state}:${d.note}`).sort();
  return out;
}

/** The background's listener for the options page's requests, as entrypoints/background.ts wires it. */
function backgroundListens(): void {
  fakeBrowser.runtime.onMessage.addListener((raw: unknown, _sender: unknown, sendResponse: (r: unknown) => void) => {
    const msg = parseToBackground(raw);
    if (msg?.type !== 'import-reviews' && msg?.type !== 'clear-reviews') return undefined;
    void answerReviewWrite(msg).then(sendResponse);
    return true;
  });
}

/** The sidebar's decisions on report A, as the background saves them (page-check.ts decide → review-store). */
const sidebarDecides = (): Promise<boolean>[] => [
  saveDecision(A, 'fa', decision('s1', 'pending', '已电话核实，应为72')),
  saveDecision(A, 'fa', decision('s2', 'rejected')),
  saveDecision(A, 'fa', decision('s3', 'confirmed', '第三条')),
];

describe('decisions written from the options page and the sidebar at once', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.resetModules();
  });

  it('control: an import made in the options page\'s own copy of the store loses the sidebar\'s decisions or its own', async () => {
    // what Options.tsx did: review-store.ts loaded in the options page (a second module instance, a second queue)
    const optionsCopy = await import('../../src/store/review-store');
    expect(optionsCopy.saveDecision).not.toBe(saveDecision);
    const saves = sidebarDecides();
    const imported = optionsCopy.importReviews(importFile);
    await Promise.all([...saves, imported]);
    const s = await stored();
    const kept = (s[A]?.length ?? 0) + (s[B]?.length ?? 0);
    expect(kept).toBeLessThan(5);
  });

  it('an import from the options page, through the background, while the sidebar saves three decisions: all five kept', async () => {
    backgroundListens();
    const saves = sidebarDecides();
    const imported = importReviewsInBackground(importFile);
    const more = saveDecision(A, 'fa', decision('s4', 'confirmed', '导入之后'));
    expect(await imported).toEqual({ ok: true, count: 2 });
    await Promise.all([...saves, more]);
    expect(await stored()).toEqual({
      [A]: ['s1:pending:已电话核实，应为72', 's2:rejected:', 's3:confirmed:第三条', 's4:confirmed:导入之后'].sort(),
      [B]: ['imp1:confirmed:导入的意见', 'imp2:rejected:'],
    });
  });

  it('a clear from the options page takes effect in order: decisions made before it are gone, the one made after it is kept', async () => {
    backgroundListens();
    const before = sidebarDecides();
    const cleared = clearReviewsInBackground();
    const after = saveDecision(A, 'fa', decision('later', 'confirmed', '清空之后'));
    expect(await cleared).toBe(true);
    await Promise.all([...before, after]);
    expect(await stored()).toEqual({ [A]: ['later:confirmed:清空之后'] });
  });

  it('a file that is not a decisions file: refused, with the reason in Chinese, nothing changed', async () => {
    backgroundListens();
    await saveDecision(A, 'fa', decision('s1', 'confirmed'));
    expect(await importReviewsInBackground('{"version":1,"reports":{"u":{"decisions":[]}}}')).toEqual({
      ok: false,
      error: { zh: '不是本扩展导出的核查意见文件', en: 'not a decisions file of this extension' },
    });
    expect(await importReviewsInBackground('not json')).toMatchObject({ ok: false, error: { zh: '文件不是 JSON' } });
    expect(await stored()).toEqual({ [A]: ['s1:confirmed:'] });
  });

  it('no background listening: the options page says so and changes nothing', async () => {
    await saveDecision(A, 'fa', decision('s1', 'confirmed'));
    expect(await importReviewsInBackground(importFile)).toMatchObject({ ok: false, error: { zh: '扩展后台没有回应，未作改动' } });
    expect(await clearReviewsInBackground()).toBe(false);
    expect(await stored()).toEqual({ [A]: ['s1:confirmed:'] });
  });
});

import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { checkDocument } from '../../src/pipeline';
import { HISTORY_VERSION, migrateHistory, recordGroups, recordOf, reportKey, type YearRecord } from '../../src/model/history';
import { HISTORY_KEY, loadHistory, remember } from '../../src/store/history-store';
import { loadReview, loadReviews, migrateReviews, REVIEWS_KEY, saveDecision } from '../../src/store/review-store';
import type { Decision } from '../../src/model/review';

// Issue 18, item 6: two different reports of one body and year were merged into one record. Records
// are now kept per report address and grouped by body and year; a group whose figures differ is a
// conflict. Stored values of the older keys are migrated without losing a record or a decision.

function record(name: string, source: string, at: string): YearRecord {
  const html = readFileSync(new URL(`../fixtures/html/${name}.html`, import.meta.url), 'utf8');
  const out = checkDocument(parseHTML(html).document as unknown as Document, { kind: 'file', location: name, format: 'html' });
  if (!out.ok) throw new Error(name);
  const rec = recordOf(out.result.report, source, new Date(at));
  if (!rec) throw new Error(`no record for ${name}`);
  return rec;
}

const A = 'http://www.huancui.gov.cn/art/2024/1/20/art_1.html';
const B = 'http://www.huancui.gov.cn/col/nb/2023-report.html';

describe('the report address', () => {
  it('is the URL without its #fragment, host in lower case; a file path stays as it is', () => {
    expect(reportKey('http://WWW.Huancui.gov.cn:80/a.html?id=3#tab2')).toBe('http://www.huancui.gov.cn/a.html?id=3');
    expect(reportKey('https://x.gov.cn/a.html#')).toBe('https://x.gov.cn/a.html');
    expect(reportKey('reports/2023.html')).toBe('reports/2023.html');
    expect(reportKey(null)).toBe('');
  });
});

describe('records kept per report address (fakeBrowser)', () => {
  beforeEach(() => fakeBrowser.reset());

  it('two pages of one body and year on one site are two records, shown as a conflict when their figures differ', async () => {
    await remember(record('huancui-2023', A, '2025-01-01T00:00:00.000Z'));
    await remember(record('huancui-2023-bad', B, '2025-01-02T00:00:00.000Z'));
    const h = await loadHistory();
    expect(h?.records.map((r) => r.source)).toEqual([B, A]);
    const groups = recordGroups(h ?? { version: HISTORY_VERSION, records: [] });
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ bodyKey: '环翠区', year: 2023, conflict: true });
    expect(groups[0]?.records.map((r) => r.source)).toEqual([B, A]);
  });

  it('the same report at two addresses is two records of one group, not a conflict', async () => {
    await remember(record('huancui-2023', A, '2025-01-01T00:00:00.000Z'));
    await remember(record('huancui-2023', B, '2025-01-02T00:00:00.000Z'));
    const groups = recordGroups((await loadHistory()) ?? { version: HISTORY_VERSION, records: [] });
    expect(groups.map((g) => [g.records.length, g.conflict])).toEqual([[2, false]]);
  });

  it('checking one address again replaces its record, whatever its #fragment', async () => {
    await remember(record('huancui-2023', A, '2025-01-01T00:00:00.000Z'));
    await remember(record('huancui-2023-bad', `${A}#tab2`, '2025-01-03T00:00:00.000Z'));
    const h = await loadHistory();
    expect(h?.records).toHaveLength(1);
    expect(h?.records[0]?.checkedAt).toBe('2025-01-03T00:00:00.000Z');
  });

  it('a stored version 2 history (one record per body, year and site) is read with every record, and written as version 3 on the next save', async () => {
    const r1 = record('huancui-2023', A, '2025-01-01T00:00:00.000Z');
    const r2 = { ...record('huancui-2023-bad', 'http://mirror.example.gov.cn/copy/2023.html', '2025-01-02T00:00:00.000Z') };
    const r3 = record('seed-004', 'http://www.huancui.gov.cn/art/2025/1/20/art_2.html', '2025-01-03T00:00:00.000Z');
    const v2 = { version: 2, records: [r3, r2, r1] };
    expect(migrateHistory(v2)).toEqual({ version: 3, records: [r3, r2, r1] });
    await fakeBrowser.storage.local.set({ [HISTORY_KEY]: v2 });
    // another report of the same body and year on r1's site: kept beside it, nothing dropped
    await remember(record('huancui-2023-bad', B, '2025-01-04T00:00:00.000Z'));
    const stored = (await fakeBrowser.storage.local.get(HISTORY_KEY))[HISTORY_KEY] as { version: number; records: YearRecord[] };
    expect(stored.version).toBe(3);
    expect(stored.records.map((r) => r.source)).toEqual([B, r3.source, r2.source, A]);
  });
});

describe('decisions kept per report address, older keys migrated (fakeBrowser)', () => {
  beforeEach(() => fakeBrowser.reset());
  const d = (fingerprint: string, state: Decision['state'], at: string, note = ''): Decision => ({ fingerprint, state, note, at, rule: 'balance', message: { zh: 'x', en: 'x' } });

  it('decisions stored under one page with and without a #fragment are merged: every finding kept, the newer decision on the same finding', async () => {
    const old = {
      version: 1,
      reports: {
        [A]: { figures: 'f-old', decisions: [d('aa', 'confirmed', '2025-01-01T00:00:00.000Z', '先确认'), d('bb', 'rejected', '2025-01-01T00:00:00.000Z')] },
        [`${A}#tab2`]: { figures: 'f-new', decisions: [d('aa', 'rejected', '2025-02-01T00:00:00.000Z', '后驳回'), d('cc', 'pending', '2025-01-15T00:00:00.000Z', '待问')] },
        [B]: { figures: 'fb', decisions: [d('zz', 'confirmed', '2025-01-01T00:00:00.000Z')] },
      },
    };
    const m = migrateReviews(old);
    expect(Object.keys(m?.reports ?? {}).sort()).toEqual([B, A].sort());
    expect(m?.reports[A]?.figures).toBe('f-new');
    expect(m?.reports[A]?.decisions.map((x) => `${x.fingerprint}:${x.state}:${x.note}`).sort()).toEqual(['aa:rejected:后驳回', 'bb:rejected:', 'cc:pending:待问']);
    expect(m?.reports[B]?.decisions).toHaveLength(1);
    // read through the store, and kept on the next save (under the one address)
    await fakeBrowser.storage.local.set({ [REVIEWS_KEY]: old });
    expect((await loadReview(`${A}#other`))?.decisions).toHaveLength(3);
    await saveDecision(`${A}#tab3`, 'f-new', d('dd', 'confirmed', '2025-03-01T00:00:00.000Z'));
    const stored = (await fakeBrowser.storage.local.get(REVIEWS_KEY))[REVIEWS_KEY] as { reports: Record<string, { decisions: Decision[] }> };
    expect(Object.keys(stored.reports).sort()).toEqual([B, A].sort());
    expect(stored.reports[A]?.decisions.map((x) => x.fingerprint).sort()).toEqual(['aa', 'bb', 'cc', 'dd']);
    expect((await loadReviews())?.reports[B]?.decisions.map((x) => x.fingerprint)).toEqual(['zz']);
  });

  it('a store already keyed by address is returned as it is', () => {
    const v = { version: 1 as const, reports: { [A]: { figures: 'f', decisions: [d('aa', 'confirmed', '2025-01-01T00:00:00.000Z')] } } };
    expect(migrateReviews(v)).toEqual(v);
  });
});

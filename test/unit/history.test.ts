import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { checkDocument } from '../../src/pipeline';
import { compareYears, withLastYear } from '../../src/check/cross-year';
import { EMPTY_HISTORY, HISTORY_VERSION, migrateHistory, recordOf, type YearRecord } from '../../src/model/history';
import { exportHistory, HISTORY_KEY, importHistory, loadHistory, remember, clearHistory } from '../../src/present/history-store';
import { CheckResultSchema, type CheckResultJson } from '../../src/model/result';

function check(name: string): CheckResultJson {
  const html = readFileSync(new URL(`../fixtures/html/${name}.html`, import.meta.url), 'utf8');
  const out = checkDocument(parseHTML(html).document as unknown as Document, { kind: 'file', location: name, format: 'html' });
  if (!out.ok) throw new Error(name);
  return out.result;
}

function record(name: string, at = '2025-02-01T00:00:00.000Z'): YearRecord {
  const rec = recordOf(check(name).report, `${name}.html`, new Date(at));
  if (!rec) throw new Error(`no record for ${name}`);
  return rec;
}

describe('a compact record of a checked report', () => {
  it('keeps row 二 and row 四 per column and table 1 (一), keyed by a drift-proof body key', () => {
    const rec = record('seed-004');
    expect(rec).toMatchObject({ body: '威海市环翠区人民政府', bodyKey: '环翠区', year: 2024, template: '2021' });
    expect(rec.carriedOver).toEqual({ natural: 7, commercial: 0, research: 0, nonprofit: 0, legal: 0, 'other-org': 0, total: 7 });
    expect(rec.carriedForward.total).toBe(9);
    expect(rec.documents.normative).toEqual({ issued: 4, repealed: 8, inForce: 16 });
  });
});

describe('last year against this year', () => {
  it('a consistent pair: silent', () => {
    expect(compareYears(check('seed-004').report, record('huancui-2023'))).toEqual([]);
  });
  it('an inconsistent pair: carry-over in the columns that differ, and 现行有效', () => {
    const f = compareYears(check('seed-004').report, record('huancui-2023-bad'));
    // 2023-bad carried 8 forward in 自然人 and 总计; 2024 carried 7 over. 21 + 4 − 8 = 17 ≠ 16.
    expect(f.map((x) => [x.id, x.expected, x.found])).toEqual([
      ['carry-over/t2:natural', 8, 7],
      ['carry-over/t2:total', 8, 7],
      ['in-force/t1:normative', 17, 16],
    ]);
    expect(f.every((x) => x.severity === 'warning')).toBe(true);
  });
  it('the result with last year added still fits the schema and names last year', () => {
    const r = withLastYear(check('seed-004'), record('huancui-2023-bad'));
    expect(CheckResultSchema.safeParse(r).success).toBe(true);
    expect(r.lastYear).toMatchObject({ year: 2023, source: 'huancui-2023-bad.html' });
    expect(r.summary.warnings).toBe(4); // 3 cross-year + seed 004's own prose warning
  });
  it('a blank on either side is skipped, not compared as 0', () => {
    const last = { ...record('huancui-2023-bad'), carriedForward: { natural: null, total: null } };
    expect(compareYears(check('seed-004').report, last).filter((x) => x.rule === 'carry-over')).toEqual([]);
  });
});

describe('history in browser.storage.local (fakeBrowser)', () => {
  beforeEach(() => fakeBrowser.reset());

  it('nothing stored reads as empty; remembering returns last year of the same body', async () => {
    expect(await loadHistory()).toEqual(EMPTY_HISTORY);
    expect(await remember(record('huancui-2023'))).toBeNull();
    const last = await remember({ ...record('seed-004'), body: '环翠区政府' });
    expect(last).toMatchObject({ year: 2023, bodyKey: '环翠区' });
    expect((await loadHistory())?.records.map((r) => r.year)).toEqual([2024, 2023]);
  });

  it('re-checking the same body and year replaces its record', async () => {
    await remember(record('seed-004', '2025-01-01T00:00:00.000Z'));
    await remember(record('seed-004', '2025-03-01T00:00:00.000Z'));
    const h = await loadHistory();
    expect(h?.records).toHaveLength(1);
    expect(h?.records[0]?.checkedAt).toBe('2025-03-01T00:00:00.000Z');
  });

  it('a stored value this version cannot read (corrupt, or from a newer version) is never overwritten', async () => {
    const future = { version: HISTORY_VERSION + 1, records: [{ anything: 1 }] };
    await fakeBrowser.storage.local.set({ [HISTORY_KEY]: future });
    expect(migrateHistory(future)).toBeNull();
    expect(await remember(record('seed-004'))).toBeNull();
    expect((await fakeBrowser.storage.local.get(HISTORY_KEY))[HISTORY_KEY]).toEqual(future);
  });

  it('two reports checked at once (two tabs) are both remembered (one queue per store, issue 16)', async () => {
    await Promise.all([remember(record('huancui-2023')), remember(record('seed-004'))]);
    expect((await loadHistory())?.records.map((r) => r.year).sort()).toEqual([2023, 2024]);
  });

  it('export, clear, import round-trips; a bad file is refused with a reason', async () => {
    await remember(record('huancui-2023'));
    await remember(record('seed-004'));
    const file = await exportHistory();
    await clearHistory();
    expect((await loadHistory())?.records).toEqual([]);
    expect(await importHistory(file)).toEqual({ ok: true, count: 2 });
    expect((await loadHistory())?.records.map((r) => r.year).sort()).toEqual([2023, 2024]);
    expect(await importHistory('{"version":1,"records":[{"year":"x"}]}')).toMatchObject({ ok: false });
    expect(await importHistory('not json')).toEqual({ ok: false, error: 'not JSON' });
  });
});

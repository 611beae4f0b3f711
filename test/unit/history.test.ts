import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { checkDocument } from '../../src/pipeline';
import { compareYears, withLastYear } from '../../src/check/cross-year';
import { EMPTY_HISTORY, HISTORY_VERSION, migrateHistory, originOf, recordOf, type YearRecord } from '../../src/model/history';
import { exportHistory, HISTORY_KEY, importHistory, loadHistory, remember, rememberWithRivals, clearHistory } from '../../src/store/history-store';
import { CheckResultSchema, type CheckResultJson } from '../../src/model/result';

function check(name: string): CheckResultJson {
  const html = readFileSync(new URL(`../fixtures/html/${name}.html`, import.meta.url), 'utf8');
  const out = checkDocument(parseHTML(html).document as unknown as Document, { kind: 'file', location: name, format: 'html' });
  if (!out.ok) throw new Error(name);
  return out.result;
}

function record(name: string, at = '2025-02-01T00:00:00.000Z', source = `${name}.html`): YearRecord {
  const rec = recordOf(check(name).report, source, new Date(at));
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

// Issue 16, item 6: any page claiming the same body and year overwrote the stored "last year"
// record, and the genuine next-year report then showed carry-over warnings linking to the other
// site. Records now carry their origin and are kept per body, year and site.
describe('records from another site (issue 16, item 6)', () => {
  beforeEach(() => fakeBrowser.reset());
  const GENUINE = 'http://www.huancui.gov.cn/art/2024/1/20/art_1.html';
  const THIS_YEAR = 'http://www.huancui.gov.cn/art/2025/1/20/art_2.html';
  const ELSEWHERE = 'http://mirror.example.gov.cn/copy/2023.html';

  it('a page elsewhere claiming the same body and year does not replace the genuine record: this year is compared with the genuine one', async () => {
    await remember(record('huancui-2023', '2025-01-01T00:00:00.000Z', GENUINE));
    // later, another site: same body, same year, other figures
    await remember(record('huancui-2023-bad', '2025-01-02T00:00:00.000Z', ELSEWHERE));
    const last = await remember(record('seed-004', '2025-01-03T00:00:00.000Z', THIS_YEAR));
    expect(last?.source).toBe(GENUINE);
    const r = withLastYear(check('seed-004'), last as YearRecord, 'huancui.gov.cn');
    expect(r.findings.filter((f) => f.rule === 'carry-over' || f.rule === 'in-force')).toEqual([]);
    expect(r.lastYear).toMatchObject({ source: GENUINE, sameOrigin: true, origin: 'huancui.gov.cn' });
    // both 2023 records are kept, each with its site
    expect((await loadHistory())?.records.filter((x) => x.year === 2023).map((x) => x.origin).sort()).toEqual(['huancui.gov.cn', 'mirror.example.gov.cn']);
  });

  it('records carry their origin: the host without www., null for a local file', () => {
    expect(originOf('https://WWW.Weihai.gov.cn:8080/a.html')).toBe('weihai.gov.cn');
    expect(originOf('http://mirror.example.gov.cn/copy/2023.html')).toBe('mirror.example.gov.cn');
    expect(originOf('reports/2023.html')).toBeNull();
    expect(originOf(null)).toBeNull();
    expect(record('seed-004', undefined, THIS_YEAR).origin).toBe('huancui.gov.cn');
    expect(record('seed-004').origin).toBeNull();
  });

  it('when only another site holds last year, the comparison is made and says so: in the findings and in lastYear', async () => {
    await remember(record('huancui-2023-bad', '2025-01-02T00:00:00.000Z', ELSEWHERE));
    const last = await remember(record('seed-004', '2025-01-03T00:00:00.000Z', THIS_YEAR));
    expect(last?.origin).toBe('mirror.example.gov.cn');
    const r = withLastYear(check('seed-004'), last as YearRecord, 'huancui.gov.cn');
    const cross = r.findings.filter((f) => f.rule === 'carry-over' || f.rule === 'in-force');
    expect(cross.length).toBe(3);
    for (const f of cross) {
      expect(f.message.zh).toContain('另一来源：mirror.example.gov.cn');
      expect(f.message.zh).toContain('本报告来自huancui.gov.cn');
      expect(f.message.en).toContain('another source: mirror.example.gov.cn');
    }
    expect(r.lastYear).toMatchObject({ origin: 'mirror.example.gov.cn', sameOrigin: false });
    expect(CheckResultSchema.safeParse(r).success).toBe(true);
    // the same site's record, once there, takes its place
    await remember(record('huancui-2023', '2025-01-04T00:00:00.000Z', GENUINE));
    expect((await remember(record('seed-004', '2025-01-05T00:00:00.000Z', THIS_YEAR)))?.origin).toBe('huancui.gov.cn');
  });

  it('a stored history of version 1 (no origins) is read, each origin from its source, and kept on the next save', async () => {
    const { origin: _a, ...v1a } = record('huancui-2023', '2025-01-01T00:00:00.000Z', GENUINE);
    const { origin: _b, ...v1b } = record('huancui-2023-bad', '2025-01-02T00:00:00.000Z', ELSEWHERE);
    await fakeBrowser.storage.local.set({ [HISTORY_KEY]: { version: 1, records: [v1b, v1a] } });
    expect(migrateHistory({ version: 1, records: [v1a] })?.records[0]?.origin).toBe('huancui.gov.cn');
    const last = await remember(record('seed-004', '2025-01-03T00:00:00.000Z', THIS_YEAR));
    expect(last?.source).toBe(GENUINE);
    const h = await loadHistory();
    expect(h?.version).toBe(HISTORY_VERSION);
    expect(h?.records).toHaveLength(3);
    // an export of version 1 imports too
    await clearHistory();
    expect(await importHistory(JSON.stringify({ version: 1, records: [v1a] }))).toEqual({ ok: true, count: 1 });
    expect((await loadHistory())?.records[0]?.origin).toBe('huancui.gov.cn');
  });

  it('a comparison between a local file and a page says so', () => {
    const r = withLastYear(check('seed-004'), record('huancui-2023-bad'), 'huancui.gov.cn');
    expect(r.lastYear?.sameOrigin).toBe(false);
    expect(r.findings.find((f) => f.rule === 'carry-over')?.message.zh).toContain('另一来源：本地文件');
  });
});

// Two different reports of one body for last year (the options page's conflict): the comparison
// is made with one and names the other, never a silent pick.
describe('last year held twice with different figures', () => {
  beforeEach(() => fakeBrowser.reset());
  const A = 'http://www.huancui.gov.cn/art/2024/1/20/art_1.html';
  const B = 'http://www.huancui.gov.cn/art/2024/1/21/art_9.html';
  const THIS_YEAR = 'http://www.huancui.gov.cn/art/2025/1/20/art_2.html';

  it('two 2023 reports of one site with different figures: the comparison names the other one', async () => {
    await remember(record('huancui-2023', '2025-01-01T00:00:00.000Z', A));
    await remember(record('huancui-2023-bad', '2025-01-02T00:00:00.000Z', B));
    const got = await rememberWithRivals(record('seed-004', '2025-01-03T00:00:00.000Z', THIS_YEAR));
    expect(got?.rivals.map((r) => r.source)).toEqual([got?.last.source === A ? B : A]);
    const r = withLastYear(check('seed-004'), got?.last as YearRecord, 'huancui.gov.cn', got?.rivals);
    const f = r.findings.filter((x) => x.rule === 'last-year-conflict');
    expect(f.map((x) => x.severity)).toEqual(['warning']);
    expect(f[0]?.message.zh).toContain('2023年度该机关有 2 份数字不同的年报');
    expect(f[0]?.message.zh).toContain(got?.rivals[0]?.source ?? '?');
    expect(CheckResultSchema.safeParse(r).success).toBe(true);
  });

  it('the same report read at two addresses is no conflict: silent', async () => {
    await remember(record('huancui-2023', '2025-01-01T00:00:00.000Z', A));
    await remember(record('huancui-2023', '2025-01-02T00:00:00.000Z', B));
    const got = await rememberWithRivals(record('seed-004', '2025-01-03T00:00:00.000Z', THIS_YEAR));
    expect(got?.rivals).toEqual([]);
    const r = withLastYear(check('seed-004'), got?.last as YearRecord, 'huancui.gov.cn', got?.rivals);
    expect(r.findings.filter((x) => x.rule === 'last-year-conflict')).toEqual([]);
  });
});

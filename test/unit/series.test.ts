import { describe, expect, it } from 'vitest';
import { buildSeries, seriesNotes, seriesText, type SeriesInput } from '../../src/batch/series';
import { checkText } from '../../src/pipeline';
import type { CheckResultJson } from '../../src/model/result';
import { HISTORY_LIMIT, HISTORY_VERSION, recordOf, upsertAll, type YearRecord } from '../../src/model/history';
import { renderText, type SoundFigures } from '../support/render';
import { seriesFigures } from '../site/figures';
import { BODIES, siteReports } from '../site/site';

// Series (issue 19, item 2): reports grouped by body and year, checked along the whole series.
// The reports are the test site's (test/site/): consistent figures year after year.

function check(f: SoundFigures): CheckResultJson {
  const out = checkText(renderText(f), { kind: 'text', location: null, format: 'text' });
  if (!out.ok) throw new Error(out.reason.zh);
  return out.result;
}

const site = siteReports();
const of = (key: string, years?: number[]): SeriesInput[] =>
  site.filter((r) => r.body.key === key && (!years || years.includes(r.year))).map((r) => ({ source: `http://${r.body.host}${r.path}`, result: check(r.figures) }));

describe('a sound series stays silent', () => {
  it('five years of one body under three names: one series, every year follows on, no note', () => {
    const inputs = of('环翠区');
    const out = buildSeries(inputs);
    expect(out.series).toHaveLength(1);
    const s = out.series[0];
    expect(s?.key).toBe('环翠区');
    expect(s?.names).toEqual(['威海市环翠区人民政府', '环翠区人民政府', '威海市环翠区政府']);
    expect([s?.from, s?.to, s?.missing]).toEqual([2021, 2025, []]);
    expect(s?.notes).toEqual([]);
    expect(s?.years.map((y) => y.reports.map((r) => r.pair))).toEqual([['first'], ['consistent'], ['consistent'], ['consistent'], ['consistent']]);
    // each year after the first was compared with the one before: carry-over and in-force ran and held
    out.results.slice(1).forEach((r, k) => {
      expect(r?.lastYear?.year).toBe(2021 + k);
      const runs = r?.checks.filter((c) => c.rule === 'carry-over' || c.rule === 'in-force') ?? [];
      expect(runs.map((c) => [c.rule, c.checked > 0, c.failed])).toEqual([
        ['carry-over', true, 0],
        ['in-force', true, 0],
      ]);
    });
    expect(out.results[0]?.lastYear).toBeUndefined();
    expect(seriesText(out.series, 'zh')).toContain('环翠区（名称：威海市环翠区人民政府 / 环翠区人民政府 / 威海市环翠区政府）：2021–2025年度，5 份报告，逐年衔接无问题');
  });

  it('three bodies in one run, mixed in any order, with failures between: a series each, no notes but the planted ones', () => {
    const inputs: SeriesInput[] = [...of('环翠区'), { source: 'http://x.gov.cn/404.html' }, ...of('二十里店镇'), ...of('某某市生态环境局')].reverse();
    const out = buildSeries(inputs);
    expect(out.series.map((s) => s.key)).toEqual(['二十里店镇', '环翠区', '某某市生态环境局'].sort((a, b) => a.localeCompare(b, 'zh')));
    expect(out.results).toHaveLength(inputs.length);
    expect(out.results[inputs.findIndex((i) => i.result === undefined)]).toBeUndefined();
    expect(seriesNotes(out.series).map((n) => [n.key, n.note.kind, n.note.year])).toEqual(
      expect.arrayContaining([
        ['二十里店镇', 'missing-year', 2023],
        ['某某市生态环境局', 'same-as-last-year', 2024],
      ]),
    );
    expect(out.series.find((s) => s.key === '环翠区')?.notes).toEqual([]);
  });

  it('a single report is a series of one: no note, and the terminal text says nothing', () => {
    const out = buildSeries(of('环翠区', [2023]));
    expect(out.series[0]?.notes).toEqual([]);
    expect(out.series[0]?.years[0]?.reports[0]?.pair).toBe('first');
    expect(seriesText(out.series, 'zh')).toBe('');
  });
});

describe('a broken series is reported', () => {
  it('a year missing inside the series: a note naming it; the year after is not compared across the gap', () => {
    const out = buildSeries(of('二十里店镇'));
    const s = out.series[0];
    expect(s?.missing).toEqual([2023]);
    expect(s?.notes.map((n) => [n.kind, n.severity, n.message.zh])).toEqual([['missing-year', 'warning', '2021–2025年度之间缺少2023年度的报告']]);
    expect(s?.years.find((y) => y.year === 2023)?.reports).toEqual([]);
    expect(s?.years.find((y) => y.year === 2024)?.reports[0]?.pair).toBe('gap');
    expect(out.results[2]?.lastYear).toBeUndefined(); // 2024: nothing to compare with
    expect(out.results[3]?.lastYear?.year).toBe(2024);
  });

  it('a year with the previous year’s figures: same-as-last-year, and its carry-over and 现行有效 do not follow; the year after does', () => {
    const out = buildSeries(of('某某市生态环境局'));
    const s = out.series[0];
    const y2024 = s?.years.find((y) => y.year === 2024)?.reports[0];
    expect(y2024?.sameAsLastYear).toBe(true);
    expect(y2024?.pair).toBe('inconsistent');
    expect(y2024?.carryOver).toBeGreaterThan(0);
    expect(s?.notes.map((n) => [n.kind, n.year])).toEqual([
      ['same-as-last-year', 2024],
      ['carry-over', 2024],
      ['in-force', 2024],
    ]);
    expect(s?.years.find((y) => y.year === 2025)?.reports[0]?.pair).toBe('consistent');
    expect(out.results[3]?.findings.some((f) => f.rule === 'copied-from-last-year')).toBe(true);
  });

  it('a year whose figures do not follow from the year before (another series’ figures): carry-over noted on that year', () => {
    const inputs = of('环翠区');
    const stranger = seriesFigures({ name: '环翠区人民政府', makesRegulations: false }, [2021, 2022, 2023], { seed: 77, scale: 40 })[2] as SoundFigures;
    inputs[2] = { source: 'http://www.huancui.gov.cn/other-2023.html', result: check(stranger) };
    const out = buildSeries(inputs);
    const notes = out.series[0]?.notes ?? [];
    expect(notes.find((n) => n.kind === 'carry-over')?.year).toBe(2023);
    expect(notes.find((n) => n.kind === 'carry-over')?.sources).toEqual(['http://www.huancui.gov.cn/other-2023.html']);
    expect(out.results[2]?.findings.filter((f) => f.rule === 'carry-over').length).toBeGreaterThan(0);
  });

  it('two reports for one year: the same figures (a copy) is information, different figures a warning', () => {
    const inputs = of('环翠区', [2022, 2023]);
    const copy = { source: 'http://www.weihai.gov.cn/copy-2023.html', result: inputs[1]?.result };
    const same = buildSeries([...inputs, copy]);
    const note = same.series[0]?.notes.find((n) => n.kind === 'two-reports');
    expect([note?.severity, note?.year, note?.sources]).toEqual(['info', 2023, [inputs[1]?.source, copy.source]]);
    expect(same.series[0]?.years.find((y) => y.year === 2023)?.reports).toHaveLength(2);
    // each of the two is compared with 2022
    expect(same.results[1]?.lastYear?.year).toBe(2022);
    expect(same.results[2]?.lastYear?.year).toBe(2022);

    const other = site.find((r) => r.body.key === '某某市生态环境局' && r.year === 2023) as (typeof site)[number];
    const differing = { source: 'http://www.huancui.gov.cn/2023-b.html', result: check({ ...other.figures, body: { name: '环翠区人民政府', makesRegulations: false } }) };
    const diff = buildSeries([...inputs, differing]).series[0]?.notes.find((n) => n.kind === 'two-reports');
    expect([diff?.severity, diff?.message.zh]).toEqual(['warning', '2023年度有 2 份报告，三张表数字不同，须确认哪一份是正式发布的']);
  });

  it('a report without a body or a year is in no series', () => {
    const r = of('环翠区', [2023])[0]?.result as CheckResultJson;
    const nameless = { ...r, report: { ...r.report, body: null } };
    const out = buildSeries([{ source: 'a', result: nameless }]);
    expect(out.series).toEqual([]);
    expect(out.ungrouped).toEqual([0]);
  });

  it('runs twice to the same result (the batch page and the workbook both build the series)', () => {
    const once = buildSeries(of('某某市生态环境局'));
    const twice = buildSeries(once.results.map((result, i) => ({ source: `s${i}`, result })));
    expect(twice.results.map((r) => r?.findings.map((f) => f.id))).toEqual(once.results.map((r) => r?.findings.map((f) => f.id)));
  });
});

describe('the site behind the series', () => {
  it('three bodies; the planted faults only', () => {
    expect(BODIES.map((b) => [b.key, b.years.length, b.gbk, b.repeat ?? null])).toEqual([
      ['环翠区', 5, false, null],
      ['二十里店镇', 4, true, null],
      ['某某市生态环境局', 5, false, 2024],
    ]);
  });
});

// Records kept from earlier checks (the extension's history) stand in for a year before the run
// lacks: an inspector's yearly round checks this year's reports against last year's kept ones.
describe('last year from the kept history', () => {
  const NOW = new Date('2026-01-10T00:00:00Z');
  const keptOf = (key: string, year: number): YearRecord => {
    const input = of(key, [year])[0] as SeriesInput;
    const rec = recordOf((input.result as CheckResultJson).report, input.source, NOW);
    if (!rec) throw new Error('no record');
    return rec;
  };

  it('only this year given, last year kept: compared with the kept record, which the findings and the series name', () => {
    const kept = keptOf('环翠区', 2023);
    const out = buildSeries(of('环翠区', [2024]), { earlier: [kept] });
    const r = out.series[0]?.years[0]?.reports[0];
    expect([r?.pair, r?.keptFrom, r?.carryOver, r?.inForce]).toEqual(['consistent', kept.source, 0, 0]);
    expect(out.results[0]?.lastYear?.year).toBe(2023);
    expect(out.results[0]?.checks.find((c) => c.rule === 'carry-over')?.checked).toBe(7);
    expect(out.series[0]?.notes).toEqual([]);
    // without the kept record: the first year, nothing compared
    const alone = buildSeries(of('环翠区', [2024]));
    expect([alone.series[0]?.years[0]?.reports[0]?.pair, alone.results[0]?.lastYear]).toEqual(['first', undefined]);
  });

  it('a kept record whose carried-forward differs: the carry-over found, the note says it was the kept record', () => {
    const kept = keptOf('环翠区', 2023);
    const col = Object.keys(kept.carriedForward)[0] as string;
    const changed: YearRecord = { ...kept, carriedForward: { ...kept.carriedForward, [col]: (kept.carriedForward[col] ?? 0) + 3 } };
    const out = buildSeries(of('环翠区', [2024]), { earlier: [changed] });
    expect(out.series[0]?.years[0]?.reports[0]?.pair).toBe('inconsistent');
    const note = out.series[0]?.notes.find((n) => n.kind === 'carry-over');
    expect(note?.message.zh).toBe(`2024年度「上年结转」有 1 列与已存的2023年度记录（${kept.source}）「结转下年度继续办理」不符`);
    expect(out.results[0]?.findings.filter((f) => f.rule === 'carry-over').map((f) => f.expected)).toEqual([(kept.carriedForward[col] ?? 0) + 3]);
  });

  it('the run’s own report of last year wins over a kept one; another body’s kept record is not used', () => {
    const kept = keptOf('环翠区', 2023);
    const col = Object.keys(kept.carriedForward)[0] as string;
    const changed: YearRecord = { ...kept, carriedForward: { ...kept.carriedForward, [col]: 999 } };
    const both = buildSeries(of('环翠区', [2023, 2024]), { earlier: [changed] });
    const r2024 = both.series[0]?.years[1]?.reports[0];
    expect([r2024?.pair, r2024?.keptFrom]).toEqual(['consistent', undefined]);
    const other = buildSeries(of('二十里店镇', [2024]), { earlier: [kept] });
    expect(other.series[0]?.years[0]?.reports[0]?.pair).toBe('first');
  });

  it('a gap stays a gap, but the year after it is compared with the kept record of the missing year', () => {
    const out = buildSeries(of('二十里店镇'), { earlier: [] });
    expect(out.series[0]?.years.find((y) => y.year === 2024)?.reports[0]?.pair).toBe('gap');
    // the test site has no 2023 report for this body: a kept record built from 2022's figures, called 2023, stands in
    const k2022 = keptOf('二十里店镇', 2022);
    const stand: YearRecord = { ...k2022, year: 2023, source: 'http://www.hyesld.gov.cn/kept-2023.html' };
    const filled = buildSeries(of('二十里店镇'), { earlier: [stand] });
    const s = filled.series[0];
    expect(s?.missing).toEqual([2023]);
    expect(s?.notes[0]?.kind).toBe('missing-year');
    const r2024 = s?.years.find((y) => y.year === 2024)?.reports[0];
    expect([r2024?.pair === 'gap', r2024?.keptFrom]).toEqual([false, 'http://www.hyesld.gov.cn/kept-2023.html']);
    expect(filled.results[2]?.lastYear?.source).toBe('http://www.hyesld.gov.cn/kept-2023.html');
  });
});

describe('many records remembered at once (a batch)', () => {
  it('replaces each report’s record, puts the new ones first, keeps the rest, stays bounded', () => {
    const NOW = new Date('2026-01-10T00:00:00Z');
    const recs = of('环翠区').map((i) => recordOf((i.result as CheckResultJson).report, i.source, NOW) as YearRecord);
    const old = { ...(recs[0] as YearRecord), checkedAt: '2025-01-01T00:00:00.000Z' };
    const other = { ...(recs[1] as YearRecord), source: 'http://www.weihai.gov.cn/elsewhere.html' };
    const h = upsertAll({ version: HISTORY_VERSION, records: [old, other] }, recs);
    expect(h.records).toHaveLength(6);
    expect(h.records.slice(0, 5)).toEqual(recs);
    expect(h.records[5]).toEqual(other);
    const many = Array.from({ length: HISTORY_LIMIT + 10 }, (_, k) => ({ ...(recs[0] as YearRecord), source: `http://www.huancui.gov.cn/${k}.html` }));
    expect(upsertAll(h, many).records).toHaveLength(HISTORY_LIMIT);
  });
});

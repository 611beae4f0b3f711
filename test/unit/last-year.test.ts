import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkInput } from '../../src/cli/main';
import { checkText } from '../../src/pipeline';
import { withLastYear } from '../../src/check/cross-year';
import { COPIED_MIN_NONZERO } from '../../src/check/copied-from-last-year';
import { figuresOf, recordOf, YearRecordSchema, type YearRecord } from '../../src/model/history';
import { CheckResultSchema, type CheckResultJson } from '../../src/model/result';
import type { CellKey, Report } from '../../src/model/report';
import { CORPUS_DIR } from '../corpus/expected';
import { seedText } from '../support/seeds';

/** Seed 004: 环翠区 2024, real non-zero figures in all three tables. */
function seed004(): CheckResultJson {
  const out = checkText(seedText('004_383c93ca4b8bd76d.txt'), { kind: 'text', location: null, format: 'text' });
  if (!out.ok) throw new Error('seed 004 must be a report');
  return structuredClone(out.result);
}

/** A report as last year's record: the same body, one year earlier. */
function asLastYear(report: Report): YearRecord {
  const rec = recordOf({ ...report, year: (report.year ?? 0) - 1 }, 'http://www.huancui.gov.cn/2023.html', new Date('2025-02-01T00:00:00Z'));
  if (!rec) throw new Error('no record');
  return rec;
}

function setNumber(r: Report, k: CellKey, value: number): void {
  const cell = r.tables[k.table].rows.find((x) => x.key === k.row)?.cells.find((c) => c.col === k.col);
  if (!cell) throw new Error(`no cell ${JSON.stringify(k)}`);
  cell.value = { kind: 'number', value, raw: String(value) };
}

/** Every figure of the report set to 0 (blank cells stay blank). */
function zeroed(r: Report): void {
  for (const t of [r.tables.t1, r.tables.t2, r.tables.t3]) for (const row of t.rows) for (const c of row.cells) if (c.value.kind === 'number') c.value = { kind: 'number', value: 0, raw: '0' };
}

const rules = (result: CheckResultJson, id: string) => result.findings.filter((f) => f.rule === id);

async function corpus(id: string): Promise<CheckResultJson> {
  const o = await checkInput(join(CORPUS_DIR, id, 'source.txt'), { lang: 'zh', timeoutMs: 1000 });
  if (!o.ok) throw new Error(`${id}: ${o.reason}`);
  return o.result;
}

describe('the record keeps every figure of the three tables', () => {
  it('per table: its template, its columns, each row’s figures in that order; null for a table not read; fits the schema', () => {
    const r = seed004().report;
    const rec = asLastYear(r);
    expect(YearRecordSchema.safeParse(rec).success).toBe(true);
    expect(rec.figures?.t2?.template).toBe('2021');
    expect(rec.figures?.t2?.cols).toEqual(['natural', 'commercial', 'research', 'nonprofit', 'legal', 'other-org', 'total']);
    expect(rec.figures?.t2?.rows.new).toEqual([152, 1, 0, 0, 0, 3, 156]);
    expect(rec.figures?.t3?.rows.cases).toHaveLength(15);
    r.tables.t3.status = 'missing';
    expect(figuresOf(r).t3).toBeNull();
  });

  it('a record kept before figures were (no `figures`) still parses, and the new checks skip it', () => {
    const rec = asLastYear(seed004().report);
    const { figures: _gone, ...old } = rec;
    expect(YearRecordSchema.safeParse(old).success).toBe(true);
    const r = withLastYear(seed004(), old);
    expect(rules(r, 'copied-from-last-year')).toEqual([]);
    expect(r.checks.find((c) => c.rule === 'copied-from-last-year')?.checked).toBe(0);
  });
});

describe('copied-from-last-year', () => {
  it('fires when all three tables hold last year’s figures, cell for cell', () => {
    const now = seed004();
    const r = withLastYear(now, asLastYear(now.report));
    expect(CheckResultSchema.safeParse(r).success).toBe(true);
    const f = rules(r, 'copied-from-last-year');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'warning', outcome: 'fail', table: null });
    expect(f[0]?.message.zh).toMatch(/^三张表的数字与上年（2023年度）报告（http:\/\/www\.huancui\.gov\.cn\/2023\.html）完全相同（\d+ 个数字，其中 \d+ 个不为 0），可能照抄了上年数据。$/);
    expect(r.checks.find((c) => c.rule === 'copied-from-last-year')).toMatchObject({ checked: 1, failed: 1 });
  });

  it('silent when one figure differs, even in table 1 alone', () => {
    const now = seed004();
    const last = asLastYear(now.report);
    setNumber(now.report, { table: 't1', row: 'licensing', col: 'decisions' }, 999);
    expect(rules(withLastYear(now, last), 'copied-from-last-year')).toEqual([]);
  });

  it('silent when table 1 alone is the same (tables 2 and 3 changed)', () => {
    const now = seed004();
    const last = asLastYear(now.report);
    setNumber(now.report, { table: 't2', row: 'new', col: 'natural' }, 153);
    setNumber(now.report, { table: 't3', row: 'cases', col: 'review-total' }, 8);
    expect(rules(withLastYear(now, last), 'copied-from-last-year')).toEqual([]);
  });

  it('silent when a table is missing in one year, though every figure read is the same', () => {
    const now = seed004();
    const last = asLastYear(now.report);
    now.report.tables.t3.status = 'missing';
    now.report.tables.t3.rows = [];
    const r = withLastYear(now, last);
    expect(rules(r, 'copied-from-last-year')).toEqual([]);
    expect(r.checks.find((c) => c.rule === 'copied-from-last-year')?.checked).toBe(0);
  });

  it('silent for tables of zeros both years (a township with no application, no review, nothing decided)', () => {
    const now = seed004();
    zeroed(now.report);
    expect(rules(withLastYear(now, asLastYear(now.report)), 'copied-from-last-year')).toEqual([]);
  });

  it('silent when table 2 is all zeros, though table 1 repeats its figures', () => {
    const now = seed004();
    for (const row of now.report.tables.t2.rows) for (const c of row.cells) if (c.value.kind === 'number') c.value = { kind: 'number', value: 0, raw: '0' };
    expect(rules(withLastYear(now, asLastYear(now.report)), 'copied-from-last-year')).toEqual([]);
  });

  it(`silent below ${COPIED_MIN_NONZERO} non-zero figures: one application granted, the same both years`, () => {
    const now = seed004();
    zeroed(now.report);
    for (const row of ['new', 'granted', 'total']) for (const col of ['natural', 'total']) setNumber(now.report, { table: 't2', row, col }, 1);
    expect(rules(withLastYear(now, asLastYear(now.report)), 'copied-from-last-year')).toEqual([]);
  });
});

describe('year-on-year', () => {
  it('real pair (平潭综合实验区 2022 → 2023, test/corpus full-004 → full-001): 行政强制 0 → 54', async () => {
    const last = recordOf((await corpus('full-004')).report, 'full-004', new Date('2025-01-01'));
    if (!last) throw new Error('no record');
    const r = withLastYear(await corpus('full-001'), last);
    const f = rules(r, 'year-on-year');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'info', outcome: 'fail', primary: [], cells: [{ table: 't1', row: 'coercion', col: 'decisions' }] });
    expect(f[0]?.message.zh).toBe('与上年（2022年度）报告（full-004）相比，1 个数字变化超过五倍：表一「行政强制」行「本年处理决定数量」列：上年 0，今年 54。请核实。');
    expect(rules(r, 'copied-from-last-year')).toEqual([]);
  });

  it('small figures move freely: 1 → 6 and 3 → 16 are silent, 4 → 20 is exactly fivefold (silent), 4 → 21 fires', () => {
    const cell: CellKey = { table: 't1', row: 'licensing', col: 'decisions' };
    const run = (before: number, after: number) => {
      const last = seed004();
      setNumber(last.report, cell, before);
      const now = seed004();
      setNumber(now.report, cell, after);
      return rules(withLastYear(now, asLastYear(last.report)), 'year-on-year');
    };
    expect(run(1, 6)).toEqual([]);
    expect(run(3, 16)).toEqual([]);
    expect(run(4, 20)).toEqual([]);
    expect(run(4, 21).map((f) => f.message.zh)).toEqual(['与上年（2023年度）报告（http://www.huancui.gov.cn/2023.html）相比，1 个数字变化超过五倍：表一「行政许可」行「本年处理决定数量」列：上年 4，今年 21（约为上年的 5.3 倍）。请核实。']);
    expect(run(150, 20).map((f) => f.cells)).toEqual([[cell]]);
    expect(run(150, 29)[0]?.message.zh).toContain('上年 150，今年 29（约为上年的 1/5.2）');
    expect(run(30, 0)[0]?.message.zh).toContain('上年 30，今年 0（降为 0）');
  });

  it('many jumps: one finding, eight named and the rest counted; every cell in `cells`; table 2 only by its 总计 column', () => {
    const now = seed004();
    const last = seed004();
    const rows = now.report.tables.t2.rows.filter((r) => r.cells.some((c) => c.col === 'total'));
    for (const row of rows) {
      setNumber(last.report, { table: 't2', row: row.key, col: 'total' }, 1);
      setNumber(now.report, { table: 't2', row: row.key, col: 'total' }, 100);
      setNumber(last.report, { table: 't2', row: row.key, col: 'natural' }, 1);
      setNumber(now.report, { table: 't2', row: row.key, col: 'natural' }, 100);
    }
    const f = rules(withLastYear(now, asLastYear(last.report)), 'year-on-year');
    expect(f).toHaveLength(1);
    expect(f[0]?.table).toBe('t2');
    expect(f[0]?.cells).toHaveLength(rows.length);
    expect(f[0]?.cells.every((k) => k.col === 'total')).toBe(true);
    expect(f[0]?.message.zh).toContain(`${rows.length} 个数字变化超过五倍`);
    expect(f[0]?.message.zh).toContain(`另有 ${rows.length - 8} 处`);
  });

  it('a table read against another template last year is not compared', () => {
    const now = seed004();
    const last = asLastYear(now.report);
    if (last.figures?.t1) last.figures.t1.template = '2019';
    const cell: CellKey = { table: 't1', row: 'licensing', col: 'decisions' };
    setNumber(now.report, cell, 5000);
    expect(rules(withLastYear(now, last), 'year-on-year')).toEqual([]);
  });
});

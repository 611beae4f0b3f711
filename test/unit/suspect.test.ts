/**
 * The probable wrong cell (src/check/suspect.ts). Property: for a sound report and any single-cell
 * change that breaks a sum, the suspect — when named alone — is exactly that cell with its
 * original value, and no wrong cell is ever named alone; when several cells could explain it,
 * the changed cell is among them. Cases for each slip.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractText } from '../../src/extract/text';
import { recognise } from '../../src/recognise/recognise';
import { runChecks } from '../../src/check/index';
import type { Report } from '../../src/model/report';
import { SCHEMA_VERSION, type CheckResultJson } from '../../src/model/result';
import { summarise } from '../../src/pipeline';
import { verdictLine } from '../../src/output/verdict';
import { seedText } from '../support/seeds';

const sound: Record<string, Report> = {
  'seed 004 (real figures)': recognise(extractText(seedText('004_383c93ca4b8bd76d.txt'))),
  'layout base': recognise(extractText(readFileSync(new URL('../fixtures/layout-base.txt', import.meta.url), 'utf8'))),
};

function withCell(report: Report, t: 't2' | 't3', row: string, col: string, value: number): Report {
  const copy = structuredClone(report);
  const cell = copy.tables[t].rows.find((r) => r.key === row)?.cells.find((c) => c.col === col);
  if (cell) cell.value = { kind: 'number', value, raw: String(value) };
  return copy;
}

function numberCells(report: Report): { t: 't2' | 't3'; row: string; col: string; value: number }[] {
  const out: { t: 't2' | 't3'; row: string; col: string; value: number }[] = [];
  for (const t of ['t2', 't3'] as const) {
    for (const r of report.tables[t].rows) for (const c of r.cells) if (c.value.kind === 'number') out.push({ t, row: r.key, col: c.col, value: c.value.value });
  }
  return out;
}

describe('the probable wrong cell', () => {
  for (const [name, report] of Object.entries(sound)) {
    it(`${name}: sound, so nothing is suspected`, () => {
      expect(runChecks(report).findings.some((f) => f.suspect)).toBe(false);
    });

    it(`${name}: any one cell changed is the one named, or among the candidates; never a wrong one alone`, () => {
      const cells = numberCells(report);
      fc.assert(
        fc.property(fc.integer({ min: 0, max: cells.length - 1 }), fc.integer({ min: 0, max: 5000 }), (i, v) => {
          const c = cells[i];
          if (!c || c.value === v) return;
          const { findings } = runChecks(withCell(report, c.t, c.row, c.col, v));
          const failing = findings.filter((f) => f.outcome === 'fail' && ['balance', 'results-total', 'row-total', 'review-litigation-total'].includes(f.rule));
          const suspect = failing.find((f) => f.suspect)?.suspect;
          if (!suspect) return;
          const hit = suspect.cells.find((s) => s.cell.table === c.t && s.cell.row === c.row && s.cell.col === c.col);
          expect(hit, 'the changed cell is named').toBeDefined();
          expect(hit?.proposed).toBe(c.value);
          expect(hit?.now).toBe(v);
          if (suspect.unique) expect(suspect.cells).toHaveLength(1);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('two cells changed, when no one cell explains it: the pair named is the pair changed (when one pair alone does)', () => {
    const report = sound['seed 004 (real figures)'];
    if (!report) throw new Error('no seed');
    const cells = numberCells(report).filter((c) => c.t === 't2');
    let named = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: cells.length - 1 }), fc.integer({ min: 0, max: cells.length - 1 }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 300 }), (i, j, u, v) => {
        const a = cells[i];
        const b = cells[j];
        if (!a || !b || i === j) return;
        const changed = withCell(withCell(report, 't2', a.row, a.col, a.value + u), 't2', b.row, b.col, b.value + v);
        const s = runChecks(changed).findings.find((f) => f.suspect)?.suspect;
        if (!s || s.cells.length !== 2) return;
        named++;
        const keys = s.cells.map((c) => `${c.cell.row}.${c.cell.col}=${c.proposed}`).sort();
        expect(keys).toEqual([`${a.row}.${a.col}=${a.value}`, `${b.row}.${b.col}=${b.value}`].sort());
      }),
      { numRuns: 300 },
    );
    expect(named).toBeGreaterThan(0); // the property met pairs at all
  });

  it('a cell in a row total and a column sum at once is named alone (seed 004, 予以公开 自然人 58 → 85)', () => {
    const r = sound['seed 004 (real figures)'];
    if (!r) throw new Error('no seed');
    const now = r.tables.t2.rows.find((x) => x.key === 'granted')?.cells.find((c) => c.col === 'natural')?.value;
    expect(now).toMatchObject({ kind: 'number', value: 58 });
    const { findings } = runChecks(withCell(r, 't2', 'granted', 'natural', 85));
    const s = findings.find((f) => f.suspect)?.suspect;
    expect(s).toEqual({ cells: [{ cell: { table: 't2', row: 'granted', col: 'natural' }, now: 85, proposed: 58 }], unique: true, slip: 'swapped-digits' });
    expect(findings.find((f) => f.suspect)?.message.zh).toContain('很可能是表二「（一）予以公开」行「自然人」列填错：填 58 则各处都成立（现为 85，像是两位数字颠倒）');
  });

  it('names the usual slips', () => {
    const r = sound['seed 004 (real figures)'];
    if (!r) throw new Error('no seed');
    const slip = (row: string, col: string, v: number): unknown => runChecks(withCell(r, 't2', row, col, v)).findings.find((f) => f.suspect)?.suspect?.slip;
    expect(slip('unable-1', 'natural', 711)).toBe('digit-doubled');
    expect(slip('unable-1', 'natural', 7)).toBe('digit-dropped');
    expect(slip('unable-1', 'natural', 710)).toBe('digit-doubled'); // ×10
    expect(slip('granted', 'natural', 59)).toBe('total-in-part'); // the row's 总计 typed into 自然人
    expect(slip('granted', 'natural', 60)).toBeNull();
    // seed 004 row 一: 自然人 152, 商业企业 1 … — 自然人 typed as its neighbour's 1
    expect(slip('new', 'natural', 1)).toBe('neighbour-value');
    // row 二 自然人 7 typed as row 一's 152, the figure just above it
    expect(slip('carried-over', 'natural', 152)).toBe('copied-from-above');
  });

  it('lists the operands of a failing sum with their values', () => {
    const r = sound['layout base'];
    if (!r) throw new Error('no base');
    const f = runChecks(withCell(r, 't2', 'new', 'natural', 59)).findings.find((x) => x.rule === 'balance');
    expect(f?.message.zh).toContain('一 59 + 二 2 = 61；（七）总计 55 + 四 5 = 60');
  });
});

describe('the one-line verdict', () => {
  const result = (report: Report): CheckResultJson => {
    const { findings, runs } = runChecks(report);
    return { schemaVersion: SCHEMA_VERSION, source: { kind: 'text', location: null, format: 'text' }, report, findings, checks: runs, summary: summarise(findings, runs) };
  };
  it('says the tables add up on a sound report', () => {
    const r = sound['layout base'];
    if (!r) throw new Error('no base');
    expect(verdictLine(result(r), 'zh')).toBe('三张表的数字全部自洽');
  });
  it('counts the sums that fail and the cell that explains them', () => {
    const r = sound['seed 004 (real figures)'];
    if (!r) throw new Error('no seed');
    expect(verdictLine(result(withCell(r, 't2', 'granted', 'natural', 85)), 'zh')).toBe('有 2 处数字不一致（很可能是 1 个单元格填错） · 1 处正文与表格不符');
  });
  it('counts blank cells and, apart, the totals left blank over parts above 0', () => {
    const r = sound['layout base'];
    if (!r) throw new Error('no base');
    const blanked = structuredClone(r);
    const cell = blanked.tables.t2.rows.find((x) => x.key === 'new')?.cells.find((c) => c.col === 'total');
    if (!cell) throw new Error('no cell');
    cell.value = { kind: 'missing', raw: '' };
    expect(verdictLine(result(blanked), 'zh')).toBe('1 个单元格未填数字 · 1 个总计留空而分项不为0');
  });
  it('a report for a year before the template says so, not only that no table was found', () => {
    const r = sound['layout base'];
    if (!r) throw new Error('no base');
    const early = structuredClone(r);
    early.year = 2017;
    for (const t of ['t1', 't2', 't3'] as const) early.tables[t] = { id: t, status: 'missing', rows: [], extras: [] };
    expect(verdictLine(result(early), 'zh')).toBe('2017年度报告早于统一格式，没有可核对的表格');
    early.year = 2020;
    expect(verdictLine(result(early), 'zh')).not.toContain('早于统一格式');
  });
});

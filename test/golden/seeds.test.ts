import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText } from '../../src/pipeline';
import { CheckResultSchema, type CheckResultJson } from '../../src/model/result';
import { main } from '../../src/cli/main';
import { SEEDS } from './seeds.expected';
import { SEED_DIR, seedText } from '../support/seeds';


function run(file: string): CheckResultJson {
  const text = seedText(file);
  const out = checkText(text, { kind: 'file', location: file, format: 'text' });
  if (!out.ok) throw new Error(`no report in ${file}: ${out.reason.en}`);
  return out.result;
}

function value(r: CheckResultJson, table: 't1' | 't2' | 't3', row: string, col: string): number | string {
  const cell = r.report.tables[table].rows.find((x) => x.key === row)?.cells.find((c) => c.col === col);
  if (!cell) return 'absent';
  return cell.value.kind === 'number' ? cell.value.value : `${cell.value.kind}:${cell.value.raw}`;
}

describe('seeds: exact findings, worked out by hand (seeds.expected.ts)', () => {
  for (const [name, exp] of Object.entries(SEEDS)) {
    it(`seed ${name}`, async () => {
      const r = run(exp.file);
      expect(CheckResultSchema.safeParse(r).success).toBe(true);
      expect(r.findings.map((f) => ({ id: f.id, severity: f.severity })).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
        [...exp.findings].sort((a, b) => a.id.localeCompare(b.id)),
      );
      const lines: string[] = [];
      const code = await main([join(SEED_DIR, exp.file)], (s) => lines.push(s), () => {});
      expect(code).toBe(exp.exit);
    });
  }
});

describe('seed 000: lost labels placed by position', () => {
  it('reads all 25 rows of table 2, two of them by position', () => {
    const r = run(SEEDS['000']?.file ?? '');
    const t2 = r.report.tables.t2;
    expect(t2.rows).toHaveLength(25);
    expect(t2.rows.filter((x) => x.placed === 'position').map((x) => x.key)).toEqual(['withheld-6', 'withheld-8']);
    expect(t2.rows.every((x) => x.cells.every((c) => c.value.kind === 'number' && c.value.value === 0))).toBe(true);
    expect(r.report.body).toBe('威海市环翠区羊亭镇');
    expect(r.report.year).toBe(2023);
    expect(r.report.sections.map((s) => s.heading)).toEqual([
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ]);
  });
});

describe('seed 001: full-width padding', () => {
  it('reads `　　0` and ` 　0` as the number 0, keeping the raw text', () => {
    const r = run(SEEDS['001']?.file ?? '');
    const reg = r.report.tables.t1.rows.find((x) => x.key === 'regulations');
    expect(reg?.cells.map((c) => c.value)).toEqual([
      { kind: 'number', value: 0, raw: '\u3000\u30000' },
      { kind: 'number', value: 0, raw: '\u00a0\u30000' },
      { kind: 'number', value: 0, raw: '\u00a00' },
    ]);
    expect(value(r, 't2', 'new', 'total')).toBe(0);
  });
});

describe('seed 002: tables are pictures', () => {
  it('marks all three tables as pictures and names the images', () => {
    const r = run(SEEDS['002']?.file ?? '');
    expect([r.report.tables.t1.status, r.report.tables.t2.status, r.report.tables.t3.status]).toEqual(['image', 'image', 'image']);
    expect(r.report.images).toEqual(['1a42de8b501dc40c74c314129b3f287', '4042886c8a4d06fb66830d4829281d5']);
    expect(r.findings.filter((f) => f.outcome === 'fail' || f.outcome === 'unverifiable')).toEqual([]);
  });
});

describe('seed 003: an extra number in table 3', () => {
  it('keeps the 16th number as an extra, with where it came from', () => {
    const r = run(SEEDS['003']?.file ?? '');
    const t3 = r.report.tables.t3;
    expect(t3.rows[0]?.cells).toHaveLength(15);
    expect(t3.extras).toHaveLength(1);
    expect(t3.extras[0]).toMatchObject({ row: 'cases', raw: '0', src: { kind: 'text', cell: 15 } });
    expect(r.report.year).toBe(2021);
    expect(r.report.body).toBe('海阳市二十里店镇');
  });
});

describe('seed 004: real figures', () => {
  it('parses all three tables to their real figures', () => {
    const r = run(SEEDS['004']?.file ?? '');
    expect(r.report.template).toBe('2021');
    expect(r.report.year).toBe(2024);
    expect(r.report.body).toBe('威海市环翠区人民政府');
    // table 1
    expect(['issued', 'repealed', 'in-force'].map((c) => value(r, 't1', 'normative', c))).toEqual([4, 8, 16]);
    expect(value(r, 't1', 'licensing', 'decisions')).toBe(43540);
    expect(value(r, 't1', 'punishment', 'decisions')).toBe(2289);
    expect(value(r, 't1', 'coercion', 'decisions')).toBe(9501);
    expect(value(r, 't1', 'fees', 'amount')).toBe(6793.94);
    // table 2
    const cols = ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'other-org', 'total'];
    const row = (key: string): (number | string)[] => cols.map((c) => value(r, 't2', key, c));
    expect(row('new')).toEqual([152, 1, 0, 0, 0, 3, 156]);
    expect(row('carried-over')).toEqual([7, 0, 0, 0, 0, 0, 7]);
    expect(row('granted')).toEqual([58, 1, 0, 0, 0, 0, 59]);
    expect(row('partial')).toEqual([11, 0, 0, 0, 0, 1, 12]);
    expect(row('withheld-7')).toEqual([2, 0, 0, 0, 0, 1, 3]);
    expect(row('unable-1')).toEqual([71, 0, 0, 0, 0, 1, 72]);
    expect(row('not-processed-5')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(row('other-1')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(row('other-3')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(row('total')).toEqual([150, 1, 0, 0, 0, 3, 154]);
    expect(row('carried-forward')).toEqual([9, 0, 0, 0, 0, 0, 9]);
    // table 3
    const t3 = r.report.tables.t3.rows[0]?.cells.map((c) => (c.value.kind === 'number' ? c.value.value : null));
    expect(t3).toEqual([4, 3, 0, 0, 7, 1, 0, 4, 0, 5, 0, 0, 0, 0, 0]);
    expect(value(r, 't3', 'cases', 'review-total')).toBe(7);
  });
});

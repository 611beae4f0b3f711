import { describe, expect, it } from 'vitest';
import { checkText } from '../../src/pipeline';
import { tablesToTsv } from '../../src/output/tsv';
import { seedText } from '../support/seeds';

describe('tables as TSV', () => {
  it('prints the real figures of seed 004, a header per block, blanks kept as page text', () => {
    const text = seedText('004_383c93ca4b8bd76d.txt');
    const out = checkText(text, { kind: 'text', location: null, format: 'text' });
    if (!out.ok) throw new Error('seed 004 is a report');
    const r = structuredClone(out.result);
    const cell = r.report.tables.t2.rows.find((x) => x.key === 'carried-over')?.cells[2];
    if (cell) cell.value = { kind: 'missing', raw: '—' };
    const tsv = tablesToTsv(r).split('\n');
    expect(tsv).toContain('\t本年制发件数\t本年废止件数\t现行有效件数');
    expect(tsv).toContain('行政规范性文件\t4\t8\t16');
    expect(tsv).toContain('一、本年新收政府信息公开申请数量\t152\t1\t0\t0\t0\t3\t156');
    expect(tsv).toContain('二、上年结转政府信息公开申请数量\t7\t0\t—\t0\t0\t0\t7');
    expect(tsv).toContain('案件数\t4\t3\t0\t0\t7\t1\t0\t4\t0\t5\t0\t0\t0\t0\t0');
  });
});

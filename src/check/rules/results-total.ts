import type { Rule } from '../rule';
import { checkSum } from '../context';

/** Hard rule 2: per column of table 2, （七）总计 = the sum of every result row above it. */
export const resultsTotal: Rule = {
  id: 'results-total',
  hard: 2,
  title: { zh: '表二各列：（七）总计 = 各办理结果之和', en: 'Table 2, each column: (7) total = sum of the outcome rows' },
  run(ctx, out) {
    if (!ctx.parsed('t2')) return;
    const t2 = ctx.template.tables.t2;
    const parts = t2.rows.filter((r) => r.role === 'result').map((r) => r.key);
    const total = t2.rows.find((r) => r.role === 'total')?.key ?? 'total';
    for (const col of t2.columns) {
      checkSum(ctx, out, {
        anchor: `t2:${col.key}`,
        table: 't2',
        where: { zh: `表二「${col.name.zh}」列`, en: `Table 2, column "${col.name.en}"` },
        formula: { zh: `（七）总计 = ${parts.length} 项办理结果之和`, en: `(7) total = sum of the ${parts.length} outcome rows` },
        expected: parts.map((row) => ({ table: 't2' as const, row, col: col.key })),
        found: [{ table: 't2', row: total, col: col.key }],
      });
    }
  },
};

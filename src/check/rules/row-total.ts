import type { Rule } from '../rule';
import { checkSum } from '../context';

/** Hard rule 3: per row of table 2, 总计 = 自然人 + the five 法人或其他组织 columns. */
export const rowTotal: Rule = {
  id: 'row-total',
  hard: 3,
  title: { zh: '表二各行：总计 = 自然人 + 法人或其他组织', en: 'Table 2, each row: total = natural persons + organisations' },
  run(ctx, out) {
    if (!ctx.parsed('t2')) return;
    const t2 = ctx.template.tables.t2;
    const parts = t2.columns.filter((c) => c.role === 'part').map((c) => c.key);
    const total = t2.columns.find((c) => c.role === 'total')?.key ?? 'total';
    for (const row of t2.rows) {
      if (row.heading) continue;
      checkSum(ctx, out, {
        anchor: `t2:${row.key}`,
        table: 't2',
        where: { zh: `表二「${row.name.zh}」行`, en: `Table 2, row "${row.name.en}"` },
        formula: { zh: '总计 = 自然人 + 法人或其他组织', en: 'total = natural persons + organisations' },
        expected: parts.map((col) => ({ table: 't2' as const, row: row.key, col })),
        found: [{ table: 't2', row: row.key, col: total }],
      });
    }
  },
};

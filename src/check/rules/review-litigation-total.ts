import type { Rule } from '../rule';
import { checkSum } from '../context';

/** Hard rule 4: table 3, each 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结, for all three groups. */
export const reviewLitigationTotal: Rule = {
  id: 'review-litigation-total',
  hard: 4,
  title: { zh: '表三：复议、直接起诉、复议后起诉各自总计 = 四项之和', en: 'Table 3: each group total = upheld + corrected + other + pending' },
  run(ctx, out) {
    if (!ctx.parsed('t3')) return;
    const t3 = ctx.template.tables.t3;
    const row = t3.rows[0]?.key ?? 'cases';
    const groups = [...new Set(t3.columns.map((c) => c.group ?? ''))];
    for (const g of groups) {
      const cols = t3.columns.filter((c) => c.group === g);
      const total = cols.find((c) => c.role === 'total');
      if (!total) continue;
      const groupName = total.name.zh.split('·')[0] ?? g;
      checkSum(ctx, out, {
        anchor: `t3:${g}`,
        table: 't3',
        where: { zh: `表三「${groupName}」`, en: `Table 3, "${total.name.en.split(':')[0] ?? g}"` },
        formula: { zh: '总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结', en: 'total = upheld + corrected + other + pending' },
        expected: cols.filter((c) => c.role === 'part').map((c) => ({ table: 't3' as const, row, col: c.key })),
        found: [{ table: 't3', row, col: total.key }],
      });
    }
  },
};

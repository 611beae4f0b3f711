import type { Rule } from '../rule';
import { checkSum } from '../context';
import type { CellKey } from '../../model/report';

/** Hard rule 1, printed in table 2's corner: per column, 一 + 二 = （七）总计 + 四. */
export const balance: Rule = {
  id: 'balance',
  hard: 1,
  title: { zh: '表二各列：一 + 二 = （七）总计 + 四', en: 'Table 2, each column: I + II = (7) total + IV' },
  run(ctx, out) {
    if (!ctx.parsed('t2')) return;
    const t2 = ctx.template.tables.t2;
    const keys = (role: string): string[] => t2.rows.filter((r) => r.role === role).map((r) => r.key);
    for (const col of t2.columns) {
      const k = (row: string): CellKey => ({ table: 't2', row, col: col.key });
      checkSum(ctx, out, {
        anchor: `t2:${col.key}`,
        table: 't2',
        where: { zh: `表二「${col.name.zh}」列`, en: `Table 2, column "${col.name.en}"` },
        formula: { zh: '一+二 = （七）总计+四', en: 'I + II = (7) total + IV' },
        expected: keys('in').map(k),
        found: [...keys('total'), ...keys('out')].map(k),
      });
    }
  },
};

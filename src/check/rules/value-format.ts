import type { Rule } from '../rule';
import { cellName } from '../messages';
import { columnsOf } from '../../recognise/templates';

/**
 * Hard rule 5: counts are non-negative whole numbers (2019's 本年增/减 may be negative), the fee
 * is a decimal in 万元. A cell holding anything else (`251000元`, `3.5`, `见附件`) is reported with
 * its text; it is never read as a number.
 */
export const valueFormat: Rule = {
  id: 'value-format',
  hard: 5,
  title: { zh: '数值格式：件数为非负整数，收费金额为数字', en: 'Value format: counts are whole non-negative numbers, the fee is a number' },
  run(ctx, out) {
    for (const table of Object.values(ctx.report.tables)) {
      if (table.status !== 'parsed') continue;
      const spec = ctx.template.tables[table.id];
      for (const row of table.rows) {
        const rowSpec = spec.rows.find((r) => r.key === row.key);
        const cols = rowSpec ? columnsOf(spec, rowSpec) : spec.columns;
        for (const cell of row.cells) {
          out.checked++;
          if (cell.value.kind !== 'text') continue;
          const col = cols.find((c) => c.key === cell.col);
          const key = { table: table.id, row: row.key, col: cell.col };
          const want =
            col?.kind === 'amount'
              ? { zh: '应为金额数字', en: 'should be an amount' }
              : col?.kind === 'signed'
                ? { zh: '应为整数（减用负值表示）', en: 'should be a whole number (negative for a decrease)' }
                : { zh: '应为非负整数', en: 'should be a whole non-negative number' };
          out.add({
            anchor: `${table.id}:${row.key}:${cell.col}`,
            severity: 'error',
            outcome: 'structure',
            table: table.id,
            cells: [key],
            blocking: [key],
            message: {
              zh: `${cellName(ctx.template, key, 'zh')}${want.zh}，实为“${cell.value.raw.trim()}”。`,
              en: `${cellName(ctx.template, key, 'en')} ${want.en}; it holds "${cell.value.raw.trim()}".`,
            },
          });
        }
      }
    }
  },
};

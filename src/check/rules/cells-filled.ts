import type { Rule } from '../rule';
import { describeCells, tableName } from '../messages';
import type { CellKey } from '../../model/report';

/**
 * Hard rule 6, cells: every cell holds a number. A blank, `/`, `—`, `无` where a 0 belongs is
 * *missing*, not zero; one finding per table lists them. (Cells of rows the page does not have
 * at all are reported by `table-structure` as a missing row.)
 */
export const cellsFilled: Rule = {
  id: 'cells-filled',
  hard: 6,
  title: { zh: '每个单元格都填有数字', en: 'Every cell holds a number' },
  run(ctx, out) {
    for (const table of Object.values(ctx.report.tables)) {
      if (table.status !== 'parsed') continue;
      const missing: CellKey[] = [];
      for (const row of table.rows) {
        for (const cell of row.cells) {
          if (cell.src === null) continue;
          out.checked++;
          if (cell.value.kind === 'missing') missing.push({ table: table.id, row: row.key, col: cell.col });
        }
      }
      if (missing.length === 0) continue;
      out.add({
        anchor: table.id,
        severity: 'error',
        outcome: 'structure',
        table: table.id,
        cells: missing,
        blocking: missing,
        message: {
          zh: `${tableName(table.id, 'zh')}有 ${missing.length} 个单元格没有填数字（空白或“—”“/”“无”不等于0）：${describeCells(ctx, missing, 'zh')}。`,
          en: `${tableName(table.id, 'en')} has ${missing.length} cell${missing.length > 1 ? 's' : ''} without a number (a blank or "—" is not 0): ${describeCells(ctx, missing, 'en')}.`,
        },
      });
    }
  },
};

import type { Rule } from '../rule';
import { describeCells, tableName } from '../messages';
import { cellsMissing, missingKinds } from '../wording';
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
      const raws = missing.map((k) => ctx.cell(k)?.value.raw ?? '');
      out.add({
        anchor: table.id,
        severity: 'error',
        outcome: 'structure',
        table: table.id,
        cells: missing,
        blocking: missing,
        message: cellsMissing(
          { zh: tableName(table.id, 'zh'), en: tableName(table.id, 'en') },
          missing.length,
          { zh: missingKinds(raws, 'zh'), en: missingKinds(raws, 'en') },
          { zh: describeCells(ctx, missing, 'zh'), en: describeCells(ctx, missing, 'en') },
        ),
      });
    }
  },
};

import type { Rule } from '../rule';
import type { CellKey } from '../../model/report';
import type { TableId, Words } from '../../recognise/templates';
import { keyText, tableName } from '../messages';
import { blankTotals } from '../wording';

/**
 * A 总计 left blank while the parts it sums hold figures above zero (a real 2019 report leaves the
 * 总计 column blank on every result row): unlike a blank part, it cannot be read as 0, so it is an
 * error of its own — one finding per table, naming each blank total and what its parts add up to.
 * Read from the sums the arithmetic rules met (they run before this one): a sum whose stated side
 * is one cell without a figure, and whose other side has no text and adds up to more than zero.
 * The sums it stops are folded into this finding by check/index.ts.
 */
export const blankTotal: Rule = {
  id: 'blank-total',
  hard: null,
  title: { zh: '分项有数字时总计不能留空', en: 'A total is not left blank when its parts hold figures' },
  run(ctx, out) {
    const byTable = new Map<TableId, Map<string, { cell: CellKey; where: Words; parts: number }>>();
    for (const r of ctx.relations) {
      if (!r.blocked || r.found.length !== 1) continue;
      const total = r.found[0];
      // a cell the page has (not a row the text never reached, or a row missing from it)
      const cell = total ? ctx.cell(total) : undefined;
      if (!total || !cell || cell.src === null || cell.value.kind !== 'missing') continue;
      if (r.expected.some((k) => ctx.cell(k)?.value.kind === 'text')) continue;
      out.checked++;
      const parts = Math.round(r.expected.reduce((s, k) => s + (ctx.number(k) ?? 0), 0) * 1e6) / 1e6;
      if (parts <= 0) continue;
      const where = r.draft?.relation?.where ?? { zh: keyText(total), en: keyText(total) };
      const table = byTable.get(total.table) ?? new Map();
      if (!table.has(keyText(total))) table.set(keyText(total), { cell: total, where, parts });
      byTable.set(total.table, table);
    }
    for (const [table, totals] of byTable) {
      const items = [...totals.values()];
      out.add({
        anchor: table,
        severity: 'error',
        outcome: 'structure',
        table,
        cells: items.map((i) => i.cell),
        blocking: items.map((i) => i.cell),
        message: blankTotals({ zh: tableName(table, 'zh'), en: tableName(table, 'en') }, items),
      });
    }
  },
};

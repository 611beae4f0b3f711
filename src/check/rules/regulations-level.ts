import type { Rule } from '../rule';
import type { CellKey } from '../../model/report';

/**
 * Only governments of 设区的市 and above (and provincial/State Council departments) make 规章: a
 * township, a county or a county-level department reporting 规章 figures is suspicious.
 */
export const regulationsLevel: Rule = {
  id: 'regulations-level',
  hard: null,
  title: { zh: '无规章制定权的机关不应有规章数字', en: 'No 规章 figures from a body that cannot make them' },
  run(ctx, out) {
    const level = ctx.report.level;
    if (level !== 'township' && level !== 'county') return;
    const row = ctx.row('t1', 'regulations');
    if (!row) return;
    out.checked++;
    const nonZero: CellKey[] = row.cells
      .filter((c) => c.value.kind === 'number' && c.value.value > 0)
      .map((c) => ({ table: 't1', row: 'regulations', col: c.col }));
    if (nonZero.length === 0) return;
    const what = level === 'township' ? { zh: '乡镇（街道）', en: 'a township' } : { zh: '县（区）级', en: 'a county-level body' };
    out.add({
      anchor: 't1:regulations',
      severity: 'warning',
      outcome: 'structure',
      table: 't1',
      cells: nonZero,
      primary: nonZero,
      message: {
        zh: `${ctx.report.body ?? '本机关'}是${what.zh}机关，没有规章制定权，表一「规章」却填了非零数字；请核实是否误填在规章一栏。`,
        en: `${ctx.report.body ?? 'This body'} is ${what.en}, which cannot make 规章, yet table 1 reports 规章 figures; check whether they belong in another row.`,
      },
    });
  },
};

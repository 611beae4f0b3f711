import type { Rule } from '../rule';
import { cellName } from '../messages';
import type { CellKey, Statement, StatementKind } from '../../model/report';
import type { CheckContext } from '../context';

/**
 * What the prose says against the tables (warnings: prose is read only where the pattern is
 * unambiguous, see recognise/prose.ts). The mapping is data: a statement kind → the cells whose
 * sum it states.
 */
const TARGETS: Partial<Record<StatementKind, (s: Statement) => CellKey[]>> = {
  new: () => [{ table: 't2', row: 'new', col: 'total' }],
  'no-applications': () => [{ table: 't2', row: 'new', col: 'total' }],
  'carried-over': () => [{ table: 't2', row: 'carried-over', col: 'total' }],
  'carried-forward': () => [{ table: 't2', row: 'carried-forward', col: 'total' }],
  completed: () => [{ table: 't2', row: 'total', col: 'total' }],
  review: () => [{ table: 't3', row: 'cases', col: 'review-total' }],
  'review-corrected': () => [{ table: 't3', row: 'cases', col: 'review-corrected' }],
  litigation: () => [
    { table: 't3', row: 'cases', col: 'direct-total' },
    { table: 't3', row: 'cases', col: 'after-review-total' },
  ],
  issued: (s) => documents(s, 'issued'),
  repealed: (s) => documents(s, 'repealed'),
  'in-force': (s) => documents(s, 'in-force'),
};

function documents(s: Statement, col: string): CellKey[] {
  const rows = s.subject ? [s.subject] : ['regulations', 'normative'];
  return rows.map((row) => ({ table: 't1', row, col }));
}

export const proseFigures: Rule = {
  id: 'prose-figures',
  hard: null,
  title: { zh: '正文中的数字与表格一致', en: 'Figures in the prose agree with the tables' },
  run(ctx, out) {
    for (const s of ctx.report.statements) {
      const target = TARGETS[s.kind];
      if (!target) continue;
      const keys = target(s);
      const table = keys[0]?.table;
      if (!table || !ctx.parsed(table)) continue;
      if (table === 't1' && ctx.report.template !== '2021') continue; // 2019's table 1 counts other things
      let sum = 0;
      let readable = true;
      for (const k of keys) {
        const v = ctx.cell(k)?.value;
        if (v?.kind === 'number') sum += v.value;
        else readable = false;
      }
      if (!readable) continue; // a blank cell is cells-filled's finding; nothing to compare
      out.checked++;
      if (sum === s.value) continue;
      const other = sameValueElsewhere(ctx, s.value, keys);
      const names = keys.map((k) => cellName(ctx.template, k, 'zh')).join(' + ');
      const namesEn = keys.map((k) => cellName(ctx.template, k, 'en')).join(' + ');
      const noApps = s.kind === 'no-applications';
      out.add({
        anchor: `${s.kind}:${keys.map((k) => `${k.row}.${k.col}`).join('+')}`,
        severity: 'warning',
        outcome: 'fail',
        table,
        cells: keys,
        primary: keys,
        expected: sum,
        found: s.value,
        evidence: { quote: s.quote, sentence: s.sentence, src: s.src },
        message: {
          zh: noApps
            ? `正文称“${s.quote}”，但${names}为 ${sum}。`
            : `正文称“${s.quote}”（${s.value}），但${names}为 ${sum}。${other ? `正文的数字与${cellName(ctx.template, other, 'zh')}相同。` : ''}`,
          en: noApps
            ? `The prose says "${s.quote}", but ${namesEn} is ${sum}.`
            : `The prose says "${s.quote}" (${s.value}), but ${namesEn} is ${sum}.${other ? ` The prose figure equals ${cellName(ctx.template, other, 'en')}.` : ''}`,
        },
      });
    }
  },
};

/**
 * Prose that quotes one sub-row as if it were the group (无法提供265件 where only row 1 is 265):
 * the one other cell of the same table that holds the prose figure, if exactly one does.
 */
function sameValueElsewhere(ctx: CheckContext, value: number, exclude: CellKey[]): CellKey | null {
  if (value === 0) return null;
  const table = exclude[0]?.table;
  if (!table) return null;
  const hits: CellKey[] = [];
  for (const row of ctx.report.tables[table].rows) {
    for (const c of row.cells) {
      if (table === 't2' && c.col !== 'total') continue;
      if (c.value.kind !== 'number' || c.value.value !== value) continue;
      const k = { table, row: row.key, col: c.col };
      if (!exclude.some((e) => e.row === k.row && e.col === k.col)) hits.push(k);
    }
  }
  return hits.length === 1 ? (hits[0] ?? null) : null;
}

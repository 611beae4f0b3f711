import type { CellKey } from '../model/report';
import { templateFor } from '../recognise/templates';
import { cellName } from './messages';
import type { LastYearRule, TableKey } from './last-year-rule';
import { TABLES, figure, pair } from './last-year-rule';

/**
 * Below this, neither year's figure is looked at: small counts move a lot by chance (1 → 6, 3 → 16
 * is one busy applicant, one campaign of inspections), and a fivefold change among them says
 * nothing. From 20 up, a figure that grows more than fivefold (0 → 20 included) or falls below a
 * fifth is worth a second look — the 万元 fee typed in 元, a digit dropped, a different counting.
 */
export const JUMP_FLOOR = 20;
/** Jumps named in the message; the rest are counted (every one is in `cells`). */
const SHOWN = 8;

/**
 * Year on year (info): a figure more than five times last year's, or less than a fifth of it.
 * One finding lists every jump. Looked at: every figure of table 1, the 总计 column of table 2
 * (its applicant-type columns would only repeat a jump of the total, or split it below the
 * floor), the three 总计 of table 3 — in tables read in both years against the same template.
 * A negative figure (2019's 本年增/减) has no ratio and is left out.
 */
export const yearOnYear: LastYearRule = {
  id: 'year-on-year',
  title: (y) => ({ zh: `与${y}年度相比，没有数字变化超过五倍`, en: `No figure changed more than fivefold since ${y}` }),
  run(report, now, last, from) {
    const prev = last.figures;
    if (!prev) return { checked: 0, findings: [] };
    const template = templateFor(report);
    const jumps: { key: CellKey; before: number; after: number }[] = [];
    let checked = 0;
    for (const t of TABLES) {
      const p = pair(now[t], prev[t]);
      if (!p) continue;
      const totals = t === 't1' ? null : new Set(template.tables[t].columns.filter((c) => c.role === 'total').map((c) => c.key));
      for (const [row, values] of Object.entries(p.now.rows)) {
        p.now.cols.forEach((col, i) => {
          if (totals && !totals.has(col)) return;
          const after = values[i];
          const before = figure(p.last, row, col);
          if (typeof after !== 'number' || typeof before !== 'number' || after < 0 || before < 0) return;
          checked++;
          if (Math.max(after, before) < JUMP_FLOOR) return;
          if (after > 5 * before || after * 5 < before) jumps.push({ key: { table: t as TableKey, row, col }, before, after });
        });
      }
    }
    if (jumps.length === 0) return { checked, findings: [] };
    const name = (k: CellKey, lang: 'zh' | 'en'): string => cellName(template, k, lang);
    const change = (j: { before: number; after: number }, lang: 'zh' | 'en'): string => {
      const up = j.after > j.before;
      const ratio = up ? j.after / j.before : j.before / j.after;
      const times = ratio >= 100 ? Math.round(ratio).toString() : ratio.toFixed(1);
      const zh = j.before === 0 ? '' : j.after === 0 ? '（降为 0）' : up ? `（约为上年的 ${times} 倍）` : `（约为上年的 1/${times}）`;
      const en = j.before === 0 ? '' : j.after === 0 ? ' (down to 0)' : up ? ` (about ${times} times as many)` : ` (about 1/${times} of it)`;
      return lang === 'zh' ? `上年 ${j.before}，今年 ${j.after}${zh}` : `${j.before} last year, ${j.after} now${en}`;
    };
    const shown = jumps.slice(0, SHOWN);
    const more = jumps.length - shown.length;
    const tables = new Set(jumps.map((j) => j.key.table));
    return {
      checked,
      findings: [
        {
          id: 'year-on-year/jumps',
          rule: 'year-on-year',
          severity: 'info',
          outcome: 'fail',
          table: tables.size === 1 ? (jumps[0]?.key.table ?? null) : null,
          cells: jumps.map((j) => j.key),
          primary: [],
          blocking: [],
          expected: null,
          found: null,
          message: {
            zh: `与上年（${last.year}年度）报告${from.zh}相比，${jumps.length} 个数字变化超过五倍：${shown.map((j) => `${name(j.key, 'zh')}：${change(j, 'zh')}`).join('；')}${more > 0 ? `；另有 ${more} 处` : ''}。请核实。`,
            en: `Against last year's (${last.year}) report${from.en}, ${jumps.length} figure(s) changed more than fivefold: ${shown.map((j) => `${name(j.key, 'en')}: ${change(j, 'en')}`).join('; ')}${more > 0 ? `; ${more} more` : ''}. Worth checking.`,
          },
        },
      ],
    };
  },
};

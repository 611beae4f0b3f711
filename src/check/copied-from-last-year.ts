import type { LastYearRule } from './last-year-rule';
import { TABLES, figure, pair, wholeReportWarning } from './last-year-rule';

/** Fewer non-zero figures than this can match last year's by chance (see below). */
export const COPIED_MIN_NONZERO = 10;

/**
 * Copied from last year (warning): every figure of the three tables the same as in the same body's
 * report for last year — a real case: one bureau published three years with the same figures.
 *
 * What does not fire, and why:
 *  - All three tables must have been read in both years, each against the same template: a table
 *    missing or a picture in one year, or a template changed, cannot be "the same figures" (and is
 *    reported by the single-year checks).
 *  - Table 1 alone the same is not enough, nor any one table: table 1 repeats itself honestly for a
 *    body that issued and repealed nothing (现行有效 carries over unchanged) and decided the same few
 *    licences, and a table 3 of zeros is the rule. Only all three tables the same, cell for cell
 *    (a blank in the same cell in both years counts as the same), is the finding.
 *  - Tables of zeros: many townships receive no application and have no review or lawsuit year
 *    after year, and truly report all zeros twice. So table 2 must not be all zeros, and there must
 *    be at least COPIED_MIN_NONZERO non-zero figures in all: one application granted is six cells
 *    (row 一 and （七）总计 and its result row, 自然人 and 总计 each), which two honest years can share;
 *    ten non-zero figures in the same cells with the same values do not recur by chance.
 */
export const copiedFromLastYear: LastYearRule = {
  id: 'copied-from-last-year',
  title: (y) => ({ zh: `三张表不是${y}年度报告数字的原样照抄`, en: `The three tables are not the ${y} report's figures over again` }),
  run(_report, now, last, from) {
    const prev = last.figures;
    if (!prev) return { checked: 0, findings: [] };
    let numbers = 0;
    let nonZero = 0;
    let t2NonZero = false;
    const pairs = TABLES.map((t) => ({ t, p: pair(now[t], prev[t]) }));
    if (pairs.some((x) => x.p === null)) return { checked: 0, findings: [] };
    for (const { t, p } of pairs) {
      if (!p) continue;
      const rows = new Set([...Object.keys(p.now.rows), ...Object.keys(p.last.rows)]);
      const cols = new Set([...p.now.cols, ...p.last.cols]);
      for (const row of rows) {
        for (const col of cols) {
          const a = figure(p.now, row, col);
          const b = figure(p.last, row, col);
          if (a === undefined && b === undefined) continue;
          if ((a ?? null) !== (b ?? null)) return { checked: 1, findings: [] };
          if (typeof a !== 'number') continue;
          numbers++;
          if (a !== 0) {
            nonZero++;
            if (t === 't2') t2NonZero = true;
          }
        }
      }
    }
    if (!t2NonZero || nonZero < COPIED_MIN_NONZERO) return { checked: 1, findings: [] };
    return {
      checked: 1,
      findings: [
        wholeReportWarning('copied-from-last-year', 'fail', {
          zh: `三张表的数字与上年（${last.year}年度）报告${from.zh}完全相同（${numbers} 个数字，其中 ${nonZero} 个不为 0），可能照抄了上年数据。`,
          en: `The three tables' figures are exactly those of last year's (${last.year}) report${from.en} (${numbers} figures, ${nonZero} of them not 0): last year's figures may have been copied.`,
        }),
      ],
    };
  },
};

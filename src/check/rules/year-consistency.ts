import type { Rule } from '../rule';

/**
 * The report year, the 统计期限 the intro states and the publication date agree: a report for year
 * Y covers Y and is published in Y+1 (departments by 31 January, governments by 31 March).
 */
export const yearConsistency: Rule = {
  id: 'year-consistency',
  hard: null,
  title: { zh: '标题年度、统计期限与发布日期一致', en: 'Title year, reporting period and publication date agree' },
  run(ctx, out) {
    const { year, periodYear, published } = ctx.report;
    if (year === null) return;
    if (periodYear !== null) {
      out.checked++;
      if (periodYear !== year) {
        out.add({
          anchor: 'period',
          severity: 'warning',
          outcome: 'structure',
          table: null,
          cells: [],
          message: {
            zh: `标题为${year}年度报告，但统计期限写的是${periodYear}年。`,
            en: `The title says ${year} but the reporting period stated is ${periodYear}.`,
          },
        });
      }
    }
    if (published !== null) {
      out.checked++;
      const py = Number(published.slice(0, 4));
      if (py !== year + 1) {
        out.add({
          anchor: 'published',
          severity: 'warning',
          outcome: 'structure',
          table: null,
          cells: [],
          message: {
            zh: `${year}年度报告的发布日期是${published}，应在${year + 1}年发布（部门1月31日前，政府3月31日前）。`,
            en: `The report for ${year} is dated ${published}; it should be published in ${year + 1} (by 31 January for departments, 31 March for governments).`,
          },
        });
      }
    }
  },
};

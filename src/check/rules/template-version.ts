import type { Rule } from '../rule';

/** The 2019 (trial) layout in a report for 2021 or later: the 2021 template applies from 2021 on. */
export const templateVersion: Rule = {
  id: 'template-version',
  hard: null,
  title: { zh: '2021年起应使用2021年版模板', en: 'Reports for 2021 on use the 2021 template' },
  run(ctx, out) {
    const { template, year } = ctx.report;
    if (template === null || year === null) return;
    out.checked++;
    if (template !== '2019' || year < 2021) return;
    out.add({
      anchor: 'old-template',
      severity: 'warning',
      outcome: 'structure',
      table: null,
      cells: [],
      message: {
        zh: `这是${year}年度报告，却使用了2019年版（试行）模板的表格（依据：${ctx.report.templateEvidence.filter((e) => e.startsWith('2019')).map((e) => e.slice(5)).join('、') || '表头'}）；2021年起应使用国办公开办函〔2021〕30号的模板。`,
        en: `This is a report for ${year} but its tables follow the 2019 (trial) template; from 2021 the template of 国办公开办函〔2021〕30号 applies.`,
      },
    });
  },
};

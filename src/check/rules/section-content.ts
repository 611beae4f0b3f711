import type { Rule } from '../rule';

/** Section 五 (存在的主要问题及改进情况) must say something: an empty one is a finding. */
const MIN_CHARS = 10;

export const sectionContent: Rule = {
  id: 'section-content',
  hard: null,
  title: { zh: '第五部分（存在的主要问题及改进情况）不为空', en: 'Section 五 (problems and improvements) is not empty' },
  run(ctx, out) {
    const five = ctx.report.sections.find((s) => s.key === 'problems');
    if (!five || five.heading === null) return; // a missing section is sections-present's finding
    out.checked++;
    if (five.chars >= MIN_CHARS) return;
    out.add({
      anchor: 'problems',
      severity: 'warning',
      outcome: 'structure',
      table: null,
      cells: [],
      message: {
        zh: '第五部分“存在的主要问题及改进情况”没有内容。',
        en: 'Section 五 "main problems and improvements" is empty.',
      },
    });
  },
};

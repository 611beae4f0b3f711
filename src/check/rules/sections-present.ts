import { beforeTemplate } from '../../model/era';
import type { Rule } from '../rule';
import { SECTIONS } from '../../recognise/templates';

/**
 * Hard rule 6, sections: all six sections are present, in order (sections are searched in
 * order, so a section out of place shows as missing). When no heading at all is found — a page
 * holding only the tables — that is said once, as information, not as six errors.
 */
export const sectionsPresent: Rule = {
  id: 'sections-present',
  hard: 6,
  title: { zh: '六个部分齐全且顺序正确', en: 'All six sections are present, in order' },
  run(ctx, out) {
    // a report for a year before the template has the sections of its day (tables-present says so)
    if (beforeTemplate(ctx.report)) return;
    const found = ctx.report.sections.filter((s) => s.heading !== null);
    out.checked += SECTIONS.length;
    // A page holding only the tables (an extract, a table copied alone) is told once; a report
    // with its own title and no section heading at all lacks them, each one an error.
    if (found.length === 0 && ctx.report.title === null && (ctx.report.proseChars ?? 0) < 200) {
      out.add({
        anchor: 'none',
        severity: 'info',
        outcome: 'structure',
        table: null,
        cells: [],
        message: { zh: '未能识别报告的章节标题（一至六），未核对章节。', en: 'No section headings (一 to 六) were recognised; sections were not checked.' },
      });
      return;
    }
    for (const s of ctx.report.sections) {
      if (s.heading !== null) continue;
      if (ctx.report.cut?.sections.includes(s.key)) continue; // the text never reached it
      const spec = SECTIONS.find((x) => x.key === s.key);
      out.add({
        anchor: s.key,
        severity: 'error',
        outcome: 'structure',
        table: null,
        cells: [],
        message: {
          zh: `缺少第${s.number}部分“${spec?.name.zh ?? s.key}”（或其位置不对）。`,
          en: `Section ${s.number} "${spec?.name.en ?? s.key}" is missing (or out of order).`,
        },
      });
    }
  },
};

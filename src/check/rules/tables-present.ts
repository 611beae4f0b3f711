import type { Rule } from '../rule';
import { beforeTemplate, FIRST_TEMPLATE_YEAR } from '../../model/era';
import { tableName } from '../messages';
import type { TableId } from '../../recognise/templates';

/**
 * Hard rule 6, tables: all three standard tables are on the page. Tables published only as
 * pictures (seed 002) cannot be checked at all, and that must be said plainly, as an error. A
 * report for a year before the template (model/era.ts) had no tables to publish: said, as information.
 */
export const tablesPresent: Rule = {
  id: 'tables-present',
  hard: 6,
  title: { zh: '三张统计表齐全且可读取', en: 'All three tables are present and readable' },
  run(ctx, out) {
    const ids: TableId[] = ['t1', 't2', 't3'];
    out.checked += ids.length;
    const pictures = ids.filter((t) => ctx.report.tables[t].status === 'image');
    if (pictures.length > 0) {
      const names = pictures.map((t) => tableName(t, 'zh')).join('、');
      const imgs = ctx.report.images.slice(0, 4).join('、');
      out.add({
        anchor: 'image',
        severity: 'error',
        outcome: 'structure',
        table: null,
        cells: [],
        message: {
          zh: `${names}以图片形式发布，无法核对其中的数字（图片：${imgs || '未命名'}）。`,
          en: `${pictures.map((t) => tableName(t, 'en')).join(', ')} ${pictures.length > 1 ? 'are' : 'is'} published as pictures; nothing in ${pictures.length > 1 ? 'them' : 'it'} can be checked (images: ${imgs || 'unnamed'}).`,
        },
      });
    }
    if (beforeTemplate(ctx.report)) {
      // a report for a year before the template: its tables are not the template's to miss (model/era.ts)
      const year = ctx.report.year ?? 0;
      out.add({
        anchor: 'before-template',
        severity: 'info',
        outcome: 'structure',
        table: null,
        cells: [],
        message: {
          zh: `这是${year}年度的报告，早于国家统一格式（国办公开办函〔2019〕60号，${FIRST_TEMPLATE_YEAR}年度起施行）：按当时的格式没有统计表，章节也不同，未按统一格式核对章节和表格。`,
          en: `This is a report for ${year}, before the national template (国办公开办函〔2019〕60号, from the ${FIRST_TEMPLATE_YEAR} reports on): the format of its day had no tables and other sections, so neither was checked against the template.`,
        },
      });
      return;
    }
    for (const t of ids) {
      if (ctx.report.tables[t].status !== 'missing') continue;
      if (ctx.report.cut?.tables.includes(t)) continue; // the text never reached it
      out.add({
        anchor: t,
        severity: 'error',
        outcome: 'structure',
        table: t,
        cells: [],
        message: {
          zh: `未找到${ctx.template.tables[t].name.zh}。`,
          en: `${ctx.template.tables[t].name.en} was not found.`,
        },
      });
    }
  },
};

import type { Rule } from '../rule';
import type { Report } from '../../model/report';

/**
 * Published after the regulation's deadline (条例 art. 50): every administrative body publishes
 * its report for year Y by 31 January of Y+1; the report of a county-level or higher government
 * as a whole (本级政府, published by its disclosure office) is due by 31 March. So the deadline is
 * 31 March for a body read as a province, city or county government, 31 January for a department
 * or a township — and 31 March when the body's level is unknown: no finding on a guess.
 *
 * Information only, stating the date and where it was read (recognise/published.ts: the page's
 * 发布日期 first, its metadata, then the date the report is signed with — a report is published on
 * or after the day it is signed, so a late signature is a late report). No date, no finding. A
 * date outside Y+1 altogether is year-consistency's finding, not said twice here.
 */
export const publishedLate: Rule = {
  id: 'published-late',
  hard: null,
  title: { zh: '按时发布（次年1月31日前，县级以上政府3月31日前）', en: 'Published on time (by 31 January, county-level and higher governments by 31 March)' },
  run(ctx, out) {
    const { year, published, publishedFrom } = ctx.report;
    if (year === null || published === null) return;
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(published);
    if (!m || Number(m[1]) !== year + 1) return;
    out.checked++;
    const due = deadline(ctx.report.level);
    const month = Number(m[2]);
    const day = Number(m[3]);
    if (month < due.month || (month === due.month && day <= due.day)) return;
    const where = whereWords(publishedFrom);
    const dateZh = `${m[1]}年${month}月${day}日`;
    const dateEn = `${day} ${MONTHS[month - 1] ?? ''} ${m[1]}`;
    const signed = publishedFrom?.where === 'signature' || publishedFrom?.where === 'heading';
    out.add({
      anchor: 'date',
      severity: 'info',
      outcome: 'structure',
      table: null,
      cells: [],
      message: {
        zh: `${signed ? '落款日期为' : '发布于'}${dateZh}（${where.zh}），晚于条例规定的次年${due.month}月${due.day}日${due.whoZh}。`,
        en: `${signed ? 'Signed' : 'Published'} on ${dateEn} (${where.en}), after the deadline the regulation sets: ${due.day} ${MONTHS[due.month - 1] ?? ''} of the following year${due.whoEn}.`,
      },
    });
  },
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function deadline(level: Report['level']): { month: number; day: number; whoZh: string; whoEn: string } {
  if (level === 'department' || level === 'township') {
    return { month: 1, day: 31, whoZh: '', whoEn: '' };
  }
  return level === null
    ? { month: 3, day: 31, whoZh: '（县级以上人民政府的期限；其他行政机关为1月31日）', whoEn: ' (for county-level and higher governments; other bodies by 31 January)' }
    : { month: 3, day: 31, whoZh: '（县级以上人民政府）', whoEn: ' (county-level and higher governments)' };
}

function whereWords(from: Report['publishedFrom']): { zh: string; en: string } {
  switch (from?.where) {
    case 'page':
      return { zh: `页面“${from.label}”`, en: `the page's "${from.label}"` };
    case 'meta':
      return { zh: `网页元数据 ${from.label}`, en: `the page's metadata ${from.label}` };
    case 'signature':
      return { zh: '文末落款', en: "the report's closing signature" };
    case 'heading':
      return { zh: '标题下所注日期', en: 'the date under the title' };
    default:
      return { zh: '页面', en: 'the page' };
  }
}

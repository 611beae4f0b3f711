import type { Report } from './report';

/**
 * The national template (国办公开办函〔2019〕60号, then 〔2021〕30号) governs the reports for 2019
 * and after. A report for an earlier year follows the outline of the 2008 regulation (概述 /
 * 主动公开 / 依申请公开 / 收费及减免 / 复议诉讼申诉 / 问题及改进) and has no standard table.
 */
export const FIRST_TEMPLATE_YEAR = 2019;

/**
 * A report for a year before the template, in which no table of the template was read: it is held
 * to none of the template's forms (its sections and tables are not the template's to miss, and its
 * end cannot be told by the template's outline). One with a template table is checked as usual.
 */
export function beforeTemplate(report: Pick<Report, 'year' | 'tables'>): boolean {
  return report.year !== null && report.year < FIRST_TEMPLATE_YEAR && (['t1', 't2', 't3'] as const).every((t) => report.tables[t].status === 'missing');
}

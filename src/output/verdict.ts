/**
 * The one-line verdict an auditor reads first (issue 17): how many sums do not add up and how
 * many cells probably explain them, how many cells hold no number, how many times the prose
 * disagrees with the tables — or that the three tables add up. Plain data in, words out.
 */
import type { CheckResultJson } from '../model/result';

export function verdictLine(result: CheckResultJson, lang: 'zh' | 'en'): string {
  const f = result.findings;
  const sums = f.filter((x) => x.outcome === 'fail' && !x.evidence && x.severity === 'error');
  const suspects = new Set(sums.flatMap((x) => (x.suspect?.unique ? x.suspect.cells.map((c) => `${c.cell.table}.${c.cell.row}.${c.cell.col}`) : [])));
  const blanks = f.filter((x) => x.rule === 'cells-filled').reduce((n, x) => n + x.cells.length, 0);
  const prose = f.filter((x) => x.rule.startsWith('prose-')).length;
  const blankTotals = f.filter((x) => x.rule === 'blank-total').reduce((n, x) => n + x.cells.length, 0);
  const structure = f.filter((x) => x.outcome === 'structure' && x.severity === 'error' && x.rule !== 'cells-filled' && x.rule !== 'blank-total').length;
  const parsed = Object.values(result.report.tables).filter((t) => t.status === 'parsed').length;
  const parts: string[] = [];
  const clean = sums.length === 0 && blanks === 0 && structure === 0 && blankTotals === 0;
  // a report for a year before the template (tables-present says so): it had no tables to check
  const early = f.some((x) => x.id === 'tables-present/before-template') ? result.report.year : null;
  if (lang === 'zh') {
    if (clean) parts.push(parsed === 3 ? '三张表的数字全部自洽' : parsed === 0 ? (early !== null ? `${early}年度报告早于统一格式，没有可核对的表格` : '没有可核对的表格') : `已读取的 ${parsed} 张表数字自洽`);
    if (sums.length > 0) parts.push(`有 ${sums.length} 处数字不一致${suspects.size > 0 ? `（很可能是 ${suspects.size} 个单元格填错）` : ''}`);
    if (blanks > 0) parts.push(`${blanks} 个单元格未填数字`);
    if (blankTotals > 0) parts.push(`${blankTotals} 个总计留空而分项不为0`);
    if (structure > 0) parts.push(`${structure} 处表格或章节不全`);
    if (prose > 0) parts.push(`${prose} 处正文与表格不符`);
    return parts.join(' · ');
  }
  if (clean) parts.push(parsed === 3 ? 'The figures of all three tables add up' : parsed === 0 ? (early !== null ? `A ${early} report, before the template: no table to check` : 'No table to check') : `The figures of the ${parsed} table(s) read add up`);
  if (sums.length > 0) parts.push(`${sums.length} sum(s) do not add up${suspects.size > 0 ? ` (probably ${suspects.size} cell(s) typed wrong)` : ''}`);
  if (blanks > 0) parts.push(`${blanks} cell(s) hold no number`);
  if (blankTotals > 0) parts.push(`${blankTotals} total(s) left blank over parts above 0`);
  if (structure > 0) parts.push(`${structure} table or section problem(s)`);
  if (prose > 0) parts.push(`${prose} place(s) where the prose disagrees with the tables`);
  return parts.join(' · ');
}

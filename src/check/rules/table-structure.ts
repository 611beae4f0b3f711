import type { Rule } from '../rule';
import { rowName, tableName } from '../messages';
import type { CellKey, StructureIssue } from '../../model/report';
import type { Severity } from '../../model/finding';
import type { Words } from '../../recognise/templates';

/**
 * The page's tables against the template's shape, from what recognition recorded: rows placed by
 * position because their label was lost (seed 000), rows the page lacks, numbers beyond the
 * template's columns (seed 003), short rows, rows that fit nowhere, two layouts mixed.
 */
export const tableStructure: Rule = {
  id: 'table-structure',
  hard: 6,
  title: { zh: '表格结构与模板一致', en: 'Table structure matches the template' },
  run(ctx, out) {
    for (const issue of ctx.report.structure) {
      if (issue.code === 'table-missing' || issue.code === 'table-image') continue;
      out.checked++;
      const t = issue.table;
      const rowCells = (): CellKey[] => {
        if (!t || !issue.row) return [];
        const row = ctx.row(t, issue.row);
        return row ? row.cells.map((c) => ({ table: t, row: issue.row ?? '', col: c.col })) : [];
      };
      const where = (lang: 'zh' | 'en'): string => {
        if (!t) return '';
        const table = tableName(t, lang);
        if (!issue.row) return table;
        const row = rowName(ctx.template, t, issue.row, lang);
        return lang === 'zh' ? `${table}「${row}」行` : `${table}, row "${row}"`;
      };
      const detail = issue.detail ?? '';
      const { severity, message } = describe(issue, where, detail);
      out.add({
        anchor: `${issue.code}:${t ?? ''}:${issue.row ?? detail.slice(0, 40)}`,
        severity,
        outcome: 'structure',
        table: t,
        cells: rowCells(),
        message,
      });
    }
  },
};

function describe(issue: StructureIssue, where: (lang: 'zh' | 'en') => string, detail: string): { severity: Severity; message: Words } {
  switch (issue.code) {
    case 'row-placed-by-position':
      return {
        severity: 'warning',
        message: {
          zh: `${where('zh')}的标签缺失，已按位置识别（该行数字：${detail}）。`,
          en: `${where('en')}: its label is missing; the row was placed by its position (its numbers: ${detail}).`,
        },
      };
    case 'row-missing':
      return {
        severity: 'error',
        message: { zh: `${where('zh')}在页面上缺失。`, en: `${where('en')} is missing from the page.` },
      };
    case 'row-unrecognised':
      return {
        severity: 'warning',
        message: {
          zh: `${where('zh')}中有一行无法对应到模板：“${detail}”。`,
          en: `${where('en')} has a row that matches no template row: "${detail}".`,
        },
      };
    case 'row-duplicate':
      return {
        severity: 'warning',
        message: { zh: `${where('zh')}出现了两次，只采用第一次。`, en: `${where('en')} appears twice; the first was used.` },
      };
    case 'cells-extra':
      return {
        severity: 'error',
        message: {
          zh: `${where('zh')}的数字比模板的列多（${detail.replace(':', '，多出：')}）；已按位置取前面的数字核对，多出的未计入。`,
          en: `${where('en')} has more numbers than the template has columns (${detail.replace(':', ', extra:')}); the first ones were used by position and the extra ones were left out.`,
        },
      };
    case 'cells-short':
      return {
        severity: 'error',
        message: {
          zh: `${where('zh')}的数字比模板的列少（${detail}），缺少的单元格无法核对。`,
          en: `${where('en')} has fewer numbers than the template has columns (${detail}); the missing cells cannot be checked.`,
        },
      };
    case 'cell-restored':
      return {
        severity: 'warning',
        message: {
          zh: `${where('zh')}少一个单元格；表格外游离的“${detail}”（文字转换时移出表格的两行单元格）已按其字词补入该行，请对照原件确认。`,
          en: `${where('en')} was one cell short; the loose text "${detail}" outside the table (a two-line cell a conversion lifted out) was put back into the row by its words; confirm against the original.`,
        },
      };
    case 'truncated':
      return {
        severity: 'warning',
        message: {
          zh: `文字在${detail}之后中断，后面的内容无法核对。`,
          en: `The text stops after ${detail}; what follows cannot be checked.`,
        },
      };
    case 'cells-run-together':
      return {
        severity: 'warning',
        message: {
          zh: `${where('zh')}的数字连在一起（${detail}），可以有不止一种拆法，未读取、未核对。`,
          en: `${where('en')}: its figures run together (${detail}) and split more than one way; not read, not checked.`,
        },
      };
    case 'truncated-start':
      return {
        severity: 'warning',
        message: {
          zh: `文字从${detail}开始，前面的内容无法核对。`,
          en: `The text starts at ${detail}; what comes before it cannot be checked.`,
        },
      };
    case 'template-mixed':
      return {
        severity: 'warning',
        message: {
          zh: `表一与表二使用了不同版本的模板（${detail}）。`,
          en: `Tables 1 and 2 follow different template versions (${detail}).`,
        },
      };
    default:
      return { severity: 'warning', message: { zh: `${where('zh')}：${detail}`, en: `${where('en')}: ${detail}` } };
  }
}

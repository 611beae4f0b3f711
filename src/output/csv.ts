import type { CheckResultJson } from '../model/result';
import type { Finding } from '../model/finding';
import type { CellKey } from '../model/report';
import { TEMPLATES } from '../recognise/templates';
import { cellName, colName, rowName, tableName } from '../check/messages';
import { verdictLine } from './verdict';

/**
 * Findings of many reports as one CSV file for a spreadsheet: one row per finding, a row with an
 * empty rule for a report without findings, and a row with an empty rule and the reason for an
 * input that could not be checked. UTF-8 with a BOM (so Excel reads the Chinese), RFC 4180
 * quoting, CRLF line ends. Shared by the CLI (`--csv`) and the extension's batch page.
 *
 * Values are words in `lang` (错误, 表二, the template's row and column names, 2021年版), never
 * the JSON's keys: the sheet is read by people; tools read the JSON. Each row carries its report's
 * one-line verdict; the rule id comes last. `行`/`列`: the finding's primary cells (else all its
 * cells), several joined with `；` — one row and its columns, one column and its rows, or two
 * position-paired lists.
 */

export const CSV_COLUMNS = ['source', 'body', 'year', 'verdict', 'template', 'severity', 'table', 'row', 'col', 'expected', 'found', 'suspect', 'message', 'rule'] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

export const CSV_HEADERS: Readonly<Record<'zh' | 'en', Readonly<Record<CsvColumn, string>>>> = {
  zh: {
    source: '文件或网址',
    body: '机关',
    year: '年度',
    verdict: '结论',
    template: '模板',
    severity: '严重程度',
    table: '表',
    row: '行',
    col: '列',
    expected: '应为',
    found: '实为',
    suspect: '很可能填错',
    message: '说明',
    rule: '规则',
  },
  en: {
    source: 'source',
    body: 'body',
    year: 'year',
    verdict: 'verdict',
    template: 'template',
    severity: 'severity',
    table: 'table',
    row: 'row',
    col: 'col',
    expected: 'expected',
    found: 'found',
    suspect: 'probably wrong',
    message: 'message',
    rule: 'rule',
  },
};

/** One checked input: its result, or why there is none. `source` is the file or URL as given. */
export type CsvEntry = { source: string; result: CheckResultJson } | { source: string; failure: { zh: string; en: string } | string };

export interface CsvOptions {
  lang?: 'zh' | 'en';
  /** start with U+FEFF (default true) */
  bom?: boolean;
  /** the header row (default true) */
  header?: boolean;
}

const NO_FINDINGS = { zh: '未发现问题', en: 'no findings' };
const NOT_CHECKED = { zh: '无法检查：', en: 'could not be checked: ' };

/**
 * One field, RFC 4180: quoted when it holds a comma, a quote, CR or LF (quotes doubled). Text that
 * a spreadsheet would run as a formula (`=`, `+`, `@`, or a tab/CR first) gets a leading `'`;
 * numbers (a negative 本年增/减 included) are left alone.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = /^[=+@\t\r]/.test(value) || (/^-/.test(value) && !/^-\d+(\.\d+)?$/.test(value)) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvRow(fields: readonly (string | number | null | undefined)[]): string {
  return fields.map(csvField).join(',');
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/**
 * The `row` and `col` fields of a finding, named by `name` (default: the keys): one row with its
 * columns, one column with its rows, or two position-paired lists.
 */
export function cellFields(
  cells: readonly CellKey[],
  name: { row(k: CellKey): string; col(k: CellKey): string } = { row: (k) => k.row, col: (k) => k.col },
  sep = ';',
): { row: string; col: string } {
  if (cells.length === 0) return { row: '', col: '' };
  const rows = distinct(cells.map(name.row));
  const cols = distinct(cells.map(name.col));
  if (rows.length === 1 || cols.length === 1) return { row: rows.join(sep), col: cols.join(sep) };
  return { row: cells.map(name.row).join(sep), col: cells.map(name.col).join(sep) };
}

export function templateShort(r: CheckResultJson, lang: 'zh' | 'en'): string {
  const v = r.report.template;
  return v ? (lang === 'zh' ? `${v}年版` : v) : '';
}

export const SEVERITY = { zh: { error: '错误', warning: '警告', info: '提示' }, en: { error: 'error', warning: 'warning', info: 'note' } } as const;

/**
 * Where a finding sits and which cell probably holds the typo, in words: its table (表二), its
 * rows and columns by the template's names (several joined with `；`), and the suspect cells with
 * the figure each should hold. Shared by the CSV and the Excel workbook.
 */
export function findingPlace(r: CheckResultJson, f: Finding, lang: 'zh' | 'en'): { table: string; row: string; col: string; suspect: string } {
  const cells = f.primary.length > 0 ? f.primary : f.cells;
  const tpl = TEMPLATES[r.report.template ?? '2021'];
  // table 3 has one row: its cells are named by their column alone
  const { row, col } = cellFields(
    cells,
    { row: (k) => (k.table === 't3' ? '' : rowName(tpl, k.table, k.row, lang)), col: (k) => colName(tpl, k.table, k.row, k.col, lang) },
    lang === 'zh' ? '；' : '; ',
  );
  const table = f.table ?? cells[0]?.table;
  const suspect = f.suspect
    ? f.suspect.cells.map((c) => (lang === 'zh' ? `${cellName(tpl, c.cell, 'zh')}：填 ${c.proposed}（现为 ${c.now}）` : `${cellName(tpl, c.cell, 'en')}: ${c.proposed} (now ${c.now})`)).join(f.suspect.unique ? (lang === 'zh' ? '；' : '; ') : lang === 'zh' ? '；或 ' : '; or ')
    : '';
  return { table: table ? tableName(table, lang) : '', row, col, suspect };
}

function findingRow(source: string, r: CheckResultJson, f: Finding, lang: 'zh' | 'en'): string {
  const { table, row, col, suspect } = findingPlace(r, f, lang);
  return csvRow([
    source,
    r.report.body,
    r.report.year,
    verdictLine(r, lang),
    templateShort(r, lang),
    SEVERITY[lang][f.severity],
    table,
    row,
    col,
    f.expected,
    f.found,
    suspect,
    f.message[lang],
    f.rule,
  ]);
}

export function findingsToCsv(entries: readonly CsvEntry[], options: CsvOptions = {}): string {
  const lang = options.lang ?? 'zh';
  const lines: string[] = [];
  if (options.header ?? true) lines.push(csvRow(CSV_COLUMNS.map((c) => CSV_HEADERS[lang][c])));
  for (const e of entries) {
    if ('failure' in e) {
      const why = typeof e.failure === 'string' ? e.failure : e.failure[lang];
      lines.push(csvRow([e.source, '', '', '', '', '', '', '', '', '', '', '', NOT_CHECKED[lang] + why, '']));
      continue;
    }
    const r = e.result;
    if (r.findings.length === 0) {
      lines.push(csvRow([e.source, r.report.body, r.report.year, verdictLine(r, lang), templateShort(r, lang), '', '', '', '', '', '', '', NO_FINDINGS[lang], '']));
      continue;
    }
    for (const f of r.findings) lines.push(findingRow(e.source, r, f, lang));
  }
  return ((options.bom ?? true) ? '\uFEFF' : '') + lines.map((l) => l + '\r\n').join('');
}

/**
 * RFC 4180 text → rows of fields (a BOM is dropped). For tests and for reading a sheet back;
 * tolerant of LF line ends and a missing last line end.
 */
export function parseCsv(text: string): string[][] {
  const s = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < s.length) {
    const ch = s[i] ?? '';
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += ch === '\r' && s[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

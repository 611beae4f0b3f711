/**
 * The national template as data. Row and column keys are stable ids that findings, the JSON
 * export and users key on; labels are the template's own words; `match` holds label keys
 * (see labelKey) that identify a row in a real page.
 */
export type TableId = 't1' | 't2' | 't3';
export type TemplateVersion = '2021' | '2019';

export interface Words {
  zh: string;
  en: string;
}

export interface ColumnSpec {
  key: string;
  name: Words;
  /** count: non-negative whole number; amount: decimal (万元 or 元); signed: whole, may be negative */
  kind: 'count' | 'amount' | 'signed';
  /** amounts: the unit the template states for the column (2021 fees: 万元) */
  unit?: '万元';
  /** for sums: `part` columns add up to the `total` column of the same group */
  role?: 'part' | 'total';
  /** table 3: 复议 / 直接起诉 / 复议后起诉 */
  group?: string;
  /**
   * Words only a note on this column's figure uses (`55（含自然失效 29 件）` is a 废止 figure): a
   * two-line cell that a conversion lifted out of its row is put back by them (recognise/lifted.ts).
   */
  words?: string[];
}

export interface RowSpec {
  key: string;
  name: Words;
  /** label keys; the row matches when its label key contains one of them */
  match: string[];
  /** match only when the label key equals a `match` entry (short labels such as 其他) */
  exact?: boolean;
  /** the group heading this row sits under (table 2: results, withheld, unable, …) */
  group?: string;
  /** a heading row: carries no numbers of its own */
  heading?: boolean;
  /** table 2: in = 一/二, result = a 办理结果 row, total = （七）总计, out = 四 */
  role?: 'in' | 'result' | 'total' | 'out';
  /** table 1: each block has its own columns */
  columns?: ColumnSpec[];
  /** table 1: 第二十条第（N）项 */
  block?: string;
}

export interface TableSpec {
  id: TableId;
  name: Words;
  /** columns shared by every row (tables 2 and 3); table 1 rows carry their own */
  columns: ColumnSpec[];
  rows: RowSpec[];
}

export interface SectionSpec {
  key: string;
  number: string;
  name: Words;
  /** label keys that identify the heading, in any template version */
  match: string[];
  /**
   * Key words of the published variants (`五、存在问题及改进情况`, `五、政府信息公开工作存在的主要
   * 问题及改进情况`, typos such as `行政法复议`): every group must have one of its words.
   */
  words: string[][];
}

export interface TemplateSpec {
  version: TemplateVersion;
  name: Words;
  tables: Record<TableId, TableSpec>;
}

export function columnsOf(table: TableSpec, row: RowSpec): ColumnSpec[] {
  return row.columns ?? table.columns;
}

export function numericRows(table: TableSpec): RowSpec[] {
  return table.rows.filter((r) => !r.heading);
}

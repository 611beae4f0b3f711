import type { Finding } from '../model/finding';
import type { Report } from '../model/report';
import type { Figures, TableFigures, YearRecord } from '../model/history';
import type { Words } from '../recognise/templates';

/**
 * A check of this year's report against the same body's record for last year (check/cross-year.ts
 * runs them and adds them to the result): data (a stable id, a title naming last year) plus one
 * function. `from` is where last year's record came from, as the findings say it.
 */
export interface LastYearRule {
  id: string;
  title(lastYear: number): Words;
  run(report: Report, now: Figures, last: YearRecord, from: Words): { checked: number; findings: Omit<Finding, 'fingerprint'>[] };
}

/** A warning about the report as a whole (no cell of its own) from a check against last year. */
export function wholeReportWarning(rule: string, outcome: Finding['outcome'], message: Words): Omit<Finding, 'fingerprint'> {
  return { id: rule === 'copied-from-last-year' ? `${rule}/all` : rule, rule, severity: 'warning', outcome, table: null, cells: [], primary: [], blocking: [], expected: null, found: null, message };
}

export type TableKey = 't1' | 't2' | 't3';
export const TABLES: readonly TableKey[] = ['t1', 't2', 't3'];

/**
 * Two years of one table side by side, or null when they cannot be compared: not read in one of
 * the years (missing, a picture), or read against another template (a 2019 table against a 2021
 * one: their rows and columns are not the same cells).
 */
export function pair(now: TableFigures | null, last: TableFigures | null | undefined): { now: TableFigures; last: TableFigures } | null {
  if (!now || !last || now.template !== last.template) return null;
  return { now, last };
}

/** A figure by row and column key, or undefined when the table has no such cell (null: a cell without a number). */
export function figure(t: TableFigures, row: string, col: string): number | null | undefined {
  const i = t.cols.indexOf(col);
  const r = t.rows[row];
  return i < 0 || !r ? undefined : r[i];
}

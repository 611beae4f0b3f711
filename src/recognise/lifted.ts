import type { GridCell, SourceRef } from '../extract/types';
import type { StructureIssue } from '../model/report';
import { fitValues, type SplitRow } from './rows';
import { columnsOf, type RowSpec, type TableSpec } from './templates';

/**
 * Cells a conversion lifted out of table 1. A PDF→text converter that meets a two-line cell
 * (`22` over `（其中修订 16 件）`) may write it as loose lines under the table's heading and leave
 * its row one cell short (`| 规章 | 22 | 235 |`; corpus full-010). Such a cell is put back only
 * when nothing is left to guess:
 * - it is a figure with a bracketed note, on one line or two lines in a row;
 * - the table has exactly as many rows one cell short as there are lifted cells (page order pairs
 *   them);
 * - its note names its column by the template's words for that column (`自然失效` → 本年废止件数),
 *   or it names none and every lifted cell that names one names the same column (a converter
 *   lifts the wrapped cells of one narrow column).
 * Otherwise nothing changes and the short rows are reported short, as before. Each cell put back
 * is recorded (`cell-restored`) so the finding says where the figure came from.
 */

/**
 * A piece of text under table 1's heading that no template row took: a paragraph, or a cell of a
 * row whose label named no row (`item`: that row). A line-per-cell text pairs
 * `22` with the next line as a row, so a lifted cell's figure and note may sit in two such rows.
 */
export interface Loose {
  text: string;
  src: SourceRef | null;
  /** the entry it comes from and its place in it, to tell pieces that follow each other */
  entry: number;
  cell: number;
  lastInEntry: boolean;
  /** the row's cell it is, or null for a paragraph */
  source: GridCell | null;
  item: RowItem | null;
}

export interface RowItem {
  spec: RowSpec | null;
  split: SplitRow;
  blank?: boolean;
}

const FIGURE = /^\d[\d,]*(?:\.\d+)?$/;
const NOTE = /^[（(][^（）()]{1,40}[）)]$/;
const FIGURE_NOTE = /^(\d[\d,]*(?:\.\d+)?)\s*([（(][^（）()]{1,40}[）)])$/;

interface Lifted {
  cell: GridCell;
  note: string;
  /** the pieces it was made of */
  from: Loose[];
}

const follows = (a: Loose, b: Loose): boolean => (a.entry === b.entry ? b.cell === a.cell + 1 : b.entry === a.entry + 1 && a.lastInEntry && b.cell === 0);

function liftedCells(loose: readonly Loose[]): Lifted[] {
  const out: Lifted[] = [];
  for (let i = 0; i < loose.length; i++) {
    const p = loose[i];
    if (!p?.src) continue;
    const text = p.text.trim();
    const one = FIGURE_NOTE.exec(text);
    if (one) {
      out.push({ cell: { raw: text, text, src: p.src, origin: true }, note: one[2] ?? '', from: [p] });
      continue;
    }
    const next = loose[i + 1];
    if (FIGURE.test(text) && next && follows(p, next) && NOTE.test(next.text.trim())) {
      const raw = `${text}${next.text.trim()}`;
      out.push({ cell: { raw, text: raw, src: p.src, origin: true }, note: next.text.trim(), from: [p, next] });
      i++;
    }
  }
  return out;
}

/** Puts lifted cells back into the short rows of `seq` (in place); returns what it did. */
export function restoreLifted(table: TableSpec, seq: RowItem[], loose: readonly Loose[]): StructureIssue[] {
  const lifted = liftedCells(loose);
  if (lifted.length === 0) return [];
  const short = seq.filter((item) => {
    if (!item.spec || item.blank) return false;
    const cols = columnsOf(table, item.spec);
    const fit = fitValues(item.split.values, cols.length);
    return fit.short === 1 && fit.fitted.length > 0 && fit.fitted.every((c) => c.text !== '');
  });
  if (short.length !== lifted.length) return [];

  const named = lifted.map((l, k) => {
    const spec = short[k]?.spec;
    if (!spec) return [];
    return columnsOf(table, spec)
      .filter((c) => c.words?.some((w) => l.note.includes(w)))
      .map((c) => c.key);
  });
  if (named.some((n) => n.length > 1)) return [];
  const agreed = new Set(named.flat());
  if (agreed.size !== 1) return [];
  // every cell that names a column names this one; the others take it too
  const column = [...agreed][0] ?? '';

  const plan: { item: RowItem; at: number; cell: GridCell }[] = [];
  for (const [k, l] of lifted.entries()) {
    const item = short[k];
    if (!item?.spec) return [];
    const cols = columnsOf(table, item.spec);
    const at = cols.findIndex((c) => c.key === column);
    if (at < 0) return [];
    plan.push({ item, at, cell: l.cell });
  }
  // Rows made only of lifted pieces go: a line-per-cell text pairs `第二十条第（一）项` / `22` and
  // `（其中修订 16 件）` / `55` as rows whose labels named nothing.
  const taken = new Set(lifted.flatMap((l) => l.from.map((p) => p.source)));
  for (const owner of new Set(lifted.flatMap((l) => l.from.map((p) => p.item)))) {
    if (!owner || !owner.split.values.every((c) => c.text === '' || taken.has(c))) continue;
    const k = seq.indexOf(owner);
    if (k >= 0) seq.splice(k, 1);
  }
  return plan.map(({ item, at, cell }) => {
    const spec = item.spec as RowSpec;
    const fitted = fitValues(item.split.values, columnsOf(table, spec).length).fitted;
    const values = [...fitted.slice(0, at), cell, ...fitted.slice(at)];
    item.split = { ...item.split, values, cells: [...item.split.cells, cell] };
    return { code: 'cell-restored', table: table.id, row: spec.key, detail: cell.raw, src: cell.src };
  });
}

import { isValueLike, looksLikeFigure } from '../text/cell-value';
import { labelKey } from '../text/normalize';
import { refKey } from '../extract/html';
import type { GridCell, GridRow } from '../extract/types';
import type { RowSpec, TableSpec } from './templates';

/** A table row split into its label part and its value part. */
export interface SplitRow {
  /** label keys of the distinct label cells, outermost first (三、本年度办理结果 → （三）不予公开 → 1.属于国家秘密) */
  labels: string[];
  /** the label cells as printed */
  labelCells: GridCell[];
  values: GridCell[];
  cells: GridCell[];
}

/** Collapse the copies that colspan/rowspan expansion made of one cell within a row. */
function dedupe(row: GridRow): GridCell[] {
  const out: GridCell[] = [];
  let prev = '';
  for (const c of row) {
    const k = c.src.kind === 'html' && c.src.cell >= 0 ? refKey(c.src) : '';
    if (k !== '' && k === prev) continue;
    out.push(c);
    prev = k;
  }
  return out;
}

/**
 * A label without the filling instructions some bodies print in it (`规章（设区的市、自治州人民政府
 * 应提供相关数据）`, `上一年项目数量（指2018年事项数）`): the words outside the brackets name the
 * row. Numbering such as `（三）` stays (labelKey drops it); a label that is all note stays whole.
 */
export function withoutNotes(text: string): string {
  const out = text.replace(/[（(][^（）()]{4,}[）)]/g, '');
  return out.trim() === '' ? text : out;
}

/** A label with one figure after a space: `行政许可 97`, `行政事业性收费 0.35`. */
const LABEL_THEN_NUMBER = /^(.*[\u4e00-\u9fff）)])\s+(\d[\d,]*(?:\.\d+)?)$/;

/**
 * Leading cells are labels until the first value-like cell; empty cells among the leading ones are
 * skipped (merged label columns). Everything from the first value-like non-empty cell on — or,
 * when there is none, from the first empty cell after the last label — is a value cell.
 */
export function splitRow(row: GridRow): SplitRow {
  const cells = dedupe(row);
  let labelEnd = 0;
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (!c) continue;
    if (c.text === '') continue;
    if (isValueLike(c.text) || (labelEnd > 0 && looksLikeFigure(c.text))) break;
    labelEnd = i + 1;
  }
  let labelCells = cells.slice(0, labelEnd).filter((c) => c.text !== '');
  let values = cells.slice(labelEnd);
  // `行政许可 97` in one cell (markdown conversions of PDFs): the label and its one figure.
  const last = labelCells[labelCells.length - 1];
  const tail = last && values.every((c) => c.text === '') ? LABEL_THEN_NUMBER.exec(last.text) : null;
  if (last && tail) {
    const [, label = '', figure = ''] = tail;
    labelCells = [...labelCells.slice(0, -1), { ...last, text: label, raw: label }];
    values = [{ ...last, text: figure, raw: figure }, ...values.filter((c) => c.text !== '')];
  }
  const labels: string[] = [];
  for (const c of labelCells) {
    const k = labelKey(withoutNotes(c.text));
    if (k !== '' && labels[labels.length - 1] !== k) labels.push(k);
  }
  return { labels, labelCells, values, cells };
}

/** Does a label key name this template row? */
export function rowMatches(spec: RowSpec, key: string): boolean {
  if (key === '') return false;
  return spec.match.some((m) => (spec.exact ? key === m : key.includes(m)));
}

/**
 * The template row that a split row's labels name, the most specific label first. Group context
 * (the heading this row sits under, from this row's own cells or from the rows above it) decides
 * short labels such as 3.其他. Inside the table's own context (`near`), a label that names no row
 * outright is compared with every row's full name: a fragment of exactly one name (a label wrapped
 * onto the line of its values: `形，不计其他情形）`) or a close likeness (a PDF text layer's
 * `其他法律行政止公开`) names that row — `fuzzy`, for the caller to hold against the row order.
 */
export function matchRow(
  table: TableSpec,
  split: SplitRow,
  group: string | null,
  near = false,
): { spec: RowSpec; group: string | null; fuzzy: boolean } | null {
  let ctx = group;
  for (const key of split.labels) {
    const heading = table.rows.find((r) => r.heading && rowMatches(r, key));
    if (heading) ctx = heading.key;
  }
  for (let i = split.labels.length - 1; i >= 0; i--) {
    const key = split.labels[i] ?? '';
    const candidates = table.rows.filter((r) => !r.heading && rowMatches(r, key));
    if (candidates.length === 0) continue;
    // Short, exact labels (其他, 总计) need their group; longer ones stand alone.
    const inGroup = candidates.filter((r) => !r.exact || r.group === undefined || r.group === ctx || r.group === 'results');
    const pick = inGroup.find((r) => r.group === ctx) ?? inGroup.find((r) => !r.exact) ?? inGroup[0];
    if (pick) return { spec: pick, group: ctx, fuzzy: false };
    // A short label whose group heading was lost (`（六）其` / `他处理` broken over lines) names its
    // one row only by likeness, held to the row order by the caller.
    const only = candidates.length === 1 ? candidates[0] : undefined;
    if (near && only) return { spec: only, group: only.group ?? ctx, fuzzy: true };
  }
  const key = split.labels[split.labels.length - 1] ?? '';
  if (!near || key.length < 4) return null;
  const rows = table.rows.filter((r) => !r.heading);
  const fragmentOf = rows.filter((r) => nameKey(r).includes(key));
  if (fragmentOf.length === 1 && fragmentOf[0]) return { spec: fragmentOf[0], group: fragmentOf[0].group ?? ctx, fuzzy: true };
  const scored = rows.map((r) => ({ r, score: likeness(key, nameKey(r)) })).sort((x, y) => y.score - x.score);
  const [best, second] = scored;
  if (best && best.score >= 0.6 && best.score - (second?.score ?? 0) >= 0.15) return { spec: best.r, group: best.r.group ?? ctx, fuzzy: true };
  return null;
}

const nameKeys = new WeakMap<RowSpec, string>();
function nameKey(r: RowSpec): string {
  let k = nameKeys.get(r);
  if (k === undefined) {
    k = labelKey(r.name.zh);
    nameKeys.set(r, k);
  }
  return k;
}

/** Dice's coefficient over character bigrams: 1 for the same text, 0 for nothing in common. */
export function likeness(a: string, b: string): number {
  if (a.length < 2 || b.length < 2) return a === b ? 1 : 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const g = a.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  let common = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.slice(i, i + 2);
    const n = grams.get(g) ?? 0;
    if (n > 0) {
      common++;
      grams.set(g, n - 1);
    }
  }
  return (2 * common) / (a.length - 1 + b.length - 1);
}

/**
 * Fit the value cells of a row to `n` columns. Empty cells at the ends are padding when there are
 * too many: seed 003's rows carry a leading merged cell *and* a trailing tab, so padding is taken
 * from the two ends in turn — `['', '', 0…0, '']` with a blank 自然人 keeps that blank in its
 * column (the property tests found this). What is still too many is kept as extra, what is too
 * few is reported short.
 */
export function fitValues(values: GridCell[], n: number): { fitted: GridCell[]; extra: GridCell[]; short: number } {
  const v = values.slice();
  let front = true;
  while (v.length > n) {
    const headEmpty = v[0]?.text === '';
    const tailEmpty = v[v.length - 1]?.text === '';
    if (headEmpty && (front || !tailEmpty)) v.shift();
    else if (tailEmpty) v.pop();
    else break;
    front = !front;
  }
  if (v.length > n) return { fitted: v.slice(0, n), extra: v.slice(n), short: 0 };
  return { fitted: v, extra: [], short: n - v.length };
}

import { beforeTemplate } from '../model/era';
import { parseCellValue } from '../text/cell-value';
import { labelKey, stripNumbering } from '../text/normalize';
import type { ExtractedDoc, GridCell, SourceRef } from '../extract/types';
import type { Report, ReportRow, ReportTable, StructureIssue } from '../model/report';
import { findMeta } from './meta';
import { bodyLevel } from '../model/body';
import { fitValues, matchRow, rowMatches, splitRow, type SplitRow } from './rows';
import { findSections, type SectionHit } from './sections';
import { unrun } from './run-together';
import { restoreLifted, type Loose } from './lifted';
import { readStatements, type ProsePara } from './prose';
import {
  columnsOf,
  numericRows,
  SECTIONS,
  TEMPLATES,
  VERSION_SIGNS,
  type ColumnSpec,
  type RowSpec,
  type TableId,
  type TableSpec,
  type TemplateVersion,
} from './templates';

type Entry =
  | { kind: 'para'; text: string; para: number; src: SourceRef | null }
  | { kind: 'row'; split: SplitRow }
  | { kind: 'image'; name: string };

interface Placed {
  spec: RowSpec;
  split: SplitRow;
  placed: 'label' | 'position';
  blank?: boolean;
}

/** Rows collected for one table, in page order; `spec` null for a row whose label was not read. */
interface Collected {
  /** `blank`: a row's label with no cell after it (a table published with labels only) */
  seq: { spec: RowSpec | null; split: SplitRow; fuzzy?: boolean; blank?: boolean }[];
}

/** Table 2's column names: as paragraphs of a flattened header they name no row. */
const T2_COLUMN_WORDS = new Set(['自然人', '法人或其他组织', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计', '申请人情况']);

type T3Group = 'review' | 'direct' | 'after-review';
interface T3Part {
  group: T3Group | null;
  split: SplitRow;
}

/** Which of table 3's three groups a heading names: 复议后起诉, 未经复议直接起诉, 行政复议. */
function t3GroupOf(key: string): T3Group | null {
  if (key.includes('复议后起诉')) return 'after-review';
  if (key.includes('直接起诉')) return 'direct';
  if (key.includes('行政复议') && !key.includes('行政诉讼')) return 'review';
  return null;
}

/**
 * A row followed by rows whose label cell was lost, run on into it (cells one a line: the empty
 * label cell is one empty cell between two rows' figures — seed 000's lost 6.属于四类过程性信息
 * row as a crawl keeps it): `n` figures, an empty cell, `n` figures, … split back into rows, the
 * later ones without a label. Only that exact shape (`k` rows of `n` and `k − 1` empty cells
 * between, each row with a figure); anything else is left as it is.
 */
function rowsRunOn(split: SplitRow, n: number): SplitRow[] {
  const v = split.values;
  const k = (v.length + 1) / (n + 1);
  if (n < 3 || !Number.isInteger(k) || k < 2) return [split];
  const rows: GridCell[][] = [];
  for (let r = 0; r < k; r++) {
    if (r > 0 && v[r * (n + 1) - 1]?.text !== '') return [split];
    const part = v.slice(r * (n + 1), r * (n + 1) + n);
    if (!part.some((c) => c.text !== '')) return [split];
    rows.push(part);
  }
  const [first = [], ...rest] = rows;
  return [{ ...split, values: first, cells: [...split.labelCells, ...first] }, ...rest.map((values) => ({ labels: [], labelCells: [], values, cells: values }))];
}

/** The rows (joined with ` | `) that come before paragraph `para`: a page's byline read as cells. */
function rowsBefore(entries: readonly Entry[], para: number): string[] {
  const out: string[] = [];
  let seen = 0;
  for (const e of entries) {
    if (e.kind === 'para' && ++seen > para) break;
    if (e.kind === 'row' && out.length < 20) out.push(e.split.cells.map((c) => c.text).join(' | '));
  }
  return out;
}

/** Value cells without the empty ones at the ends. */
function trimmedLength(values: GridCell[]): number {
  let a = 0;
  let b = values.length;
  while (a < b && values[a]?.text === '') a++;
  while (b > a && values[b - 1]?.text === '') b--;
  return b - a;
}

/**
 * Extracted document → Report. Never throws on odd input: what does not fit the template is
 * recorded in `structure` for the checks to report.
 */
export function recognise(doc: ExtractedDoc): Report {
  const entries = flatten(unrun(doc));
  const paraEntries = entries.filter((e): e is Extract<Entry, { kind: 'para' }> => e.kind === 'para');
  const paras = paraEntries.map((e) => e.text);
  const sections = findSections(paras);
  const firstSection = sections.reduce<number | null>((m, s) => (s.index !== null && (m === null || s.index < m) ? s.index : m), null);
  const meta = findMeta(paras, doc.title, { firstSection, pageDate: doc.pageDate, headRows: rowsBefore(entries, firstSection ?? 40) });
  const structure: StructureIssue[] = [];

  const versions = detectVersions(entries);
  const template: TemplateVersion | null = versions.report;
  if (versions.mixed) {
    structure.push(issue('template-mixed', null, null, versions.evidence.join('；')));
  }

  // Which entry index each section heading sits at, so context switches on headings.
  const headingAt = new Map<number, string>();
  for (const s of sections) {
    if (s.index === null) continue;
    const e = paraEntries[s.index];
    if (e) headingAt.set(entries.indexOf(e), s.key);
  }

  const specs = { t1: TEMPLATES[versions.t1].tables.t1, t2: TEMPLATES[versions.t2].tables.t2 };
  const collected: Record<'t1' | 't2', Collected> = { t1: { seq: [] }, t2: { seq: [] } };
  const t3rows: SplitRow[] = [];
  const t3parts: T3Part[] = [];
  let t3group: T3Group | null = null;
  let ctx: TableId | null = null;
  let group: string | null = null;
  // Tables whose headers or rows the text reached, rows read or not.
  const reached = new Set<TableId>();
  // Table 3's first header row, and the paragraph of 五/六 that follows it: a table 3 published
  // with headers and no figures is a blank table 3, not a missing one.
  let t3Header: SplitRow | null = null;
  let t3After: number | null = null;
  /** A label with no cells after it: a blank row, when the template names it outright. */
  const blankLabel = (t: 't1' | 't2', split: SplitRow, fromPara: boolean, at: number): void => {
    const key = split.labels[split.labels.length - 1] ?? '';
    const heading = t === 't2' ? specs.t2.rows.find((r) => r.heading && rowMatches(r, key)) : undefined;
    if (heading) {
      group = heading.key;
      return;
    }
    // Column headers (自然人 | 法人或其他组织 | 总计, or each a paragraph) name no row; a numbered
    // label (（七）总计) does.
    const numbered = stripNumbering(split.labelCells[split.labelCells.length - 1]?.text ?? '').ordinal !== null;
    if (!numbered && split.labels.some((l) => T2_COLUMN_WORDS.has(l) || l === '信息内容') && (fromPara || split.labels.length > 1)) return;
    const m = matchRow(specs[t], split, t === 't2' ? group : null);
    if (!m || m.fuzzy) return;
    if (t === 't2') group = m.group;
    collected[t].seq.push({ spec: m.spec, split, blank: true });
    last = { table: t, spec: m.spec, at };
  };
  // Where the text's last table row went: a cut-off text is read as far as it goes.
  let last: { table: TableId; spec: RowSpec | null; at: number } | null = null;
  // Paragraphs under table 1's heading: cells a conversion lifted out of the table (lifted.ts).
  const looseT1: Loose[] = [];

  entries.forEach((entry, i) => {
    if (entry.kind === 'para') {
      const key = headingAt.get(i);
      if (key === 'proactive') ctx = 't1';
      else if (key === 'applications') ctx = 't2';
      else if (key === 'review') ctx = 't3';
      else if (key === 'problems' || key === 'other') ctx = null;
      if (ctx === 't3') t3group = t3GroupOf(labelKey(entry.text)) ?? t3group;
      // A table flattened one cell per line with no figure at all leaves its labels as short
      // paragraphs: each names a blank row (FORMAT.md: tables with every label but no numbers).
      if (ctx === 't1' && key === undefined) looseT1.push({ text: entry.text, src: entry.src, entry: i, cell: 0, lastInEntry: true, source: null, item: null });
      if ((ctx === 't1' || ctx === 't2') && key === undefined && entry.src && entry.text.length <= 40) {
        const cell: GridCell = { raw: entry.text, text: entry.text, src: entry.src, origin: true };
        blankLabel(ctx, splitRow([cell]), true, i);
      }
      if (ctx === 't3' && !t3Header && entry.src && /行政复议|结果维持|尚未审结/.test(entry.text) && entry.text.length <= 40) {
        t3Header = splitRow([{ raw: entry.text, text: entry.text, src: entry.src, origin: true }]);
      }
      if (ctx === 't3' && t3After === null && /^[五六][、.]/.test(entry.text.trim()) && t3Header) t3After = i;
      return;
    }
    if (entry.kind !== 'row') return;
    const split = entry.split;
    const joined = split.labels.join('|');
    if (/第二十条/.test(joined) || VERSION_SIGNS['2021'].slice(0, 5).some((s) => joined.includes(s))) ctx = 't1';
    if (/申请人情况|勾稽关系/.test(joined)) ctx = 't2';
    if (joined.includes('行政复议') && (joined.includes('行政诉讼') || ctx !== 't1')) ctx = 't3';
    if (ctx) reached.add(ctx);
    if (ctx === 't3' && split.values.every((c) => c.text === '')) t3group = t3GroupOf(joined) ?? t3group;
    if (ctx === 't3' && !t3Header) t3Header = split;
    if (split.values.length === 0) {
      if (ctx === 't1' || ctx === 't2') blankLabel(ctx, split, false, i);
      return;
    }
    const nonEmpty = split.values.filter((c) => c.text !== '').length;

    const order: ('t1' | 't2')[] = ctx === 't2' ? ['t2', 't1'] : ['t1', 't2'];
    for (const t of order) {
      const m = matchRow(specs[t], split, t === 't2' ? group : null, ctx === t);
      if (!m) continue;
      // Header rows carry labels such as 总计 and a trailing empty cell: a row without a single
      // number counts only when it has a cell for every column (a blank data row).
      if (nonEmpty === 0 && split.values.length < columnsOf(specs[t], m.spec).length) continue;
      // …and a header row of column names (自然人 | 法人或其他组织 | 总计) is no blank 总计 row.
      if (nonEmpty === 0 && m.spec.exact && split.labels.length > 1) continue;
      // Under table 3's headers, only a full label takes a row back to tables 1 and 2.
      if (ctx === 't3' && (m.spec.exact || m.fuzzy)) continue;
      if (t === 't2') group = m.group;
      const [own = split, ...lost] = rowsRunOn(split, columnsOf(specs[t], m.spec).length);
      collected[t].seq.push({ spec: m.spec, split: own, fuzzy: m.fuzzy });
      // rows whose label was lost, run on into this one: placed by position, later
      for (const r of lost) collected[t].seq.push({ spec: null, split: r });
      last = { table: t, spec: m.spec, at: i };
      ctx = t;
      return;
    }
    // (cells one a line: table 3's last header, 总计, heads the row of its figures)
    const wide = split.values.length >= 13 && (split.labels.length === 0 || (ctx === 't3' && split.labels.length === 1 && /总计$/.test(split.labels[0] ?? '')));
    if (ctx === 't3' || (ctx === null && nonEmpty >= 10 && split.labels.length === 0)) {
      // Table 3's row of 15 — blank cells and all (a blank template is still table 3) — or, where
      // a conversion split table 3 in three (行政复议 / 未经复议直接起诉 / 复议后起诉), rows of 5.
      if (nonEmpty >= 10 || (ctx === 't3' && wide)) t3rows.push(split);
      else if (ctx === 't3' && trimmedLength(split.values) === 5) t3parts.push({ group: t3GroupOf(joined) ?? t3group, split });
      else return;
      last = { table: 't3', spec: null, at: i };
      return;
    }
    if (nonEmpty === 0) return;
    if (ctx === 't1' || ctx === 't2') {
      // A row with numbers whose label is lost or unreadable (seed 000; a PDF's garbled text
      // layer): placed by its position among the rows around it, later.
      const item = { spec: null, split };
      collected[ctx].seq.push(item);
      if (ctx === 't1') {
        const cells = split.cells.filter((c) => c.text !== '');
        cells.forEach((c, k) => looseT1.push({ text: c.text, src: c.src, entry: i, cell: k, lastInEntry: k === cells.length - 1, source: c, item }));
      }
      last = { table: ctx, spec: null, at: i };
    }
  });

  const images = imagesInTables(entries, headingAt);
  const blank = { t1: new Set<string>(), t2: new Set<string>() };
  structure.push(...restoreLifted(specs.t1, collected.t1.seq, looseT1));
  const t1 = buildTable(specs.t1, collected.t1, structure, images.length > 0, blank.t1);
  const t2 = buildTable(specs.t2, collected.t2, structure, images.length > 0, blank.t2);
  const blankT3 = t3After !== null ? t3Header : null;
  const t3 = buildT3(TEMPLATES[versions.t2].tables.t3, t3rows, t3parts, blankT3, structure, images.length > 0);
  // a report for a year before the template follows another outline: where it ends is not the template's to tell
  const cut = beforeTemplate({ year: meta.year, tables: { t1, t2, t3 } }) ? null : cutOff(sections, headingAt, { t1, t2, t3 }, reached, entries, last, specs, structure, blank);

  return {
    template,
    ...(versions.mixed ? { tableTemplates: { t1: versions.t1, t2: versions.t2 } } : {}),
    templateEvidence: versions.evidence,
    statements: readStatements(prose(paraEntries, sections)),
    title: meta.title,
    body: meta.body,
    level: bodyLevel(meta.body),
    year: meta.year,
    periodYear: meta.periodYear,
    published: meta.published,
    ...(meta.publishedFrom ? { publishedFrom: meta.publishedFrom } : {}),
    sections: sections.map((s: SectionHit) => ({ key: s.key, number: s.number, heading: s.heading, index: s.index, chars: sectionChars(s, sections, paras) })),
    tables: { t1, t2, t3 },
    images: images,
    proseChars: paras.reduce((n, p) => n + p.length, 0),
    structure,
    ...(cut ? { cut } : {}),
  };
}

/** Characters of prose under a section heading, up to the next heading found. */
function sectionChars(s: SectionHit, all: SectionHit[], paras: string[]): number {
  if (s.index === null) return 0;
  const start = s.index;
  const next = all.map((x) => x.index).filter((i): i is number => i !== null && i > start);
  const end = next.length > 0 ? Math.min(...next) : paras.length;
  return paras.slice(start + 1, end).reduce((n, p) => n + p.length, 0);
}

/** Paragraphs with the section each sits in, for the prose reader. */
function prose(paras: Extract<Entry, { kind: 'para' }>[], sections: SectionHit[]): ProsePara[] {
  const starts = sections.filter((s) => s.index !== null).map((s) => ({ key: s.key, index: s.index ?? 0 }));
  return paras.map((p, i) => {
    let section: string | null = null;
    for (const s of starts) if (s.index <= i) section = s.key;
    return { text: p.text, src: p.src, section };
  });
}

function flatten(doc: ExtractedDoc): Entry[] {
  const out: Entry[] = [];
  let para = 0;
  for (const item of doc.items) {
    if (item.kind === 'para') out.push({ kind: 'para', text: item.text, para: para++, src: item.src });
    else if (item.kind === 'image') out.push({ kind: 'image', name: item.name });
    else {
      for (const row of item.grid.rows) {
        const split = splitRow(row);
        // A full-width row holding one label (a section heading kept inside the table, as when
        // all three tables share one <table>) also reads as a paragraph.
        const only = split.labelCells[0];
        if (split.labelCells.length === 1 && split.values.length === 0 && only) {
          out.push({ kind: 'para', text: only.text, para: para++, src: only.src });
        }
        out.push({ kind: 'row', split });
      }
    }
  }
  return out;
}

function issue(
  code: StructureIssue['code'],
  table: TableId | null,
  row: string | null,
  detail: string | null,
  src: SourceRef | null = null,
): StructureIssue {
  return { code, table, row, detail, src };
}

function valuesText(split: SplitRow, n: number): string {
  return fitValues(split.values, n)
    .fitted.map((c) => c.text || '（空）')
    .join(' | ');
}

function rowText(split: SplitRow): string {
  return split.cells
    .map((c) => c.text)
    .filter((t) => t !== '')
    .join(' | ')
    .slice(0, 200);
}

/** Pictures between the 二 heading and the 五 heading (or anywhere, when no headings were found). */
function imagesInTables(entries: Entry[], headingAt: Map<number, string>): string[] {
  let from = 0;
  let to = entries.length;
  for (const [i, key] of headingAt) {
    if (key === 'proactive') from = i;
    if (key === 'problems') to = i;
  }
  const out: string[] = [];
  for (let i = from; i < to; i++) {
    const e = entries[i];
    if (e?.kind === 'image') out.push(e.name);
  }
  return out;
}

interface Versions {
  report: TemplateVersion | null;
  t1: TemplateVersion;
  t2: TemplateVersion;
  mixed: boolean;
  evidence: string[];
}

/**
 * The template version from the tables' own words: table 1's column headers and whether
 * （六）其他处理 has sub-rows. Table 1 and table 2 are read by their own signs, so a page that mixes
 * the two layouts is still parsed row by row (and reported).
 */
function detectVersions(entries: Entry[]): Versions {
  const hits: Record<'t1' | 't2', Record<TemplateVersion, string[]>> = {
    t1: { '2021': [], '2019': [] },
    t2: { '2021': [], '2019': [] },
  };
  const t2words = ['逾期不补正', '缴纳费用'];
  for (const e of entries) {
    // Header cells flattened to short paragraphs (one cell per line) still show the version.
    const labels = e.kind === 'row' ? e.split.labels : e.kind === 'para' && e.text.length <= 30 ? [labelKey(e.text)] : [];
    for (const label of labels) {
      for (const v of ['2021', '2019'] as const) {
        for (const sign of VERSION_SIGNS[v]) {
          if (!label.includes(sign)) continue;
          const t = t2words.includes(sign) ? 't2' : 't1';
          if (!hits[t][v].includes(sign)) hits[t][v].push(sign);
        }
      }
    }
    if (e.kind !== 'row') continue;
    const last = e.split.labels[e.split.labels.length - 1];
    if (last === '其他处理' && e.split.values.some((c) => c.text !== '')) {
      if (!hits.t2['2019'].includes('其他处理')) hits.t2['2019'].push('其他处理');
    }
  }
  const pick = (h: Record<TemplateVersion, string[]>): TemplateVersion | null =>
    h['2021'].length === 0 && h['2019'].length === 0 ? null : h['2019'].length > h['2021'].length ? '2019' : '2021';
  const v1 = pick(hits.t1);
  const v2 = pick(hits.t2);
  const report = v1 ?? v2;
  const evidence = [
    ...hits.t1['2021'].map((s) => `2021:${s}`),
    ...hits.t1['2019'].map((s) => `2019:${s}`),
    ...hits.t2['2021'].map((s) => `2021:${s}`),
    ...hits.t2['2019'].map((s) => `2019:${s}`),
  ];
  return { report, t1: v1 ?? v2 ?? '2021', t2: v2 ?? v1 ?? '2021', mixed: v1 !== null && v2 !== null && v1 !== v2, evidence };
}

function cellsFor(
  table: TableSpec,
  spec: RowSpec,
  split: SplitRow | null,
  structure: StructureIssue[],
  extras: ReportTable['extras'],
): ReportRow['cells'] {
  const cols = columnsOf(table, spec);
  const run = split?.values.find((c) => c.unsplit !== undefined)?.unsplit;
  if (split && run !== undefined) {
    // Figures run together that split more than one way: not read, and said so (never guessed).
    structure.push(issue('cells-run-together', table.id, spec.key, run, split.cells[0]?.src ?? null));
    return blankCells(cols, null, run);
  }
  const { fitted, extra, short } = split ? fitValues(split.values, cols.length) : { fitted: [], extra: [], short: 0 };
  if (split && extra.length > 0) {
    for (const c of extra) extras.push({ row: spec.key, raw: c.raw, src: c.src });
    structure.push(
      issue('cells-extra', table.id, spec.key, `${split.values.length}/${cols.length}: ${extra.map((c) => c.raw.trim() || '（空）').join(' ')}`, extra[0]?.src ?? null),
    );
  }
  if (split && short > 0) {
    structure.push(issue('cells-short', table.id, spec.key, `${fitted.length}/${cols.length}`, split.cells[0]?.src ?? null));
  }
  return cols.map((col, k) => readCell(col, fitted[k]));
}

/** One cell of the report read by its column (an amount's unit, a sign where the column allows one); missing when the page has none. */
function readCell(col: ColumnSpec, cell: GridCell | undefined): ReportRow['cells'][number] {
  return cell
    ? { col: col.key, value: parseCellValue(cell.raw, { decimal: col.kind === 'amount', signed: col.kind === 'signed', unit: col.unit }), src: cell.src }
    : { col: col.key, value: { kind: 'missing' as const, raw: '' }, src: null };
}

/** Cells holding no figure, each pointed at `src` (a blank row's label, table 3's headers; null: never reached). */
function blankCells(cols: ColumnSpec[], src: SourceRef | null, raw = ''): ReportRow['cells'] {
  return cols.map((col) => ({ col: col.key, value: { kind: 'missing' as const, raw }, src }));
}

function labelOf(split: SplitRow): string | null {
  const c = split.labelCells[split.labelCells.length - 1];
  return c ? c.text : null;
}

function buildTable(table: TableSpec, got: Collected, structure: StructureIssue[], hasImages: boolean, blankKeys: Set<string> = new Set()): ReportTable {
  const numeric = numericRows(table);
  const extras: ReportTable['extras'] = [];
  if (got.seq.length === 0) {
    structure.push(issue(hasImages ? 'table-image' : 'table-missing', table.id, null, null));
    return { id: table.id, status: hasImages ? 'image' : 'missing', rows: [], extras };
  }

  // A row named only by likeness must sit where its template row sits: after the rows named
  // outright above it and before those below it. Otherwise it is placed by position.
  const indexOf = (spec: RowSpec): number => numeric.findIndex((r) => r.key === spec.key);
  got.seq.forEach((item, k) => {
    if (!item.fuzzy || !item.spec) return;
    const lo = got.seq.slice(0, k).reverse().find((x) => x.spec && !x.fuzzy)?.spec;
    const hi = got.seq.slice(k + 1).find((x) => x.spec && !x.fuzzy)?.spec;
    const at = indexOf(item.spec);
    if ((lo && indexOf(lo) >= at) || (hi && indexOf(hi) <= at)) item.spec = null;
  });

  // Labels on their own followed by as many rows of figures with none (rows broken in two, a
  // PDF's labels set out before their figures): paired in order. Runs of unequal length are left
  // to the placement by position, where blank labels bound no gap.
  for (let k = 0; k < got.seq.length; k++) {
    let b = k;
    while (got.seq[b]?.blank && got.seq[b]?.spec) b++;
    let o = b;
    while (o < got.seq.length && !got.seq[o]?.spec && !got.seq[o]?.blank) o++;
    const labels = b - k;
    if (labels > 0 && o - b === labels) {
      for (let j = 0; j < labels; j++) {
        const orphan = got.seq[b + j];
        if (orphan) orphan.spec = got.seq[k + j]?.spec ?? null;
      }
      got.seq.splice(k, labels);
    }
    if (labels > 0) k = Math.max(k, b - 1);
  }
  // A label that caught one stray figure (a page number, a leftover of a vertical label) and is
  // followed by a full row of figures with none: the full row is its row.
  for (let k = 0; k + 1 < got.seq.length; k++) {
    const a = got.seq[k];
    const b = got.seq[k + 1];
    if (!a?.spec || a.blank || !b || b.spec || b.blank) continue;
    const n = columnsOf(table, a.spec).length;
    const filled = (s: SplitRow): number => s.values.filter((c) => c.text !== '').length;
    if (n >= 7 && filled(a.split) <= 1 && filled(b.split) === n) {
      b.spec = a.spec;
      got.seq.splice(k, 1);
    }
  }

  const byKey = new Map<string, Placed>();
  // Rows with figures first; a blank label names a row no figures were found for.
  const blanks = got.seq.filter((item) => item.blank);
  for (const item of got.seq) {
    if (!item.spec || item.blank) continue;
    if (byKey.has(item.spec.key)) {
      structure.push(issue('row-duplicate', table.id, item.spec.key, rowText(item.split), item.split.cells[0]?.src ?? null));
      item.spec = null;
      continue;
    }
    byKey.set(item.spec.key, { spec: item.spec, split: item.split, placed: item.fuzzy ? 'position' : 'label' });
    if (item.fuzzy) {
      structure.push(issue('row-placed-by-position', table.id, item.spec.key, valuesText(item.split, columnsOf(table, item.spec).length), item.split.values[0]?.src ?? null));
    }
  }
  // Blank labels bound no gap: figures whose label went elsewhere (a PDF's loose label lines)
  // are placed first; a blank label then names a row no figures were found for.
  got.seq = got.seq.filter((item) => !item.blank);

  // A scrap with a figure or two and no label the template knows (a page number, a piece of a
  // vertical label) is no row of table 2: it is set aside, not placed.
  if (table.columns.length >= 7) {
    got.seq = got.seq.filter((item) => {
      if (item.spec || item.split.values.filter((c) => c.text !== '').length > 1 || item.split.labels.length === 0) return true;
      structure.push(issue('row-unrecognised', table.id, null, rowText(item.split), item.split.cells[0]?.src ?? null));
      return false;
    });
  }

  // Rows whose label was lost: placed by position when the gap between the recognised rows
  // around them has exactly as many unfilled template rows as there are such rows.
  let i = 0;
  while (i < got.seq.length) {
    if (got.seq[i]?.spec) {
      i++;
      continue;
    }
    let j = i;
    while (j < got.seq.length && !got.seq[j]?.spec) j++;
    const before = i > 0 ? got.seq[i - 1]?.spec : undefined;
    const after = j < got.seq.length ? got.seq[j]?.spec : undefined;
    const lo = before ? indexOf(before) : -1;
    const hi = after ? indexOf(after) : numeric.length;
    const gap = numeric.slice(lo + 1, Math.max(lo + 1, hi)).filter((r) => !byKey.has(r.key));
    const run = got.seq.slice(i, j);
    if (gap.length === run.length) {
      run.forEach((item, k) => {
        const spec = gap[k];
        if (!spec) return;
        byKey.set(spec.key, { spec, split: item.split, placed: 'position' });
        structure.push(issue('row-placed-by-position', table.id, spec.key, valuesText(item.split, columnsOf(table, spec).length), item.split.values[0]?.src ?? null));
      });
    } else {
      for (const item of run) {
        structure.push(issue('row-unrecognised', table.id, null, rowText(item.split), item.split.cells[0]?.src ?? null));
      }
    }
    i = j;
  }

  for (const item of blanks) {
    if (item.spec && !byKey.has(item.spec.key)) byKey.set(item.spec.key, { spec: item.spec, split: item.split, placed: 'label', blank: true });
  }

  const rows: ReportRow[] = numeric.map((spec) => {
    const hit = byKey.get(spec.key);
    if (!hit) {
      structure.push(issue('row-missing', table.id, spec.key, null));
      return { key: spec.key, label: null, placed: 'absent', cells: cellsFor(table, spec, null, structure, extras) };
    }
    if (hit.blank) {
      blankKeys.add(spec.key);
      // Published with its label and no cell: every cell blank, pointed at by the label.
      const src = hit.split.labelCells[hit.split.labelCells.length - 1]?.src ?? null;
      return { key: spec.key, label: labelOf(hit.split), placed: 'label', cells: blankCells(columnsOf(table, spec), src) };
    }
    return {
      key: spec.key,
      label: hit.placed === 'label' ? labelOf(hit.split) : null,
      placed: hit.placed,
      cells: cellsFor(table, spec, hit.split, structure, extras),
    };
  });
  return { id: table.id, status: 'parsed', rows, extras };
}

function buildT3(
  table: TableSpec,
  rows: SplitRow[],
  parts: T3Part[],
  blank: SplitRow | null,
  structure: StructureIssue[],
  hasImages: boolean,
): ReportTable {
  const extras: ReportTable['extras'] = [];
  const spec = table.rows[0];
  const first = rows[0];
  if (spec && !first && parts.length > 0) return t3FromParts(table, spec, parts, structure);
  const src = blank?.cells[0]?.src;
  if (spec && !first && src) {
    // Headers and no figures, then the report goes on: every one of the 15 cells is blank.
    return { id: 't3', status: 'parsed', rows: [{ key: spec.key, label: null, placed: 'label', cells: blankCells(table.columns, src) }], extras };
  }
  if (!spec || !first) {
    structure.push(issue(hasImages ? 'table-image' : 'table-missing', 't3', null, null));
    return { id: 't3', status: hasImages ? 'image' : 'missing', rows: [], extras };
  }
  for (const extra of rows.slice(1)) {
    structure.push(issue('row-unrecognised', 't3', null, rowText(extra), extra.cells[0]?.src ?? null));
  }
  return {
    id: 't3',
    status: 'parsed',
    rows: [{ key: spec.key, label: labelOf(first), placed: 'label', cells: cellsFor(table, spec, first, structure, extras) }],
    extras,
  };
}

/**
 * Table 3 published as three small tables of five (行政复议 / 未经复议直接起诉 / 复议后起诉, as
 * conversions of PDFs make it): each part goes to the group its heading names, parts without a
 * heading fill the groups left, in page order.
 */
function t3FromParts(table: TableSpec, spec: RowSpec, parts: T3Part[], structure: StructureIssue[]): ReportTable {
  const groups: T3Group[] = ['review', 'direct', 'after-review'];
  const byGroup = new Map<T3Group, T3Part>();
  for (const p of parts) if (p.group && !byGroup.has(p.group)) byGroup.set(p.group, p);
  const rest = parts.filter((p) => !p.group || byGroup.get(p.group) !== p);
  for (const g of groups) {
    if (byGroup.has(g)) continue;
    const next = rest.shift();
    if (next) byGroup.set(g, next);
  }
  for (const p of rest) structure.push(issue('row-unrecognised', 't3', null, rowText(p.split), p.split.cells[0]?.src ?? null));
  const slots: (GridCell | undefined)[] = [];
  for (const g of groups) {
    const part = byGroup.get(g);
    const fitted = part ? fitValues(part.split.values, 5).fitted : [];
    for (let k = 0; k < 5; k++) slots.push(fitted[k]);
  }
  const read = groups.filter((g) => byGroup.has(g)).length;
  if (read < 3) structure.push(issue('cells-short', 't3', spec.key, `${read * 5}/15`, parts[0]?.split.cells[0]?.src ?? null));
  const cells = table.columns.map((col, k) => readCell(col, slots[k]));
  const first = byGroup.get('review') ?? parts[0];
  return { id: 't3', status: 'parsed', rows: [{ key: spec.key, label: first ? labelOf(first.split) : null, placed: 'label', cells }], extras: [] };
}

/**
 * The text stops inside a sentence: its last paragraph is prose that ends without a full stop
 * (`仍存在一些亟需解决的问`) — a store's excerpt, not the end of a report, which closes with a
 * sentence, a heading, a date or the body's name.
 */
function endsMidSentence(entries: Entry[]): boolean {
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i];
    if (!e || e.kind !== 'para') return false;
    const t = e.text.trim();
    if (t === '') continue;
    return t.length >= 20 && /[\u4e00-\u9fff，、,]$/.test(t) && !/(年|月|日|政府|局|办|委|处|镇|乡|街道|中心)$/.test(t);
  }
  return false;
}

/** The section whose heading the text's last paragraph begins: `三、收到和处理政府信息公` → applications. */
function endsInHeading(entries: Entry[]): string | null {
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i];
    if (!e || e.kind !== 'para') return null;
    if (e.text.trim() === '') continue;
    const { ordinal, rest } = stripNumbering(e.text);
    const key = labelKey(rest);
    if (ordinal === null || key.length < 2) return null;
    const spec = SECTIONS.find((s) => s.number === ordinal && s.match.some((m) => m.startsWith(key)));
    return spec ? spec.key : null;
  }
  return null;
}

type Outline = { kind: 'section'; key: string } | { kind: 'table'; id: TableId };

/** The report's parts in the template's order: sections, each table under its section. */
const OUTLINE: Outline[] = [
  { kind: 'section', key: 'overview' },
  { kind: 'section', key: 'proactive' },
  { kind: 'table', id: 't1' },
  { kind: 'section', key: 'applications' },
  { kind: 'table', id: 't2' },
  { kind: 'section', key: 'review' },
  { kind: 'table', id: 't3' },
  { kind: 'section', key: 'problems' },
  { kind: 'section', key: 'other' },
];

/**
 * A text that stops before the report does — a stored excerpt cut after a few KB, a page cut
 * off — is read as far as it goes. It is taken for cut when every part after the last one found
 * is missing and either a table is among them or the text ends inside a table; a report that only
 * lacks its closing sections (五, 六) is not cut, and those stay missing. What the text never
 * reached is said once (a `truncated` warning), not as one error per part.
 */
function cutOff(
  sections: SectionHit[],
  /** the entry index of each section heading found */
  headingAt: Map<number, string>,
  tables: Record<TableId, ReportTable>,
  reached: Set<TableId>,
  entries: Entry[],
  last: { table: TableId; spec: RowSpec | null; at: number } | null,
  specs: { t1: TableSpec; t2: TableSpec },
  structure: StructureIssue[],
  blank: { t1: Set<string>; t2: Set<string> },
): Report['cut'] | null {
  const present = (o: Outline): boolean =>
    o.kind === 'section' ? (sections.find((s) => s.key === o.key)?.heading ?? null) !== null : tables[o.id].status !== 'missing' || reached.has(o.id);
  const found = OUTLINE.map(present);
  const firstFound = found.indexOf(true);
  const lastFound = found.lastIndexOf(true);
  const read = (t: TableId): string[] => tables[t].rows.filter((r) => r.placed !== 'absent').map((r) => r.key);
  // Drop the structure issues of rows a cut text never reached: `from`/`to` bound the rows read.
  const unreachedRows = (t: 't1' | 't2', keep: (index: number) => boolean, edge: string | null): void => {
    const rows = numericRows(specs[t]);
    for (let i = structure.length - 1; i >= 0; i--) {
      const s = structure[i];
      if (!s || s.table !== t || !s.row) continue;
      const at = rows.findIndex((r) => r.key === s.row);
      if ((s.code === 'row-missing' && !keep(at)) || ((s.code === 'cells-short' || s.code === 'cells-extra') && s.row === edge)) structure.splice(i, 1);
    }
  };
  const where = (o: Outline | undefined): string =>
    !o ? '标题' : o.kind === 'table' ? TABLE_WORD[o.id] : `“${sections.find((s) => s.key === o.key)?.heading ?? ''}”`;

  // A text that starts inside the report (a page of a PDF, an excerpt that begins in a table)
  // may end inside it too: one page of a flip-book ends where the page does.
  const opening = entries.find((e) => e.kind === 'row' || (e.kind === 'para' && e.text.trim() !== ''));
  const startsInside = firstFound > 0 && (opening?.kind === 'row' || (opening?.kind === 'para' && PAGE_MARK.test(opening.text.trim())));

  // The end: everything after the last part found.
  let tail: Outline[] = [];
  let cutTable: TableId | null = null;
  let lastRow: string | null = null;
  // A table whose headers the text reached but none of whose rows it read is where the text ends.
  const reachedOnly = OUTLINE[lastFound]?.kind === 'table' && tables[(OUTLINE[lastFound] as { id: TableId }).id].status === 'missing';
  const after = OUTLINE.slice(reachedOnly ? lastFound : lastFound + 1);
  if (after.length > 0) {
    // The text ends inside the table its last row went to when no section heading follows that row.
    const lastHeading = Math.max(-1, ...headingAt.keys());
    const endsInTable = last !== null && last.at > lastHeading;
    // The text may stop inside the next section's heading (`三、收到和处理政府信息公`): that
    // section was reached, and what lies between it and the last part found is missing.
    const partial = endsInHeading(entries);
    if (endsInTable || after.some((o) => o.kind === 'table') || endsMidSentence(entries) || partial !== null || startsInside) {
      const at = partial ? after.findIndex((o) => o.kind === 'section' && o.key === partial) : -1;
      tail = at > 0 && after.slice(0, at).every((o) => o.kind === 'table') ? after.slice(at) : after;
      cutTable = endsInTable && last ? last.table : null;
      if (cutTable === 't1' || cutTable === 't2') {
        const rows = numericRows(specs[cutTable]);
        // Labels left after the last row with figures lost their figures to the cut: unreached,
        // not blank — unless the table has no figure anywhere (a table published with labels only).
        const blanks = blank[cutTable];
        // The label the text stops on may have had its figures after the cut.
        const finalEntry = entries.length - 1 - [...entries].reverse().findIndex((e) => e.kind === 'row' || (e.kind === 'para' && e.text.trim() !== ''));
        if (last && last.at === finalEntry && last.spec && blanks.has(last.spec.key)) {
          const row = tables[cutTable].rows.find((r) => r.key === last.spec?.key);
          if (row) unreach(row);
          blanks.delete(last.spec.key);
        }
        const withFigures = read(cutTable).filter((k) => !blanks.has(k));
        if (withFigures.length > 0) {
          const end = rows.findIndex((r) => r.key === withFigures[withFigures.length - 1]);
          for (const row of tables[cutTable].rows) {
            if (blanks.has(row.key) && rows.findIndex((r) => r.key === row.key) >= end) unreach(row);
          }
        }
        const keys = read(cutTable);
        lastRow = keys[keys.length - 1] ?? null;
        const end = lastRow ? rows.findIndex((r) => r.key === lastRow) : -1;
        unreachedRows(cutTable, (i) => i <= end, lastRow);
      }
      const rowWord = cutTable && lastRow && cutTable !== 't3' ? numericRows(specs[cutTable]).find((r) => r.key === lastRow)?.name.zh : null;
      structure.push(issue('truncated', cutTable, null, rowWord ? `${TABLE_WORD[cutTable ?? 't1']}「${rowWord}」行` : where(OUTLINE[lastFound])));
    }
  }

  // The start: a page of a PDF, an excerpt that begins inside a table.
  let head: Outline[] = [];
  {
    if (startsInside) {
      head = OUTLINE.slice(0, firstFound);
      const startTable = OUTLINE[firstFound];
      if (startTable?.kind === 'table' && startTable.id !== 't3') {
        const rows = numericRows(specs[startTable.id]);
        const firstRow = read(startTable.id)[0] ?? null;
        const start = firstRow ? rows.findIndex((r) => r.key === firstRow) : rows.length;
        unreachedRows(startTable.id, (i) => i >= start, null);
      }
      structure.push(issue('truncated-start', startTable?.kind === 'table' ? startTable.id : null, null, where(startTable)));
    }
  }
  if (tail.length === 0 && head.length === 0) return null;
  const unreached = [...head, ...tail];
  return {
    sections: unreached.flatMap((o) => (o.kind === 'section' ? [o.key] : [])),
    tables: unreached.flatMap((o) => (o.kind === 'table' ? [o.id] : [])),
    table: cutTable,
    lastRow,
  };
}

/** A row the text never reached: no label, no cell pointed at in the page. */
function unreach(row: ReportRow): void {
  row.placed = 'absent';
  row.label = null;
  row.cells = row.cells.map((c) => ({ ...c, src: null }));
}

/** A page's number printed at its top: `- 4 -`, `P. 8`, `Page 8 - …`, `第 3 页`. */
const PAGE_MARK = /^(?:[-—–\s]*\d{1,3}[-—–\s]*|P\.?\s*\d{1,3}|Page\s+\d{1,3}\b.*|第\s*\d{1,3}\s*页.*)$/i;

const TABLE_WORD: Record<TableId, string> = { t1: '表一', t2: '表二', t3: '表三' };

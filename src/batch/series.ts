import { withLastYear } from '../check/cross-year';
import { figuresOf, lastYearRivals, previousYear, recordOf, type YearRecord } from '../model/history';
import type { CheckResultJson } from '../model/result';
import { bodyKey } from '../model/body';

/**
 * A body's reports year after year (issue 19, item 2): every checked report grouped by its body
 * (`bodyKey`, which survives 威海市环翠区人民政府 / 环翠区政府 / 环翠区) and its year; the checks
 * against last year (carry-over, 现行有效, copied, year-on-year: check/cross-year.ts) run along
 * each body's whole series, on every consecutive pair present; and what only the series shows —
 * a year missing inside it, two reports for one year, a year whose three tables are the previous
 * year's over again — is said as a note. Pure: no network, no DOM, no clock unless given.
 *
 * Records kept from earlier checks (`earlier`: the extension's history of checked reports) stand
 * in for a year before that the run itself does not hold — the series' first year, or a year
 * after a gap — so this year's reports are checked against last year's even when only this
 * year's were given (an inspector's yearly round). A report of the run always wins over a kept
 * record; a gap stays a gap (the site still lacks that year), only the comparison is made.
 */

type Words = { zh: string; en: string };

/** One checked input; a failure (no `result`) is left out of every series. */
export interface SeriesInput {
  source: string;
  result?: CheckResultJson | undefined;
}

export type SeriesNoteKind = 'missing-year' | 'two-reports' | 'same-as-last-year' | 'carry-over' | 'in-force';

export interface SeriesNote {
  kind: SeriesNoteKind;
  severity: 'warning' | 'info';
  /** the year the note is about (for a pair: the later year) */
  year: number;
  /** the inputs it is about (their sources), in input order */
  sources: string[];
  message: Words;
}

/** How one report sits against the year before it. */
export type PairState =
  /** the first year of the series */
  | 'first'
  /** the year before is missing from the series */
  | 'gap'
  /** the year before is there, but its table 2 (or its body, year) could not be read */
  | 'unread'
  /** compared: nothing differs */
  | 'consistent'
  /** compared: carry-over or 现行有效 does not follow, or the tables are last year's */
  | 'inconsistent';

export interface SeriesReport {
  /** index into the inputs given */
  index: number;
  source: string;
  /** the body's name as this report gives it */
  name: string;
  pair: PairState;
  /** carry-over columns and 现行有效 rows that do not follow from last year */
  carryOver: number;
  inForce: number;
  /** all three tables the same as last year's (the copied-from-last-year finding) */
  sameAsLastYear: boolean;
  /**
   * compared with a record kept from an earlier check (the extension's history: `earlier`), not
   * with a report of this run: its source, or '' for a pasted text. Absent when the year before
   * was in the run, or not compared at all.
   */
  keptFrom?: string;
}

export interface SeriesYear {
  year: number;
  /** none for a year missing inside the series */
  reports: SeriesReport[];
}

export interface BodySeries {
  /** the body key the reports share */
  key: string;
  /** every name the reports give the body, oldest year first */
  names: string[];
  from: number;
  to: number;
  /** every year from `from` to `to`, a missing one with no reports */
  years: SeriesYear[];
  /** years inside the series without a report */
  missing: number[];
  notes: SeriesNote[];
}

export interface SeriesOutcome {
  /** the inputs' results with last year's comparison added (same order; undefined for a failure) */
  results: (CheckResultJson | undefined)[];
  /** one per body, by key */
  series: BodySeries[];
  /** indexes of reports without a recognised body or year: in no series */
  ungrouped: number[];
}

/** Years a series may span at most: a misread year (1923) must not make a series of a century of gaps. */
const MAX_SPAN = 30;

const join = (years: number[], sep: string): string => years.join(sep);

/** The series of the given checked inputs, and their results with last year's comparison. */
export function buildSeries(inputs: readonly SeriesInput[], opts: { now?: Date; earlier?: readonly YearRecord[] } = {}): SeriesOutcome {
  const earlier = opts.earlier ?? [];
  const now = opts.now ?? new Date(0);
  const results: (CheckResultJson | undefined)[] = inputs.map((i) => i.result);
  const records = new Map<number, YearRecord>();
  const ungrouped: number[] = [];
  const byKey = new Map<string, number[]>();
  inputs.forEach((input, index) => {
    const r = input.result;
    if (!r) return;
    const key = bodyKey(r.report.body);
    if (key === null || r.report.year === null) {
      ungrouped.push(index);
      return;
    }
    const rec = recordOf(r.report, input.source, now);
    if (rec) records.set(index, rec);
    const list = byKey.get(key) ?? [];
    list.push(index);
    byKey.set(key, list);
  });

  const series: BodySeries[] = [];
  for (const [key, indexes] of byKey) {
    const yearOf = (i: number): number => inputs[i]?.result?.report.year ?? 0;
    const years = [...new Set(indexes.map(yearOf))].sort((a, b) => a - b);
    const last = years[years.length - 1] ?? 0;
    // a series spans at most MAX_SPAN years back from its newest: an older year read wrong stays out of the gaps
    const from = years.find((y) => y > last - MAX_SPAN) ?? last;
    const notes: SeriesNote[] = [];
    const bodyRecords = indexes.flatMap((i) => {
      const rec = records.get(i);
      return rec ? [rec] : [];
    });
    const out: SeriesYear[] = [];
    const missing: number[] = [];
    for (let y = from; y <= last; y++) {
      const here = indexes.filter((i) => yearOf(i) === y);
      if (here.length === 0) {
        missing.push(y);
        out.push({ year: y, reports: [] });
        continue;
      }
      const reports: SeriesReport[] = here.map((index) => {
        const input = inputs[index] as SeriesInput;
        const result = input.result as CheckResultJson;
        const rec = records.get(index);
        const inRun = rec ? previousYear(bodyRecords, rec.bodyKey, rec.year, rec.origin) : null;
        // the run holds no report for the year before (first year, or after a gap): a kept record may stand in
        const kept = rec && !inRun && !years.includes(y - 1) ? previousYear(earlier, rec.bodyKey, rec.year, rec.origin) : null;
        const before = inRun ?? kept;
        const name = result.report.body ?? '';
        if (!before || !rec) {
          const pair: PairState = y === from ? 'first' : years.includes(y - 1) ? 'unread' : 'gap';
          return { index, source: input.source, name, pair, carryOver: 0, inForce: 0, sameAsLastYear: false };
        }
        const compared = withLastYear(result, before, rec.origin, lastYearRivals(kept ? earlier : bodyRecords, before));
        results[index] = compared;
        const count = (rule: string): number => compared.findings.filter((f) => f.rule === rule).length;
        const carryOver = count('carry-over');
        const inForce = count('in-force');
        const sameAsLastYear = count('copied-from-last-year') > 0;
        const pair: PairState = carryOver + inForce > 0 || sameAsLastYear ? 'inconsistent' : 'consistent';
        return { index, source: input.source, name, pair, carryOver, inForce, sameAsLastYear, ...(kept ? { keptFrom: kept.source ?? '' } : {}) };
      });
      out.push({ year: y, reports });
      if (here.length > 1) notes.push(twoReports(y, here.map((i) => inputs[i] as SeriesInput)));
      for (const r of reports) {
        const warn = (kind: SeriesNote['kind'], message: SeriesNote['message']): number => notes.push({ kind, severity: 'warning', year: y, sources: [r.source], message });
        // last year as a kept record: said so, with where it was read
        const prev = r.keptFrom === undefined ? { zh: `${y - 1}年度`, en: `${y - 1}` } : keptWords(y - 1, r.keptFrom);
        if (r.sameAsLastYear) {
          warn('same-as-last-year', { zh: `${y}年度报告的三张表与${prev.zh}完全相同，可能照抄了上年数据`, en: `the ${y} report's three tables are ${r.keptFrom === undefined ? `the ${y - 1} report's` : `those of ${prev.en}`}, figure for figure: probably copied` });
        }
        if (r.carryOver > 0) {
          warn('carry-over', { zh: `${y}年度「上年结转」有 ${r.carryOver} 列与${prev.zh}「结转下年度继续办理」不符`, en: `${y}: ${r.carryOver} column(s) of "carried over" differ from what ${prev.en} carried forward` });
        }
        if (r.inForce > 0) {
          warn('in-force', { zh: `${y}年度「现行有效件数」有 ${r.inForce} 项不等于${prev.zh}现行有效 + 制发 − 废止`, en: `${y}: ${r.inForce} "in force" figure(s) do not follow from ${prev.en}'s in force + issued − repealed` });
        }
      }
    }
    if (missing.length > 0) {
      notes.unshift({
        kind: 'missing-year',
        severity: 'warning',
        year: missing[0] ?? from,
        sources: [],
        message: {
          zh: `${from}–${last}年度之间缺少${join(missing, '、')}年度的报告`,
          en: `no report for ${join(missing, ', ')} between ${from} and ${last}`,
        },
      });
    }
    const names: string[] = [];
    for (const y of out) for (const r of y.reports) if (r.name !== '' && !names.includes(r.name)) names.push(r.name);
    series.push({ key, names, from, to: last, years: out, missing, notes });
  }
  series.sort((a, b) => a.key.localeCompare(b.key, 'zh'));
  return { results, series, ungrouped };
}

/** Last year as a kept record names itself: 已存的2023年度记录（来源）. */
function keptWords(year: number, source: string): Words {
  return source === ''
    ? { zh: `已存的${year}年度记录`, en: `the kept ${year} record` }
    : { zh: `已存的${year}年度记录（${source}）`, en: `the kept ${year} record (${source})` };
}

/** Two or more reports for one year: the same figures (a page and its attachment, a mirror) or not. */
function twoReports(year: number, inputs: SeriesInput[]): SeriesNote {
  const figures = inputs.map((i) => (i.result ? JSON.stringify(figuresOf(i.result.report)) : ''));
  const same = figures.every((f) => f === figures[0]);
  const n = inputs.length;
  return {
    kind: 'two-reports',
    severity: same ? 'info' : 'warning',
    year,
    sources: inputs.map((i) => i.source),
    message: same
      ? { zh: `${year}年度有 ${n} 份报告，三张表数字相同（可能是同一份报告的网页与附件或转载）`, en: `${n} reports for ${year} with the same figures (perhaps one report as a page and an attachment, or a copy)` }
      : { zh: `${year}年度有 ${n} 份报告，三张表数字不同，须确认哪一份是正式发布的`, en: `${n} reports for ${year} with different figures: which one was published?` },
  };
}

/** Every note of every series, each with its body: what the CLI prints and the batch page lists. */
export function seriesNotes(series: readonly BodySeries[]): { key: string; names: string[]; note: SeriesNote }[] {
  return series.flatMap((s) => s.notes.map((note) => ({ key: s.key, names: s.names, note })));
}

/**
 * The series as lines of text for the terminal: one line per body with more than one year or with
 * a note, its notes indented under it. Empty when no body has more than one report.
 */
export function seriesText(series: readonly BodySeries[], lang: 'zh' | 'en'): string {
  const shown = series.filter((s) => s.years.length > 1 || s.notes.length > 0);
  if (shown.length === 0) return '';
  const lines: string[] = [lang === 'zh' ? `系列核对（${shown.length} 个机关）：` : `Series (${shown.length} bodies):`];
  for (const s of shown) {
    const count = s.years.reduce((n, y) => n + y.reports.length, 0);
    const names = s.names.length > 1 ? (lang === 'zh' ? `（名称：${s.names.join(' / ')}）` : ` (named ${s.names.join(' / ')})`) : '';
    const span = s.from === s.to ? `${s.from}` : `${s.from}–${s.to}`;
    const ok = s.notes.length === 0 ? (lang === 'zh' ? '，逐年衔接无问题' : ', every year follows on') : '';
    lines.push(lang === 'zh' ? `- ${s.key}${names}：${span}年度，${count} 份报告${ok}` : `- ${s.key}${names}: ${span}, ${count} report(s)${ok}`);
    for (const n of s.notes) lines.push(`    ${n.severity === 'warning' ? '⚠' : 'ℹ'} ${n.message[lang]}${n.sources.length > 0 && n.kind === 'two-reports' ? (lang === 'zh' ? `：${n.sources.join('；')}` : `: ${n.sources.join('; ')}`) : ''}`);
  }
  return lines.join('\n');
}

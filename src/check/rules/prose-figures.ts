import type { Rule } from '../rule';
import { cellName, rowName } from '../messages';
import type { CellKey, Statement, StatementKind } from '../../model/report';
import type { Words } from '../../recognise/templates';
import type { CheckContext } from '../context';

/**
 * What the prose says against the tables (warnings: prose is read only where the pattern is
 * unambiguous, see recognise/prose.ts). The mapping is data: a statement kind → the readings a
 * careful auditor accepts, each a sum of cells (less some): 收到/受理 N 件 is row 一 in some
 * reports and 一 + 二 in others, so either is consistent; 办结/答复 N 件 is （七）总计, or 一 + 二 − 四
 * where the table's own balance fails. A finding names the first reading's figures.
 */
interface Term {
  key: CellKey;
  sign: 1 | -1;
}

interface Reading {
  terms: Term[];
  /** how the sum is named; null: the cells' own names joined by + */
  name: Words | null;
}

const t2 = (row: string, sign: 1 | -1 = 1): Term => ({ key: { table: 't2', row, col: 'total' }, sign });
const cells = (keys: CellKey[]): Reading => ({ terms: keys.map((key) => ({ key, sign: 1 })), name: null });
const ROW_ONE: Words = { zh: '一', en: 'row 一' };

type Readings = (s: Statement, ctx: CheckContext) => Reading[];

const TARGETS: Partial<Record<StatementKind, Readings>> = {
  new: () => [cells([t2('new').key])],
  received: () => [cells([t2('new').key]), { terms: [t2('new'), t2('carried-over')], name: { zh: `${ROW_ONE.zh} + 二`, en: 'rows 一 + 二' } }],
  'no-applications': () => [cells([t2('new').key])],
  'carried-over': () => [cells([t2('carried-over').key])],
  'carried-forward': () => [cells([t2('carried-forward').key])],
  completed: () => [
    cells([t2('total').key]),
    { terms: [t2('new'), t2('carried-over'), t2('carried-forward', -1)], name: { zh: '一 + 二 − 四', en: 'rows 一 + 二 − 四' } },
  ],
  granted: (_s, ctx) => [group(ctx, ['granted'])],
  partial: (_s, ctx) => [group(ctx, ['partial'])],
  'granted-or-partial': (_s, ctx) => [group(ctx, ['granted', 'partial'])],
  withheld: (_s, ctx) => [group(ctx, ['withheld'])],
  unable: (_s, ctx) => [group(ctx, ['unable'])],
  'not-processed': (_s, ctx) => [group(ctx, ['not-processed'])],
  'other-processed': (_s, ctx) => [group(ctx, ['other'])],
  review: () => [cells([{ table: 't3', row: 'cases', col: 'review-total' }])],
  'review-corrected': () => [cells([{ table: 't3', row: 'cases', col: 'review-corrected' }])],
  litigation: () => [
    cells([
      { table: 't3', row: 'cases', col: 'direct-total' },
      { table: 't3', row: 'cases', col: 'after-review-total' },
    ]),
  ],
  issued: (s) => [cells(documents(s, 'issued'))],
  repealed: (s) => [cells(documents(s, 'repealed'))],
  'in-force': (s) => [cells(documents(s, 'in-force'))],
};

function documents(s: Statement, col: string): CellKey[] {
  const rows = s.subject ? [s.subject] : ['regulations', 'normative'];
  return rows.map((row) => ({ table: 't1', row, col }));
}

/**
 * A result group of table 2: its sub-rows (不予公开 → 1.–8.), or the row itself where it has none
 * (予以公开, 部分公开, 2019's single 其他处理 row).
 */
function group(ctx: CheckContext, groups: string[]): Reading {
  const rows = ctx.template.tables.t2.rows;
  const keys: string[] = [];
  const names: Words[] = [];
  for (const g of groups) {
    const heading = rows.find((r) => r.key === g);
    const subs = rows.filter((r) => r.group === g && !r.heading);
    const own = subs.length > 0 ? subs : rows.filter((r) => r.key === g && !r.heading);
    keys.push(...own.map((r) => r.key));
    if (heading) {
      names.push(
        subs.length > 0
          ? { zh: `「${heading.name.zh}」${subs.length} 项之和`, en: `the ${subs.length} rows of "${heading.name.en}"` }
          : { zh: `「${heading.name.zh}」`, en: `"${heading.name.en}"` },
      );
    }
  }
  return {
    terms: keys.map((row) => t2(row)),
    name: { zh: `表二${names.map((n) => n.zh).join(' + ')}（「总计」列）`, en: `table 2, ${names.map((n) => n.en).join(' + ')} (column "total")` },
  };
}

/** A cell's figure; for a table-2 total left blank, the sum of the row's parts (a lower bound when some are blank too). */
interface Figure {
  value: number;
  /** false: blanks were counted as 0, the true figure may be larger */
  exact: boolean;
  /** the 总计 cell was blank and the row's parts were added instead */
  fromParts: boolean;
}

function figure(ctx: CheckContext, k: CellKey): Figure | null {
  const v = ctx.cell(k)?.value;
  if (v?.kind === 'number') return { value: v.value, exact: true, fromParts: false };
  if (k.table !== 't2' || k.col !== 'total' || (v && v.kind !== 'missing')) return null;
  const row = ctx.row('t2', k.row);
  if (!row) return null;
  let value = 0;
  let exact = true;
  for (const c of row.cells) {
    if (c.col === 'total') continue;
    if (c.value.kind === 'number') value += c.value.value;
    else if (c.value.kind === 'missing') exact = false;
    else return null;
  }
  return { value, exact, fromParts: true };
}

/** A reading's sum, or null when a cell holds no figure (or a blank sits under a − sign). */
function evaluate(ctx: CheckContext, r: Reading): Figure | null {
  let value = 0;
  let exact = true;
  let fromParts = false;
  for (const t of r.terms) {
    const f = figure(ctx, t.key);
    if (!f) return null;
    if (t.sign < 0 && !f.exact) return null;
    value += t.sign * f.value;
    exact &&= f.exact;
    fromParts ||= f.fromParts;
  }
  return { value, exact, fromParts };
}

/** How a figure was had, when not from filled cells alone: （总计空白，按各列相加，空白按 0 计）. */
function figureNote(f: Figure, lang: 'zh' | 'en'): string {
  if (f.exact && !f.fromParts) return '';
  const zh = [f.fromParts ? '总计空白，按各列相加' : '', f.exact ? '' : '空白按 0 计'].filter((x) => x !== '');
  const en = [f.fromParts ? 'total blank, its row parts added' : '', f.exact ? '' : 'blanks as 0'].filter((x) => x !== '');
  return lang === 'zh' ? `（${zh.join('，')}）` : ` (${en.join(', ')})`;
}

/** The prose figure fits the reading: equal, or — blanks counted as 0 — at least the known part. */
const fits = (value: number, f: Figure): boolean => (f.exact ? value === f.value : value >= f.value);

function readingName(ctx: CheckContext, r: Reading, lang: 'zh' | 'en'): string {
  if (r.name) return r.name[lang];
  return r.terms.map((t) => cellName(ctx.template, t.key, lang)).join(' + ');
}

export const proseFigures: Rule = {
  id: 'prose-figures',
  hard: null,
  title: { zh: '正文中的数字与表格一致', en: 'Figures in the prose agree with the tables' },
  run(ctx, out) {
    for (const s of ctx.report.statements) {
      const target = TARGETS[s.kind];
      if (!target) continue;
      const readings = target(s, ctx).filter((r) => r.terms.length > 0);
      const first = readings[0];
      const table = first?.terms[0]?.key.table;
      if (!first || !table || !ctx.parsed(table)) continue;
      if (table === 't1' && ctx.report.template !== '2021') continue; // 2019's table 1 counts other things
      const figures = readings.map((r) => evaluate(ctx, r));
      const primary = figures[0];
      if (!primary) continue; // a cell without a figure is cells-filled's finding; nothing to compare
      out.checked++;
      if (figures.some((f) => f !== null && fits(s.value, f))) continue;
      const keys = first.terms.filter((t) => t.sign > 0).map((t) => t.key);
      const other = sameValueElsewhere(ctx, s.value, keys);
      const noApps = s.kind === 'no-applications';
      const verdict = (lang: 'zh' | 'en'): string => {
        const said = new Set<number>();
        const parts = readings.flatMap((r, i) => {
          const f = figures[i];
          if (!f || said.has(f.value)) return [];
          said.add(f.value);
          const name = readingName(ctx, r, lang);
          const shown = f.exact ? `${f.value}` : lang === 'zh' ? `至少 ${f.value}` : `at least ${f.value}`;
          const note = figureNote(f, lang);
          return [lang === 'zh' ? `${name}为${f.exact ? ' ' : ''}${shown}${note}` : `${name} is ${shown}${note}`];
        });
        return lang === 'zh' ? parts.join('，') : parts.join(', and ');
      };
      const claim = (lang: 'zh' | 'en'): string =>
        lang === 'zh' ? (noApps ? `正文称“${s.quote}”` : `正文称“${s.quote}”（${s.value}）`) : noApps ? `The prose says "${s.quote}"` : `The prose says "${s.quote}" (${s.value})`;
      out.add({
        anchor: `${s.kind}:${keys.map((k) => `${k.row}.${k.col}`).join('+')}`,
        severity: 'warning',
        outcome: 'fail',
        table,
        cells: keys,
        primary: keys,
        expected: primary.value,
        found: s.value,
        evidence: { quote: s.quote, sentence: s.sentence, src: s.src },
        message: {
          zh: `${claim('zh')}，但${verdict('zh')}。${other ? `正文的数字与${other.zh}相同。` : ''}`,
          en: `${claim('en')}, but ${verdict('en')}.${other ? ` The prose figure equals ${other.en}.` : ''}`,
        },
      });
    }
  },
};

/**
 * Prose that quotes one sub-row as if it were the group (无法提供265件 where only row 1 is 265),
 * or one cell as if it were the row (予以公开258件 where only the 自然人 cell is 258): the one
 * other row total of the same table that holds the prose figure, if exactly one does; failing
 * that, in table 2, the one cell that does (for figures of 10 and more: small ones recur by chance).
 */
function sameValueElsewhere(ctx: CheckContext, value: number, exclude: CellKey[]): Words | null {
  if (value === 0) return null;
  const table = exclude[0]?.table;
  if (!table) return null;
  // A sum of several cells (a group, 一 + 二) may be quoted as one of them: only a single cell is left out.
  const excluded = (k: CellKey): boolean => exclude.length === 1 && exclude.some((e) => e.row === k.row && e.col === k.col);
  const rowHits: Words[] = [];
  const cellHits: Words[] = [];
  for (const row of ctx.report.tables[table].rows) {
    if (table === 't2') {
      const k = { table, row: row.key, col: 'total' };
      const f = figure(ctx, k);
      if (f && f.value === value && !excluded(k)) {
        rowHits.push(
          f.fromParts
            ? {
                zh: `表二「${rowName(ctx.template, 't2', row.key, 'zh')}」行各列之和${f.exact ? '' : '（空白按 0 计）'}`,
                en: `the sum of table 2, row "${rowName(ctx.template, 't2', row.key, 'en')}"${f.exact ? '' : ' (blanks as 0)'}`,
              }
            : { zh: cellName(ctx.template, k, 'zh'), en: cellName(ctx.template, k, 'en') },
        );
      }
    }
    for (const c of row.cells) {
      if (c.value.kind !== 'number' || c.value.value !== value) continue;
      const k = { table, row: row.key, col: c.col };
      if (excluded(k)) continue;
      const w = { zh: cellName(ctx.template, k, 'zh'), en: cellName(ctx.template, k, 'en') };
      if (table !== 't2') rowHits.push(w);
      else if (c.col !== 'total') cellHits.push(w);
    }
  }
  if (rowHits.length === 1) return rowHits[0] ?? null;
  if (rowHits.length === 0 && table === 't2' && value >= 10 && cellHits.length === 1) return cellHits[0] ?? null;
  return null;
}

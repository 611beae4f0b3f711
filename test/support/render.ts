/**
 * Generated reports for property tests and the benchmark.
 *
 * `randomSoundFigures` draws the figures of a 2021-template report that satisfies every hard rule
 * of FORMAT.md; `renderText` prints it in the tab-separated text form of seed 003, `renderHtml` as
 * a Word-exported page (`MsoNormalTable`, `<td><p><span>`, rowspan/colspan). Both accept cell
 * overrides, so a test can put `—`, an empty string or any other text in one cell.
 */
import fc from 'fast-check';
import { TEMPLATE_2021 } from '../../src/recognise/templates/t2021';
import { numericRows, type RowSpec, type TableId } from '../../src/recognise/templates';

// ---------------------------------------------------------------------------------------
// the template's shape

const T2_SPEC = TEMPLATE_2021.tables.t2;
const T3_SPEC = TEMPLATE_2021.tables.t3;

/** Table 2's 25 numeric rows, in template order (the order of `SoundFigures.t2`). */
export const T2_ROWS: readonly RowSpec[] = numericRows(T2_SPEC);
/** Table 2's seven column keys: six parts, then 总计. */
export const T2_COLS: readonly string[] = T2_SPEC.columns.map((c) => c.key);
/** Table 3's fifteen column keys: three groups of 结果维持 · 结果纠正 · 其他结果 · 尚未审结 · 总计. */
export const T3_COLS: readonly string[] = T3_SPEC.columns.map((c) => c.key);
/** Table 3's only row. */
export const T3_ROW: string = T3_SPEC.rows[0]?.key ?? 'cases';

/** Table 1 as the 2021 template lays it out: row key, column keys. */
export const T1_CELLS: readonly { row: string; cols: readonly string[] }[] = TEMPLATE_2021.tables.t1.rows.map((r) => ({
  row: r.key,
  cols: (r.columns ?? []).map((c) => c.key),
}));

// ---------------------------------------------------------------------------------------
// figures

export interface Body {
  name: string;
  /** only governments of 设区的市 and above make 规章 */
  makesRegulations: boolean;
}

export const BODIES: readonly Body[] = [
  { name: '海阳市二十里店镇人民政府', makesRegulations: false },
  { name: '威海市环翠区羊亭镇人民政府', makesRegulations: false },
  { name: '某某县人民政府办公室', makesRegulations: false },
  { name: '某某市生态环境局', makesRegulations: false },
  { name: '威海市人民政府', makesRegulations: true },
];

export interface SoundFigures {
  body: Body;
  /** report year, 2021 template */
  year: number;
  t1: {
    /** 本年制发件数 · 本年废止件数 · 现行有效件数 */
    regulations: readonly [number, number, number];
    normative: readonly [number, number, number];
    licensing: number;
    punishment: number;
    coercion: number;
    /** 本年收费金额 in 万元, at most four decimals */
    fee: number;
  };
  /** 25 rows (T2_ROWS order) × 7 columns (T2_COLS order) */
  t2: readonly (readonly number[])[];
  /** 15 numbers (T3_COLS order) */
  t3: readonly number[];
}

/** Small counts, mostly 0 and single digits like real reports, sometimes a few hundred. */
const count = (max = 400): fc.Arbitrary<number> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constant(0) },
    { weight: 4, arbitrary: fc.integer({ min: 1, max: 9 }) },
    { weight: 1, arbitrary: fc.integer({ min: 10, max: max }) },
  );

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const withTotal = (parts: readonly number[]): number[] => [...parts, sum(parts)];

const T2_RESULT_INDEX = T2_ROWS.flatMap((r, i) => (r.role === 'result' ? [i] : []));
const rowIndex = (role: RowSpec['role']): number[] => T2_ROWS.flatMap((r, i) => (r.role === role ? [i] : []));

/** Table 2: the 21 result rows drawn, every other row derived so that hard rules 1–3 hold. */
const t2Arbitrary: fc.Arbitrary<number[][]> = fc
  .record({
    results: fc.array(fc.array(count(), { minLength: 6, maxLength: 6 }), {
      minLength: T2_RESULT_INDEX.length,
      maxLength: T2_RESULT_INDEX.length,
    }),
    carriedForward: fc.array(count(50), { minLength: 6, maxLength: 6 }),
    /** how much of 一+二 is 二, as a share in [0, 1] */
    carriedShare: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 6, maxLength: 6 }),
  })
  .map(({ results, carriedForward, carriedShare }) => {
    const rows: number[][] = T2_ROWS.map(() => []);
    results.forEach((parts, k) => {
      const i = T2_RESULT_INDEX[k];
      if (i !== undefined) rows[i] = withTotal(parts);
    });
    // （七）总计 = column sums of the result rows; 四 drawn; 一 + 二 = （七） + 四 split by the share.
    const handled = [0, 1, 2, 3, 4, 5].map((c) => sum(results.map((r) => r[c] ?? 0)));
    const out = carriedForward;
    const inflow = handled.map((h, c) => h + (out[c] ?? 0));
    const carried = inflow.map((n, c) => Math.floor((n * (carriedShare[c] ?? 0)) / 100));
    const fresh = inflow.map((n, c) => n - (carried[c] ?? 0));
    const put = (role: RowSpec['role'], k: number, parts: number[]): void => {
      const i = rowIndex(role)[k];
      if (i !== undefined) rows[i] = withTotal(parts);
    };
    put('in', 0, fresh);
    put('in', 1, carried);
    put('total', 0, handled);
    put('out', 0, out);
    return rows;
  });

const t3Arbitrary: fc.Arbitrary<number[]> = fc
  .array(fc.array(count(30), { minLength: 4, maxLength: 4 }), { minLength: 3, maxLength: 3 })
  .map((groups) => groups.flatMap(withTotal));

const triple = (made: fc.Arbitrary<number>): fc.Arbitrary<[number, number, number]> =>
  fc.tuple(made, count(20), count(300)).map(([issued, repealed, extra]) => [issued, repealed, issued + extra]);

export const randomSoundFigures: fc.Arbitrary<SoundFigures> = fc
  .record({
    body: fc.constantFrom(...BODIES),
    year: fc.integer({ min: 2021, max: 2024 }),
    regulations: triple(count(10)),
    normative: triple(count(40)),
    licensing: count(5000),
    punishment: count(2000),
    coercion: count(200),
    /** 万元 × 10 000: at most 20 万元, four decimals */
    fee: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 200_000 })),
    t2: t2Arbitrary,
    t3: t3Arbitrary,
  })
  .map((r) => ({
    body: r.body,
    year: r.year,
    t1: {
      regulations: r.body.makesRegulations ? r.regulations : ([0, 0, 0] as const),
      normative: r.normative,
      licensing: r.licensing,
      punishment: r.punishment,
      coercion: r.coercion,
      fee: r.fee / 10_000,
    },
    t2: r.t2,
    t3: r.t3,
  }));

/** Table 2's figures by key, for tests: `t2Value(f, 'new', 'total')`. */
export function t2Value(f: SoundFigures, row: string, col: string): number {
  const i = T2_ROWS.findIndex((r) => r.key === row);
  const j = T2_COLS.indexOf(col);
  return f.t2[i]?.[j] ?? NaN;
}

/** The figures with one cell of table 2 or 3 replaced. */
export function withCell(f: SoundFigures, table: 't2' | 't3', row: number, col: number, value: number): SoundFigures {
  if (table === 't3') return { ...f, t3: f.t3.map((v, j) => (j === col ? value : v)) };
  return { ...f, t2: f.t2.map((r, i) => (i === row ? r.map((v, j) => (j === col ? value : v)) : r)) };
}

// ---------------------------------------------------------------------------------------
// rendering shared by both forms

/** One cell printed as given text instead of its figure (`—`, `''`, `251000元`, …). */
export interface CellOverride {
  table: TableId;
  row: string;
  col: string;
  text: string;
}

export interface RenderOptions {
  overrides?: readonly CellOverride[];
  /** text form only: end rows 一 and 二 with a tab, exactly as seed 003 does */
  seedTrailingTabs?: boolean;
}

type CellText = (table: TableId, row: string, col: string, value: number) => string;

function cellTextFor(options: RenderOptions): CellText {
  const map = new Map((options.overrides ?? []).map((o) => [`${o.table}.${o.row}.${o.col}`, o.text]));
  return (table, row, col, value) => map.get(`${table}.${row}.${col}`) ?? formatNumber(value);
}

function formatNumber(n: number): string {
  // Fees have at most four decimals; toFixed then trimming avoids 0.30000000000000004.
  return Number.isInteger(n) ? String(n) : n.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
}

/** Table 1's rows with their figures, in template order. */
function t1Values(f: SoundFigures): Record<string, readonly number[]> {
  return {
    regulations: f.t1.regulations,
    normative: f.t1.normative,
    licensing: [f.t1.licensing],
    punishment: [f.t1.punishment],
    coercion: [f.t1.coercion],
    fees: [f.t1.fee],
  };
}

interface T1Block {
  heading: string;
  columns: readonly string[];
  rows: readonly RowSpec[];
}

/** 第二十条第（一）（五）（六）（八）项, each with its header words and rows. */
function t1Blocks(): T1Block[] {
  const blocks: T1Block[] = [];
  for (const row of TEMPLATE_2021.tables.t1.rows) {
    const heading = `第二十条第（${row.block ?? ''}）项`;
    const last = blocks[blocks.length - 1];
    if (last && last.heading === heading) last.rows = [...last.rows, row];
    else blocks.push({ heading, columns: (row.columns ?? []).map((c) => c.name.zh), rows: [row] });
  }
  return blocks;
}

/** How table 2's rows nest: the 三 cell over the result rows, a group cell over each group's items. */
interface T2Line {
  index: number;
  spec: RowSpec;
  label: string;
  /** true for 一、二、四: a label over all three label columns */
  topLevel: boolean;
  /** the first row under 三、本年度办理结果 */
  firstResult: boolean;
  /** the group heading (（三）不予公开 …) when this is its first item, with the group's size */
  groupStart: { label: string; size: number } | null;
  /** inside a group, not its first item */
  inGroup: boolean;
}

const PARTIAL_FULL = '（二）部分公开（区分处理的，只计这一情形，不计其他情形）';
const RESULTS_LABEL = '三、本年度办理结果';

function t2Lines(): T2Line[] {
  const headings = new Map(T2_SPEC.rows.filter((r) => r.heading).map((r) => [r.key, r]));
  let seenResult = false;
  return T2_ROWS.map((spec, index) => {
    const group = spec.group ? headings.get(spec.group) : undefined;
    const nested = group !== undefined && group.key !== 'results';
    const prev = T2_ROWS[index - 1];
    const groupFirst = nested && prev?.group !== spec.group;
    const underResults = spec.group !== undefined;
    const firstResult = underResults && !seenResult;
    if (underResults) seenResult = true;
    return {
      index,
      spec,
      label: spec.key === 'partial' ? PARTIAL_FULL : spec.name.zh,
      topLevel: !underResults,
      firstResult,
      groupStart: groupFirst && group ? { label: group.name.zh, size: T2_ROWS.filter((r) => r.group === spec.group).length } : null,
      inGroup: nested && !groupFirst,
    };
  });
}

const T2_LINES = t2Lines();
const T1_BLOCKS = t1Blocks();

/** Count of result rows plus （七）总计: what the 三、本年度办理结果 cell spans. */
const RESULTS_SPAN = T2_ROWS.filter((r) => r.group !== undefined).length;

const T3_GROUPS = ['行政复议', '未经复议直接起诉', '复议后起诉'] as const;
const T3_PARTS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'] as const;

interface Prose {
  title: string;
  intro: string;
  sections: readonly [string, string][];
  signature: readonly string[];
}

/** Headings and one line of prose per section; the figures quoted agree with the tables. */
function prose(f: SoundFigures): Prose {
  const total = (row: string): number => t2Value(f, row, 'total');
  const t3 = (col: string): number => f.t3[T3_COLS.indexOf(col)] ?? 0;
  const litigation = t3('direct-total') + t3('after-review-total');
  return {
    title: `${f.body.name}${f.year}年政府信息公开工作年度报告`,
    intro:
      `本报告根据《中华人民共和国政府信息公开条例》和国务院办公厅政府信息与政务公开办公室有关规定编制。` +
      `本报告所列数据的统计期限自${f.year}年1月1日起至${f.year}年12月31日止。`,
    sections: [
      ['一、总体情况', `${f.year}年，本机关坚持以公开为常态、不公开为例外，扎实推进政府信息公开工作。`],
      ['二、主动公开政府信息情况', '本机关依法主动公开政府信息，具体数据见下表。'],
      [
        '三、收到和处理政府信息公开申请情况',
        `本年度新收政府信息公开申请${total('new')}件，上年结转${total('carried-over')}件，结转下年度继续办理${total('carried-forward')}件。`,
      ],
      ['四、政府信息公开行政复议、行政诉讼情况', `本年度政府信息公开行政复议${t3('review-total')}件，行政诉讼${litigation}件。`],
      ['五、存在的主要问题及改进情况', '信息发布的及时性仍需提高，下一步将加强业务培训，规范发布流程。'],
      ['六、其他需要报告的事项', '本年度未收取信息处理费。'],
    ],
    signature: [f.body.name, `${f.year + 1}年1月20日`],
  };
}

// ---------------------------------------------------------------------------------------
// text, as seed 003

/**
 * The report as seed 003 prints it: paragraphs separated by blank lines, table rows
 * tab-separated, table 2's nested labels in their own columns (`\t（三）不予公开\t1.属于国家秘密\t0…`).
 */
export function renderText(f: SoundFigures, options: RenderOptions = {}): string {
  const text = cellTextFor(options);
  const p = prose(f);
  const out: string[] = ['', p.title, '', p.intro, ''];
  const section = (k: number): void => {
    const s = p.sections[k];
    if (s) out.push(s[0], '', s[1], '');
  };

  section(0);
  section(1);
  const t1 = t1Values(f);
  for (const block of T1_BLOCKS) {
    out.push(`${block.heading}\t`);
    out.push(['信息内容', ...block.columns].join('\t'));
    for (const row of block.rows) {
      const cols = T1_CELLS.find((c) => c.row === row.key)?.cols ?? [];
      const values = (t1[row.key] ?? []).map((v, j) => text('t1', row.key, cols[j] ?? '', v));
      out.push([row.name.zh, ...values].join('\t'));
    }
  }
  out.push('');

  section(2);
  out.push(
    '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t申请人情况\t\t\t\t\t\t总计\t',
    '\t\t自然人\t法人或其他组织\t\t\t\t\t\t',
    '\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\t',
  );
  for (const line of T2_LINES) {
    const values = (f.t2[line.index] ?? []).map((v, j) => text('t2', line.spec.key, T2_COLS[j] ?? '', v));
    let labels: string[];
    if (line.topLevel && line.spec.role !== 'out') labels = [line.label, ''];
    else if (line.topLevel) labels = ['', line.label, ''];
    else if (line.firstResult) labels = [RESULTS_LABEL, line.label];
    else if (line.groupStart) labels = ['', line.groupStart.label, line.label];
    else if (line.inGroup) labels = ['', '', line.label];
    else labels = ['', line.label, ...(line.spec.role === 'total' ? [''] : [])];
    const trailing = options.seedTrailingTabs && line.spec.role === 'in' ? '\t' : '';
    out.push([...labels, ...values].join('\t') + trailing);
  }
  out.push('');

  section(3);
  out.push(
    '行政复议\t\t\t\t\t行政诉讼' + '\t'.repeat(10),
    [...T3_PARTS.slice(0, 4), '总计', '未经复议直接起诉', '', '', '', '', '复议后起诉', '', '', '', '', ''].join('\t'),
    ['', '', '', '', '', ...T3_PARTS, ...T3_PARTS, ''].join('\t'),
    f.t3.map((v, j) => text('t3', T3_ROW, T3_COLS[j] ?? '', v)).join('\t'),
    '',
  );

  section(4);
  section(5);
  out.push(...p.signature, '');
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------
// HTML, as Word exports it

function escapeHtml(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

interface TdOptions {
  colspan?: number;
  rowspan?: number;
  width?: number;
  header?: boolean;
}

/** One Word cell: `<td><p class=MsoNormal><span>text</span></p></td>`; an empty cell holds `&nbsp;`. */
function td(text: string, o: TdOptions = {}): string {
  const attrs = [
    o.width ? ` width=${o.width}` : '',
    o.colspan && o.colspan > 1 ? ` colspan=${o.colspan}` : '',
    o.rowspan && o.rowspan > 1 ? ` rowspan=${o.rowspan}` : '',
  ].join('');
  const font = o.header ? "font-size:10.5pt;font-family:黑体" : "font-size:10.5pt;font-family:宋体";
  const inner = text === '' ? '&nbsp;' : escapeHtml(text);
  // Word marks runs of latin text and digits as English.
  const lang = /^[\x20-\x7e]*$/.test(text) ? ' lang=EN-US' : '';
  return (
    `<td${attrs} valign=middle style='border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt'>` +
    `<p class=MsoNormal align=center style='text-align:center'><span${lang} style='${font}'>${inner}</span></p></td>`
  );
}

const tr = (cells: string[]): string => `<tr style='height:20.0pt'>\n  ${cells.join('\n  ')}\n </tr>`;

function table(rows: string[]): string {
  return (
    `<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 align=center ` +
    `style='border-collapse:collapse;border:none'>\n<tbody>\n ${rows.join('\n ')}\n</tbody>\n</table>`
  );
}

const para = (text: string, style = 'text-indent:32.0pt;line-height:28.0pt', font = '仿宋_GB2312'): string =>
  `<p class=MsoNormal style='${style}'><span style='font-size:16.0pt;font-family:${font}'>${escapeHtml(text)}</span></p>`;

/** A page as Word's "save as web page" writes it: `MsoNormalTable`, every cell a `<p><span>`. */
export function renderHtml(f: SoundFigures, options: RenderOptions = {}): string {
  const text = cellTextFor(options);
  const p = prose(f);
  const parts: string[] = [];
  const section = (k: number): void => {
    const s = p.sections[k];
    if (s) parts.push(para(s[0], 'text-indent:32.0pt;line-height:28.0pt', '黑体'), para(s[1]));
  };

  parts.push(para(p.title, 'text-align:center;line-height:28.0pt', '方正小标宋简体'), para(p.intro));
  section(0);
  section(1);

  const t1 = t1Values(f);
  const t1rows: string[] = [];
  for (const block of T1_BLOCKS) {
    t1rows.push(tr([td(block.heading, { colspan: 4, header: true })]));
    const span = 3 / block.columns.length;
    t1rows.push(tr([td('信息内容', { width: 142, header: true }), ...block.columns.map((c) => td(c, { colspan: span, header: true }))]));
    for (const row of block.rows) {
      const cols = T1_CELLS.find((c) => c.row === row.key)?.cols ?? [];
      const values = (t1[row.key] ?? []).map((v, j) => td(text('t1', row.key, cols[j] ?? '', v), { colspan: span }));
      t1rows.push(tr([td(row.name.zh, { width: 142 }), ...values]));
    }
  }
  parts.push(table(t1rows));

  section(2);
  const t2rows: string[] = [
    tr([
      td('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', { colspan: 3, rowspan: 3, header: true }),
      td('申请人情况', { colspan: 7, header: true }),
    ]),
    tr([td('自然人', { rowspan: 2, header: true }), td('法人或其他组织', { colspan: 5, header: true }), td('总计', { rowspan: 2, header: true })]),
    tr(['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'].map((h) => td(h, { header: true }))),
  ];
  for (const line of T2_LINES) {
    const values = (f.t2[line.index] ?? []).map((v, j) => td(text('t2', line.spec.key, T2_COLS[j] ?? '', v)));
    const labels: string[] = [];
    if (line.topLevel) labels.push(td(line.label, { colspan: 3 }));
    else {
      if (line.firstResult) labels.push(td(RESULTS_LABEL, { rowspan: RESULTS_SPAN, width: 28 }));
      if (line.groupStart) labels.push(td(line.groupStart.label, { rowspan: line.groupStart.size }), td(line.label));
      else if (line.inGroup) labels.push(td(line.label));
      else labels.push(td(line.label, { colspan: 2 }));
    }
    t2rows.push(tr([...labels, ...values]));
  }
  parts.push(table(t2rows));

  section(3);
  const t3rows = [
    tr([td('行政复议', { colspan: 5, header: true }), td('行政诉讼', { colspan: 10, header: true })]),
    tr([
      ...T3_PARTS.map((h) => td(h, { rowspan: 2, header: true })),
      td(T3_GROUPS[1], { colspan: 5, header: true }),
      td(T3_GROUPS[2], { colspan: 5, header: true }),
    ]),
    tr([...T3_PARTS, ...T3_PARTS].map((h) => td(h, { header: true }))),
    tr(f.t3.map((v, j) => td(text('t3', T3_ROW, T3_COLS[j] ?? '', v)))),
  ];
  parts.push(table(t3rows));

  section(4);
  section(5);
  for (const line of p.signature) parts.push(para(line, 'text-align:right;line-height:28.0pt'));

  return [
    '<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">',
    '<head>',
    '<meta http-equiv=Content-Type content="text/html; charset=utf-8">',
    '<meta name=Generator content="Microsoft Word 15 (filtered)">',
    `<title>${escapeHtml(p.title)}</title>`,
    '<style>p.MsoNormal{margin:0cm;text-align:justify;font-size:10.5pt;font-family:等线}</style>',
    '</head>',
    "<body lang=ZH-CN style='text-justify-trim:punctuation'>",
    "<div class=WordSection1 style='layout-grid:15.6pt'>",
    ...parts,
    '</div>',
    '</body>',
    '</html>',
  ].join('\n');
}

import ExcelJS from 'exceljs';
import type { BatchStatus } from '../batch/run';
import { statusOf } from '../batch/run';
import type { CheckResultJson } from '../model/result';
import type { DecisionState } from '../model/review';
import { numericRows, columnsOf, templateFor, type TableId, type TemplateSpec } from '../recognise/templates';
import { colName, rowName, tableName } from '../check/messages';
import { findingPlace, SEVERITY, templateShort, type CsvEntry } from './csv';
import { STATUS_WORDS } from './status-words';
import { verdictLine } from './verdict';
import { buildSeries, type PairState } from '../batch/series';
import type { YearRecord } from '../model/history';

/**
 * Many checked reports as one Excel workbook, for an inspector's spreadsheet work (issue 19):
 *
 * - 概览: a row per input — source (a link for a URL), body, year, status, the one-line verdict,
 *   the counts, the decisions when the result carries a review;
 * - 发现: a row per finding — table, row and column by the template's names, the relation and the
 *   figures it added, expected, found, the cell that probably holds the typo, the decision and note;
 * - 系列: a row per body × year (batch/series.ts), a missing year included: the name the report
 *   gives, whether it follows on from the year before (上年结转, 现行有效, the same tables again),
 *   and what only the series shows (a missing year, two reports for one year);
 * - 数据: every figure of every report, one row per report and one column per cell (headers in
 *   words), for pivot tables;
 * - 统计: reports per status and errors per body, each count with a data bar (exceljs writes no
 *   charts; a data bar is the chart Excel draws in the cell itself).
 *
 * Every sheet has a frozen header, an auto filter and fitted widths. Pure over the same entries
 * the CSV takes; `status` tells a failed fetch from a page that is no report (default: failed).
 * Text goes in as text: a value that starts with `=` is never a formula in the file.
 */

export type XlsxEntry = CsvEntry & { status?: BatchStatus };

export interface XlsxOptions {
  lang?: 'zh' | 'en';
  /** the workbook's creation time (default now) */
  now?: Date;
  /** records kept from earlier checks: last year where the entries lack it (batch/series.ts) */
  earlier?: readonly YearRecord[];
}

export const SHEETS = {
  zh: { overview: '概览', findings: '发现', series: '系列', data: '数据', stats: '统计' },
  en: { overview: 'Overview', findings: 'Findings', series: 'Series', data: 'Figures', stats: 'Statistics' },
} as const;

const H = {
  zh: {
    index: '序号',
    source: '文件或网址',
    body: '机关',
    year: '年度',
    status: '状态',
    verdict: '结论',
    template: '模板',
    title: '标题',
    published: '发布日期',
    errors: '错误',
    warnings: '警告',
    infos: '提示',
    checked: '已核对项',
    findings: '发现数',
    pending: '待核',
    confirmed: '确认',
    rejected: '驳回',
    severity: '严重程度',
    table: '表',
    row: '行',
    col: '列',
    relation: '关系',
    operands: '运算数',
    expected: '应为',
    found: '实为',
    diff: '差（实为−应为）',
    suspect: '很可能填错',
    message: '说明',
    decision: '核查决定',
    note: '备注',
    rule: '规则',
    reports: '报告数',
    share: '占比',
    bodyErrors: '错误数',
    noBody: '（未识别机关）',
    seriesKey: '机关（归并）',
    nameThatYear: '报告所写名称',
    pair: '与上年衔接',
    carryOver: '上年结转不符（列）',
    inForce: '现行有效不符（项）',
    sameAsLast: '与上年完全相同',
    notes: '系列说明',
    missing: '缺失',
    keptFrom: (year: number, source: string): string => `与已存的${year}年度记录比较${source ? `（${source}）` : ''}`,
    yes: '是',
  },
  en: {
    index: '#',
    source: 'source',
    body: 'body',
    year: 'year',
    status: 'status',
    verdict: 'verdict',
    template: 'template',
    title: 'title',
    published: 'published',
    errors: 'errors',
    warnings: 'warnings',
    infos: 'notes',
    checked: 'checked',
    findings: 'findings',
    pending: 'pending',
    confirmed: 'confirmed',
    rejected: 'rejected',
    severity: 'severity',
    table: 'table',
    row: 'row',
    col: 'column',
    relation: 'relation',
    operands: 'figures',
    expected: 'expected',
    found: 'found',
    diff: 'found − expected',
    suspect: 'probably wrong',
    message: 'message',
    decision: 'decision',
    note: 'note',
    rule: 'rule',
    reports: 'reports',
    share: 'share',
    bodyErrors: 'errors',
    noBody: '(body not recognised)',
    seriesKey: 'body (grouped)',
    nameThatYear: 'name in the report',
    pair: 'against the year before',
    carryOver: 'carry-over columns off',
    inForce: 'in-force rows off',
    sameAsLast: 'same as the year before',
    notes: 'series notes',
    missing: 'missing',
    keptFrom: (year: number, source: string): string => `compared with the kept ${year} record${source ? ` (${source})` : ''}`,
    yes: 'yes',
  },
} as const;

const PAIR: Record<'zh' | 'en', Record<PairState, string>> = {
  zh: { first: '首年（无上年可比）', gap: '上年缺失，未比', unread: '上年报告未读出表二，未比', consistent: '衔接无误', inconsistent: '不衔接' },
  en: { first: 'first year', gap: 'year before missing', unread: 'year before not read', consistent: 'follows on', inconsistent: 'does not follow on' },
};

const DECISION: Record<'zh' | 'en', Record<DecisionState, string>> = {
  zh: { pending: '待核', confirmed: '确认', rejected: '驳回' },
  en: { pending: 'pending', confirmed: 'confirmed', rejected: 'rejected' },
};

/** the statuses a finished input can have, in the order the 统计 sheet lists them */
const FINAL_STATUSES: BatchStatus[] = ['errors', 'warnings', 'sound', 'pictures', 'no-report', 'failed'];

type Value = string | number | null | { text: string; hyperlink: string };

/** XML 1.0 cannot hold most control characters (a file with one does not open); Excel caps a cell at 32,767 characters. */
function clean(s: string): string {
  // eslint-disable-next-line no-control-regex
  const t = s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
  return t.length > 32_000 ? `${t.slice(0, 32_000)}…` : t;
}

function link(source: string): Value {
  const s = clean(source);
  return /^https?:\/\//i.test(s) ? { text: s, hyperlink: s } : s;
}

function statusOfEntry(e: XlsxEntry): BatchStatus {
  if (e.status) return e.status;
  return 'result' in e ? statusOf(e.result) : 'failed';
}

/** display width: a CJK character takes two columns */
function widthOf(v: Value): number {
  if (v === null) return 0;
  const s = typeof v === 'object' ? v.text : String(v);
  let w = 0;
  for (const ch of s) w += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return w;
}

interface SheetSpec {
  headers: string[];
  rows: Value[][];
  /** widest a column may be (characters) */
  maxWidth?: number;
  /** columns left of the freeze line (besides the header row) */
  freezeColumns?: number;
  /** per column: wrap long text */
  wrap?: number[];
}

function addSheet(wb: ExcelJS.Workbook, name: string, spec: SheetSpec): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: spec.freezeColumns ?? 0, ySplit: 1 }] });
  const header = ws.addRow(spec.headers);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
    c.border = { bottom: { style: 'thin', color: { argb: 'FF8899AA' } } };
  });
  for (const values of spec.rows) {
    const row = ws.addRow(values.map((v) => (typeof v === 'string' ? clean(v) : v)));
    values.forEach((v, i) => {
      if (v !== null && typeof v === 'object') {
        const cell = row.getCell(i + 1);
        cell.font = { color: { argb: 'FF0563C1' }, underline: true };
      }
    });
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, spec.rows.length + 1), column: spec.headers.length } };
  const max = spec.maxWidth ?? 50;
  spec.headers.forEach((h, i) => {
    const widest = Math.max(widthOf(h) + 2, ...spec.rows.map((r) => widthOf(r[i] ?? null)));
    const col = ws.getColumn(i + 1);
    col.width = Math.min(max, Math.max(6, widest + 2));
    if (spec.wrap?.includes(i)) col.alignment = { wrapText: true, vertical: 'top' };
  });
  return ws;
}

/** One column per cell of the templates the reports use: 表二·一、本年新收政府信息公开申请数量·自然人. */
function dataColumns(results: readonly CheckResultJson[], lang: 'zh' | 'en'): { key: string; table: TableId; row: string; col: string; name: string }[] {
  const templates: TemplateSpec[] = [];
  const seen = new Set<string>();
  for (const r of results) {
    const t = templateFor(r.report);
    const id = `${r.report.template ?? '2021'}:${r.report.tableTemplates?.t1 ?? ''}:${r.report.tableTemplates?.t2 ?? ''}`;
    if (!seen.has(id)) {
      seen.add(id);
      templates.push(t);
    }
  }
  const cols: { key: string; table: TableId; row: string; col: string; name: string }[] = [];
  const have = new Set<string>();
  for (const tid of ['t1', 't2', 't3'] as const) {
    for (const tpl of templates) {
      const table = tpl.tables[tid];
      for (const row of numericRows(table)) {
        for (const c of columnsOf(table, row)) {
          const key = `${tid}.${row.key}.${c.key}`;
          if (have.has(key)) continue;
          have.add(key);
          const rowWords = tid === 't3' ? '' : `${rowName(tpl, tid, row.key, lang)}·`;
          cols.push({ key, table: tid, row: row.key, col: c.key, name: `${tableName(tid, lang)}·${rowWords}${colName(tpl, tid, row.key, c.key, lang)}` });
        }
      }
    }
  }
  return cols;
}

function cellValue(r: CheckResultJson, table: TableId, row: string, col: string): Value {
  const c = r.report.tables[table].rows.find((x) => x.key === row)?.cells.find((x) => x.col === col);
  if (!c) return null;
  if (c.value.kind === 'number') return c.value.value;
  const raw = c.value.raw.trim();
  return raw === '' ? null : raw;
}

/** The workbook as the bytes of an .xlsx file. */
export async function findingsToXlsx(entries: readonly XlsxEntry[], options: XlsxOptions = {}): Promise<Uint8Array> {
  const lang = options.lang ?? 'zh';
  const h = H[lang];
  const names = SHEETS[lang];
  const wb = new ExcelJS.Workbook();
  wb.creator = lang === 'zh' ? '政府信息公开年报核对' : 'gov-report-checker';
  wb.created = options.now ?? new Date();

  // 概览
  const overviewRows: Value[][] = entries.map((e, i) => {
    const status = STATUS_WORDS[lang][statusOfEntry(e)];
    if (!('result' in e)) {
      const why = typeof e.failure === 'string' ? e.failure : e.failure[lang];
      return [i + 1, link(e.source), null, null, status, why, null, null, null, null, null, null, null, null, null, null, null];
    }
    const r = e.result;
    const d = r.review?.decisions;
    const count = (s: DecisionState): number | null => (d ? d.filter((x) => x.state === s).length : null);
    return [
      i + 1,
      link(e.source),
      r.report.body,
      r.report.year,
      status,
      verdictLine(r, lang),
      templateShort(r, lang) || null,
      r.report.title,
      r.report.published,
      r.summary.errors,
      r.summary.warnings,
      r.summary.infos,
      r.summary.checked,
      r.findings.length,
      count('pending'),
      count('confirmed'),
      count('rejected'),
    ];
  });
  const overview = addSheet(wb, names.overview, {
    headers: [h.index, h.source, h.body, h.year, h.status, h.verdict, h.template, h.title, h.published, h.errors, h.warnings, h.infos, h.checked, h.findings, h.pending, h.confirmed, h.rejected],
    rows: overviewRows,
    freezeColumns: 2,
    maxWidth: 60,
  });
  const STATUS_FILL: Partial<Record<BatchStatus, string>> = { errors: 'FFFDE2E1', warnings: 'FFFFF4D6', sound: 'FFE3F4E1', failed: 'FFEDEDED', 'no-report': 'FFEDEDED', pictures: 'FFFFF4D6' };
  entries.forEach((e, i) => {
    const fill = STATUS_FILL[statusOfEntry(e)];
    if (fill) overview.getRow(i + 2).getCell(5).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
  });

  // 发现
  const findingRows: Value[][] = [];
  entries.forEach((e, i) => {
    if (!('result' in e)) return;
    const r = e.result;
    const decisions = new Map((r.review?.decisions ?? []).map((d) => [d.findingId, d]));
    for (const f of r.findings) {
      const place = findingPlace(r, f, lang);
      const rel = f.relation;
      const d = decisions.get(f.id);
      findingRows.push([
        i + 1,
        link(e.source),
        r.report.body,
        r.report.year,
        SEVERITY[lang][f.severity],
        place.table || null,
        place.row || null,
        place.col || null,
        rel ? `${rel.where[lang]}：${rel.formula[lang]}` : null,
        rel ? rel.operands[lang] : null,
        f.expected,
        f.found,
        f.expected !== null && f.found !== null ? f.found - f.expected : null,
        place.suspect || null,
        f.message[lang],
        d ? DECISION[lang][d.state] : null,
        d && d.note !== '' ? d.note : null,
        f.rule,
      ]);
    }
  });
  addSheet(wb, names.findings, {
    headers: [h.index, h.source, h.body, h.year, h.severity, h.table, h.row, h.col, h.relation, h.operands, h.expected, h.found, h.diff, h.suspect, h.message, h.decision, h.note, h.rule],
    rows: findingRows,
    freezeColumns: 0,
    maxWidth: 50,
    wrap: [8, 9, 13, 14],
  });

  // 系列: a row per body × year, a missing year as a row of its own
  const seriesOut = buildSeries(entries, { earlier: options.earlier ?? [] });
  const seriesRows: Value[][] = [];
  const seriesFill: (string | null)[] = [];
  for (const s of seriesOut.series) {
    for (const y of s.years) {
      if (y.reports.length === 0) {
        const note = s.notes.filter((n) => n.kind === 'missing-year').map((n) => n.message[lang]);
        seriesRows.push([s.key, null, y.year, h.missing, null, null, null, null, note.join('；') || null, null, null]);
        seriesFill.push('FFEDEDED');
        continue;
      }
      for (const r of y.reports) {
        const e = entries[r.index];
        const notes = s.notes.filter((n) => n.year === y.year && n.kind === 'two-reports').map((n) => n.message[lang]);
        if (r.keptFrom !== undefined) notes.unshift(h.keptFrom(y.year - 1, r.keptFrom));
        const compared = r.pair === 'consistent' || r.pair === 'inconsistent';
        seriesRows.push([
          s.key,
          r.name || null,
          y.year,
          e ? STATUS_WORDS[lang][statusOfEntry(e)] : null,
          PAIR[lang][r.pair],
          compared ? r.carryOver : null,
          compared ? r.inForce : null,
          r.sameAsLastYear ? h.yes : null,
          notes.join('；') || null,
          r.index + 1,
          link(r.source),
        ]);
        seriesFill.push(r.pair === 'inconsistent' ? 'FFFDE2E1' : r.pair === 'consistent' ? 'FFE3F4E1' : null);
      }
    }
  }
  const seriesSheet = addSheet(wb, names.series, {
    headers: [h.seriesKey, h.nameThatYear, h.year, h.status, h.pair, h.carryOver, h.inForce, h.sameAsLast, h.notes, h.index, h.source],
    rows: seriesRows,
    freezeColumns: 1,
    maxWidth: 50,
    wrap: [8],
  });
  seriesFill.forEach((argb, i) => {
    if (argb) seriesSheet.getRow(i + 2).getCell(5).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb } };
  });

  // 数据
  const withResults = entries.flatMap((e, i) => ('result' in e ? [{ index: i + 1, source: e.source, result: e.result }] : []));
  const cols = dataColumns(
    withResults.map((x) => x.result),
    lang,
  );
  addSheet(wb, names.data, {
    headers: [h.index, h.source, h.body, h.year, h.template, ...cols.map((c) => c.name)],
    rows: withResults.map(({ index, source, result: r }) => [index, link(source), r.report.body, r.report.year, templateShort(r, lang) || null, ...cols.map((c) => cellValue(r, c.table, c.row, c.col))]),
    freezeColumns: 4,
    maxWidth: 24,
  });

  // 统计: reports per status, errors per body — each count with a data bar
  const statusCounts = FINAL_STATUSES.map((s) => [STATUS_WORDS[lang][s], entries.filter((e) => statusOfEntry(e) === s).length] as const);
  const total = entries.length;
  const byBody = new Map<string, { reports: number; errors: number; findings: number }>();
  for (const { result: r } of withResults) {
    const b = r.report.body ?? h.noBody;
    const got = byBody.get(b) ?? { reports: 0, errors: 0, findings: 0 };
    byBody.set(b, { reports: got.reports + 1, errors: got.errors + r.summary.errors, findings: got.findings + r.findings.length });
  }
  const bodies = [...byBody.entries()].sort((a, b) => b[1].errors - a[1].errors || a[0].localeCompare(b[0], 'zh'));
  const stats = addSheet(wb, names.stats, {
    headers: [h.status, h.reports, h.share],
    rows: statusCounts.map(([s, n]) => [s, n, total === 0 ? 0 : n / total]),
    maxWidth: 40,
  });
  stats.getColumn(3).numFmt = '0.0%';
  // errors per body beside it (columns E–H), the bodies with most errors first
  stats.getRow(1).getCell(5).value = h.body;
  stats.getRow(1).getCell(6).value = h.reports;
  stats.getRow(1).getCell(7).value = h.bodyErrors;
  stats.getRow(1).getCell(8).value = h.findings;
  for (let c = 5; c <= 8; c++) {
    const cell = stats.getRow(1).getCell(c);
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
  }
  bodies.forEach(([name, c], k) => {
    const row = stats.getRow(2 + k);
    row.getCell(5).value = clean(name);
    row.getCell(6).value = c.reports;
    row.getCell(7).value = c.errors;
    row.getCell(8).value = c.findings;
  });
  stats.getColumn(4).width = 4;
  stats.getColumn(5).width = Math.min(40, Math.max(12, ...bodies.map(([n]) => widthOf(n) + 2)));
  for (const c of [6, 7, 8]) stats.getColumn(c).width = 10;
  const bar = (ref: string, argb: string): void => {
    // exceljs writes the bar's colour from `color`, which its types leave out
    const rule: ExcelJS.DataBarRuleType & { color: Partial<ExcelJS.Color> } = { type: 'dataBar', priority: 1, gradient: false, cfvo: [{ type: 'num', value: 0 }, { type: 'max' }], color: { argb } };
    stats.addConditionalFormatting({ ref, rules: [rule] });
  };
  bar(`B2:B${statusCounts.length + 1}`, 'FF5B9BD5');
  if (bodies.length > 0) bar(`G2:G${bodies.length + 1}`, 'FFE06666');

  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf);
}

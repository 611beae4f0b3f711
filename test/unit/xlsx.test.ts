import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { checkDocument } from '../../src/pipeline';
import type { CheckResultJson } from '../../src/model/result';
import { applyDecisions } from '../../src/model/review';
import { findingsToXlsx, SHEETS, type XlsxEntry } from '../../src/output/xlsx';
import { verdictLine } from '../../src/output/verdict';

function check(name: string, html = readFileSync(new URL(`../fixtures/html/${name}.html`, import.meta.url), 'utf8')): CheckResultJson {
  const { document } = parseHTML(html);
  const out = checkDocument(document as unknown as Document, { kind: 'url', location: `http://www.example.gov.cn/${name}.html`, format: 'html' });
  if (!out.ok) throw new Error(name);
  return out.result;
}

/** huancui-2023 with row 一 自然人 152 typed as 125: one cell explains the failing sums */
function typo(): CheckResultJson {
  const html = readFileSync(new URL('../fixtures/html/huancui-2023.html', import.meta.url), 'utf8').replace('10.5pt">152</span>', '10.5pt">125</span>');
  return check('huancui-typo', html);
}

async function read(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return wb;
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

function header(ws: ExcelJS.Worksheet): string[] {
  const values = ws.getRow(1).values;
  return Array.isArray(values) ? Array.from(values.slice(1), (v: unknown) => String(v ?? '')) : [];
}

/** the row as plain values by header: a hyperlink cell gives its text */
function rowOf(ws: ExcelJS.Worksheet, n: number): Record<string, unknown> {
  const h = header(ws);
  const out: Record<string, unknown> = {};
  h.forEach((name, i) => {
    const v = ws.getRow(n).getCell(i + 1).value;
    out[name] = v !== null && typeof v === 'object' && 'text' in v ? v.text : v;
  });
  return out;
}

describe('the Excel workbook (issue 19)', () => {
  const sound = check('huancui-2023');
  const errors = check('errors');
  const typoed = typo();
  // the auditor confirmed the first finding of errors.html with a note
  const first = errors.findings[0];
  if (!first?.fingerprint) throw new Error('errors.html has findings with fingerprints');
  const reviewed: CheckResultJson = {
    ...errors,
    review: applyDecisions(errors.findings, { figures: 'x', decisions: [{ fingerprint: first.fingerprint, state: 'confirmed', note: '已电话核实', at: '2025-01-02T03:04:05Z', rule: first.rule, message: first.message }] }),
  };
  const entries: XlsxEntry[] = [
    { source: 'http://www.example.gov.cn/huancui-2023.html', result: sound },
    { source: 'http://www.example.gov.cn/errors.html', result: reviewed },
    { source: 'report/typo.html', result: typoed },
    { source: 'http://www.example.gov.cn/404.html', failure: { zh: '页面不存在（404）', en: 'not found (404)' } },
    { source: 'http://www.example.gov.cn/news.html', failure: { zh: '未发现政府信息公开工作年度报告', en: 'no report' }, status: 'no-report' },
  ];

  it('has the five sheets, Chinese names, frozen headers and auto filters', async () => {
    const wb = await read(await findingsToXlsx(entries));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概览', '发现', '系列', '数据', '统计']);
    expect(SHEETS.zh.overview).toBe('概览');
    for (const ws of wb.worksheets) {
      const view = ws.views[0];
      expect(view?.state, ws.name).toBe('frozen');
      expect(view && 'ySplit' in view ? view.ySplit : undefined, ws.name).toBe(1);
      expect(ws.autoFilter, ws.name).toBeTruthy();
      // every header column has a width fitted to it
      for (let c = 1; c <= header(ws).length; c++) if (header(ws)[c - 1] !== '') expect(ws.getColumn(c).width ?? 0, `${ws.name} ${c}`).toBeGreaterThanOrEqual(6);
    }
    expect(sheet(wb, '概览').autoFilter).toBe('A1:Q6');
  });

  it('概览: a row per input with status, verdict, counts, decisions and a link', async () => {
    const ws = sheet((await read(await findingsToXlsx(entries))), '概览');
    expect(header(ws)).toEqual(['序号', '文件或网址', '机关', '年度', '状态', '结论', '模板', '标题', '发布日期', '错误', '警告', '提示', '已核对项', '发现数', '待核', '确认', '驳回']);
    expect(ws.rowCount).toBe(6);
    const r1 = rowOf(ws, 2);
    expect(r1).toMatchObject({ 序号: 1, 机关: '威海市环翠区人民政府', 年度: 2023, 状态: '无问题', 结论: '三张表的数字全部自洽', 模板: '2021年版', 错误: 0, 发现数: 0 });
    expect(r1['确认']).toBeNull(); // no review: no decision counts
    const link = ws.getRow(2).getCell(2).value;
    expect(link).toEqual({ text: 'http://www.example.gov.cn/huancui-2023.html', hyperlink: 'http://www.example.gov.cn/huancui-2023.html' });
    const r2 = rowOf(ws, 3);
    expect(r2).toMatchObject({ 状态: '有错误', 结论: verdictLine(errors, 'zh'), 错误: 5, 警告: 1, 发现数: 6, 待核: 5, 确认: 1, 驳回: 0 });
    expect(ws.getRow(4).getCell(2).value).toBe('report/typo.html'); // a file: plain text, no link
    expect(rowOf(ws, 5)).toMatchObject({ 状态: '获取失败', 结论: '页面不存在（404）', 机关: null });
    expect(rowOf(ws, 6)).toMatchObject({ 状态: '非年报', 结论: '未发现政府信息公开工作年度报告' });
  });

  it('发现: a row per finding, places in words, operands, suspect, decision and note', async () => {
    const ws = sheet((await read(await findingsToXlsx(entries))), '发现');
    expect(header(ws)).toEqual(['序号', '文件或网址', '机关', '年度', '严重程度', '表', '行', '列', '关系', '运算数', '应为', '实为', '差（实为−应为）', '很可能填错', '说明', '核查决定', '备注', '规则']);
    const rows = Array.from({ length: ws.rowCount - 1 }, (_, i) => rowOf(ws, i + 2));
    expect(rows).toHaveLength(errors.findings.length + typoed.findings.length);
    const balance = rows.find((r) => r['序号'] === 2 && r['规则'] === 'balance');
    expect(balance).toMatchObject({
      严重程度: '错误',
      表: '表二',
      列: '自然人',
      关系: '表二「自然人」列：一+二 = （七）总计+四',
      运算数: '一 152 + 二 7 = 159；（七）总计 150 + 四 7 = 157',
      应为: 159,
      实为: 157,
      '差（实为−应为）': -2,
      核查决定: '确认',
      备注: '已电话核实',
    });
    expect(rows.filter((r) => r['序号'] === 2 && r['核查决定'] === '待核')).toHaveLength(5);
    // the typo: the suspect cell named with the figure it should hold
    const typoRows = rows.filter((r) => r['序号'] === 3);
    expect(typoRows.length).toBeGreaterThan(0);
    expect(typoRows.some((r) => String(r['很可能填错']).includes('表二「一、本年新收政府信息公开申请数量」行「自然人」列：填 152（现为 125）'))).toBe(true);
    expect(typoRows.every((r) => r['核查决定'] === null)).toBe(true);
  });

  it('数据: one row per report, one column per cell, figures as numbers', async () => {
    const ws = sheet((await read(await findingsToXlsx(entries))), '数据');
    const h = header(ws);
    expect(h.slice(0, 5)).toEqual(['序号', '文件或网址', '机关', '年度', '模板']);
    expect(h).toContain('表二·一、本年新收政府信息公开申请数量·自然人');
    expect(h).toContain('表三·行政复议·总计');
    expect(h.filter((x) => x.startsWith('表三'))).toHaveLength(15);
    expect(new Set(h).size).toBe(h.length);
    expect(ws.rowCount).toBe(4); // the three reports; failures have no figures
    const col = h.indexOf('表二·一、本年新收政府信息公开申请数量·自然人') + 1;
    expect([2, 3, 4].map((r) => ws.getRow(r).getCell(col).value)).toEqual([152, 152, 125]);
    const views = ws.views[0];
    expect(views && 'xSplit' in views ? views.xSplit : undefined).toBe(4);
  });

  it('统计: reports per status and errors per body, with data bars', async () => {
    const ws = sheet((await read(await findingsToXlsx(entries))), '统计');
    expect(header(ws).slice(0, 3)).toEqual(['状态', '报告数', '占比']);
    const counts = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [String(ws.getRow(i + 2).getCell(1).value), ws.getRow(i + 2).getCell(2).value]));
    expect(counts).toEqual({ 有错误: 2, 有警告: 0, 无问题: 1, 表格为图片: 0, 非年报: 1, 获取失败: 1 });
    expect(ws.getRow(2).getCell(3).value).toBeCloseTo(0.4);
    expect([5, 6, 7, 8].map((c) => ws.getRow(1).getCell(c).value)).toEqual(['机关', '报告数', '错误数', '发现数']);
    // per body: the two Huancui reports (the sound one and the typo) together; most errors first
    const bodies = [2, 3].map((r) => [5, 6, 7, 8].map((c) => ws.getRow(r).getCell(c).value));
    const errorsFirst = [errors.report.body, 1, errors.summary.errors, errors.findings.length];
    const huancui = ['威海市环翠区人民政府', 2, typoed.summary.errors, typoed.findings.length];
    expect(bodies).toEqual(typoed.summary.errors > errors.summary.errors ? [huancui, errorsFirst] : [errorsFirst, huancui]);
    const cf = (ws as ExcelJS.Worksheet & { conditionalFormattings: { ref: string; rules: { type: string }[] }[] }).conditionalFormattings;
    expect(cf.map((c) => [c.ref, c.rules[0]?.type])).toEqual([
      ['B2:B7', 'dataBar'],
      ['G2:G3', 'dataBar'],
    ]);
  });

  it('speaks English with lang en; text that looks like a formula stays text; control characters are dropped', async () => {
    const odd: CheckResultJson = { ...sound, report: { ...sound.report, body: '=HYPERLINK("http://x")\u0007机关' } };
    const wb = await read(await findingsToXlsx([{ source: 'a.html', result: odd }], { lang: 'en' }));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Overview', 'Findings', 'Series', 'Figures', 'Statistics']);
    const ws = sheet(wb, 'Overview');
    expect(header(ws).slice(0, 6)).toEqual(['#', 'source', 'body', 'year', 'status', 'verdict']);
    const cell = ws.getRow(2).getCell(3);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=HYPERLINK("http://x")机关');
    expect(rowOf(ws, 2)['status']).toBe('sound');
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main';
import { MIRROR_HOST, siteFetch, startSiteServer, writeTestSite, type SiteServer, type WrittenSite } from './site/site';

// Issue 19, "How to test": the CLI on the test site's three listing URLs with --xlsx, the workbook
// read back and asserted sheet by sheet, the series findings included.

let dir: string;
let site: WrittenSite;
let server: SiteServer;
let listings: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'site-'));
  site = writeTestSite(join(dir, 'www'));
  server = await startSiteServer(site);
  listings = site.listings.map((l) => server.url(l.host, l.path));
});
afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  // politeness (a delay between requests to one site) is not what these tests are about
  const code = await main(['--delay', '0', ...args], (s) => out.push(s), (s) => err.push(s), { fetch: siteFetch(server) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function workbook(file: string): Promise<ExcelJS.Workbook> {
  const bytes = readFileSync(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return wb;
}

/** A sheet's rows below the header as plain values (a link as its text). */
function rows(wb: ExcelJS.Workbook, name: string): unknown[][] {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  const out: unknown[][] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    out.push(Array.from({ length: ws.columnCount }, (_, c) => {
      const v = row.getCell(c + 1).value;
      return v !== null && typeof v === 'object' && 'text' in v ? v.text : v;
    }));
  }
  return out;
}

const header = (wb: ExcelJS.Workbook, name: string): unknown[] => (wb.getWorksheet(name)?.getRow(1).values as unknown[]).slice(1);

describe('the CLI on the test site: three listings, one workbook', () => {
  let wb: ExcelJS.Workbook;
  let result: { code: number; out: string; err: string };

  beforeAll(async () => {
    const file = join(dir, 'out.xlsx');
    result = await run(['--xlsx', file, ...listings]);
    wb = await workbook(file);
  });

  it('finds every report through the listings’ pages (下一页, createPageHTML), GBK and the PDF attachment included, and nothing off-site', () => {
    expect(result.out).toBe(`已写入 ${join(dir, 'out.xlsx')}：14 个输入，14 份报告，8 条发现`);
    expect(result.err).toContain('www.huancui.gov.cn');
    expect(result.err).toMatch(/col1001\/index\.html：读了 3 页，找到 5 份年报（1 份在其他网站，未查/);
    expect(result.err).toMatch(/xxgk\/nb\/index\.html：读了 2 页，找到 4 份年报\n/);
    expect(result.err).toMatch(/col2035\/index\.html：读了 2 页，找到 5 份年报\n/);
    expect(server.requests.some((r) => r.host === MIRROR_HOST)).toBe(false);
    expect(server.requests.filter((r) => r.status !== 200)).toEqual([]);
    // warnings only (the planted faults): exit 0
    expect(result.code).toBe(0);
  });

  it('概览: a row per report in listed order, body, year, status; the PDF and the GBK pages read', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概览', '发现', '系列', '数据', '统计']);
    const o = rows(wb, '概览');
    expect(o).toHaveLength(14);
    expect(o.map((r) => [r[2], r[3], r[4]])).toEqual([
      ['环翠区人民政府', 2025, '无问题'],
      ['威海市环翠区政府', 2024, '无问题'],
      ['环翠区人民政府', 2023, '无问题'],
      ['威海市环翠区人民政府', 2022, '无问题'],
      ['威海市环翠区人民政府', 2021, '无问题'],
      ['海阳市二十里店镇人民政府', 2025, '无问题'],
      ['海阳市二十里店镇人民政府', 2024, '无问题'],
      ['海阳市二十里店镇人民政府', 2022, '无问题'],
      ['海阳市二十里店镇人民政府', 2021, '无问题'],
      ['某某市生态环境局', 2025, '无问题'],
      ['某某市生态环境局', 2024, '有警告'],
      ['某某市生态环境局', 2023, '无问题'],
      ['某某市生态环境局', 2022, '无问题'],
      ['某某市生态环境局', 2021, '无问题'],
    ]);
    // the article page that only attaches the 2022 report stands for its PDF
    expect(o[3]?.[1]).toBe(server.url('www.huancui.gov.cn', '/module/download/attach/hc2022nb.pdf'));
    expect(o[3]?.[6]).toBe('2021年版');
  });

  it('发现: only the repeated year’s findings — copied, six carry-over columns, one 现行有效', () => {
    const f = rows(wb, '发现');
    const h = header(wb, '发现');
    const rule = h.indexOf('规则');
    const year = h.indexOf('年度');
    expect(f.map((r) => r[year])).toEqual(Array(8).fill(2024));
    expect(f.map((r) => r[rule]).sort()).toEqual(['carry-over', 'carry-over', 'carry-over', 'carry-over', 'carry-over', 'carry-over', 'copied-from-last-year', 'in-force']);
    expect(f.find((r) => r[rule] === 'copied-from-last-year')?.[h.indexOf('说明')]).toMatch(/与上年（2023年度）报告.*完全相同/);
  });

  it('系列: a row per body × year, the missing year as a row, who follows on and who does not', () => {
    expect(header(wb, '系列')).toEqual(['机关（归并）', '报告所写名称', '年度', '状态', '与上年衔接', '上年结转不符（列）', '现行有效不符（项）', '与上年完全相同', '系列说明', '序号', '文件或网址']);
    const s = rows(wb, '系列').map((r) => [r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]]);
    expect(s).toEqual([
      ['二十里店镇', '海阳市二十里店镇人民政府', 2021, '无问题', '首年（无上年可比）', null, null, null],
      ['二十里店镇', '海阳市二十里店镇人民政府', 2022, '无问题', '衔接无误', 0, 0, null],
      ['二十里店镇', null, 2023, '缺失', null, null, null, null],
      ['二十里店镇', '海阳市二十里店镇人民政府', 2024, '无问题', '上年缺失，未比', null, null, null],
      ['二十里店镇', '海阳市二十里店镇人民政府', 2025, '无问题', '衔接无误', 0, 0, null],
      ['环翠区', '威海市环翠区人民政府', 2021, '无问题', '首年（无上年可比）', null, null, null],
      ['环翠区', '威海市环翠区人民政府', 2022, '无问题', '衔接无误', 0, 0, null],
      ['环翠区', '环翠区人民政府', 2023, '无问题', '衔接无误', 0, 0, null],
      ['环翠区', '威海市环翠区政府', 2024, '无问题', '衔接无误', 0, 0, null],
      ['环翠区', '环翠区人民政府', 2025, '无问题', '衔接无误', 0, 0, null],
      ['某某市生态环境局', '某某市生态环境局', 2021, '无问题', '首年（无上年可比）', null, null, null],
      ['某某市生态环境局', '某某市生态环境局', 2022, '无问题', '衔接无误', 0, 0, null],
      ['某某市生态环境局', '某某市生态环境局', 2023, '无问题', '衔接无误', 0, 0, null],
      ['某某市生态环境局', '某某市生态环境局', 2024, '有警告', '不衔接', 6, 1, '是'],
      ['某某市生态环境局', '某某市生态环境局', 2025, '无问题', '衔接无误', 0, 0, null],
    ]);
    expect(rows(wb, '系列')[2]?.[8]).toBe('2021–2025年度之间缺少2023年度的报告');
    expect(wb.getWorksheet('系列')?.views[0]?.state).toBe('frozen');
  });

  it('数据 and 统计: a row of figures per report; statuses counted', () => {
    const d = rows(wb, '数据');
    expect(d).toHaveLength(14);
    const h = header(wb, '数据');
    const fresh = h.indexOf('表二·一、本年新收政府信息公开申请数量·总计');
    const carried = h.indexOf('表二·二、上年结转政府信息公开申请数量·总计');
    expect(fresh).toBeGreaterThan(0);
    // the repeated year holds the year before's figures (rows 11 and 12: 2024 and 2023 of 生态环境局)
    expect(d[10]?.slice(5)).toEqual(d[11]?.slice(5));
    expect(d[10]?.[carried]).not.toBeNull();
    const st = rows(wb, '统计');
    expect(st.slice(0, 2).map((r) => [r[0], r[1]])).toEqual([
      ['有错误', 0],
      ['有警告', 1],
    ]);
    expect(st[2]?.slice(0, 2)).toEqual(['无问题', 13]);
  });

  it('the terminal gets the series too (stderr beside --xlsx)', () => {
    expect(result.err).toContain('系列核对（3 个机关）：');
    expect(result.err).toContain('⚠ 2021–2025年度之间缺少2023年度的报告');
    expect(result.err).toContain('⚠ 2024年度报告的三张表与2023年度完全相同，可能照抄了上年数据');
    expect(result.err).toContain('环翠区（名称：威海市环翠区人民政府 / 环翠区人民政府 / 威海市环翠区政府）：2021–2025年度，5 份报告，逐年衔接无问题');
  });
});

describe('a file of inputs (--list) and another host allowed', () => {
  it('listings and a report mixed in a file, comments skipped; --allow-host takes the copy on the other site, and the series says 2023 has two reports with the same figures', async () => {
    const list = join(dir, 'urls.txt');
    const report2023 = server.url('www.huancui.gov.cn', site.reports.find((r) => r.body.key === '环翠区' && r.year === 2023)?.path ?? '');
    writeFileSync(list, `\uFEFF# 环翠区\n${listings[0]}\n\n${report2023}\n  ${listings[0]}  \n`);
    const r = await run(['--list', list, '--allow-host', MIRROR_HOST, '--json']);
    const json = JSON.parse(r.out) as { report: { body: string; year: number }; source: { location: string } }[];
    // the listing's five and the copy (linked from its first page); the report given by itself is
    // one the listing also found: once
    expect(json.map((x) => x.report.year)).toEqual([2025, 2024, 2023, 2023, 2022, 2021]);
    expect(json[2]?.source.location).toContain(MIRROR_HOST);
    expect(json.filter((x) => x.source.location === report2023)).toHaveLength(1);
    expect(r.err).toContain('2023年度有 2 份报告，三张表数字相同（可能是同一份报告的网页与附件或转载）');
    expect(r.code).toBe(0);
  });

  it('a list that cannot be read is said so, exit 2', async () => {
    const r = await run(['--list', join(dir, 'none.txt')]);
    expect([r.code, r.err]).toEqual([2, `无法读取 ${join(dir, 'none.txt')}：ENOENT`]);
  });
});

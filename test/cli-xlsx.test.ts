import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main';

// `--xlsx out.xlsx`: the workbook written by the command line, read back with exceljs.

const FIX = new URL('./fixtures/html/', import.meta.url).pathname;

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    const name = new URL(req.url ?? '/', 'http://x').pathname.slice(1);
    if (!/^[\w.-]+\.html$/.test(name) || !existsSync(join(FIX, name))) {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<h1>404</h1>');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(readFileSync(join(FIX, name)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function workbook(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

function texts(ws: ExcelJS.Worksheet | undefined, col: number): unknown[] {
  if (!ws) return [];
  return Array.from({ length: ws.rowCount - 1 }, (_, i) => {
    const v = ws.getRow(i + 2).getCell(col).value;
    return v !== null && typeof v === 'object' && 'text' in v ? v.text : v;
  });
}

describe('CLI --xlsx', () => {
  it('writes the workbook: a URL, a local file, a page without a report and a 404, in input order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-xlsx-'));
    const path = join(dir, 'out.xlsx');
    const inputs = [`${base}/huancui-2023.html`, join(FIX, 'errors.html'), join(FIX, 'no-report.html'), `${base}/gone.html`];
    const r = await run(['--xlsx', path, ...inputs]);
    expect(r.code).toBe(2); // an input could not be checked
    expect(r.out).toBe(`已写入 ${path}：4 个输入，2 份报告，6 条发现`);
    expect(r.err).toContain('gone.html');
    const wb = await workbook(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概览', '发现', '系列', '数据', '统计']);
    const overview = wb.getWorksheet('概览');
    expect(texts(overview, 2)).toEqual(inputs);
    expect(texts(overview, 5)).toEqual(['无问题', '有错误', '非年报', '获取失败']);
    expect(texts(overview, 3).slice(0, 2)).toEqual(['威海市环翠区人民政府', '威海市某某区人民政府']);
    // a URL is a link, a file is not
    expect(overview?.getRow(2).getCell(2).value).toEqual({ text: inputs[0], hyperlink: inputs[0] });
    expect(overview?.getRow(3).getCell(2).value).toBe(inputs[1]);
    expect(String(overview?.getRow(5).getCell(6).value)).toContain('404');
    const findings = wb.getWorksheet('发现');
    expect(texts(findings, 18)).toEqual(['balance', 'balance', 'results-total', 'row-total', 'review-litigation-total', 'prose-figures']);
    expect(texts(findings, 6).slice(0, 2)).toEqual(['表二', '表二']);
    expect(wb.getWorksheet('数据')?.rowCount).toBe(3);
  });

  it('keeps --csv on stdout beside the workbook; the note goes to stderr', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'cli-xlsx-')), 'out.xlsx');
    const r = await run(['--csv', '--xlsx', path, join(FIX, 'errors.html')]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('balance');
    expect(r.err).toContain('已写入');
    expect((await workbook(path)).getWorksheet('发现')?.rowCount).toBe(7);
  });

  it('says why it cannot write the file, and asks for a path', async () => {
    const r = await run(['--xlsx', '/nonexistent-dir/out.xlsx', join(FIX, 'errors.html')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('无法写入 /nonexistent-dir/out.xlsx：ENOENT');
    const bad = await run(['--xlsx']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--xlsx takes the path');
  });
});

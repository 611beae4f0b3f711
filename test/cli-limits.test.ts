import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main';
import { zipInflatedSize } from '../src/extract/docx';
import { MAX_DOCX_INFLATED_BYTES, MAX_FILE_BYTES } from '../src/extract/limits';
import { printable } from '../src/cli/printable';
import { CheckResultSchema } from '../src/model/result';

// Issue 16, items 3, 8 and 11: the command line past its bounds. Every input gets its own answer
// in Chinese (too large, too deep, empty), nothing crashes, and other inputs' results are kept.

const FIX = join(import.meta.dirname, 'fixtures', 'html');
const dir = mkdtempSync(join(tmpdir(), 'grc-cli-limits-'));
const file = (name: string, body: string | Uint8Array): string => {
  const p = join(dir, name);
  writeFileSync(p, body);
  return p;
};

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const page = (body: string, title = 't'): string => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
const WIDE = `<table><tr>${'<td colspan=500>x</td>'.repeat(40)}</tr>${Array.from({ length: 2000 }, (_, i) => `<tr><td>${i}</td></tr>`).join('')}</table>`;

describe('--json: one entry per input', () => {
  it('a report, a missing file and an empty page: three entries in input order, the failures with their reason', async () => {
    const good = join(FIX, 'errors.html');
    const empty = file('empty.html', '');
    const r = await run(['--json', good, join(dir, 'nope.html'), empty]);
    expect(r.code).toBe(2);
    const entries = JSON.parse(r.out) as Record<string, unknown>[];
    expect(entries).toHaveLength(3);
    expect(CheckResultSchema.safeParse(entries[0]).success).toBe(true);
    expect(entries[1]).toEqual({ schemaVersion: 1, source: { kind: 'file', location: join(dir, 'nope.html') }, error: '文件不存在' });
    expect(entries[2]).toMatchObject({ source: { location: empty }, error: '文件为空（0 字节），没有可检查的内容' });
  });

  it('a single failing input prints its entry (it printed nothing)', async () => {
    const r = await run(['--json', join(dir, 'nope.html')]);
    expect(JSON.parse(r.out)).toMatchObject({ source: { kind: 'file' }, error: '文件不存在' });
    expect(r.code).toBe(2);
  });
});

describe('bounds, each with a clear Chinese reason', () => {
  it('an empty .html and a 0-byte .pdf say they are empty', async () => {
    for (const name of ['blank.html', 'blank.pdf']) {
      const p = file(name, '');
      const r = await run([p]);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`${p}: 文件为空（0 字节），没有可检查的内容`);
    }
  });

  it('a local file over the size limit is not read', async () => {
    const p = join(dir, 'huge.html');
    const fd = openSync(p, 'w');
    ftruncateSync(fd, MAX_FILE_BYTES + 1); // sparse: nothing is written
    closeSync(fd);
    const r = await run([p]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/文件过大（50\.0 MB，上限 50 MB），未读取$/);
  });

  it('the wide table beside a report: the report is checked, the table is called too large, in one run', async () => {
    const wide = file('wide.html', page(WIDE));
    const r = await run(['--json', join(FIX, 'errors.html'), wide]);
    const [report, failed] = JSON.parse(r.out) as [{ summary: { errors: number } }, { error: string }];
    expect(report.summary.errors).toBe(5);
    expect(failed.error).toMatch(/^超出处理上限：第 1 个表格过大（2001 行 × 200 列），未读取。未发现/);
  });

  it('tables nested 1,000 deep: too deep, said so, no crash', async () => {
    const deep = file('deep.html', page('<table><tr><td>'.repeat(1000) + 'x' + '</td></tr></table>'.repeat(1000)));
    const r = await run([deep]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('超出处理上限：网页元素嵌套超过 400 层');
  });

  it('a .docx that would inflate past the limit is refused before it is inflated', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
    zip.file('word/document.xml', ' '.repeat(MAX_DOCX_INFLATED_BYTES + 1_000));
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } });
    expect(bytes.length).toBeLessThan(1_000_000);
    expect(zipInflatedSize(bytes)).toBeGreaterThan(MAX_DOCX_INFLATED_BYTES);
    const p = file('bomb.docx', bytes);
    const r = await run([p]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`${p}: 「${p}」解压后过大（超过 100 MB），未读取`);
  }, 30_000);
});

describe('control characters never reach the terminal', () => {
  const ESC_TITLE = '\u001b]0;pwned\u0007\u001b[2J\u009b31m某某区人民政府2023年政府信息公开工作年度报告\r\u202e';

  it('a report whose title holds escape sequences: the summary and the JSON print none', async () => {
    const html = readFileSync(join(FIX, 'errors.html'), 'utf8').replace(/<title>[^<]*<\/title>/, `<title>${ESC_TITLE}</title>`).replace(/<h1 class="article-title">[^<]*<\/h1>/, `<h1 class="article-title">${ESC_TITLE}</h1>`);
    const p = file('escapes.html', html);
    for (const args of [[p], ['--json', p], ['--csv', p]]) {
      const r = await run(args);
      expect(r.out.length).toBeGreaterThan(0);
      // eslint-disable-next-line no-control-regex
      expect(r.out + r.err, args.join(' ')).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/);
    }
  });

  it('a file name with escape sequences, in the failure line', async () => {
    const r = await run([join(dir, 'no\u001b[2Jsuch.html')]);
    expect(r.err).toBe(`${join(dir, 'no[2Jsuch.html')}: 文件不存在`);
  });

  it('printable keeps text, tabs, line ends and CRLF', () => {
    expect(printable('表二\t应为 159\r\n实为 157\n')).toBe('表二\t应为 159\r\n实为 157\n');
    expect(printable('a\u001b[31mb\u0007c\u009bd\u202ee')).toBe('a[31mbcde');
  });
});

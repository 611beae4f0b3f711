import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { WordFileError, convertDocx, docxToHtml, extractDocx } from '../../src/extract/docx';
import { checkDocument, checkExtracted } from '../../src/pipeline';
import { CheckResultSchema, type CheckResultJson } from '../../src/model/result';
import { normalizeText } from '../../src/text/normalize';
import type { CellValue } from '../../src/text/cell-value';
import { FIXTURES, type ReportSpec } from '../fixtures/html/specs';
import { makeDocx, oleBytes } from '../support/make-docx';

const DIR = new URL('../fixtures/html/', import.meta.url);

const parse = (html: string): Document => parseHTML(html).document as unknown as Document;

function spec(name: string): ReportSpec {
  const s = FIXTURES.find((x) => x.name === name);
  if (!s) throw new Error(`no spec ${name}`);
  return s;
}

function fromHtml(name: string): CheckResultJson {
  const out = checkDocument(parse(readFileSync(new URL(`${name}.html`, DIR), 'utf8')), { kind: 'file', location: `${name}.html`, format: 'html' });
  if (!out.ok) throw new Error(`${name}.html: ${out.reason.en}`);
  return out.result;
}

async function fromDocx(name: string): Promise<CheckResultJson> {
  const bytes = await makeDocx(spec(name));
  const out = checkExtracted(await extractDocx(bytes, parse, { name: `${name}.docx` }), { kind: 'file', location: `${name}.docx`, format: 'html' });
  if (!out.ok) throw new Error(`${name}.docx: ${out.reason.en}`);
  expect(CheckResultSchema.safeParse(out.result).success).toBe(true);
  return out.result;
}

const ids = (r: CheckResultJson): string[] => r.findings.map((f) => `${f.severity} ${f.id}`).sort();
/** A cell value with its raw text normalised: an HTML `&nbsp;` cell and an empty Word cell are both blank. */
const norm = (v: CellValue): unknown => ({ ...v, raw: normalizeText(v.raw) });
const values = (r: CheckResultJson, t: 't2' | 't3'): unknown[][] => r.report.tables[t].rows.map((row) => row.cells.map((c) => norm(c.value)));

describe('.docx reports (mammoth → extractHtml): the same findings as the HTML fixture', () => {
  for (const name of ['seed-004', 'errors', 'blanks', 'template-2019', 'seed-000']) {
    it(name, async () => {
      const [docx, html] = [await fromDocx(name), fromHtml(name)];
      expect(ids(docx)).toEqual(ids(html));
      expect(ids(docx).length > 0 || name === 'template-2019').toBe(true);
      expect(docx.report.template).toBe(spec(name).template);
      expect(docx.report.year).toBe(spec(name).year);
      expect(docx.report.tables.t2.rows.map((r) => r.key)).toEqual(html.report.tables.t2.rows.map((r) => r.key));
      expect(values(docx, 't2')).toEqual(values(html, 't2'));
      expect(values(docx, 't3')).toEqual(values(html, 't3'));
    });
  }

  it('seed-000: the two empty label cells are placed by position, their zeros kept', async () => {
    const r = await fromDocx('seed-000');
    const placed = r.report.tables.t2.rows.filter((x) => x.placed === 'position').map((x) => x.key);
    expect(placed).toEqual(['withheld-6', 'withheld-8']);
    expect(r.report.tables.t2.rows.every((x) => x.cells.every((c) => c.value.kind === 'number' && c.value.value === 0))).toBe(true);
  });

  it('errors: the failing figures are the same as on the page', async () => {
    const r = await fromDocx('errors');
    const got = Object.fromEntries(r.findings.filter((f) => f.severity === 'error').map((f) => [f.id, [f.expected, f.found]]));
    expect(got).toEqual({
      'balance/t2:natural': [159, 157],
      'balance/t2:total': [163, 161],
      'results-total/t2:total': [155, 154],
      'row-total/t2:unable-1': [72, 73],
      'review-litigation-total/t3:review': [7, 8],
    });
  });

  it('merged cells come out as Word has them: 本年度办理结果 over 22 rows, the groups over theirs', async () => {
    const html = await docxToHtml(await makeDocx(spec('seed-004')));
    expect(html).toMatch(/<td rowspan="22">(?:(?!<\/td>).)*三、本年度办理结果/);
    expect(html).toMatch(/<td rowspan="8">(?:(?!<\/td>).)*（三）/);
    expect(html).toMatch(/<td colspan="3" rowspan="3">(?:(?!<\/td>).)*勾稽关系/);
    expect(html).toContain('<h1>一、总体情况</h1>');
  });

  it('tables as pictures (seed-002): the pictures are named, not read, and the finding is the same', async () => {
    const { html } = await convertDocx(await makeDocx(spec('seed-002')));
    expect(html).toMatch(/<img [^>]*src="docx-image-1\.png"/);
    expect(html).not.toContain('base64');
    expect(ids(await fromDocx('seed-002'))).toEqual(['error tables-present/image']);
  });

  it("mammoth's warnings are kept as notes", async () => {
    const doc = await extractDocx(await makeDocx(spec('seed-004')), parse);
    expect(doc.notes.every((n) => n.startsWith('docx: '))).toBe(true);
    const { notes } = await convertDocx(await makeDocx(spec('seed-004')));
    expect(notes.length).toBeGreaterThan(0); // the docx package's Title style is not in mammoth's default map
    expect(doc.notes).toEqual(notes);
  });

  it('an old .doc / .wps (OLE2, D0 CF 11 E0) is refused with a message naming the file', async () => {
    const err = await docxToHtml(oleBytes(), { name: '2023年报.doc' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WordFileError);
    if (!(err instanceof WordFileError)) return;
    expect(err.code).toBe('legacy-word');
    expect(err.reason.zh).toBe('暂不支持 .doc/.wps 文件：「2023年报.doc」是旧版 Word 97-2003 或 WPS 格式，请用 Word 或 WPS 另存为 .docx、网页或文本后再检查');
    expect(err.reason.en).toContain('"2023年报.doc" is in the old Word 97-2003 or WPS format');
    expect(err.message).toBe(err.reason.en);
  });

  it('bytes that are not a ZIP, or a broken ZIP, are refused without a stack trace', async () => {
    const notZip = await docxToHtml(new TextEncoder().encode('hello'), { name: 'x.docx' }).catch((e: unknown) => e);
    expect(notZip).toBeInstanceOf(WordFileError);
    expect((notZip as WordFileError).code).toBe('not-docx');
    expect((notZip as WordFileError).reason.zh).toContain('「x.docx」不是有效的 Word 2007+（.docx）文件');
    const broken = new Uint8Array(64);
    broken.set([0x50, 0x4b, 0x03, 0x04]);
    const bad = await docxToHtml(broken, { name: 'y.docx' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(WordFileError);
    expect((bad as WordFileError).code).toBe('unreadable');
    expect((bad as WordFileError).reason.zh).toContain('无法读取「y.docx」');
  });
});

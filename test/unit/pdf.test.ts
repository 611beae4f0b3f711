// The PDF extractor against the HTML form of the same report.
//
// test/fixtures/pdf/*.pdf are the HTML fixtures printed by headless Chromium
// (scripts/make-pdf-fixtures.ts: A4, page numbers `-4-` / `— 4 —` / `第4页` in the footer, a running
// header on some, and the 三、本年度办理结果 cell narrow enough to print two characters a line).
// Each PDF must give exactly the findings its HTML page gives (by id and severity) and the same
// figures in tables 1–3, cell by cell — read once from the tables' ruling lines (the default),
// and once from text positions alone (`tables: 'text'`), the reading used for PDFs without
// borders. No difference had to be allowed for: every fixture reads the same both ways.
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractPdf, SCANNED_REASON, type PdfExtractedDoc } from '../../src/extract/pdf';
import { extractHtml } from '../../src/extract/html';
import type { GridCell } from '../../src/extract/types';
import { checkDocument, checkExtracted } from '../../src/pipeline';
import type { CheckResultJson } from '../../src/model/result';

const PDF_DIR = new URL('../fixtures/pdf/', import.meta.url);
const HTML_DIR = new URL('../fixtures/html/', import.meta.url);
const SLOW = 60_000; // pdf.js parses every font subset Chromium embeds: ~0.3–1 s a file

const FIXTURES = ['seed-000', 'seed-001', 'seed-002', 'seed-003', 'seed-004', 'errors', 'blanks', 'template-2019', 'split-table'];
const MODES = ['auto', 'text'] as const;
type Mode = (typeof MODES)[number];

const pdfBytes = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`${name}.pdf`, PDF_DIR)));

const extracted = new Map<string, Promise<PdfExtractedDoc>>();
function pdfDoc(name: string, mode: Mode): Promise<PdfExtractedDoc> {
  const key = `${name}:${mode}`;
  let p = extracted.get(key);
  if (!p) {
    p = extractPdf(pdfBytes(name), { tables: mode });
    extracted.set(key, p);
  }
  return p;
}

async function pdfResult(name: string, mode: Mode): Promise<CheckResultJson> {
  const out = checkExtracted(await pdfDoc(name, mode), { kind: 'file', location: `${name}.pdf`, format: 'text' });
  if (!out.ok) throw new Error(`${name}.pdf (${mode}): ${out.reason.en}`);
  return out.result;
}

function htmlDocument(name: string): Document {
  const { document } = parseHTML(readFileSync(new URL(`${name}.html`, HTML_DIR), 'utf8'));
  return document as unknown as Document;
}

function htmlResult(name: string): CheckResultJson {
  const out = checkDocument(htmlDocument(name), { kind: 'file', location: `${name}.html`, format: 'html' });
  if (!out.ok) throw new Error(`${name}.html: ${out.reason.en}`);
  return out.result;
}

const ids = (r: CheckResultJson): string[] => r.findings.map((f) => `${f.severity} ${f.id}`).sort();

/** Each table's cells as `kind:value` (the printed `raw` may differ: PDF text has no `&nbsp;`). */
function values(r: CheckResultJson, t: 't1' | 't2' | 't3'): string[][] {
  return r.report.tables[t].rows.map((row) => row.cells.map((c) => (c.value.kind === 'number' ? `number:${c.value.value}` : c.value.kind)));
}

const gridCells = (doc: PdfExtractedDoc): GridCell[] => doc.items.flatMap((i) => (i.kind === 'grid' ? i.grid.rows.flat() : []));
const paras = (doc: { items: PdfExtractedDoc['items'] }): string[] => doc.items.flatMap((i) => (i.kind === 'para' ? [i.text] : []));

for (const mode of MODES) {
  describe(`PDF fixtures read ${mode === 'auto' ? 'from their ruling lines' : 'from text positions alone'}: the same as their HTML form`, () => {
    for (const name of FIXTURES) {
      it(
        name,
        async () => {
          const doc = await pdfDoc(name, mode);
          expect(doc.scanned).toBe(false);
          expect(doc.pages).toBeGreaterThanOrEqual(4);
          const pdf = await pdfResult(name, mode);
          const html = htmlResult(name);
          expect(ids(pdf)).toEqual(ids(html));
          for (const t of ['t1', 't2', 't3'] as const) {
            expect(pdf.report.tables[t].status, `${name} ${t} status`).toBe(html.report.tables[t].status);
            expect(values(pdf, t), `${name} ${t}`).toEqual(values(html, t));
          }
          expect(pdf.report.template).toBe(html.report.template);
          expect(pdf.report.year).toBe(html.report.year);
          expect(pdf.report.body).toBe(html.report.body);
          expect(pdf.report.published).toBe(html.report.published);
          expect(pdf.report.statements.map((s) => [s.kind, s.value])).toEqual(html.report.statements.map((s) => [s.kind, s.value]));
        },
        SLOW,
      );
    }

    it(
      'provenance: every table 2 cell points at a running line number, in page order',
      async () => {
        for (const name of ['seed-004', 'split-table']) {
          const r = await pdfResult(name, mode);
          const firstLines: number[] = [];
          for (const row of r.report.tables.t2.rows) {
            for (const cell of row.cells) {
              expect(cell.src?.kind).toBe('text');
              if (cell.src?.kind === 'text') expect(cell.src.line).toBeGreaterThanOrEqual(1);
            }
            const src = row.cells[0]?.src;
            if (src?.kind === 'text') firstLines.push(src.line);
          }
          // table 2 runs over a page break in both: the numbers keep counting across pages
          expect(firstLines).toEqual([...firstLines].sort((a, b) => a - b));
        }
      },
      SLOW,
    );

    it(
      'the vertical 三、本年度办理结果 and labels broken over two lines come out whole',
      async () => {
        // the cells of the grid(s) holding table 2 (table 3's stacked headers 结/果/维/持 are one character a line too)
        const doc = await pdfDoc('seed-004', mode);
        const texts = doc.items
          .flatMap((i) => (i.kind === 'grid' && i.grid.rows.some((r) => r.some((c) => c.text.includes('本年度办理结果') || c.text === '（七）总计')) ? i.grid.rows.flat() : []))
          .map((c) => c.text);
        expect(texts).toContain('三、本年度办理结果');
        expect(texts).toContain('（四）无法提供');
        expect(texts).toContain('5.要求行政机关确认或重新出具已获取信息');
        expect(texts).toContain('2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请');
        // no piece of the vertical label is left as a label of its own
        for (const piece of ['三、', '本年', '度办', '理结', '果']) expect(texts).not.toContain(piece);
        // read from the rules, the 22-row cell is one cell repeated down its rows, as in HTML
        const copies = gridCells(doc).filter((c) => !c.origin && c.text === '三、本年度办理结果').length;
        if (mode === 'auto') expect(copies).toBeGreaterThanOrEqual(10);
        else expect(copies).toBe(0);
      },
      SLOW,
    );
  });
}

describe('PDF page furniture', () => {
  it(
    'page numbers (-4-, — 4 —, 第4页) and running headers are dropped, wherever they fall',
    async () => {
      const marker = /^(?:[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页)$/;
      for (const name of FIXTURES) {
        const doc = await pdfDoc(name, 'auto');
        expect(paras(doc).filter((p) => marker.test(p)), name).toEqual([]);
        expect(gridCells(doc).filter((c) => marker.test(c.text)), name).toEqual([]);
      }
      // seed-004 and seed-001 print their title as a running header on every page: it must be
      // found as often as the web page shows it, not once a page
      for (const [name, header] of [
        ['seed-004', '威海市环翠区人民政府2024年政府信息公开工作年度报告'],
        ['seed-001', '海青镇2023年政府信息公开工作年度报告'],
      ] as const) {
        const inHtml = paras(extractHtml(htmlDocument(name))).filter((p) => p === header).length;
        expect(paras(await pdfDoc(name, 'auto')).filter((p) => p === header).length, name).toBe(inHtml);
      }
    },
    SLOW,
  );

  it(
    'a paragraph wrapped over lines and pages reads as one, and section headings stay their own',
    async () => {
      const doc = await pdfDoc('seed-004', 'auto');
      const all = paras(doc);
      expect(all).toContain('2.依申请公开工作方面。2024年全区新收政府信息公开申请156件，结转下年度继续办理7件，申请领域主要包括土地征收、建设项目、房地产及物业等。本年度共收到政府信息公开申请方面的行政复议7件，纠错3件；行政诉讼案件5件，未发生行政诉讼败诉案件。');
      for (const h of ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '六、其他需要报告的事项']) {
        expect(all).toContain(h);
      }
      // CJK radicals the font's ToUnicode map names (⺠ ⻚ ⻓) are read as the characters they stand for
      expect(all.join('')).not.toMatch(/[\u2E80-\u2FDF]/);
    },
    SLOW,
  );
});

describe('PDF tables as pictures', () => {
  it(
    'seed-002: text with tables that are pictures → the three tables have status image',
    async () => {
      const doc = await pdfDoc('seed-002', 'auto');
      expect(doc.scanned).toBe(false);
      expect(doc.items.filter((i) => i.kind === 'image').map((i) => (i.kind === 'image' ? i.name : ''))).toEqual(
        expect.arrayContaining([expect.stringMatching(/^第\d+页图片\d+$/)]),
      );
      const r = await pdfResult('seed-002', 'auto');
      expect([r.report.tables.t1.status, r.report.tables.t2.status, r.report.tables.t3.status]).toEqual(['image', 'image', 'image']);
      expect(ids(r)).toEqual(['error tables-present/image']);
    },
    SLOW,
  );

  // Decision: a PDF with no text at all is not run through the checks as if it were a report with
  // picture tables. There is no title, no section and no figure to go on, so the pipeline finds
  // no report (ok: false); the caller looks at `scanned` first and says SCANNED_REASON instead
  // ("PDF 为扫描件/图片，无法读取…", see src/batch/check-document.ts), which is what a person needs
  // to hear: OCR the file, then check it.
  it(
    'scanned.pdf: no text layer → scanned, only pictures, and the reason to give says so',
    async () => {
      const doc = await extractPdf(pdfBytes('scanned'));
      expect(doc.scanned).toBe(true);
      expect(doc.pages).toBe(2);
      expect(doc.items.map((i) => i.kind)).toEqual(['image', 'image']);
      expect(doc.notes).toContain(SCANNED_REASON.zh);
      expect(SCANNED_REASON.zh).toContain('扫描件/图片，无法读取');
      expect(SCANNED_REASON.en).toMatch(/scanned/i);
      const out = checkExtracted(doc, { kind: 'file', location: 'scanned.pdf', format: 'text' });
      expect(out.ok).toBe(false);
    },
    SLOW,
  );
});

describe('PDF files that cannot be read', () => {
  const oneLine = (e: unknown): string => {
    expect(e).toBeInstanceOf(Error);
    const msg = e instanceof Error ? e.message : '';
    expect(msg).not.toContain('\n');
    return msg;
  };

  it('a truncated PDF (its first 500 bytes) rejects with a one-line reason', async () => {
    const cut = pdfBytes('seed-004').slice(0, 500);
    const err = await extractPdf(cut).then(
      () => null,
      (e: unknown) => e,
    );
    expect(oneLine(err)).toMatch(/^PDF 文件已损坏或不完整，无法打开 \/ the PDF is damaged or truncated/);
  });

  it('a PDF cut short at the end, a file that is not a PDF, an empty file: each rejects with its reason', async () => {
    const whole = pdfBytes('errors');
    const reasons = await Promise.all(
      [whole.slice(0, whole.length - 4000), new TextEncoder().encode('<html>not a pdf</html>'), new Uint8Array(0)].map((b) =>
        extractPdf(b).then(
          () => 'resolved',
          (e: unknown) => oneLine(e),
        ),
      ),
    );
    expect(reasons[0]).toMatch(/损坏或不完整/);
    expect(reasons[1]).toMatch(/^不是 PDF 文件/);
    expect(reasons[2]).toMatch(/^PDF 文件是空的/);
  });

  it(
    "the caller's bytes are left usable (pdf.js takes over the buffer it is given)",
    async () => {
      const bytes = pdfBytes('split-table');
      const n = bytes.length;
      await extractPdf(bytes);
      expect(bytes.length).toBe(n);
      expect(bytes[0]).toBe(0x25); // %
    },
    SLOW,
  );
});

describe('older Chinese PDFs: fonts not embedded, text through a predefined CMap', () => {
  /** A one-page PDF whose font is STSong-Light (not embedded) with the UniGB-UCS2-H encoding. */
  function songPdf(hex: string): Uint8Array {
    const content = `BT /F1 12 Tf 100 700 Td <${hex}> Tj ET`;
    const objs = [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 6 0 R >>',
      '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [5 0 R] >>',
      '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R /DW 1000 >>',
      `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
      '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-250 -143 600 857] /ItalicAngle 0 /Ascent 857 /Descent -143 /CapHeight 857 /StemV 91 >>',
    ];
    let out = '%PDF-1.4\n';
    const offsets: number[] = [];
    objs.forEach((o, i) => {
      offsets.push(out.length);
      out += `${i + 1} 0 obj\n${o}\nendobj\n`;
    });
    const xref = out.length;
    out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
    out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
    return new TextEncoder().encode(out);
  }

  it('the CJK character maps come from the installed pdfjs-dist (without them there is no text at all)', async () => {
    // 新收 1 5 6 件
    const doc = await extractPdf(songPdf('65B06536003100350036' + '4EF6'));
    expect(doc.scanned).toBe(false);
    expect(paras(doc)).toEqual(['新收156件']);
  });
});

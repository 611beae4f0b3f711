// PDF test fixtures, printed from the HTML fixtures by headless Chromium.
//
// Regenerate (after `npx tsx test/fixtures/html/build.ts` changed the HTML, or to change the
// print settings below):
//
//     apt-get download fonts-droid-fallback && dpkg-deb -x fonts-droid-fallback_*.deb /tmp/droid
//     PDF_FIXTURE_FONT=/tmp/droid/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf \
//       npx tsx scripts/make-pdf-fixtures.ts
//
// (or `apt-get install fonts-droid-fallback`, which puts the font at the default path below). It
// writes test/fixtures/pdf/<name>.pdf for each name in FIXTURES, plus scanned.pdf (a report whose
// pages are pictures only, with no text layer at all). The output is what test/unit/pdf.test.ts
// reads; commit it with the HTML it came from. Needs /usr/bin/chromium and the Noto CJK fonts
// (fonts-noto-cjk): without a CJK font the Chinese prints as boxes and the PDF has no text.
//
// Fonts: Chromium embeds a system OpenType/CFF CJK font (Noto) as Type3 fonts of at most 256 glyphs
// each, and their ToUnicode maps name CJK radicals (⺠ for 民, ⻚ for 页) — that is how browser-
// printed PDFs look, kept for seed-003 and seed-004 (~450 KB each). The other fixtures use a
// TrueType CJK font, served to the page as a web font so nothing on the machine changes, which
// Chromium embeds as one CID font, as Word and WPS do with 宋体/仿宋 (~150 KB each).
//
// Every page is loaded from a made-up origin through page.route: the fixture itself is served
// from disk, the two picture files of seed-002 get a drawn table picture (a PNG the page draws
// on a canvas), and every other request (site CSS/JS, analytics, logos) is aborted, so nothing
// leaves the machine.
//
// What the printing adds on purpose, to look like real report PDFs:
//  - page numbers in the footer, in the three styles real reports use (`-4-`, `— 4 —`, `第4页`),
//    which pdf.js reads as text between the table rows of two pages;
//  - on some fixtures a running header repeated on every page (the report title), which the
//    extractor must drop as a repeated header;
//  - the 三、本年度办理结果 cell of table 2 is narrow in the Word layout, so Chromium wraps it one
//    or two characters a line, as in real PDFs; labels wrap over two to six lines.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';

const ROOT = new URL('../', import.meta.url);
const HTML_DIR = new URL('test/fixtures/html/', ROOT);
const PDF_DIR = new URL('test/fixtures/pdf/', ROOT);
const ORIGIN = 'http://fixtures.invalid';
const FONT_FILE = process.env.PDF_FIXTURE_FONT ?? '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf';
const WEB_FONT = 'FixtureCJK';

interface Fixture {
  name: string;
  /** the page-number style printed in the footer */
  pageMarker: 'dash' | 'emdash' | 'chinese';
  /** a running header repeated on every page */
  header?: string;
  /** 'system': Chromium's own CJK font (Noto, embedded as Type3); default: the TrueType web font */
  font?: 'system';
}

const FIXTURES: Fixture[] = [
  { name: 'seed-000', pageMarker: 'dash' },
  { name: 'seed-001', pageMarker: 'emdash', header: '海青镇2023年政府信息公开工作年度报告' },
  { name: 'seed-002', pageMarker: 'dash' },
  { name: 'seed-003', pageMarker: 'chinese', font: 'system' },
  { name: 'seed-004', pageMarker: 'dash', header: '威海市环翠区人民政府2024年政府信息公开工作年度报告', font: 'system' },
  { name: 'errors', pageMarker: 'emdash' },
  { name: 'blanks', pageMarker: 'dash' },
  { name: 'template-2019', pageMarker: 'chinese', header: '某某县住房和城乡建设局2020年政府信息公开工作年度报告' },
  { name: 'split-table', pageMarker: 'dash' },
];

// Header and footer templates are rendered apart from the page: they get the system font.
function footer(style: Fixture['pageMarker']): string {
  const n = '<span class="pageNumber"></span>';
  const text = style === 'dash' ? `-${n}-` : style === 'emdash' ? `— ${n} —` : `第${n}页`;
  return `<div style="width:100%;text-align:center;font-size:10px">${text}</div>`;
}

function header(text: string | undefined): string {
  if (!text) return '<span></span>';
  return `<div style="width:100%;text-align:center;font-size:8px;color:#555">${text}</div>`;
}

/** A PNG of a ruled table with a few printed labels and figures: what a "table as picture" looks like. */
async function tablePicture(page: Page, title: string): Promise<Buffer> {
  await page.setContent('<!DOCTYPE html><html><body></body></html>');
  const dataUrl = await page.evaluate((caption: string) => {
    const c = document.createElement('canvas');
    c.width = 900;
    c.height = 560;
    const g = c.getContext('2d');
    if (!g) return '';
    g.fillStyle = '#fff';
    g.fillRect(0, 0, c.width, c.height);
    g.strokeStyle = '#000';
    g.lineWidth = 1;
    g.fillStyle = '#000';
    g.font = '20px sans-serif';
    g.fillText(caption, 20, 32);
    const rows = 14;
    const cols = [20, 300, 380, 460, 540, 620, 700, 780, 880];
    const top = 50;
    const h = 34;
    for (let r = 0; r <= rows; r++) {
      g.beginPath();
      g.moveTo(cols[0] ?? 0, top + r * h);
      g.lineTo(cols[cols.length - 1] ?? 0, top + r * h);
      g.stroke();
    }
    for (const x of cols) {
      g.beginPath();
      g.moveTo(x, top);
      g.lineTo(x, top + rows * h);
      g.stroke();
    }
    g.font = '15px sans-serif';
    const labels = ['一、本年新收政府信息公开申请数量', '二、上年结转政府信息公开申请数量', '（一）予以公开', '（二）部分公开', '（三）不予公开'];
    labels.forEach((l, r) => g.fillText(l, 26, top + (r + 1) * h + 22));
    for (let r = 1; r < rows; r++) {
      for (let k = 1; k < cols.length - 1; k++) g.fillText('0', (cols[k] ?? 0) + 34, top + r * h + 22);
    }
    return c.toDataURL('image/png');
  }, title);
  const b64 = dataUrl.replace(/^data:image\/png;base64,/, '');
  if (b64 === '') throw new Error('canvas picture could not be drawn');
  return Buffer.from(b64, 'base64');
}

async function printFixture(page: Page, fx: Fixture, picture: Buffer, font: Buffer): Promise<Buffer> {
  const html = readFileSync(new URL(`${fx.name}.html`, HTML_DIR));
  await page.unroute('**/*');
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== ORIGIN) return route.abort();
    if (url.pathname === `/${fx.name}.html`) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    if (url.pathname.startsWith('/picture/')) return route.fulfill({ status: 200, contentType: 'image/png', body: picture });
    if (url.pathname === '/fixture-font.ttf') return route.fulfill({ status: 200, contentType: 'font/ttf', body: font });
    return route.abort();
  });
  await page.goto(`${ORIGIN}/${fx.name}.html`, { waitUntil: 'load' });
  if (fx.font !== 'system') {
    await page.addStyleTag({
      content: `@font-face { font-family: ${WEB_FONT}; src: url(/fixture-font.ttf) format('truetype'); } * { font-family: ${WEB_FONT} !important; }`,
    });
    const loaded = await page.evaluate(async (family: string) => {
      await document.fonts.load(`16px ${family}`, '政府');
      await document.fonts.ready;
      return document.fonts.check(`16px ${family}`, '政府');
    }, WEB_FONT);
    if (!loaded) throw new Error(`${fx.name}: the web font did not load`);
  }
  return page.pdf({
    format: 'A4',
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: header(fx.header),
    footerTemplate: footer(fx.pageMarker),
    margin: { top: '18mm', bottom: '18mm', left: '15mm', right: '15mm' },
  });
}

/**
 * scanned.pdf: a scanned report — every page is one picture, no text layer at all. Two pages, each a
 * full-page <img> of a drawn table and nothing else (no alt text, which would print as text).
 */
async function printScanned(page: Page, picture: Buffer): Promise<Buffer> {
  const src = `data:image/png;base64,${picture.toString('base64')}`;
  const img = `<img src="${src}" style="display:block;width:100%;page-break-after:always">`;
  await page.unroute('**/*');
  await page.setContent(`<!DOCTYPE html><html><body style="margin:0">${img}${img}</body></html>`, { waitUntil: 'load' });
  return page.pdf({ format: 'A4', printBackground: true });
}

async function main(): Promise<void> {
  if (!existsSync(FONT_FILE)) {
    throw new Error(`no TrueType CJK font at ${FONT_FILE}: see the top of this file (set PDF_FIXTURE_FONT)`);
  }
  const font = readFileSync(FONT_FILE);
  mkdirSync(PDF_DIR, { recursive: true });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    const picture = await tablePicture(page, '政府信息公开工作年度报告 统计表');
    for (const fx of FIXTURES) {
      const pdf = await printFixture(page, fx, picture, font);
      writeFileSync(new URL(`${fx.name}.pdf`, PDF_DIR), pdf);
      console.log(`${fx.name}.pdf  ${(pdf.length / 1024).toFixed(1)} KB`);
    }
    const scanned = await printScanned(page, picture);
    writeFileSync(new URL('scanned.pdf', PDF_DIR), scanned);
    console.log(`scanned.pdf  ${(scanned.length / 1024).toFixed(1)} KB`);
  } finally {
    await browser.close();
  }
}

await main();

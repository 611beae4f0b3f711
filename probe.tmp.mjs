import { readFileSync } from 'node:fs';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
const name = process.argv[2];
const data = new Uint8Array(readFileSync(`/work/main/test/fixtures/pdf/${name}.pdf`));
const t0 = performance.now();
const doc = await pdfjs.getDocument({ data, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
console.log('pages', doc.numPages, performance.now() - t0);
for (let p = 1; p <= doc.numPages; p++) {
  const page = await doc.getPage(p);
  const tc = await page.getTextContent();
  const vp = page.getViewport({ scale: 1 });
  console.log('--- page', p, vp.width, vp.height, tc.items.length);
  for (const it of tc.items) {
    if (!('str' in it)) continue;
    const [a,b,c,d,e,f] = it.transform;
    console.log(JSON.stringify(it.str), e.toFixed(1), f.toFixed(1), it.width.toFixed(1), it.height.toFixed(1), it.hasEOL, it.fontName);
  }
  const ops = await page.getOperatorList();
  const imgs = ops.fnArray.filter(f => f === pdfjs.OPS.paintImageXObject).length;
  console.log('images', imgs);
}
console.log('t', performance.now() - t0);

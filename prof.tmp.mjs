import { readFileSync } from 'node:fs';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
for (const name of ['seed-000','seed-004','split-table','scanned']) {
const data = new Uint8Array(readFileSync(`/work/main/test/fixtures/pdf/${name}.pdf`));
let t0 = performance.now();
const doc = await pdfjs.getDocument({ data, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
const tOpen = performance.now() - t0; let tText = 0, tOps = 0;
for (let p = 1; p <= doc.numPages; p++) {
  const page = await doc.getPage(p);
  let t = performance.now(); await page.getOperatorList(); tOps += performance.now() - t;
  t = performance.now(); await page.getTextContent(); tText += performance.now() - t;
}
console.log(name, 'open', tOpen.toFixed(0), 'text', tText.toFixed(0), 'ops', tOps.toFixed(0));
await doc.destroy();
}

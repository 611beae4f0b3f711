import { readFileSync } from 'node:fs';
import * as lib from 'pdfjs-dist/legacy/build/pdf.mjs';
const data = new Uint8Array(readFileSync(`/work/main/test/fixtures/pdf/seed-004.pdf`));
const doc = await lib.getDocument({ data, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
const page = await doc.getPage(3);
const ops = await page.getOperatorList();
const names = Object.fromEntries(Object.entries(lib.OPS).map(([k,v])=>[v,k]));
let ctm = [1,0,0,1,0,0]; const st: number[][] = [];
const mul = (m1: number[], m2: number[]) => [m1[0]*m2[0]+m1[2]*m2[1], m1[1]*m2[0]+m1[3]*m2[1], m1[0]*m2[2]+m1[2]*m2[3], m1[1]*m2[2]+m1[3]*m2[3], m1[0]*m2[4]+m1[2]*m2[5]+m1[4], m1[1]*m2[4]+m1[3]*m2[5]+m1[5]];
ops.fnArray.forEach((f, i) => {
  const a = ops.argsArray[i];
  if (names[f] === 'save') st.push(ctm); else if (names[f] === 'restore') ctm = st.pop()!; else if (names[f] === 'transform') ctm = mul(ctm, a);
  else if (names[f] === 'constructPath') {
    const mm = a[2]; const m = ctm;
    const x0 = mm[0]*m[0]+m[4], x1 = mm[2]*m[0]+m[4], y0 = 842.88-(mm[1]*m[3]+m[5]), y1 = 842.88-(mm[3]*m[3]+m[5]);
    const d = a[1][0];
    console.log(a[0], x0.toFixed(1), x1.toFixed(1), y0.toFixed(1), y1.toFixed(1), 'len', d.length);
  } else if (!['showText','setFont','moveText','beginText','endText','setTextMatrix','dependency'].includes(names[f])) console.log(names[f], JSON.stringify(a));
});

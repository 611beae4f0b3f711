import { readFileSync } from 'node:fs';
import * as lib from 'pdfjs-dist/legacy/build/pdf.mjs';
import { __dbg } from './src/extract/pdfdbg.tmp';
const data = new Uint8Array(readFileSync(`/work/main/test/fixtures/pdf/${process.argv[2]}.pdf`));
const doc = await lib.getDocument({ data, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
const page = await doc.getPage(Number(process.argv[3]));
const vp = page.getViewport({ scale: 1 });
const ops = await page.getOperatorList();
const g = __dbg.readGraphics(ops.fnArray, ops.argsArray, lib.OPS, vp.transform as any);
console.log('h', g.h.length, 'v', g.v.length);
const ts = __dbg.latticeTables(g.h, g.v);
for (const t of ts) {
  console.log('xs', t.xs.map(x=>x.toFixed(1)).join(' '));
  console.log('ys', t.ys.map(x=>x.toFixed(1)).join(' '));
  for (const r of t.group) console.log(r.map(x=>String(x).padStart(4)).join(''));
}
if (process.argv[4]) { const y = Number(process.argv[4]); console.log(g.h.filter(s => Math.abs(s.at - y) < 4).map(s=>`${s.at.toFixed(1)} ${s.from.toFixed(1)}-${s.to.toFixed(1)}`)); console.log(g.v.filter(s => s.from < y && s.to > y).map(s=>`${s.at.toFixed(1)} ${s.from.toFixed(1)}-${s.to.toFixed(1)}`)); }
const tc = await page.getTextContent();
for (const it of tc.items as any[]) if (it.str.trim() && it.transform[5] < 200) console.log(JSON.stringify(it.str), it.transform[4].toFixed(1), (842.88-it.transform[5]).toFixed(1));

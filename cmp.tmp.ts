import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { extractPdf } from '/work/main/src/extract/pdf';
import { checkDocument, checkExtracted } from '/work/main/src/pipeline';
const names = process.argv.slice(2);
const mode = process.env.MODE === 'text' ? 'text' : 'auto';
for (const name of names) {
  const bytes = new Uint8Array(readFileSync(`/work/main/test/fixtures/pdf/${name}.pdf`));
  const t0 = performance.now();
  const doc = await extractPdf(bytes, { tables: mode });
  const t1 = performance.now();
  if (process.env.DUMP) {
    for (const it of doc.items) {
      if (it.kind === 'para') console.log('P', it.src?.kind === 'text' ? it.src.line : '', it.text.slice(0, 100));
      else if (it.kind === 'image') console.log('I', it.name);
      else { console.log('G'); for (const r of it.grid.rows) console.log('  |', r.map((c) => (c.origin ? '' : '^') + c.text).join(' | ')); }
    }
  }
  const pdf = checkExtracted(doc, { kind: 'file', location: name, format: 'text' });
  const { document } = parseHTML(readFileSync(`/work/main/test/fixtures/html/${name}.html`, 'utf8'));
  const html = checkDocument(document as unknown as Document, { kind: 'file', location: name, format: 'html' });
  const ids = (o: typeof pdf) => (o.ok ? o.result.findings.map((f) => `${f.severity} ${f.id}`).sort() : ['NOT OK ' + o.reason.en]);
  const a = ids(pdf), b = ids(html);
  console.log(`== ${name} (${(t1 - t0).toFixed(0)} ms, ${doc.pages} pages) same=${JSON.stringify(a) === JSON.stringify(b)}`);
  if (JSON.stringify(a) !== JSON.stringify(b)) console.log(' pdf :', a, '\n html:', b);
  if (pdf.ok && html.ok) {
    for (const t of ['t1', 't2', 't3'] as const) {
      const pa = pdf.result.report.tables[t].rows.map((r) => r.cells.map((c) => c.value.kind === 'number' ? c.value.value : c.value.kind).join(','));
      const hb = html.result.report.tables[t].rows.map((r) => r.cells.map((c) => c.value.kind === 'number' ? c.value.value : c.value.kind).join(','));
      pa.forEach((x, i) => { if (x !== hb[i]) console.log(`  ${t} row ${i}: pdf ${x} html ${hb[i]}`); });
      if (pa.length !== hb.length) console.log(`  ${t} rows pdf ${pa.length} html ${hb.length}`);
    }
    const r = pdf.result.report, h = html.result.report;
    for (const k of ['title', 'body', 'year', 'periodYear', 'published', 'template', 'level'] as const) if (r[k] !== h[k]) console.log(`  ${k}: pdf ${r[k]} html ${h[k]}`);
    if (JSON.stringify(r.statements.map(s=>[s.kind,s.value])) !== JSON.stringify(h.statements.map(s=>[s.kind,s.value]))) console.log('  statements pdf', r.statements.map(s=>[s.kind,s.value,s.quote]), '\n  html', h.statements.map(s=>[s.kind,s.value,s.quote]));
    console.log('  structure pdf', r.structure.map(s=>s.code+':'+s.row).join(' '), '| html', h.structure.map(s=>s.code+':'+s.row).join(' '));
  }
}

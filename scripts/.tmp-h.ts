import { readFileSync, readdirSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { checkBytes } from '/work/main/src/batch/check-document';
const dir = '/work/main/test/fixtures/html';
const R = { parseHtml: (h: string): Document => parseHTML(h).document as unknown as Document };
for (const f of readdirSync(dir).filter((f) => f.endsWith('.html')).sort()) {
  const b = new Uint8Array(readFileSync(`${dir}/${f}`));
  const ts: number[] = []; const ps: number[] = [];
  for (let i = 0; i < 10; i++) { const t = performance.now(); await checkBytes('html', b, 'text/html; charset=utf-8', f, 'url', R); ts.push(performance.now() - t);
    const t2 = performance.now(); parseHTML(new TextDecoder().decode(b)); ps.push(performance.now() - t2); }
  console.log(f, ts.map((x) => x.toFixed(0)).join(' '), '| parse', ps.map((x) => x.toFixed(0)).join(' '));
}

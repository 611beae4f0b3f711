/**
 * `npx tsx scripts/bench/stages.ts`: where one thread's time goes per saved page, stage by stage —
 * decode (bytes → text), the light tree, extraction, recognition, the rules — over the same pages
 * as throughput.ts (HTML fixtures, corpus pages, generated reports), for finding the next hot spot
 * (with `node --cpu-prof`). `BENCH_ROUNDS=N` sets the rounds over all pages (default 30). Figures
 * for reading, never asserted; the machine is shared, so compare runs made close together.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parseDocument } from 'htmlparser2';
import { asDocument } from '../../src/batch/check-document';
import { runChecks } from '../../src/check/index';
import { extractHtml } from '../../src/extract/html';
import { parseLight } from '../../src/extract/light-dom';
import { decodeHtml } from '../../src/fetch';
import { recognise } from '../../src/recognise/recognise';
import { randomSoundFigures, renderHtml } from '../../test/support/render';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ROUNDS = Number(process.env['BENCH_ROUNDS']) || 30;

const pages: Uint8Array[] = [];
const fixtures = join(ROOT, 'test', 'fixtures', 'html');
for (const f of readdirSync(fixtures).filter((f) => f.endsWith('.html')).sort()) pages.push(new Uint8Array(readFileSync(join(fixtures, f))));
const corpus = join(ROOT, 'test', 'corpus', 'cases');
for (const c of readdirSync(corpus).sort()) {
  const p = join(corpus, c, 'source.html');
  if (existsSync(p)) pages.push(new Uint8Array(readFileSync(p)));
}
for (const f of fc.sample(randomSoundFigures, { seed: 20240101, numRuns: 6 })) pages.push(new TextEncoder().encode(renderHtml(f)));

const stages = ['decode', 'light tree', 'extract', 'recognise', 'rules', 'bare htmlparser2 (yardstick)'] as const;
const ms = new Map<string, number>(stages.map((s) => [s, 0]));
const round = (timed: boolean): void => {
  for (const bytes of pages) {
    let t = performance.now();
    const lap = (stage: (typeof stages)[number]): void => {
      const now = performance.now();
      if (timed) ms.set(stage, (ms.get(stage) ?? 0) + now - t);
      t = now;
    };
    const text = asDocument(decodeHtml(bytes, null));
    lap('decode');
    const tree = parseLight(text);
    lap('light tree');
    const doc = extractHtml(tree);
    lap('extract');
    const report = recognise(doc);
    lap('recognise');
    runChecks(report);
    lap('rules');
    parseDocument(text);
    lap('bare htmlparser2 (yardstick)');
  }
};
for (let i = 0; i < 3; i++) round(false);
for (let i = 0; i < ROUNDS; i++) round(true);
const n = ROUNDS * pages.length;
console.log(`${pages.length} pages × ${ROUNDS} rounds, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
let total = 0;
for (const s of stages) {
  const each = (ms.get(s) ?? 0) / n;
  if (!s.startsWith('bare')) total += each;
  console.log(`${s.padEnd(30)} ${each.toFixed(3).padStart(7)} ms/page`);
}
const bare = (ms.get('bare htmlparser2 (yardstick)') ?? 0) / n;
console.log(`${'all stages'.padEnd(30)} ${total.toFixed(3).padStart(7)} ms/page = ${(bare / total).toFixed(2)}× the bare parse's rate`);

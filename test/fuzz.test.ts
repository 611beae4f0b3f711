/**
 * Fuzzing the whole pipeline (extract → recognise → check, and the marks planned from a result),
 * bounded in time: each property runs as many cases as fit in its time budget (FUZZ_MS, a few
 * seconds by default) and the run is judged on what it did (issue 16: a fuzz test over random
 * grids and random HTML, no crash). What property.test.ts does not already cover:
 *  - grids handed straight to recognition (the shapes no extractor makes: ragged, empty rows,
 *    copied cells everywhere, any source reference), and real reports' grids mutated cell by cell;
 *  - HTML as tag soup (unclosed and misnested tags, deep nesting, tables in cells, iframes,
 *    <noscript>/<template>, huge spans), real report pages cut and spliced at random, and
 *    arbitrary strings read as HTML and as text;
 *  - the background's path: the page snapshot with its frames, read by extractSnapshot.
 * `FUZZ_MS=60000 npx vitest run test/fuzz.test.ts` hunts longer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { checkExtracted, checkText, type PipelineOutcome } from '../src/pipeline';
import { extractHtml, extractSnapshot } from '../src/extract/html';
import { extractText } from '../src/extract/text';
import type { ExtractedDoc, Grid, GridCell, SourceRef } from '../src/extract/types';
import { CheckResultSchema, type Source } from '../src/model/result';
import { planMarks } from '../src/messaging/mark-plan';
import { SECTIONS, TEMPLATES } from '../src/recognise/templates';

/** Time budget per property. */
const FUZZ_MS = Number(process.env['FUZZ_MS']) || 2_500;
/** The test's own timeout: the budget, plus the one case that may be running when it runs out. */
const TIMEOUT = FUZZ_MS + 30_000;
const SOURCE: Source = { kind: 'url', location: 'https://www.example.gov.cn/art/1.html', format: 'html' };

const FIXTURES = join(import.meta.dirname, 'fixtures', 'html');
const PAGES = ['errors', 'seed-000', 'seed-003', 'template-2019', 'split-table', 'blanks'].map((n) => readFileSync(join(FIXTURES, `${n}.html`), 'utf8'));
const parse = (html: string): Document => parseHTML(html).document as unknown as Document;

/** Runs a property for the time budget; returns how many cases ran (at least a few must have). */
function fuzz<T>(arb: fc.Arbitrary<T>, body: (x: T) => void): number {
  let runs = 0;
  fc.assert(
    fc.property(arb, (x) => {
      runs += 1;
      body(x);
    }),
    { numRuns: 1_000_000, interruptAfterTimeLimit: FUZZ_MS, markInterruptAsFailure: false },
  );
  if (process.env['FUZZ_VERBOSE']) console.log(`${runs} cases in ${FUZZ_MS} ms`);
  return runs;
}

/** A result fits the schema and its marks can be planned; a refusal has a reason. */
function wellFormed(out: PipelineOutcome): void {
  if (!out.ok) {
    expect(typeof out.reason.zh).toBe('string');
    expect(out.reason.zh.length).toBeGreaterThan(0);
    return;
  }
  const parsed = CheckResultSchema.safeParse(out.result);
  expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
  const plan = planMarks(out.result, () => [0, 1]);
  expect(Array.isArray(plan.cells)).toBe(true);
  for (const f of out.result.findings) expect(Number.isNaN(f.expected as number)).toBe(false);
}

// ---------------------------------------------------------------------------------------------
// words

const LABELS: readonly string[] = [
  ...new Set([
    ...Object.values(TEMPLATES).flatMap((t) => Object.values(t.tables).flatMap((tab) => [...tab.rows.map((r) => r.name.zh), ...tab.columns.map((c) => c.name.zh)])),
    ...SECTIONS.map((s) => `${s.number}、${s.name.zh}`),
    '（七）总计',
    '四、结转下年度继续办理',
    '某某县2024年政府信息公开工作年度报告',
    '本年新收政府信息公开申请数量',
  ]),
];

const word: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...LABELS) },
  { weight: 4, arbitrary: fc.nat({ max: 3000 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '　', '—', '/', '无', '152*', '约152', '152（件）', '1e308', '9'.repeat(400), '-3', '2.5', '１２', '0x1F', 'NaN') },
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
);

// ---------------------------------------------------------------------------------------------
// grids, handed straight to recognition

const srcRef: fc.Arbitrary<SourceRef> = fc.oneof(
  fc.record({ kind: fc.constant('html' as const), table: fc.integer({ min: -1, max: 40 }), row: fc.integer({ min: -1, max: 60 }), cell: fc.integer({ min: -1, max: 30 }) }),
  fc.record({ kind: fc.constant('html' as const), frame: fc.array(fc.nat({ max: 3 }), { maxLength: 3 }), table: fc.nat({ max: 5 }), row: fc.nat({ max: 40 }), cell: fc.nat({ max: 20 }) }),
  fc.record({ kind: fc.constant('text' as const), line: fc.nat({ max: 500 }), cell: fc.nat({ max: 30 }) }),
);

const gridCell: fc.Arbitrary<GridCell> = fc.record({ raw: word, src: srcRef, origin: fc.boolean() }).map(({ raw, src, origin }) => ({ raw, text: raw.trim(), src, origin }));

/** Ragged rows of 0–20 cells; rows that repeat (copies of a rowspan) now and then. */
const grid: fc.Arbitrary<Grid> = fc
  .array(fc.array(gridCell, { maxLength: 20 }), { maxLength: 40 })
  .chain((rows) => fc.array(fc.nat({ max: Math.max(0, rows.length - 1) }), { maxLength: 4 }).map((dups) => ({ rows: [...rows, ...dups.flatMap((i) => (rows[i] ? [rows[i]] : []))] })));

const doc: fc.Arbitrary<ExtractedDoc> = fc
  .record({
    items: fc.array(
      fc.oneof(
        { weight: 3, arbitrary: grid.map((g) => ({ kind: 'grid' as const, grid: g })) },
        { weight: 3, arbitrary: fc.tuple(word, fc.option(srcRef, { nil: null })).map(([text, src]) => ({ kind: 'para' as const, text, src })) },
        { weight: 1, arbitrary: fc.tuple(word, fc.option(srcRef, { nil: null })).map(([name, src]) => ({ kind: 'image' as const, name, src })) },
      ),
      { maxLength: 14 },
    ),
    title: fc.option(word, { nil: null }),
    notes: fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }),
  })
  .map((d) => d as ExtractedDoc);

/** Real reports' extractions, to mutate: the deep paths of recognition and the rules. */
const REAL: ExtractedDoc[] = PAGES.map((html) => {
  const x = extractHtml(parse(html));
  return { items: x.items, title: x.title, notes: x.notes };
});

type Edit =
  | { kind: 'set'; item: number; row: number; cell: number; text: string }
  | { kind: 'drop-cell'; item: number; row: number; cell: number }
  | { kind: 'drop-row'; item: number; row: number }
  | { kind: 'dup-row'; item: number; row: number }
  | { kind: 'swap-rows'; item: number; row: number; other: number }
  | { kind: 'drop-item'; item: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('set' as const), item: fc.nat(), row: fc.nat(), cell: fc.nat(), text: word }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop-cell' as const), item: fc.nat(), row: fc.nat(), cell: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop-row' as const), item: fc.nat(), row: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('dup-row' as const), item: fc.nat(), row: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('swap-rows' as const), item: fc.nat(), row: fc.nat(), other: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop-item' as const), item: fc.nat() }) },
);

function mutate(base: ExtractedDoc, edits: readonly Edit[]): ExtractedDoc {
  const items = base.items.map((it) => (it.kind === 'grid' ? { kind: 'grid' as const, grid: { rows: it.grid.rows.map((r) => r.map((c) => ({ ...c }))) } } : it));
  const grids = (): number[] => items.flatMap((it, i) => (it.kind === 'grid' ? [i] : []));
  for (const e of edits) {
    if (e.kind === 'drop-item') {
      if (items.length > 0) items.splice(e.item % items.length, 1);
      continue;
    }
    const gs = grids();
    if (gs.length === 0) break;
    const it = items[gs[e.item % gs.length] ?? 0];
    if (it?.kind !== 'grid' || it.grid.rows.length === 0) continue;
    const rows = it.grid.rows;
    const r = e.row % rows.length;
    const row = rows[r] ?? [];
    if (e.kind === 'set' && row.length > 0) {
      const c = row[e.cell % row.length];
      if (c) {
        c.raw = e.text;
        c.text = e.text.trim();
      }
    } else if (e.kind === 'drop-cell' && row.length > 0) row.splice(e.cell % row.length, 1);
    else if (e.kind === 'drop-row') rows.splice(r, 1);
    else if (e.kind === 'dup-row') rows.splice(r, 0, row.map((c) => ({ ...c })));
    else if (e.kind === 'swap-rows') {
      const o = e.other % rows.length;
      [rows[r], rows[o]] = [rows[o] ?? row, row];
    }
  }
  return { items, title: base.title, notes: base.notes };
}

// ---------------------------------------------------------------------------------------------
// HTML

const TAGS = ['table', 'tbody', 'thead', 'tr', 'td', 'th', 'p', 'div', 'span', 'b', 'br', 'img', 'iframe', 'noscript', 'template', 'script', 'style', 'h1', 'li', 'ul', 'font', 'o:p', 'svg'];

const attr: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc.constantFrom('rowspan', 'colspan').chain((a) => fc.oneof(fc.nat({ max: 1000 }).map(String), fc.constantFrom('0', '-1', '1e9', 'x', '65535', '')).map((v) => ` ${a}="${v}"`)),
  fc.constantFrom(' style="display:none"', ' hidden', ' class="MsoNormalTable"', ' src="/a.png" alt="表一"', ' srcdoc="<table><tr><td>1</td></tr></table>"'),
);

/** Tag soup: opening and closing tags in any order, unclosed, misnested, with text between. */
const soup: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...TAGS), attr).map(([t, a]) => `<${t}${a}>`) },
      { weight: 2, arbitrary: fc.constantFrom(...TAGS).map((t) => `</${t}>`) },
      { weight: 4, arbitrary: word.map((w) => w.replaceAll('<', '&lt;')) },
      { weight: 1, arbitrary: fc.constantFrom('<!--', '-->', '<![CDATA[', '&nbsp;', '&#0;', '&#x110000;', '<', '>', '"', '\u0000') },
    ),
    { maxLength: 200 },
  )
  .map((parts) => parts.join(''));

/** Tables nested `depth` deep, with a report-like row at the bottom. */
const nested: fc.Arbitrary<string> = fc.nat({ max: 120 }).map((depth) => `${'<table><tr><td>'.repeat(depth)}<table><tr><td>（七）总计</td><td>5</td></tr></table>${'</td></tr></table>'.repeat(depth)}`);

/** A real report page cut and spliced at random places, with soup put in. */
const spliced: fc.Arbitrary<string> = fc
  .tuple(fc.nat({ max: PAGES.length - 1 }), fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.oneof(fc.constant(''), soup, nested)), { maxLength: 5 }))
  .map(([p, cuts]) => {
    let html = PAGES[p] ?? '';
    for (const [a, b, put] of cuts) {
      const i = Math.floor(a * html.length);
      const j = Math.min(html.length, i + Math.floor(b * 2_000));
      html = html.slice(0, i) + put + html.slice(j);
    }
    return html;
  });

const anyHtml: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: spliced },
  { weight: 2, arbitrary: soup.map((s) => `<!DOCTYPE html><html><head><title>2024年政府信息公开工作年度报告</title></head><body>${s}</body></html>`) },
  { weight: 1, arbitrary: nested },
  { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
);

// ---------------------------------------------------------------------------------------------

describe('fuzz: the whole pipeline never throws, bounded in time', () => {
  it('random grids, straight to recognition and the rules', () => {
    const runs = fuzz(doc, (d) => wellFormed(checkExtracted(d, SOURCE)));
    expect(runs).toBeGreaterThan(10);
  }, TIMEOUT);

  it('real reports\' grids mutated cell by cell and row by row', () => {
    const arb = fc.tuple(fc.nat({ max: REAL.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 30 }));
    const runs = fuzz(arb, ([i, edits]) => wellFormed(checkExtracted(mutate(REAL[i] ?? { items: [], title: null, notes: [] }, edits), SOURCE)));
    expect(runs).toBeGreaterThan(10);
  }, TIMEOUT);

  it('random HTML (tag soup, deep nesting, spliced report pages, any string): extract, recognise, check', () => {
    const runs = fuzz(anyHtml, (html) => {
      const x = extractHtml(parse(html));
      wellFormed(checkExtracted({ items: x.items, title: x.title, notes: x.notes }, SOURCE));
    });
    expect(runs).toBeGreaterThan(10);
  }, TIMEOUT);

  it('random HTML as the background reads a page: the snapshot with its frames', () => {
    const arb = fc.tuple(anyHtml, fc.array(fc.tuple(fc.array(fc.nat({ max: 3 }), { minLength: 1, maxLength: 3 }), anyHtml), { maxLength: 3 }));
    const runs = fuzz(arb, ([html, frames]) => {
      const x = extractSnapshot({ html: html.replace('</body>', '<iframe src="/f.html"></iframe></body>'), frames: frames.map(([path, h]) => ({ path, html: h })) }, parse);
      wellFormed(checkExtracted({ items: x.items, title: x.title, notes: x.notes }, SOURCE));
    });
    expect(runs).toBeGreaterThan(5);
  }, TIMEOUT);

  it('random HTML and strings read as text (what a copy from Word or PDF may hold)', () => {
    const runs = fuzz(fc.oneof(anyHtml, soup, fc.array(word, { maxLength: 200 }).map((w) => w.join('\t'))), (text) => {
      wellFormed(checkText(text, { kind: 'text', location: null, format: 'text' }));
      expect(() => extractText(text)).not.toThrow();
    });
    expect(runs).toBeGreaterThan(10);
  }, TIMEOUT);
});

/**
 * Properties of the whole pipeline on generated reports (see test/support/render.ts):
 *  - a sound report reads back exactly and gives no error or warning, as text and as HTML;
 *  - changing one number of table 2 or 3 breaks a sum rule that names that cell;
 *  - a blank or `—` in one cell is reported as missing, never as an arithmetic failure;
 *  - random grids never make the pipeline throw, and its result always fits the schema.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { checkDocument, checkText, type PipelineOutcome } from '../src/pipeline';
import { CheckResultSchema, type CheckResultJson, type Source } from '../src/model/result';
import type { CellKey } from '../src/model/report';
import type { Finding } from '../src/model/finding';
import { SECTIONS, TEMPLATES } from '../src/recognise/templates';
import {
  randomSoundFigures,
  renderHtml,
  renderText,
  T2_COLS,
  T2_ROWS,
  T3_COLS,
  T3_ROW,
  withCell,
  type CellOverride,
  type RenderOptions,
  type SoundFigures,
} from './support/render';

/** ~60 keeps the file to a few seconds; `PROPERTY_RUNS=5000 npx vitest run test/property.test.ts` hunts harder. */
const NUM_RUNS = Number(process.env['PROPERTY_RUNS']) || 60;
/** generous: a slow machine must not turn a passing property into a timeout */
const TIMEOUT = Math.max(30_000, NUM_RUNS * 200);
const TEXT_SOURCE: Source = { kind: 'text', location: null, format: 'text' };
const HTML_SOURCE: Source = { kind: 'url', location: 'https://www.example.gov.cn/art/1.html', format: 'html' };

type Form = 'text' | 'html';
const FORMS: readonly Form[] = ['text', 'html'];

function check(form: Form, f: SoundFigures, options: RenderOptions = {}): CheckResultJson {
  const out =
    form === 'text'
      ? checkText(renderText(f, options), TEXT_SOURCE)
      : checkDocument(parseHTML(renderHtml(f, options)).document, HTML_SOURCE);
  if (!out.ok) throw new Error(`not read as a report: ${out.reason.en}`);
  return out.result;
}

const sameCell = (a: CellKey, b: CellKey): boolean => a.table === b.table && a.row === b.row && a.col === b.col;
const involves = (finding: Finding, cell: CellKey): boolean => finding.cells.some((c) => sameCell(c, cell));
const brief = (findings: Finding[]): string[] => findings.map((x) => `${x.severity} ${x.rule}/${x.outcome}: ${x.message.en}`);

/** One numeric cell of table 2 or table 3, by position and by key. */
interface Pick {
  table: 't2' | 't3';
  row: number;
  col: number;
  key: CellKey;
}

const pickCell: fc.Arbitrary<Pick> = fc.oneof(
  fc
    .record({ row: fc.integer({ min: 0, max: T2_ROWS.length - 1 }), col: fc.integer({ min: 0, max: T2_COLS.length - 1 }) })
    .map(({ row, col }) => ({ table: 't2' as const, row, col, key: { table: 't2' as const, row: T2_ROWS[row]?.key ?? '', col: T2_COLS[col] ?? '' } })),
  fc
    .integer({ min: 0, max: T3_COLS.length - 1 })
    .map((col) => ({ table: 't3' as const, row: 0, col, key: { table: 't3' as const, row: T3_ROW, col: T3_COLS[col] ?? '' } })),
);

const valueAt = (f: SoundFigures, p: Pick): number => (p.table === 't3' ? f.t3[p.col] : f.t2[p.row]?.[p.col]) ?? NaN;

describe('a sound generated report', () => {
  for (const form of FORMS) {
    it(`reads back exactly and gives no error or warning (${form})`, () => {
      fc.assert(
        fc.property(randomSoundFigures, (f) => {
          const result = check(form, f);
          const bad = result.findings.filter((x) => x.severity === 'error' || x.severity === 'warning');
          expect(brief(bad)).toEqual([]);

          expect(result.report.template).toBe('2021');
          const t2 = result.report.tables.t2;
          expect(t2.status).toBe('parsed');
          expect(t2.rows.map((r) => r.key)).toEqual(T2_ROWS.map((r) => r.key));
          t2.rows.forEach((row, i) => {
            expect(row.placed).toBe('label');
            expect(row.cells.map((c) => c.col)).toEqual(T2_COLS);
            expect(row.cells.map((c) => (c.value.kind === 'number' ? c.value.value : c.value.kind))).toEqual(f.t2[i]);
          });

          const t3 = result.report.tables.t3;
          expect(t3.status).toBe('parsed');
          expect(t3.rows).toHaveLength(1);
          const cells = t3.rows[0]?.cells ?? [];
          expect(cells.map((c) => c.col)).toEqual(T3_COLS);
          expect(cells.map((c) => (c.value.kind === 'number' ? c.value.value : c.value.kind))).toEqual(f.t3);
        }),
        { numRuns: NUM_RUNS },
      );
    }, TIMEOUT);
  }
});

describe('one changed number', () => {
  const SUM_RULES = new Set(['balance', 'results-total', 'row-total', 'review-litigation-total']);

  it('breaks a sum rule that names the changed cell (text and HTML)', () => {
    fc.assert(
      fc.property(
        randomSoundFigures,
        pickCell,
        fc.integer({ min: 1, max: 50 }),
        fc.boolean(),
        fc.constantFrom(...FORMS),
        (f, pick, size, down, form) => {
          const old = valueAt(f, pick);
          const delta = down && old - size >= 0 ? -size : size;
          const changed = withCell(f, pick.table, pick.row, pick.col, old + delta);
          const result = check(form, changed);
          const hits = result.findings.filter((x) => x.severity === 'error' && SUM_RULES.has(x.rule) && involves(x, pick.key));
          expect(hits.length, `${form}: ${JSON.stringify(pick.key)} ${old} → ${old + delta}\n${brief(result.findings).join('\n')}`).toBeGreaterThan(0);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  }, TIMEOUT);
});

describe('one blank cell', () => {
  it('is missing, not zero: unverifiable relations (listed, or folded into the cells-filled error) and never a failure (text and HTML)', () => {
    fc.assert(
      fc.property(randomSoundFigures, pickCell, fc.constantFrom('—', ''), fc.constantFrom(...FORMS), (f, pick, blank, form) => {
        const override: CellOverride = { ...pick.key, text: blank };
        const result = check(form, f, { overrides: [override] });
        const context = `${form}: ${JSON.stringify(pick.key)} = ${JSON.stringify(blank)}\n${brief(result.findings).join('\n')}`;

        const failures = result.findings.filter((x) => x.outcome === 'fail' && involves(x, pick.key));
        expect(brief(failures), context).toEqual([]);

        const unverifiable = result.findings.filter((x) => x.outcome === 'unverifiable' && x.blocking.some((c) => sameCell(c, pick.key)));
        const filled = result.findings.filter((x) => x.rule === 'cells-filled' && x.severity === 'error' && involves(x, pick.key));
        expect(filled.length, context).toBeGreaterThan(0);
        // the relations the blank stops are said: one by one, or folded into the table's cells-filled
        // finding (or, for a blank 总计 over parts above 0, into its blank-total finding)
        const hosts = result.findings.filter((x) => (x.rule === 'cells-filled' || x.rule === 'blank-total') && involves(x, pick.key));
        const folded = hosts.flatMap((x) => x.folded ?? []);
        expect(unverifiable.length + folded.length, context).toBeGreaterThan(0);
      }),
      { numRuns: NUM_RUNS },
    );
  }, TIMEOUT);
});

/**
 * Found by these properties and fixed in src/recognise/rows.ts `fitValues`: seed 003 ends
 * rows 一 and 二 with a tab. With 自然人 blank the row has 9 value cells for 7 columns,
 * `['', '', v2…v7, '']`; fitValues used to drop empty cells from the front before the back, so the
 * values shifted one column left and the blank was reported at 总计 instead of 自然人. Smallest case:
 *   `一、本年新收政府信息公开申请数量\t\t\t0\t0\t0\t0\t0\t0\t` (in seed 003 itself: blank row 一's first 0)
 * → cells-filled named `t2/new/total`; it must name `t2/new/natural`.
 */
describe('seed 003 form: rows 一 and 二 end with a tab', () => {
  it('a blank 自然人 in row 一 or 二 is reported at 自然人 (text)', () => {
    fc.assert(
      fc.property(randomSoundFigures, fc.constantFrom('new', 'carried-over'), fc.constantFrom('—', ''), (f, row, blank) => {
        const key: CellKey = { table: 't2', row, col: 'natural' };
        const result = check('text', f, { overrides: [{ ...key, text: blank }], seedTrailingTabs: true });
        const filled = result.findings.filter((x) => x.rule === 'cells-filled' && involves(x, key));
        expect(filled.length, brief(result.findings).join('\n')).toBeGreaterThan(0);
      }),
      { numRuns: 10 },
    );
  });
});

/**
 * Found by these properties and fixed in src/text/cell-value.ts: `Math.round(s * 1e6) / 1e6` in
 * checkSum overflowed for sums above ~1.8e302, so a cell of 303 to 308 digits gave a `fail` with
 * `expected: Infinity`, which no longer fit CheckResultSchema. Counts beyond 2^53 are now text.
 * Smallest case: a sound report with table 2 row （一）予以公开 · 自然人 = `1` followed by 303 zeros.
 */
describe('a cell with a 303-digit number', () => {
  it('still gives a result that fits the schema, and the cell is reported as text', () => {
    fc.assert(
      fc.property(randomSoundFigures, fc.integer({ min: 303, max: 308 }), fc.constantFrom(...FORMS), (f, zeros, form) => {
        const result = check(form, f, { overrides: [{ table: 't2', row: 'granted', col: 'natural', text: `1${'0'.repeat(zeros)}` }] });
        const parsed = CheckResultSchema.safeParse(result);
        expect(parsed.success, brief(result.findings).join('\n')).toBe(true);
      }),
      { numRuns: 10 },
    );
  });
});

// ---------------------------------------------------------------------------------------
// robustness on random grids

/** Every label the templates know, plus header words and section headings. */
const LABELS: readonly string[] = [
  ...new Set([
    ...Object.values(TEMPLATES).flatMap((t) => Object.values(t.tables).flatMap((tab) => [...tab.rows.map((r) => r.name.zh), ...tab.columns.map((c) => c.name.zh)])),
    ...Object.values(TEMPLATES).flatMap((t) => t.tables.t1.rows.flatMap((r) => (r.columns ?? []).map((c) => c.name.zh))),
    ...SECTIONS.map((s) => `${s.number}、${s.name.zh}`),
    '第二十条第（一）项',
    '第二十条 第（八）项',
    '信息内容',
    '申请人情况',
    '法人或其他组织',
    '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
    '行政复议',
    '行政诉讼',
    '三、本年度办理结果',
    '某某镇2023年政府信息公开工作年度报告',
  ]),
];

const numberToken: fc.Arbitrary<string> = fc.oneof(
  fc.nat({ max: 2000 }).map(String),
  fc.integer({ min: -500, max: 500 }).map(String),
  fc.double({ min: 0, max: 1e6, noNaN: true }).map((d) => d.toFixed(6)),
  fc.nat().map((n) => n.toLocaleString('en-US')),
  fc.nat({ max: 999 }).map((n) => String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))),
  // Long digit runs, kept below 303 digits: see the known bug about Infinity below.
  fc.stringMatching(/^[1-9][0-9]{15,330}$/),
  fc.constantFrom('251000元', '12.5万元', '3.5', '1e400', '0x1F', 'NaN', 'Infinity', '-0', '１，２３４'),
);

const token: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...LABELS) },
  { weight: 4, arbitrary: numberToken },
  { weight: 2, arbitrary: fc.constantFrom('', ' ', '　', '　　0', '—', '/', '-', '无', '? 0', '|', '[bookmark: _Hlk1]') },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
);

const labelToken = fc.constantFrom(...LABELS);
/** What sits in a value cell: mostly numbers, sometimes a blank, a dash or junk. */
const valueToken: fc.Arbitrary<string> = fc.oneof({ weight: 5, arbitrary: numberToken }, { weight: 2, arbitrary: token });

/** A row as tables print it: a few (possibly empty) label cells, then value cells. */
const rowCells: fc.Arbitrary<string[]> = fc
  .tuple(fc.array(fc.oneof(labelToken, fc.constant('')), { maxLength: 3 }), fc.array(valueToken, { maxLength: 17 }))
  .map(([labels, values]) => [...labels, ...values]);

const randomText: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 8, arbitrary: rowCells.map((cells) => cells.join('\t')) },
      { weight: 2, arbitrary: fc.array(token, { maxLength: 18 }).map((cells) => cells.join('\t')) },
      { weight: 1, arbitrary: rowCells.map((cells) => `| ${cells.join(' | ')} |`) },
      { weight: 1, arbitrary: rowCells.map((cells) => cells.join(' ')) },
      { weight: 1, arbitrary: rowCells.map((cells) => cells.map((c) => `\t${c}`).join('\n')) },
      { weight: 2, arbitrary: labelToken },
      { weight: 2, arbitrary: fc.constantFrom('', '', '\t', ' \t0', '|', '-4-') },
    ),
    { maxLength: 80, size: 'max' },
  )
  .map((lines) => lines.join('\n'));

const escapeHtml = (s: string): string => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

const spanValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('0', '1', '2', '3', '22', '500', '99999', '1000000000000', '-1', 'abc', '2.5', '\\"3\\"', '', ' 2 ', '1e3', 'NaN'),
  fc.nat({ max: 1000 }).map(String),
);

/** Most cells have no span attribute; the rest get anything from 0 to huge to junk. */
const maybeSpan: fc.Arbitrary<string | undefined> = fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: spanValue });

const cellHtml = (content: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc
    .record({
      tag: fc.constantFrom('td', 'td', 'td', 'th'),
      text: content,
      rowspan: maybeSpan,
      colspan: maybeSpan,
      wrap: fc.boolean(),
    })
    .map(({ tag, text, rowspan, colspan, wrap }) => {
      const attrs = `${rowspan !== undefined ? ` rowspan="${escapeHtml(rowspan)}"` : ''}${colspan !== undefined ? ` colspan="${escapeHtml(colspan)}"` : ''}`;
      const inner = text === '' ? '&nbsp;' : escapeHtml(text).replaceAll('\n', '<br>');
      return `<${tag}${attrs}>${wrap ? `<p class=MsoNormal><span>${inner}</span></p>` : inner}</${tag}>`;
    });

const rowHtml: fc.Arbitrary<string> = fc
  .tuple(fc.array(cellHtml(fc.oneof(labelToken, fc.constant(''))), { maxLength: 3 }), fc.array(cellHtml(valueToken), { maxLength: 16 }))
  .map(([labels, values]) => `<tr>${[...labels, ...values].join('')}</tr>`);

const tableHtml: fc.Arbitrary<string> = fc
  .array(rowHtml, { maxLength: 30, size: 'large' })
  .map((rows) => `<table class="MsoNormalTable">${rows.join('')}</table>`);

const randomHtml: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: tableHtml },
      { weight: 3, arbitrary: fc.oneof(labelToken, token).map((t) => `<p>${escapeHtml(t)}</p>`) },
      { weight: 1, arbitrary: fc.tuple(tableHtml, tableHtml).map(([a, b]) => `<table><tr><td>${a}</td><td>${b}</td></tr></table>`) },
      { weight: 1, arbitrary: fc.constantFrom('<img src="/u/table1.png" alt="">', '<br>', '<div style="display:none">一、总体情况</div>', '<table></table>', '<tr><td>5</td></tr>') },
    ),
    { maxLength: 10, size: 'large' },
  )
  .map((blocks) => `<!DOCTYPE html><html><head><title>t</title></head><body>${blocks.join('\n')}</body></html>`);

function expectWellFormed(out: PipelineOutcome): void {
  expect(out).toBeDefined();
  if (!out.ok) {
    expect(typeof out.reason.zh).toBe('string');
    return;
  }
  const parsed = CheckResultSchema.safeParse(out.result);
  expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
}

describe('the pipeline on random input', () => {
  it('never throws on random tab-separated text, and its result fits the schema', () => {
    fc.assert(
      fc.property(randomText, (text) => {
        expectWellFormed(checkText(text, TEXT_SOURCE));
      }),
      { numRuns: NUM_RUNS },
    );
  }, TIMEOUT);

  it('never throws on random HTML tables with odd rowspan/colspan, and its result fits the schema', () => {
    fc.assert(
      fc.property(randomHtml, (html) => {
        expectWellFormed(checkDocument(parseHTML(html).document, HTML_SOURCE));
      }),
      { numRuns: NUM_RUNS },
    );
  }, TIMEOUT);
});

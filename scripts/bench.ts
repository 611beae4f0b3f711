/**
 * `npm run bench`: how fast the pipeline reads and checks a report, stage by stage.
 *
 * Inputs: every .txt seed in ../shared/seeds, every .html page in test/fixtures/html/, and a few
 * generated reports (test/support/render.ts) in both forms, so there is always a full three-table
 * report to time. Each group runs for a fixed time budget after a warm-up; the figures are for
 * reading, never asserted. The aim is ≥ 500 reports/s for a full three-table report; in the
 * browser the DOM already exists, so "no parse" is what the extension pays.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { extractHtml } from '../src/extract/html';
import { extractText } from '../src/extract/text';
import type { ExtractedDoc } from '../src/extract/types';
import { recognise } from '../src/recognise/recognise';
import { runChecks } from '../src/check/index';
import { checkDocument, checkText, type PipelineOutcome } from '../src/pipeline';
import type { Source } from '../src/model/result';
import { randomSoundFigures, renderHtml, renderText } from '../test/support/render';

const AIM = 500; // reports/s for a full three-table report
const WARMUP_MS = 300;
const STAGES_MS = 900;
const PIPELINE_MS = 500;

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SEEDS = join(ROOT, '..', 'shared', 'seeds');
const HTML_FIXTURES = join(ROOT, 'test', 'fixtures', 'html');

type Kind = 'text' | 'html';

interface Input {
  name: string;
  content: string;
}

interface Group {
  label: string;
  kind: Kind;
  inputs: Input[];
}

const TEXT_SOURCE: Source = { kind: 'file', location: null, format: 'text' };
const HTML_SOURCE: Source = { kind: 'file', location: null, format: 'html' };

function readDir(dir: string, ext: string): Input[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => ({ name: f, content: readFileSync(join(dir, f), 'utf8') }));
}

function generated(kind: Kind, n: number): Input[] {
  const figures = fc.sample(randomSoundFigures, { seed: 20240101, numRuns: n });
  return figures.map((f, i) => ({ name: `generated-${i}`, content: kind === 'text' ? renderText(f) : renderHtml(f) }));
}

// ---------------------------------------------------------------------------------------
// timing

/** Keeps results alive so no stage can be optimised away. */
let sink = 0;

interface StageTimes {
  runs: number;
  parse: number;
  extract: number;
  recognise: number;
  check: number;
}

function runStages(kind: Kind, input: Input, t: StageTimes): void {
  const t0 = performance.now();
  const doc = kind === 'html' ? parseHTML(input.content).document : null;
  const t1 = performance.now();
  const extracted: ExtractedDoc = doc ? extractHtml(doc) : extractText(input.content);
  const t2 = performance.now();
  const report = recognise(extracted);
  const t3 = performance.now();
  const { findings } = runChecks(report);
  const t4 = performance.now();
  sink += findings.length;
  t.runs++;
  t.parse += t1 - t0;
  t.extract += t2 - t1;
  t.recognise += t3 - t2;
  t.check += t4 - t3;
}

/** Round-robin over the inputs until the budget is spent; returns runs per second. */
function throughput(inputs: readonly unknown[], budgetMs: number, run: (i: number) => PipelineOutcome): number {
  let runs = 0;
  const start = performance.now();
  let now = start;
  while (now - start < budgetMs) {
    for (let i = 0; i < inputs.length; i++) {
      const out = run(i);
      sink += out.ok ? out.result.findings.length : 1;
    }
    runs += inputs.length;
    now = performance.now();
  }
  return (runs * 1000) / (now - start);
}

interface Row {
  label: string;
  inputs: string;
  runs: number;
  parse: number | null;
  extract: number;
  recognise: number;
  check: number;
  perSecond: number;
  noParsePerSecond: number | null;
}

function benchGroup(group: Group): Row {
  const { kind, inputs } = group;
  const t: StageTimes = { runs: 0, parse: 0, extract: 0, recognise: 0, check: 0 };

  // Warm-up: every input at least once, then until the JIT has had some time.
  const warm = performance.now();
  do for (const input of inputs) runStages(kind, input, { runs: 0, parse: 0, extract: 0, recognise: 0, check: 0 });
  while (performance.now() - warm < WARMUP_MS);

  const start = performance.now();
  while (performance.now() - start < STAGES_MS) for (const input of inputs) runStages(kind, input, t);

  const perSecond =
    kind === 'text'
      ? throughput(inputs, PIPELINE_MS, (i) => checkText(inputs[i]?.content ?? '', TEXT_SOURCE))
      : throughput(inputs, PIPELINE_MS, (i) => checkDocument(parseHTML(inputs[i]?.content ?? '').document, HTML_SOURCE));
  let noParsePerSecond: number | null = null;
  if (kind === 'html') {
    const docs = inputs.map((input) => parseHTML(input.content).document);
    noParsePerSecond = throughput(docs, PIPELINE_MS, (i) => {
      const doc = docs[i];
      if (!doc) throw new Error('no document');
      return checkDocument(doc, HTML_SOURCE);
    });
  }

  // How many inputs are full three-table reports (the case the aim is about).
  const full = inputs.filter((input) => {
    const out = kind === 'text' ? checkText(input.content, TEXT_SOURCE) : checkDocument(parseHTML(input.content).document, HTML_SOURCE);
    return out.ok && Object.values(out.result.report.tables).every((tab) => tab.status === 'parsed');
  }).length;

  const mean = (ms: number): number => ms / t.runs;
  return {
    label: group.label,
    inputs: `${inputs.length} (${full} full)`,
    runs: t.runs,
    parse: kind === 'html' ? mean(t.parse) : null,
    extract: mean(t.extract),
    recognise: mean(t.recognise),
    check: mean(t.check),
    perSecond,
    noParsePerSecond,
  };
}

// ---------------------------------------------------------------------------------------
// output

function printTable(rows: Row[]): void {
  const ms = (v: number | null): string => (v === null ? '—' : v.toFixed(3));
  const rate = (v: number | null): string => (v === null ? '—' : v.toFixed(0));
  const ratio = (v: number | null): string => (v === null ? '—' : `${(v / AIM).toFixed(1)}×`);
  const header = ['input kind', 'inputs', 'runs', 'parse ms', 'extract ms', 'recognise ms', 'check ms', 'reports/s', 'vs aim', 'no-parse r/s', 'vs aim'];
  const body = rows.map((r) => [
    r.label,
    r.inputs,
    String(r.runs),
    ms(r.parse),
    ms(r.extract),
    ms(r.recognise),
    ms(r.check),
    rate(r.perSecond),
    ratio(r.perSecond),
    rate(r.noParsePerSecond),
    ratio(r.noParsePerSecond),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(line(b));
}

function main(): void {
  console.log(`gov-report-checker bench — Node ${process.version} (${process.platform}/${process.arch}, ${cpus()[0]?.model ?? 'unknown CPU'})`);
  console.log(`aim: ≥ ${AIM} reports/s for a full three-table report; stage times are means per report (ms)\n`);

  const groups: Group[] = [
    { label: 'text seeds', kind: 'text', inputs: readDir(SEEDS, '.txt') },
    { label: 'html fixtures', kind: 'html', inputs: readDir(HTML_FIXTURES, '.html') },
    { label: 'generated text', kind: 'text', inputs: generated('text', 8) },
    { label: 'generated html', kind: 'html', inputs: generated('html', 8) },
  ];
  const rows: Row[] = [];
  for (const group of groups) {
    if (group.inputs.length === 0) {
      console.log(`(${group.label}: no inputs found, skipped)`);
      continue;
    }
    rows.push(benchGroup(group));
  }
  if (rows.length > 0) printTable(rows);
  console.log(`\nreports/s: whole pipeline (html: linkedom parse + extract + recognise + check); no-parse: the DOM already exists, as in the browser.`);
  if (sink < 0) console.log(sink); // never true; keeps the results observable
}

main();

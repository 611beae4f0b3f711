/**
 * `npm run bench`: how fast the pipeline reads and checks a report, stage by stage.
 *
 * Inputs: every .txt seed in test/fixtures/seeds (copies of ../shared/seeds), every .html page in test/fixtures/html/, and a few
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
import { parseLight } from '../../src/extract/light-dom';
import type { DomDocument } from '../../src/extract/dom';
import { extractHtml } from '../../src/extract/html';
import { extractText } from '../../src/extract/text';
import type { ExtractedDoc } from '../../src/extract/types';
import { recognise } from '../../src/recognise/recognise';
import { runChecks } from '../../src/check/index';
import { checkDocument, checkText, type PipelineOutcome } from '../../src/pipeline';
import type { Source } from '../../src/model/result';
import { randomSoundFigures, renderHtml, renderText } from '../../test/support/render';

const AIM = 500; // reports/s for a full three-table report
const WARMUP_MS = 250;
const STAGE_MS = 200; // per stage
const PIPELINE_MS = 400; // whole pipeline, and again without the HTML parse

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SEEDS = join(ROOT, 'test', 'fixtures', 'seeds');
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

/**
 * Mean ms per call of `run` over the inputs, round-robin until the budget is spent. Each stage
 * is timed in its own loop on the previous stage's output, so the garbage a stage makes (and the
 * collection it causes) is charged to that stage, not to whichever one the collector interrupts.
 */
function meanMs<T>(items: readonly T[], budgetMs: number, run: (item: T) => number): { ms: number; runs: number } {
  let runs = 0;
  const start = performance.now();
  let now = start;
  do {
    for (const item of items) sink += run(item);
    runs += items.length;
    now = performance.now();
  } while (now - start < budgetMs);
  return { ms: (now - start) / runs, runs };
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

const pipelineLength = (out: PipelineOutcome): number => (out.ok ? out.result.findings.length : 1);

function benchGroup(group: Group): Row {
  const { kind, inputs } = group;
  // the CLI's HTML tree (src/extract/light-dom.ts); scripts/bench/throughput.ts sets it against linkedom and bare htmlparser2
  const parse = (input: Input): DomDocument => parseLight(input.content);
  const extract = (input: Input, doc: DomDocument | null): ExtractedDoc => (doc ? extractHtml(doc) : extractText(input.content));
  const whole = (input: Input): PipelineOutcome =>
    kind === 'text' ? checkText(input.content, TEXT_SOURCE) : checkDocument(parse(input), HTML_SOURCE);

  // Warm-up: the whole pipeline on every input until the JIT has had some time.
  meanMs(inputs, WARMUP_MS, (input) => pipelineLength(whole(input)));

  // Each stage's input, prepared once.
  const docs = kind === 'html' ? inputs.map(parse) : inputs.map(() => null);
  const extracted = inputs.map((input, i) => extract(input, docs[i] ?? null));
  const reports = extracted.map(recognise);
  const indices = inputs.map((_, i) => i);

  const parseMs = kind === 'html' ? meanMs(inputs, STAGE_MS, (input) => (parse(input).documentElement ? 1 : 0)).ms : null;
  const extractMs = meanMs(indices, STAGE_MS, (i) => extract(inputs[i] ?? { name: '', content: '' }, docs[i] ?? null).items.length);
  const recogniseMs = meanMs(extracted, STAGE_MS, (doc) => recognise(doc).structure.length);
  const checkMs = meanMs(reports, STAGE_MS, (report) => runChecks(report).findings.length);

  const pipeline = meanMs(inputs, PIPELINE_MS, (input) => pipelineLength(whole(input)));
  const noParse =
    kind === 'html'
      ? meanMs(docs, PIPELINE_MS, (doc) => (doc ? pipelineLength(checkDocument(doc, HTML_SOURCE)) : 0)).ms
      : null;

  // How many inputs are full three-table reports (the case the aim is about).
  const full = inputs.filter((input) => {
    const out = whole(input);
    return out.ok && Object.values(out.result.report.tables).every((tab) => tab.status === 'parsed');
  }).length;

  return {
    label: group.label,
    inputs: `${inputs.length} (${full} full)`,
    runs: pipeline.runs,
    parse: parseMs,
    extract: extractMs.ms,
    recognise: recogniseMs.ms,
    check: checkMs.ms,
    perSecond: 1000 / pipeline.ms,
    noParsePerSecond: noParse === null ? null : 1000 / noParse,
  };
}

// ---------------------------------------------------------------------------------------
// output

function printTable(rows: Row[]): void {
  const ms = (v: number | null): string => (v === null ? '—' : v.toFixed(3));
  const rate = (v: number | null): string => (v === null ? '—' : v.toFixed(0));
  const ratio = (v: number | null): string => (v === null ? '—' : `${(v / AIM).toFixed(1)}×`);
  const header = ['input kind', 'inputs', 'pipeline runs', 'parse ms', 'extract ms', 'recognise ms', 'check ms', 'reports/s', 'vs aim', 'no-parse r/s', 'vs aim'];
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
  console.log(
    `\nstage ms: mean per report, each stage timed on its own. reports/s: the whole pipeline (checkText, or the light tree's parseLight + checkDocument, as the CLI);` +
      `\nno-parse r/s: checkDocument on an already parsed DOM, as in the browser.`,
  );
  if (sink < 0) console.log(sink); // never true; keeps the results observable
}

main();

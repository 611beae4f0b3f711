/**
 * The corpus's own reading of a case: the hand-transcribed figures of `expect.json` and the real
 * errors they imply, re-added here with this file's own arithmetic — never the engine's rules —
 * so that a mistake in a rule cannot hide itself in the expectation.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';

/**
 * A cell as transcribed: a number, null (blank or a placeholder), the cell's text, or — where the
 * source printed a row's figures with no separator and they split more than one way — the run,
 * which no checker can read as a number.
 */
const Value = z.union([z.number(), z.null(), z.string(), z.object({ unsplit: z.string() })]);
export type Value = z.infer<typeof Value>;

export const ExpectSchema = z.object({
  provenance: z.object({
    repo: z.string().nullable(),
    path: z.string().nullable(),
    /** the search index's file id, when the index named no repository */
    fileId: z.string().optional(),
    commit: z.string().nullable(),
    url: z.string().nullable(),
    extracted: z.string(),
  }),
  kind: z.enum(['complete', 'truncated', 'not-report']),
  format: z.enum(['html', 'text', 'markdown', 'pdf']),
  title: z.string().nullable().optional(),
  body: z.string().nullable().optional(),
  year: z.number().nullable().optional(),
  province: z.string().nullable().optional(),
  level: z.enum(['province', 'city', 'county', 'township', 'department']).nullable().optional(),
  layout: z.string().optional(),
  template: z.object({ t1: z.enum(['2021', '2019']).nullable(), t2: z.enum(['2021', '2019']).nullable() }).optional(),
  sections: z.array(z.string()).optional(),
  t1: z.record(z.string(), z.array(Value)).optional(),
  t2: z.record(z.string(), z.array(Value)).optional(),
  t3: z.array(Value).nullable().optional(),
  endsAt: z.string().nullable().optional(),
  structureErrors: z.array(z.string()).optional(),
  notes: z.string().optional(),
});
export type Expectation = z.infer<typeof ExpectSchema>;

export interface CorpusCase {
  id: string;
  dir: string;
  source: string;
  expect: Expectation;
}

export const CORPUS_DIR = join(import.meta.dirname, 'cases');

/** Every case under cases/, sorted by id; a malformed expect.json throws with its id. */
export function loadCases(dir = CORPUS_DIR): CorpusCase[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .flatMap((id) => {
      const caseDir = join(dir, id);
      const files = readdirSync(caseDir);
      const source = files.find((f) => f.startsWith('source.'));
      if (!source || !files.includes('expect.json')) return [];
      const raw: unknown = JSON.parse(readFileSync(join(caseDir, 'expect.json'), 'utf8'));
      const parsed = ExpectSchema.safeParse(raw);
      if (!parsed.success) throw new Error(`corpus case ${id}: ${parsed.error.message}`);
      return [{ id, dir: caseDir, source: join(caseDir, source), expect: parsed.data }];
    });
}

const T2_COLS = ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'other-org', 'total'] as const;
const T2_RESULTS_2021 = [
  'granted', 'partial',
  'withheld-1', 'withheld-2', 'withheld-3', 'withheld-4', 'withheld-5', 'withheld-6', 'withheld-7', 'withheld-8',
  'unable-1', 'unable-2', 'unable-3',
  'not-processed-1', 'not-processed-2', 'not-processed-3', 'not-processed-4', 'not-processed-5',
  'other-1', 'other-2', 'other-3',
];
const T2_RESULTS_2019 = [...T2_RESULTS_2021.slice(0, 18), 'other'];
const T3_GROUPS = ['review', 'direct', 'after-review'] as const;

/** A figure as a number, when the cell states one: a plain number, or an amount with its unit. */
export function amountOf(v: Value | undefined): number | null {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return null;
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*(万元|元)\s*$/.exec(v);
  return m ? Number(m[1]) : null;
}

const num = (v: Value | undefined): number | null => (typeof v === 'number' ? v : null);
const isUnsplit = (v: Value | undefined): v is { unsplit: string } => typeof v === 'object' && v !== null;
const add = (xs: (number | null)[]): number | null =>
  xs.some((x) => x === null) ? null : Math.round(xs.reduce<number>((s, x) => s + (x ?? 0), 0) * 1e6) / 1e6;

/**
 * The real errors of a case, as ids the judge matches the engine's findings against:
 * `balance:<col>`, `results-total:<col>`, `row-total:<row>`, `t3-total:<group>` for sums that fail
 * with every operand a number; `cells-filled:<table>` where a transcribed cell is blank;
 * `blank-total:<table>` where a total is blank while the figures of its parts add up to more than 0;
 * `value-format:<table>:<row>:<col>` where a cell holds text that is no amount; and the case's
 * own `structureErrors`.
 */
export function realErrors(e: Expectation): string[] {
  const out = new Set<string>(e.structureErrors ?? []);
  const t2 = e.t2 ?? {};
  const complete = (row: string): boolean => (t2[row]?.length ?? 0) === 7;
  const cell = (row: string, c: number): number | null => num(t2[row]?.[c]);
  if (Object.keys(t2).length > 0) {
    const results = e.template?.t2 === '2019' ? T2_RESULTS_2019 : T2_RESULTS_2021;
    T2_COLS.forEach((col, c) => {
      if (['new', 'carried-over', 'total', 'carried-forward'].every(complete)) {
        const left = add([cell('new', c), cell('carried-over', c)]);
        const right = add([cell('total', c), cell('carried-forward', c)]);
        if (left !== null && right !== null && left !== right) out.add(`balance:${col}`);
      }
      if (complete('total') && results.every(complete)) {
        const parts = add(results.map((r) => cell(r, c)));
        const total = cell('total', c);
        if (parts !== null && total !== null && parts !== total) out.add(`results-total:${col}`);
      }
    });
    // a blank total over parts that add up to more than 0 (blank parts count for nothing, text stops it)
    const blankOver = (total: Value | undefined, parts: (Value | undefined)[]): boolean =>
      total === null && parts.every((v) => v === null || typeof v === 'number') && parts.reduce<number>((s, v) => s + (num(v) ?? 0), 0) > 0;
    for (const values of Object.values(t2)) {
      if (values.length === 7 && blankOver(values[6], values.slice(0, 6))) out.add('blank-total:t2');
    }
    if (complete('total') && results.every(complete)) {
      T2_COLS.forEach((_, c) => {
        if (blankOver(t2['total']?.[c], results.map((r) => t2[r]?.[c]))) out.add('blank-total:t2');
      });
    }
    for (const [row, values] of Object.entries(t2)) {
      if (values.length !== 7) continue;
      const parts = add(values.slice(0, 6).map(num));
      const total = num(values[6]);
      if (parts !== null && total !== null && parts !== total) out.add(`row-total:${row}`);
    }
  }
  if (e.t3 && e.t3.length >= 15) {
    T3_GROUPS.forEach((g, k) => {
      const v = (e.t3 ?? []).slice(k * 5, k * 5 + 5);
      const parts = add(v.slice(0, 4).map(num));
      const total = num(v[4]);
      if (parts !== null && total !== null && parts !== total) out.add(`t3-total:${g}`);
      if (v[4] === null && v.slice(0, 4).every((x) => x === null || typeof x === 'number') && v.slice(0, 4).reduce<number>((s, x) => s + (num(x) ?? 0), 0) > 0) out.add('blank-total:t3');
    });
  }
  const tables: [string, Record<string, Value[]> | undefined][] = [['t1', e.t1], ['t2', e.t2], ['t3', e.t3 ? { cases: e.t3 } : undefined]];
  for (const [t, rows] of tables) {
    for (const [row, values] of Object.entries(rows ?? {})) {
      values.forEach((v, c) => {
        if (isUnsplit(v)) return; // the source cannot tell: no error of the report's
        if (v === null) out.add(`cells-filled:${t}`);
        else if (typeof v === 'string' && amountOf(v) === null) out.add(`value-format:${t}:${row}:${c}`);
      });
    }
  }
  return [...out].sort();
}

/** Cases the engine does not yet judge exactly, each with why and its verdict's counts as they stand. */
export interface KnownGap {
  why: string;
  misread: number;
  falseErrors: number;
  missed: number;
}

export function loadKnownGaps(dir = join(import.meta.dirname)): Record<string, KnownGap> {
  const file = join(dir, 'known-gaps.json');
  if (!existsSync(file)) return {};
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, KnownGap>;
}

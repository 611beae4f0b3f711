/**
 * Holds the engine's reading of a corpus case against the hand-made expectation: the figures it
 * read, the error findings it raised (right, false, missed) and whether it read the report at all.
 */
import { checkInput } from '../../src/cli/main';
import type { CheckResultJson } from '../../src/model/result';
import type { Finding } from '../../src/model/finding';
import { amountOf, realErrors, type CorpusCase, type Value } from './expected';

export type Reading = 'whole' | 'partly' | 'refused';

export interface Verdict {
  id: string;
  kind: CorpusCase['expect']['kind'];
  reading: Reading;
  /** refused although a report, or read although not one */
  wrongRefusal: string | null;
  /** figures the engine read differently from the transcription: `t2:new:3 expected 5, read 6` */
  misread: string[];
  right: string[];
  falseErrors: string[];
  missed: string[];
  /** every error finding as the engine worded it, for the report line */
  errorTexts: string[];
}

/** The corpus id of an engine finding (see realErrors for the id space). */
export function findingKey(f: Finding, result: CheckResultJson): string {
  const anchor = f.id.slice(f.rule.length + 1);
  switch (f.rule) {
    case 'balance':
    case 'results-total':
      return `${f.rule}:${anchor.replace(/^t2:/, '')}`;
    case 'row-total':
      return `row-total:${anchor.replace(/^t2:/, '')}`;
    case 'review-litigation-total':
      return `t3-total:${anchor.replace(/^t3:/, '')}`;
    case 'cells-filled':
      return `cells-filled:${anchor}`;
    case 'blank-total':
      return `blank-total:${anchor}`;
    case 'value-format': {
      const [t, row, col] = anchor.split(':');
      const cells = result.report.tables[t as 't1' | 't2' | 't3']?.rows.find((r) => r.key === row)?.cells ?? [];
      return `value-format:${t}:${row}:${cells.findIndex((c) => c.col === col)}`;
    }
    case 'tables-present':
      return anchor === 'image' ? 'pictures' : `missing-table:${anchor}`;
    case 'sections-present':
      return `missing-section:${anchor}`;
    case 'template-version':
      return 'old-template';
    case 'table-structure': {
      const [code, table, row] = anchor.split(':');
      if (code === 'row-missing') return `missing-row:${table}:${row}`;
      if (code === 'cells-extra') return `extra-cells:${table}`;
      // A row with fewer cells than columns: those cells hold no number, as blank ones do.
      if (code === 'cells-short') return `cells-filled:${table}`;
      if (code === 'template-mixed') return 'mixed-template';
      return `${f.rule}/${anchor}`;
    }
    default:
      return `${f.rule}/${anchor}`;
  }
}

function same(expected: Value, got: { kind: string; value?: number; raw: string } | undefined): boolean {
  if (!got) return false;
  if (typeof expected === 'object' && expected !== null) return got.kind !== 'number'; // a run that splits more than one way
  if (expected === null) return got.kind === 'missing';
  if (typeof expected === 'number') return got.kind === 'number' && got.value === expected;
  const amount = amountOf(expected);
  if (amount !== null && got.kind === 'number') return true; // read as an amount (maybe converted)
  return got.kind === 'text' && got.raw.replace(/\s+/g, '') === expected.replace(/\s+/g, '');
}

function show(v: { kind: string; value?: number; raw: string } | undefined): string {
  if (!v) return '（无此格）';
  return v.kind === 'number' ? String(v.value) : v.kind === 'missing' ? '（空）' : JSON.stringify(v.raw);
}

/** What an engine made of a case: its result, or the reason it gave for having none. */
export type Outcome = { ok: true; result: CheckResultJson } | { ok: false; reason: string };

/** The case read by the CLI's engine, judged. */
export async function judge(c: CorpusCase): Promise<Verdict> {
  const o = await checkInput(c.source, { lang: 'zh', timeoutMs: 1000 });
  return judgeOutcome(c, o);
}

/** Any engine's outcome for the case — the CLI's, the extension's copied JSON — judged alike. */
export function judgeOutcome(c: CorpusCase, o: Outcome): Verdict {
  const e = c.expect;
  const base = { id: c.id, kind: e.kind, misread: [], right: [], falseErrors: [], missed: [], errorTexts: [] };
  if (!o.ok) {
    return { ...base, reading: 'refused', wrongRefusal: e.kind === 'not-report' ? null : `拒绝：${o.reason}` };
  }
  if (e.kind === 'not-report') {
    return { ...base, reading: 'whole', wrongRefusal: '不是年报，却被当作年报核对' };
  }
  const r = o.result;
  const misread: string[] = [];
  let expectedCells = 0;
  const compare = (t: 't1' | 't2' | 't3', rows: Record<string, Value[]>): void => {
    for (const [key, values] of Object.entries(rows)) {
      const row = r.report.tables[t].rows.find((x) => x.key === key);
      values.forEach((v, k) => {
        expectedCells++;
        const got = row && row.placed !== 'absent' ? row.cells[k]?.value : undefined;
        if (!same(v, got)) misread.push(`${t}:${key}:${k} 应读作 ${v === null ? '（空）' : typeof v === 'object' ? `（无法唯一拆分：${v.unsplit}）` : JSON.stringify(v)}，读成 ${show(got)}`);
      });
    }
  };
  compare('t1', e.t1 ?? {});
  compare('t2', e.t2 ?? {});
  if (e.t3) compare('t3', { cases: e.t3 });

  const real = new Set(realErrors(e));
  const errors = r.findings.filter((f) => f.severity === 'error');
  const keys = new Set(r.findings.map((f) => findingKey(f, r)));
  const right: string[] = [];
  const falseErrors: string[] = [];
  for (const f of errors) {
    const k = findingKey(f, r);
    if (real.has(k)) right.push(k);
    else falseErrors.push(`${k}：${f.message.zh}`);
  }
  const missed = [...real].filter((k) => !keys.has(k));
  const reading: Reading = misread.length === 0 && expectedCells > 0 ? 'whole' : expectedCells === misread.length ? 'refused' : 'partly';
  return {
    ...base,
    reading: misread.length === 0 ? 'whole' : reading,
    wrongRefusal: null,
    misread,
    right: [...new Set(right)],
    falseErrors,
    missed,
    errorTexts: errors.map((f) => f.message.zh),
  };
}

/**
 * The probable wrong cell: what an auditor does with a calculator. When every failing sum is
 * explained by changing one cell — its row total and its column sum both off by the same amount,
 * say — and with that change every sum that held still holds, that cell is named with the value
 * that makes everything add up, and the usual slip is named when the two values show one (two
 * digits swapped, a digit dropped or doubled, a total typed into a part, a neighbour's figure,
 * a figure copied from the row above). Only sums whose every cell is a number take part.
 */
import type { CellKey } from '../model/report';
import type { Suspect } from '../model/finding';
import { keyText } from '../model/keys';
import type { CheckContext, SumRecord } from './context';

/** Candidates named at most when the answer is not unique. */
const MAX_CANDIDATES = 3;

export function findSuspects(ctx: CheckContext, relations: SumRecord[]): Suspect | null {
  const numeric = relations.filter((r) => [...r.expected, ...r.found].every((k) => ctx.cell(k)?.value.kind === 'number'));
  const failing = numeric.filter((r) => !holds(ctx, r, null));
  if (failing.length === 0) return null;
  // A single cell can explain the failures only if it sits in every one of them.
  const first = failing[0];
  if (!first) return null;
  const pool = new Map<string, CellKey>();
  for (const k of [...first.expected, ...first.found]) pool.set(keyText(k), k);
  const inAll = [...pool.values()].filter((k) => failing.every((r) => [...r.expected, ...r.found].some((x) => keyText(x) === keyText(k))));
  const answers: { cell: CellKey; now: number; proposed: number }[] = [];
  for (const cell of inAll) {
    const now = value(ctx, cell);
    if (now === null) continue;
    const proposed = proposal(ctx, first, cell, now);
    if (proposed === null || proposed < 0 || !Number.isInteger(proposed) || proposed === now) continue;
    const change = { key: keyText(cell), value: proposed };
    if (numeric.every((r) => holds(ctx, r, change))) answers.push({ cell, now, proposed });
  }
  if (answers.length === 0) return null;
  if (answers.length > MAX_CANDIDATES) return null;
  const only = answers.length === 1 ? answers[0] : undefined;
  return {
    cells: answers,
    unique: answers.length === 1,
    slip: only ? slipOf(ctx, only.cell, only.now, only.proposed) : null,
  };
}

function value(ctx: CheckContext, k: CellKey): number | null {
  const v = ctx.cell(k)?.value;
  return v?.kind === 'number' ? v.value : null;
}

function sum(ctx: CheckContext, keys: CellKey[], change: { key: string; value: number } | null): number {
  let s = 0;
  for (const k of keys) s += change && keyText(k) === change.key ? change.value : (value(ctx, k) ?? 0);
  return Math.round(s * 1e6) / 1e6;
}

function holds(ctx: CheckContext, r: SumRecord, change: { key: string; value: number } | null): boolean {
  return sum(ctx, r.expected, change) === sum(ctx, r.found, change);
}

/** The value of `cell` with which relation `r` holds. */
function proposal(ctx: CheckContext, r: SumRecord, cell: CellKey, now: number): number | null {
  const k = keyText(cell);
  const inExpected = r.expected.filter((x) => keyText(x) === k).length;
  const inFound = r.found.filter((x) => keyText(x) === k).length;
  const net = inExpected - inFound;
  if (net === 0) return null;
  const diff = sum(ctx, r.found, null) - sum(ctx, r.expected, null);
  return Math.round((now + diff / net) * 1e6) / 1e6;
}

/** The usual slip that turns `proposed` into `now`, when the figures show one. */
function slipOf(ctx: CheckContext, cell: CellKey, now: number, proposed: number): Suspect['slip'] {
  const a = String(now);
  const b = String(proposed);
  if (a.length === b.length && a.length > 1 && [...a].sort().join('') === [...b].sort().join('') && Math.abs(now - proposed) % 9 === 0) return 'swapped-digits';
  if (now === proposed * 10 || (a.length === b.length + 1 && a.includes(b.slice(0, -1)) && hasDoubled(a, b))) return 'digit-doubled';
  if (proposed === now * 10 || (b.length === a.length + 1 && isDropped(b, a))) return 'digit-dropped';
  const row = ctx.report.tables[cell.table].rows.find((r) => r.key === cell.row);
  const same = (k: { col: string }): number | null => {
    const v = row?.cells.find((c) => c.col === k.col)?.value;
    return v?.kind === 'number' ? v.value : null;
  };
  // a total typed into a part: the cell holds its row's 总计
  if (cell.col !== 'total' && same({ col: 'total' }) === now && now !== 0) return 'total-in-part';
  // a neighbour's figure: the cell holds the figure of the column beside it
  const cols = row?.cells.map((c) => c.col) ?? [];
  const at = cols.indexOf(cell.col);
  for (const j of [at - 1, at + 1]) {
    const c = cols[j];
    if (c && same({ col: c }) === now && now !== 0) return 'neighbour-value';
  }
  // a figure copied from the row above
  const rows = ctx.report.tables[cell.table].rows;
  const above = rows[rows.findIndex((r) => r.key === cell.row) - 1];
  const up = above?.cells.find((c) => c.col === cell.col)?.value;
  if (up?.kind === 'number' && up.value === now && now !== 0) return 'copied-from-above';
  return null;
}

/** `b` with one of its digits dropped gives `a`. */
function isDropped(b: string, a: string): boolean {
  for (let i = 0; i < b.length; i++) if (b.slice(0, i) + b.slice(i + 1) === a) return true;
  return false;
}

/** `a` is `b` with one digit written twice. */
function hasDoubled(a: string, b: string): boolean {
  for (let i = 0; i < b.length; i++) if (b.slice(0, i + 1) + b.slice(i) === a) return true;
  return false;
}

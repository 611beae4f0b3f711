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
    const now = ctx.number(cell);
    if (now === null) continue;
    const proposed = proposal(ctx, first, cell, now);
    if (proposed === null || proposed < 0 || !Number.isInteger(proposed) || proposed === now) continue;
    const change = { key: keyText(cell), value: proposed };
    if (numeric.every((r) => holds(ctx, r, change))) answers.push({ cell, now, proposed });
  }
  if (answers.length === 0) return pairOf(ctx, numeric, failing);
  if (answers.length > MAX_CANDIDATES) return null;
  const only = answers.length === 1 ? answers[0] : undefined;
  return {
    cells: answers,
    unique: answers.length === 1,
    slip: only ? slipOf(ctx, only.cell, only.now, only.proposed) : null,
  };
}

function sum(ctx: CheckContext, keys: CellKey[], change: { key: string; value: number } | null): number {
  let s = 0;
  for (const k of keys) s += change && keyText(k) === change.key ? change.value : (ctx.number(k) ?? 0);
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

/** Cells of failing sums tried two at a time, at most: beyond it the search is not made. */
const MAX_PAIR_CELLS = 80;

/**
 * Two cells that together explain every failing sum when no single one does: the changes of the
 * pair are the one solution of the sums they sit in, whole non-negative figures, and every sum
 * that held still holds. Named only when exactly one pair does.
 */
function pairOf(ctx: CheckContext, numeric: SumRecord[], failing: SumRecord[]): Suspect | null {
  const pool = new Map<string, CellKey>();
  for (const r of failing) for (const k of [...r.expected, ...r.found]) pool.set(keyText(k), k);
  const cells = [...pool.values()];
  if (cells.length > MAX_PAIR_CELLS) return null;
  // Each sum as linear data, worked out once: a cell's coefficient (times on the side that should
  // add up, less times on the side the page states) and what the sum is short of holding.
  const linear = new Map<SumRecord, { terms: Map<string, number>; diff: number }>();
  for (const r of numeric) {
    const terms = new Map<string, number>();
    for (const k of r.expected) terms.set(keyText(k), (terms.get(keyText(k)) ?? 0) + 1);
    for (const k of r.found) terms.set(keyText(k), (terms.get(keyText(k)) ?? 0) - 1);
    linear.set(r, { terms, diff: sum(ctx, r.found, null) - sum(ctx, r.expected, null) });
  }
  const coef = (r: SumRecord, k: string): number => linear.get(r)?.terms.get(k) ?? 0;
  const diff = (r: SumRecord): number => linear.get(r)?.diff ?? 0;
  const found: Suspect['cells'][] = [];
  for (let i = 0; i < cells.length && found.length < 2; i++) {
    for (let j = i + 1; j < cells.length && found.length < 2; j++) {
      const a = cells[i];
      const b = cells[j];
      if (!a || !b) continue;
      const ka = keyText(a);
      const kb = keyText(b);
      // every failing sum must hold one of the two
      if (!failing.every((r) => coef(r, ka) !== 0 || coef(r, kb) !== 0)) continue;
      const eqs = numeric.filter((r) => coef(r, ka) !== 0 || coef(r, kb) !== 0).map((r) => ({ a: coef(r, ka), b: coef(r, kb), d: diff(r) }));
      const solved = solve2(eqs);
      if (!solved) continue;
      const va = ctx.number(a);
      const vb = ctx.number(b);
      if (va === null || vb === null) continue;
      const pa = Math.round((va + solved.x) * 1e6) / 1e6;
      const pb = Math.round((vb + solved.y) * 1e6) / 1e6;
      if (solved.x === 0 || solved.y === 0 || pa < 0 || pb < 0 || !Number.isInteger(pa) || !Number.isInteger(pb)) continue;
      // every sum holds with both changes (those without the pair held already: all failing ones hold one of them)
      const holdsAll = numeric.every((r) => {
        const da = coef(r, ka) * solved.x + coef(r, kb) * solved.y;
        return Math.abs(diff(r) - da) < 1e-6;
      });
      if (holdsAll) found.push([{ cell: a, now: va, proposed: pa }, { cell: b, now: vb, proposed: pb }]);
    }
  }
  const only = found.length === 1 ? found[0] : undefined;
  return only ? { cells: only, unique: true, slip: null } : null;
}

/** The one solution of a·x + b·y = d over all the equations, or null when there is none or many. */
function solve2(eqs: { a: number; b: number; d: number }[]): { x: number; y: number } | null {
  for (let i = 0; i < eqs.length; i++) {
    for (let j = i + 1; j < eqs.length; j++) {
      const p = eqs[i];
      const q = eqs[j];
      if (!p || !q) continue;
      const det = p.a * q.b - p.b * q.a;
      if (det === 0) continue;
      const x = (p.d * q.b - p.b * q.d) / det;
      const y = (p.a * q.d - p.d * q.a) / det;
      return eqs.every((e) => Math.abs(e.a * x + e.b * y - e.d) < 1e-6) ? { x, y } : null;
    }
  }
  return null;
}

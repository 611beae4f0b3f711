/**
 * A body's figures year after year, consistent along the series (issue 19, the test site): each
 * year's table 2 row 二 (上年结转) is the year before's row 四 (结转下年度) column by column, 现行有效
 * is last year's + 制发 − 废止, and no figure jumps five-fold (the year-on-year rule stays quiet).
 * Every year also holds the single-year rules of FORMAT.md (render.ts's SoundFigures shape).
 * Deterministic: the same seed gives the same figures on every run.
 */
import type { Body, SoundFigures } from '../support/render';
import { T2_COLS, T2_ROWS } from '../support/render';

/** mulberry32: small, seeded, the same numbers on every machine */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const withTotal = (parts: readonly number[]): number[] => [...parts, sum(parts)];

const RESULT_ROWS = T2_ROWS.flatMap((r, i) => (r.role === 'result' ? [i] : []));
const rowOf = (role: string, k = 0): number => T2_ROWS.flatMap((r, i) => (r.role === role ? [i] : []))[k] ?? -1;
const PARTS = T2_COLS.length - 1;

/**
 * Figures for `years` of one body. `scale` sets how busy the body is (applications a year, about);
 * `repeat` names a year published with the previous year's figures unchanged (the planted fault:
 * its 上年结转 and 现行有效 then do not follow, and the year after follows on from it as printed).
 */
export function seriesFigures(body: Body, years: readonly number[], opts: { seed: number; scale: number; repeat?: number }): SoundFigures[] {
  const rand = rng(opts.seed);
  const int = (max: number): number => Math.floor(rand() * (max + 1));
  // each result cell's usual level: most cells 0, a few busy ones
  const base: number[][] = RESULT_ROWS.map((_, k) =>
    Array.from({ length: PARTS }, (_, c) => {
      const busy = (k === 0 || k === 1 || k === 5 || k === 15) && (c === 0 || c === 1 || c === 5);
      if (busy) return Math.max(1, Math.round(opts.scale * (c === 0 ? 1 : 0.2) * (k === 0 ? 1 : 0.3)));
      return rand() < 0.12 ? 1 + int(3) : 0;
    }),
  );
  const vary = (n: number): number => (n === 0 ? 0 : n < 10 ? Math.max(0, n + int(2) - 1) : Math.round(n * (0.85 + rand() * 0.3)));
  const t1Base = { licensing: Math.round(opts.scale * 6), punishment: Math.round(opts.scale * 2), coercion: Math.round(opts.scale * 0.3) };
  let carried = Array.from({ length: PARTS }, () => 0);
  let normativeInForce = 12 + int(20);
  const out: SoundFigures[] = [];
  for (const year of years) {
    const prev = out[out.length - 1];
    if (prev && year === opts.repeat) {
      out.push({ ...prev, year });
      continue;
    }
    const results = base.map((row) => row.map(vary));
    const rows: number[][] = T2_ROWS.map(() => []);
    RESULT_ROWS.forEach((i, k) => {
      rows[i] = withTotal(results[k] ?? []);
    });
    const handled = Array.from({ length: PARTS }, (_, c) => sum(results.map((r) => r[c] ?? 0)));
    // what is carried forward: a few of the busy columns
    const forward = Array.from({ length: PARTS }, (_, c) => (handled[c] ?? 0) > 4 ? int(3) : 0);
    // 一 = （七）总计 + 四 − 二: more granted where last year's carry-over would make it negative
    const fresh = handled.map((h, c) => h + (forward[c] ?? 0) - (carried[c] ?? 0));
    fresh.forEach((n, c) => {
      if (n >= 0) return;
      const granted = rows[RESULT_ROWS[0] ?? 0] as number[];
      granted[c] = (granted[c] ?? 0) - n;
      granted[PARTS] = (granted[PARTS] ?? 0) - n;
      handled[c] = (handled[c] ?? 0) - n;
      fresh[c] = 0;
    });
    rows[rowOf('in', 0)] = withTotal(fresh);
    rows[rowOf('in', 1)] = withTotal(carried);
    rows[rowOf('total')] = withTotal(handled);
    rows[rowOf('out')] = withTotal(forward);
    const issued = int(4);
    const repealed = Math.min(normativeInForce, int(2));
    normativeInForce += issued - repealed;
    const t3 = [0, 1, 2].flatMap((g) => withTotal([g === 0 ? int(2) : int(1), int(1), 0, int(1)]));
    out.push({
      body,
      year,
      t1: {
        regulations: [0, 0, 0],
        normative: [issued, repealed, normativeInForce],
        licensing: vary(t1Base.licensing),
        punishment: vary(t1Base.punishment),
        coercion: vary(t1Base.coercion),
        fee: 0,
      },
      t2: rows,
      t3,
    });
    carried = forward;
  }
  // a repeated year's 四 is what the next year carries over (as printed), and its 现行有效 what it builds on
  return out;
}

/** Small helpers the browser benches share: medians, units, plain text tables, timeouts. */
import { existsSync } from 'node:fs';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export class BenchError extends Error {}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export const ms = (x: number, digits = 2): string => (Number.isFinite(x) ? `${x.toFixed(digits)} ms` : '—');
export const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
export const ratio = (a: number, b: number): string => (b > 0 && Number.isFinite(a) ? `×${(a / b).toFixed(2)}` : '—');
export const range = (xs: readonly number[]): string =>
  xs.length ? `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}` : '—';
export const signed = (x: number): string => (Number.isFinite(x) ? `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(2)} ms` : '—');
export const sleep = (t: number): Promise<void> => new Promise((r) => setTimeout(r, t));
/** `p`, or null after `t` ms (the timer is cleared, so it does not keep the process alive). */
export async function within<T>(p: Promise<T>, t: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<null>((r) => (timer = setTimeout(() => r(null), t)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** A plain text table: the first column left-aligned, the others right-aligned. */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].map((l) => `  ${l}`).join('\n');
}

export function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}


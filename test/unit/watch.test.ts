// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkDocument } from '../../src/pipeline';
import { pageWatch, reportTables, tableSignature, WATCH_LIMITS } from '../../src/page/watch';
import type { SourceRef } from '../../src/extract/types';

// Issue 16, item 5: a clock in a <td> re-ran the whole check every second for as long as the page
// was open, and each re-injection started a fresh give-up timer. The page has one watcher; text
// changing outside the report's tables is no reason to check again; re-checks are debounced,
// spaced and capped for the page, and the watcher gives up a fixed time after the first check.

const html = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'html', 'errors.html'), 'utf8');

function load(): Element[] {
  document.documentElement.innerHTML = html.replace(/^[\s\S]*?<html[^>]*>/i, '').replace(/<\/html>[\s\S]*$/i, '').replace(/<link[^>]*>/gi, '');
  // a layout table with a clock, outside the report's tables, and the report's own tables
  const layout = document.createElement('table');
  layout.innerHTML = '<tr><td>北京时间</td><td id="clock">10:00:00</td></tr>';
  document.body.prepend(layout);
  const out = checkDocument(document, { kind: 'url', location: 'http://www.example.gov.cn/errors.html', format: 'html' });
  if (!out.ok) throw new Error('errors.html: no report');
  const refs: (SourceRef | null)[] = [];
  for (const t of Object.values(out.result.report.tables)) for (const r of t.rows) for (const c of r.cells) refs.push(c.src);
  return reportTables(document, refs);
}

/** What the sidebar does on each injection: attach to the page's watcher and re-check when the signature changed. */
function instance(tables: Element[], rechecks: { n: number }, host: object): () => void {
  let seen = tableSignature(document, tables);
  return pageWatch(document, { host }).attach(() => {
    const now = tableSignature(document, tables);
    if (now === seen) return false;
    seen = now;
    rechecks.n += 1;
    return true;
  });
}

describe('the page watcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('finds the report tables and not the layout table', () => {
    const tables = load();
    expect(tables.length).toBe(3);
    expect(tables.some((t) => t.contains(document.getElementById('clock')))).toBe(false);
  });

  it('a clock ticking every second in a cell outside the report tables: no re-check in 10 s', async () => {
    const tables = load();
    const host = {};
    const rechecks = { n: 0 };
    instance(tables, rechecks, host);
    const clock = document.getElementById('clock');
    for (let s = 1; s <= 10; s++) {
      if (clock) clock.textContent = `10:00:${String(s).padStart(2, '0')}`;
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(rechecks.n).toBe(0);
  });

  it('a ticking cell inside a report table: re-checks spaced and capped, the give-up time not restarted by re-injection', async () => {
    const tables = load();
    const host = {};
    const rechecks = { n: 0 };
    let detach = instance(tables, rechecks, host);
    const cell = tables[1]?.getElementsByTagName('td')[20];
    if (!cell) throw new Error('no cell');
    let runsSeen = 0;
    for (let s = 1; s <= 120; s++) {
      cell.textContent = String(s);
      await vi.advanceTimersByTimeAsync(1000);
      // every re-check injects the sidebar's script again: a new instance, the same watcher
      if (rechecks.n > runsSeen) {
        runsSeen = rechecks.n;
        detach();
        detach = instance(tables, rechecks, host);
      }
    }
    expect(rechecks.n).toBeGreaterThan(0);
    expect(rechecks.n).toBeLessThanOrEqual(WATCH_LIMITS.maxRuns);
    // first at the debounce, then at least minGapMs apart: within 10 s at most three
    expect(pageWatch(document, { host }).stopped).toBe(true);
    expect(pageWatch(document, { host }).runs).toBe(rechecks.n);
  });

  it('re-checks within the first 10 s are at most 1 + 10 s / minGap, and the watcher stops at its give-up time', async () => {
    const tables = load();
    const host = {};
    const rechecks = { n: 0 };
    instance(tables, rechecks, host);
    const cell = tables[1]?.getElementsByTagName('td')[20];
    if (!cell) throw new Error('no cell');
    for (let s = 1; s <= 10; s++) {
      cell.textContent = String(s);
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(rechecks.n).toBeGreaterThanOrEqual(1);
    expect(rechecks.n).toBeLessThanOrEqual(1 + Math.floor(10_000 / WATCH_LIMITS.minGapMs));
    await vi.advanceTimersByTimeAsync(WATCH_LIMITS.giveUpMs);
    expect(pageWatch(document, { host }).stopped).toBe(true);
  });

  it('a table added late (a report loaded by script) is a change; our own sidebar host and marks are not', async () => {
    const tables = load();
    const host = {};
    const rechecks = { n: 0 };
    instance(tables, rechecks, host);
    document.body.appendChild(document.createElement('gov-report-check'));
    tables[0]?.setAttribute('data-grc', 'fail');
    await vi.advanceTimersByTimeAsync(1000);
    expect(rechecks.n).toBe(0);
    const late = document.createElement('table');
    late.innerHTML = '<tr><td>1</td></tr>';
    document.body.appendChild(late);
    await vi.advanceTimersByTimeAsync(1000);
    expect(rechecks.n).toBe(1);
  });
});

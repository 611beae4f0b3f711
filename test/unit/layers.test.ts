import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The import direction of src/ (issue 20): every folder has a floor, and a file imports only from
 * its own folder or from a lower floor — never back up (a stage reaching into what is built on
 * it), never sideways between two folders of one floor. The README's map shows the same floors.
 * A new folder must be given its floor here, or this test fails.
 */
const FLOORS: Record<string, number> = {
  text: 0, // text folding and cell values, shared by every stage
  types: 0, // ambient declarations only
  fetch: 1, // bytes from a URL or a file, their kind, decoded
  extract: 2, // DOM / text / PDF / Word → grids of cells with provenance
  model: 3, // the typed report, findings, result, history: schemas and types
  recognise: 4, // grids → the typed report
  check: 5, // report → findings, one rule per file
  'pipeline.ts': 6, // extract → recognise → check, in one call
  batch: 6, // many inputs checked, in order; series by body and year; the run journal
  discover: 7, // listing pages → report links
  output: 8, // JSON, CSV, TSV, workbook, summary, audit record: results as files and text
  store: 9, // every persisted value, its schema and migrations
  messaging: 10, // what the extension's parts send each other, one file per direction
  page: 11, // everything that touches the report page's DOM
  background: 11, // the background's work: the page check, injection, badge, sites
  ui: 12, // the Preact apps: sidebar, popup, options, batch, print
  cli: 13, // the command line, and its worker threads for many files
};

const ROOT = join(dirname(new URL(import.meta.url).pathname), '..', '..');
const SRC = join(ROOT, 'src');
const IMPORT = /(?:\bfrom|\bimport|\bimport\s*\()\s*(['"])(\.{1,2}\/[^'"]+)\1/g;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return /\.tsx?$/.test(name) ? [p] : [];
  });
}

/** src/check/rules/balance.ts → 'check'; src/pipeline.ts → 'pipeline.ts' */
const folderOf = (p: string): string => relative(SRC, p).split(/[\\/]/)[0] ?? '';

describe('import direction (issue 20)', () => {
  const all = files(SRC);

  it('gives every folder and root file of src/ a floor', () => {
    const unplaced = [...new Set(all.map(folderOf))].filter((f) => !(f in FLOORS));
    expect(unplaced).toEqual([]);
  });

  it('has no import from a lower floor back up, nor sideways between folders of one floor, nor into entrypoints/', () => {
    const wrong: string[] = [];
    for (const file of all) {
      const from = folderOf(file);
      for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
        const target = normalize(join(dirname(file), m[2] ?? ''));
        const rel = relative(ROOT, file);
        if (!target.startsWith(SRC)) {
          wrong.push(`${rel} → ${relative(ROOT, target)} (outside src/)`);
          continue;
        }
        const to = folderOf(target);
        if (to === from) continue;
        const a = FLOORS[from] ?? -1;
        const b = FLOORS[to] ?? -1;
        if (b >= a) wrong.push(`${rel} → ${relative(ROOT, target)} (${from} ${a} → ${to} ${b})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('would catch an import that runs back up (the check itself can fail)', () => {
    const line = "import { toJson } from '../output/json';";
    const m = [...line.matchAll(IMPORT)][0];
    expect(m?.[2]).toBe('../output/json');
    expect(FLOORS['output']).toBeGreaterThan(FLOORS['check'] ?? 99);
  });
});

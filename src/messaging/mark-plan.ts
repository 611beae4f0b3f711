import { refKey } from '../extract/dom-index';
import type { SourceRef } from '../extract/types';
import { keyText } from '../model/keys';
import type { CellKey } from '../model/report';
import type { CheckResultJson } from '../model/result';

/**
 * What to mark in the page for a result, worked out in the background (no DOM here): each cell
 * with the marks it gets, the mark of its row, and the findings behind it; each quoted paragraph.
 * The page only finds the elements and sets the attributes (highlight.ts `applyPlan`), so the
 * marks appear before the page has read the result itself.
 *
 * Marks (tokens of the data-grc attribute; their look is highlight.ts's CSS):
 * - fail: the cell a failing relation points at (its stated total); part: the other cells of
 *   that relation; suspect: the one cell that explains every failing sum (check/suspect.ts); block: a missing or text cell that stops a relation from being verified;
 *   prose: a paragraph whose words disagree with the tables;
 * - row-fail / row-warn on the row of a fail cell (warn for prose and structure warnings).
 */
export interface PlannedCell {
  src: SourceRef;
  /** what the background read in the cell: the page checks the element still holds it */
  raw: string;
  /** data-grc tokens, space-separated */
  mark: string;
  /** the tokens for the cell's row (row-fail, row-warn), if any */
  row?: string;
  /** indices into result.findings */
  findings: number[];
}

export interface PlannedParagraph {
  src: SourceRef | null;
  quote: string;
  /** element-child indices from the frame's <html> down to the paragraph, as the background parsed the page; a hint */
  path: number[] | null;
  findings: number[];
}

export interface MarkPlan {
  cells: PlannedCell[];
  paragraphs: PlannedParagraph[];
}

/** `paragraphPath` gives the element path of a paragraph by its source, where the extraction knows it. */
export function planMarks(result: CheckResultJson, paragraphPath: (src: SourceRef) => number[] | null = () => null): MarkPlan {
  const where = new Map<string, { src: SourceRef; raw: string }>();
  for (const table of Object.values(result.report.tables)) {
    for (const row of table.rows) {
      for (const cell of row.cells) {
        if (cell.src?.kind === 'html') where.set(keyText({ table: table.id, row: row.key, col: cell.col }), { src: cell.src, raw: cell.value.raw });
      }
    }
  }

  const cells = new Map<string, { src: SourceRef; raw: string; tokens: Set<string>; rows: Set<'row-fail' | 'row-warn'>; findings: Set<number> }>();
  const add = (k: CellKey, token: string, f: number, row?: 'row-fail' | 'row-warn'): void => {
    const at = where.get(keyText(k));
    if (!at) return;
    const key = refKey(at.src);
    let c = cells.get(key);
    if (!c) cells.set(key, (c = { ...at, tokens: new Set(), rows: new Set(), findings: new Set() }));
    c.tokens.add(token);
    c.findings.add(f);
    if (row) c.rows.add(row);
  };
  const paragraphs = new Map<string, PlannedParagraph>();

  result.findings.forEach((f, i) => {
    if (f.outcome === 'fail' && !f.evidence) {
      for (const k of f.cells) add(k, 'part', i);
      for (const k of f.primary) add(k, 'fail', i, 'row-fail');
      // the cell that probably holds the typo, marked apart from the rest of the relation
      if (f.suspect?.unique) for (const s of f.suspect.cells) add(s.cell, 'suspect', i, 'row-fail');
    } else if (f.outcome === 'unverifiable' || f.blocking.length > 0) {
      for (const k of f.blocking) add(k, 'block', i);
    } else if (f.evidence) {
      // prose against tables: the table cells as for any failure, the sentence in the page too
      for (const k of f.primary) add(k, 'fail', i, 'row-warn');
      const src = f.evidence.src;
      const key = src ? `${refKey(src)}|${f.evidence.quote}` : `-|${f.evidence.quote}`;
      const known = paragraphs.get(key);
      if (known) known.findings.push(i);
      else paragraphs.set(key, { src, quote: f.evidence.quote, path: src ? paragraphPath(src) : null, findings: [i] });
    } else if (f.outcome === 'structure' && f.severity !== 'info') {
      const error = f.severity === 'error';
      for (const k of f.primary) add(k, error ? 'fail' : 'part', i, error ? 'row-fail' : 'row-warn');
    }
  });

  return {
    cells: [...cells.values()].map((c) => {
      if (c.tokens.has('fail') || c.tokens.has('suspect')) c.tokens.delete('part');
      const rows = [...c.rows].sort();
      const planned: PlannedCell = { src: c.src, raw: c.raw, mark: [...c.tokens].join(' '), findings: [...c.findings] };
      if (rows.length > 0) planned.row = rows.join(' ');
      return planned;
    }),
    paragraphs: [...paragraphs.values()],
  };
}

/** The element-child path of `el` from its document's <html> (what `PlannedParagraph.path` holds). */
export function elementPath(el: Element): number[] | null {
  const path: number[] = [];
  for (let e: Element | null = el; e && e.parentElement; e = e.parentElement) {
    let i = 0;
    for (let s = e.previousElementSibling; s; s = s.previousElementSibling) i++;
    path.push(i);
  }
  path.reverse();
  return path.length > 0 ? path : null;
}

import { normalizeText } from '../text/normalize';
import { isValueLike, looksLikeFigure } from '../text/cell-value';
import type { DocItem, ExtractedDoc, GridCell, GridRow } from './types';

/**
 * Plain text pasted from Word or PDF (the seeds' form) → paragraphs and grids.
 *
 * Forms handled (see docs/FORMAT.md, "In text dumps…"):
 *  - one cell per line, each line starting with a tab, rows separated by a blank line; a cell's
 *    text may continue on the next line without a tab (labels broken over two lines); a row
 *    whose label cells were lost starts with ` \t` (seed 000);
 *  - tab-separated rows, one row per line (seed 003);
 *  - `| a | b |` rows;
 *  - a label line followed by its numbers, or a label with its numbers on one line separated by
 *    spaces (PDF text): rows anchored on the label, never on line positions.
 * The recognise stage decides which rows belong to which table, by their labels.
 */
export function extractText(input: string): ExtractedDoc {
  const lines = input.replace(/\r\n?/g, '\n').split('\n');
  const items: DocItem[] = [];
  const notes: string[] = [];
  let rows: GridRow[] = [];
  let blankRun = 0;

  const flushGrid = (): void => {
    if (rows.length > 0) items.push({ kind: 'grid', grid: { rows } });
    rows = [];
  };
  const cell = (raw: string, line: number, index: number): GridCell => ({
    raw,
    text: normalizeText(raw),
    src: { kind: 'text', line, cell: index },
    origin: true,
  });

  // A one-cell-per-line row is being built while `block` is non-null.
  let block: GridRow | null = null;
  // …built from cells that each end in a pipe (`58 |`).
  let pipeBlock = false;
  const endBlock = (): void => {
    if (block && block.length > 0) rows.push(block);
    block = null;
    pipeBlock = false;
  };

  const between = cellSeparators(lines);
  for (let i = 0; i < lines.length; i++) {
    if (between.has(i)) {
      // empty cells where a longer run of blank lines stands between two cells (see cellSeparators)
      const empties = between.get(i) ?? 0;
      const into: GridRow | undefined = block ?? rows[rows.length - 1];
      if (empties > 0 && into) for (let k = 0; k < empties; k++) into.push(cell('', i + 1, into.length));
      continue;
    }
    const line = lines[i] ?? '';
    const lineNo = i + 1;
    const trimmed = normalizeText(line);

    for (const m of line.matchAll(/\[image:\s*([^\]]*)\]/g)) {
      items.push({ kind: 'image', name: (m[1] ?? '').trim() || 'image', src: { kind: 'text', line: lineNo, cell: 0 } });
    }

    if (trimmed === '' && !line.includes('\t')) {
      endBlock();
      blankRun++;
      // Rows are separated by one blank line; two or more end the grid.
      if (blankRun >= 2) flushGrid();
      continue;
    }
    const wasBlank = blankRun;
    blankRun = 0;

    // A lone `|`: after every cell, a cell separator inside a one-cell-per-line block; where each
    // cell ends in its own pipe (`58 |`), an empty cell (or the opening of the next row, whose
    // label then starts it: the empty cell left behind is padding the fitting drops).
    if (/^\s*\|\s*$/.test(line)) {
      const open: GridRow | null = block;
      if (pipeBlock && open) open.push(cell('', lineNo, open.length));
      continue;
    }
    if (line.includes('|')) {
      const parsed = pipeCells(line);
      // A markdown separator row (`|---|:--:|`) holds no data.
      if (parsed.kind === 'rule') continue;
      const pipe: PipeLine =
        parsed.kind !== 'filled' ? parsed : pipeBlock ? { kind: 'cell', cells: parsed.cells } : { kind: 'row', cells: parsed.all };
      if (pipe.kind === 'row') {
        // `| a | b |`, `a | b | c |` (crawled pages: no leading pipe), `| a | b | ||`
        endBlock();
        rows.push(pipe.cells.map((p, k) => cell(p, lineNo, k)));
        continue;
      }
      if (pipe.kind === 'cell') {
        // `58 |`: one cell per line, each ended by a pipe. A label starts a row, values follow it.
        const text = normalizeText(pipe.cells[0] ?? '');
        const current: GridRow | null = block;
        if (!current || (!looksLikeFigure(text) && current.some((c) => isValueLike(c.text) && c.text !== ''))) {
          endBlock();
          block = [];
        }
        const open = block as GridRow | null;
        if (open) open.push(cell(pipe.cells[0] ?? '', lineNo, open.length));
        pipeBlock = true;
        continue;
      }
    }

    const tabs = line.split('\t');
    if (tabs.length > 1) {
      const oneCellLine = tabs.length === 2 && normalizeText(tabs[0] ?? '') === '';
      if (oneCellLine && !/^[ \u3000\u00a0]+\t/.test(line)) {
        // `\tcell`: the next cell of the current row.
        if (!block) block = [];
        block.push(cell(tabs[1] ?? '', lineNo, block.length));
        continue;
      }
      if (oneCellLine) {
        // ` \tcell`: a new row whose label cells were lost (seed 000, rows 6 and 8 of 不予公开).
        endBlock();
        block = [cell('', lineNo, 0), cell(tabs[1] ?? '', lineNo, 1)];
        continue;
      }
      // A tab-separated row.
      endBlock();
      rows.push(tabs.map((t, k) => cell(t, lineNo, k)));
      continue;
    }

    // A line without tabs.
    const open: GridRow | null = block;
    if (open && open.length > 0 && wasBlank === 0) {
      const last = open[open.length - 1];
      if (last && isContinuation(last.text, trimmed)) {
        last.raw += '\n' + line;
        last.text = normalizeText(last.raw);
        continue;
      }
    }
    endBlock();

    // A line of figures alone (PDF text: table 3's fifteen numbers under its headers).
    const figures = trimmed.split(' ');
    // (`— 5 —`, a PDF's page number, is no row: a row has three figures at least.)
    if (figures.filter((f) => /\d/.test(f)).length >= 3 && figures.every((f) => VALUE_TOKEN.test(f))) {
      rows.push(figures.map((f, k) => cell(f, lineNo, k)));
      continue;
    }
    // Label-anchored rows from PDF-like text: `label 1 2 3` on one line.
    const inline = splitInlineRow(line);
    if (inline) {
      rows.push([cell(inline.label, lineNo, 0), ...inline.values.map((v, k) => cell(v, lineNo, k + 1))]);
      continue;
    }
    // A lone value line right after a label-only row continues that row (one cell per line, no tabs).
    const prev = rows[rows.length - 1];
    if (prev && wasBlank === 0 && isValueLike(trimmed) && trimmed !== '' && trimmed.length <= 16) {
      prev.push(cell(line, lineNo, prev.length));
      continue;
    }
    if (isShortLabel(trimmed) && nextLineIsValue(lines, i, between)) {
      rows.push([cell(line, lineNo, 0)]);
      continue;
    }

    flushGrid();
    items.push({ kind: 'para', text: unMarkdown(trimmed), src: { kind: 'text', line: lineNo, cell: 0 } });
  }
  endBlock();
  flushGrid();

  const title = findTitle(items);
  return { items, title, notes };
}

/**
 * Lines that only separate the cells of a table flattened one cell per line — a blank line or a
 * lone `|` between two cells (crawled pages, Word tables pasted as text) — so that the cells read
 * as one stream: a label starts a row and the figures after it fill it. A separator counts only
 * between two short cell-like lines of which one is a figure, so prose keeps its paragraphs and
 * the tab-separated forms (where a blank line ends a row) are left alone.
 */
function cellSeparators(lines: string[]): Map<number, number> {
  const out = new Map<number, number>();
  // a cell alone on its line, bare or ended by its pipe (`58 |`, crawled pages)
  const content = (l: string): string | null => {
    if (l.includes('\t')) return null;
    if (!l.includes('|') || /^\s*\|\s*$/.test(l)) return l;
    const one = /^([^|]*[^|\s][^|]*)\|\s*$/.exec(l);
    return one ? (one[1] ?? '') : null;
  };
  const cellish = (l: string): boolean => {
    const c = content(l);
    if (c === null) return false;
    const t = normalizeText(c);
    return t !== '' && withoutBrackets(t).length <= 40 && !/[。；:：]$/.test(t);
  };
  const figure = (l: string): boolean => VALUE_TOKEN.test(normalizeText(content(l) ?? ''));
  const pipe = (l: string): boolean => /^\s*\|\s*$/.test(l);
  // the runs of blank lines (or lone pipes) between two short cell-like lines, one a figure
  const runs: { i: number; j: number; spaces: number; pipes: boolean }[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const sep = normalizeText(line) === '' || pipe(line);
    if (!sep || i === 0 || line.includes('\t')) {
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && (normalizeText(lines[j] ?? '') === '' || pipe(lines[j] ?? '')) && !(lines[j] ?? '').includes('\t')) j++;
    const before = lines[i - 1] ?? '';
    const after = lines[j] ?? '';
    if (j < lines.length && cellish(before) && cellish(after) && (figure(before) || figure(after))) {
      let spaces = 0;
      let pipes = false;
      for (let k = i; k < j; k++) {
        if (pipe(lines[k] ?? '')) pipes = true;
        else if ((lines[k] ?? '') !== '') spaces++;
      }
      runs.push({ i, j, spaces, pipes });
    }
    i = j;
  }
  // The document's separator between two cells: the commonest run of bare blank lines (the
  // shorter on a tie). Where it is one blank line, a longer run of bare newlines holds empty cells.
  const counts = new Map<number, number>();
  for (const r of runs) if (!r.pipes && r.spaces === 0) counts.set(r.j - r.i, (counts.get(r.j - r.i) ?? 0) + 1);
  const sepLen = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
  for (const { i: a, j: b, spaces, pipes } of runs) {
    const len = b - a;
    // Cells one a line, a blank line between two: a run between two cells that is longer holds
    // empty cells. A line of spaces alone is one (`现行有效件数 / ␣␣ / 0`: 规章's lost label,
    // web-026); where the separator is one bare newline, each newline past it is one (a crawl that
    // keeps one newline for an empty cell: `…申请数量` then six empty applicant cells, then 总计 0,
    // web-029; a lost label between two rows of figures, seed 000 as such a crawl).
    const empties = pipes || !blankSeparated(lines, a - 1, b) ? 0 : spaces > 0 ? spaces : sepLen === 1 ? len - 1 : 0;
    if (empties > 0 && len <= MAX_EMPTY_RUN) {
      for (let k = a; k < b; k++) out.set(k, 0);
      out.set(a, empties);
    } else if (len <= 2) {
      for (let k = a; k < b; k++) out.set(k, 0);
    }
  }
  return out;
}

/** Blank lines between two cells that stand for empty cells, at most (more is no table). */
const MAX_EMPTY_RUN = 16;

/**
 * Are the cells around a run of blank lines (the cell at `a`, the next at `b`) laid out one a
 * line with a single blank line between two — the form in which a longer run means empty cells?
 * Said by the cell before `a` or after `b` sitting one blank line away.
 */
function blankSeparated(lines: string[], a: number, b: number): boolean {
  const blank = (k: number): boolean => k >= 0 && k < lines.length && normalizeText(lines[k] ?? '') === '' && !(lines[k] ?? '').includes('\t');
  const filled = (k: number): boolean => k >= 0 && k < lines.length && normalizeText(lines[k] ?? '') !== '';
  return (blank(a - 1) && filled(a - 2)) || (blank(b + 1) && filled(b + 2));
}

type PipeLine = { kind: 'rule' | 'none' } | { kind: 'row' | 'cell'; cells: string[] } | { kind: 'filled'; cells: string[]; all: string[] };

/**
 * A line with pipes: a markdown rule (`|---|---|`), a row of cells — with or without the leading
 * and trailing pipe, trailing empty cells kept (`| a | 0 | ||`) — or one cell ended by a pipe
 * (`58 |`, the one-cell-per-line form of crawled pages).
 */
function pipeCells(line: string): PipeLine {
  let t = line.trim();
  if (/^\|?(\s*:?-{2,}:?\s*\|)+\s*(:?-{2,}:?)?\s*$/.test(t)) return { kind: 'rule' };
  const lead = t.startsWith('|');
  if (lead) t = t.slice(1);
  const trail = t.endsWith('|');
  if (trail) t = t.slice(0, -1);
  const parts = t.split('|').map((p) => unMarkdown(p.replace(/<br\s*\/?>/gi, ' ')));
  // `8 | ||||||` where each cell has its own line: the row's last cell, then the empty cells a
  // crawler made of colspans (the caller knows whether cells are one per line).
  if (!lead && parts.length >= 2 && parts.slice(1).every((p) => p.trim() === '')) return { kind: 'filled', cells: [parts[0] ?? ''], all: parts };
  if (parts.length >= 2 || (lead && trail)) return { kind: 'row', cells: parts };
  if (trail && !lead && parts[0] !== undefined && normalizeText(parts[0]) !== '') return { kind: 'cell', cells: parts };
  return { kind: 'none' };
}

/** Markdown decoration on a heading or a cell: `## 一、总体情况`, `**一、总体情况**`. */
function unMarkdown(s: string): string {
  return s.replace(/^\s*#{1,6}\s+/, '').replace(/^(\s*)\*\*(.*?)\*\*(\s*)$/, '$1$2$3');
}

/** A cell broken over two lines: the previous part is a label and this line is short text. */
function isContinuation(prev: string, next: string): boolean {
  if (prev === '' || isValueLike(prev)) return false;
  if (next.length > 40) return false;
  if (/^[一二三四五六七八九十]+、/.test(next)) return false;
  return true;
}

const VALUE_TOKEN = /^(?:[-+]?\d[\d,]*(?:\.\d+)?|[\/—–-]+|无)$/;

/** `一、本年新收政府信息公开申请数量 152 1 0 0 0 3 156` → label and values (at least two values). */
function splitInlineRow(line: string): { label: string; values: string[] } | null {
  const t = normalizeText(line);
  if (t.length > 120) return null;
  const parts = t.split(' ');
  const values: string[] = [];
  while (parts.length > 1 && VALUE_TOKEN.test(parts[parts.length - 1] ?? '')) {
    values.unshift(parts.pop() ?? '');
  }
  const label = parts.join(' ');
  if (label === '' || !/[\u4e00-\u9fff]/.test(label)) return null;
  // One figure after a short label (`行政处罚 3985758`: table 1's one-column blocks in PDF text).
  if (values.length < 2 && !(values.length === 1 && label.length <= 20 && !/[，,。；：:]/.test(label) && /[\u4e00-\u9fff]$/.test(label))) return null;
  if (/[。；]/.test(label)) return null;
  return { label, values };
}

/** A line's words outside brackets: a filling instruction in brackets does not make a label long. */
function withoutBrackets(t: string): string {
  return t.replace(/[（(][^（）()]*[）)]/g, '');
}

function isShortLabel(t: string): boolean {
  // A bracketed filling instruction does not make a label long (`规范性文件（行政机关制定发布的…）`).
  const words = withoutBrackets(t);
  return t.length > 0 && words.length <= 60 && t.length <= 300 && /[\u4e00-\u9fff]/.test(t) && !isValueLike(t) && !/[。；]$/.test(t);
}

function nextLineIsValue(lines: string[], i: number, skip: ReadonlyMap<number, number>): boolean {
  let n = i + 1;
  while (skip.has(n)) n++;
  const next = normalizeText(lines[n] ?? '');
  return next !== '' && !next.includes('\t') && VALUE_TOKEN.test(next);
}

/** The report title: the first paragraph that names a 年度报告, else null. */
function findTitle(items: DocItem[]): string | null {
  for (const item of items.slice(0, 12)) {
    if (item.kind === 'para' && /年度报告|年度報告/.test(item.text) && item.text.length <= 80) return item.text;
  }
  return null;
}

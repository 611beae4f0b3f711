import { normalizeText } from '../text/normalize';
import { isValueLike } from '../text/cell-value';
import type { DocItem, ExtractedDoc, GridCell, GridRow } from './types';

/**
 * Plain text pasted from Word or PDF (the seeds' form) → paragraphs and grids.
 *
 * Forms handled (see ../shared/FORMAT.md, "In text dumps…"):
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
  const endBlock = (): void => {
    if (block && block.length > 0) rows.push(block);
    block = null;
  };

  for (let i = 0; i < lines.length; i++) {
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

    // `| a | b |` rows
    if (/^\s*\|.*\|\s*$/.test(line) && line.split('|').length > 3) {
      endBlock();
      const parts = line.trim().slice(1, -1).split('|');
      rows.push(parts.map((p, k) => cell(p, lineNo, k)));
      continue;
    }
    // A lone `|` after every cell: a cell separator inside a one-cell-per-line block.
    if (/^\s*\|\s*$/.test(line)) continue;

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
    if (isShortLabel(trimmed) && nextLineIsValue(lines, i)) {
      rows.push([cell(line, lineNo, 0)]);
      continue;
    }

    flushGrid();
    items.push({ kind: 'para', text: trimmed, src: { kind: 'text', line: lineNo, cell: 0 } });
  }
  endBlock();
  flushGrid();

  const title = findTitle(items);
  return { items, title, notes };
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
  if (values.length < 2 || label === '' || !/[\u4e00-\u9fff]/.test(label)) return null;
  if (/[。；]/.test(label)) return null;
  return { label, values };
}

function isShortLabel(t: string): boolean {
  return t.length > 0 && t.length <= 60 && /[\u4e00-\u9fff]/.test(t) && !isValueLike(t) && !/[。；]$/.test(t);
}

function nextLineIsValue(lines: string[], i: number): boolean {
  const next = normalizeText(lines[i + 1] ?? '');
  return next !== '' && !next.includes('\t') && VALUE_TOKEN.test(next);
}

/** The report title: the first paragraph that names a 年度报告, else null. */
function findTitle(items: DocItem[]): string | null {
  for (const item of items.slice(0, 12)) {
    if (item.kind === 'para' && /年度报告|年度報告/.test(item.text) && item.text.length <= 80) return item.text;
  }
  return null;
}

/**
 * Reports whose text ran together: a crawler that kept a page's text content puts the whole
 * report on one line, every table cell glued to the next with no separator
 * (`一、本年新收政府信息公开申请数量801000081二、上年结转…`, the pingtan.gov.cn archive in
 * test/corpus). Such a paragraph is cut back into paragraphs at the section headings and into
 * table rows at the template's row labels, and each run of digits is split into the row's cells
 * — only where the template's arithmetic allows exactly one split: a table-2 row's six parts add
 * up to its 总计, its columns balance; table 3's groups add up to their 总计. A run that can be
 * split more than one way is kept whole (`unsplit`) and said so; it is never guessed.
 */
import type { DocItem, ExtractedDoc, GridCell, GridRow, SourceRef } from '../extract/types';
import { normalizeText } from '../text/normalize';
import { SECTIONS, TEMPLATES, numericRows, type RowSpec, type TemplateVersion } from './templates';

/** A paragraph this long with this many template labels glued to figures is a run-together report. */
const MIN_LENGTH = 300;
/** Splits enumerated for one run at most, and steps taken to find them: a run is a row's cells. */
const MAX_SPLITS = 200_000;
const MAX_STEPS = 300_000;
const MAX_RUN = 32;
/** Steps for all the runs of one document: a hostile page cannot make reading it slow. */
const DOC_STEPS = 2_000_000;

/** What is left of a document's budget of steps. */
interface Budget {
  left: number;
}

interface Found {
  at: number;
  end: number;
  kind: 'heading' | 'row';
  spec?: RowSpec;
  table?: 't1' | 't2';
  text: string;
}

/** The paragraph items of `doc` that ran together, cut back into paragraphs and rows. */
export function unrun(doc: ExtractedDoc): ExtractedDoc {
  if (!doc.items.some((i) => i.kind === 'para' && i.text.length >= MIN_LENGTH && i.src !== null)) return doc;
  const items: DocItem[] = [];
  let changed = false;
  for (const item of doc.items) {
    if (item.kind !== 'para' || item.text.length < MIN_LENGTH || item.src === null) {
      items.push(item);
      continue;
    }
    const cut = cutParagraph(item.text, item.src);
    if (cut) {
      items.push(...cut);
      changed = true;
    } else items.push(item);
  }
  return changed ? { ...doc, items } : doc;
}

function versionOf(text: string): TemplateVersion {
  return /本年新制作数量|对外公开总数量|上一年项目数量|政府集中采购/.test(text) ? '2019' : '2021';
}

/** Right after a label: its bracketed note and spaces (group 1), then a figure. Sticky: tested in place. */
const FIGURES_AFTER = /((?:[（(][^）)]*[）)])?\s*)[-\d]/y;

/** The words a row's label is found by: its template name without numbering and notes. */
function needle(spec: RowSpec): string {
  return normalizeText(spec.name.zh)
    .replace(/^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d{1,2}\.)/, '')
    .replace(/[（(][^）)]*[）)]$/, '');
}

function cutParagraph(text: string, src: SourceRef): DocItem[] | null {
  const found: Found[] = [];
  // Section headings: `N、` and the template's words (or a published variant's).
  for (const s of SECTIONS) {
    const words = [s.name.zh, ...s.match, '政府信息公开行政法复议、行政诉讼情况', '政府信息公开工作存在的主要问题及改进情况'];
    for (const w of words) {
      const re = new RegExp(`${s.number}、${escape(w)}`, 'g');
      for (const m of text.matchAll(re)) found.push({ at: m.index, end: m.index + m[0].length, kind: 'heading', text: m[0] });
    }
  }
  // A section no wording above names, by its key words (`四、政府信息公开行政复议与行政诉讼情况`):
  // `N、`, then words with no figure, no sentence mark and no other numbered heading, up to 情况 /
  // 事项 / 措施 / 计划 / 打算 — the template's key words (sections.ts' `words`) all in there.
  for (const s of SECTIONS) {
    if (found.some((f) => f.text.startsWith(`${s.number}、`))) continue;
    for (const m of text.matchAll(new RegExp(`${s.number}、([^\\d，。；：、,.;:]{2,30}?(?:情况|事项|措施|计划|打算))`, 'g'))) {
      const words = m[1] ?? '';
      if (s.words.every((group) => group.some((w) => words.includes(w)))) found.push({ at: m.index, end: m.index + m[0].length, kind: 'heading', text: m[0] });
    }
  }
  const headings = dedupe(found);
  const tableStart = headings.find((h) => h.text.includes('主动公开'))?.at ?? -1;
  if (tableStart < 0) return null;

  // Row labels, in template order, each followed by its figures.
  const version = versionOf(text);
  const rows: Found[] = [];
  let from = tableStart;
  for (const table of ['t1', 't2'] as const) {
    for (const spec of numericRows(TEMPLATES[version].tables[table])) {
      const n = needle(spec);
      if (n.length < 2) continue;
      // Short labels (其他, 总计, 规章) only where figures follow them at once (after a note).
      let at = text.indexOf(n, from);
      let end = -1;
      while (at >= 0) {
        FIGURES_AFTER.lastIndex = at + n.length;
        const m = FIGURES_AFTER.exec(text);
        if (m) {
          end = at + n.length + (m[1]?.length ?? 0);
          break;
        }
        at = text.indexOf(n, at + 1);
      }
      if (at < 0) continue;
      rows.push({ at, end, kind: 'row', spec, table, text: text.slice(at, end) });
      from = end;
    }
  }
  if (rows.filter((r) => r.table === 't2').length < 5) return null;

  // Table 3: the figures that end the text of section 四.
  const four = headings.find((h) => h.text.startsWith('四、'));
  const five = headings.find((h) => h.text.startsWith('五、'));
  const marks = [...headings, ...rows].sort((a, b) => a.at - b.at);
  const items: DocItem[] = [];
  const para = (t: string): void => {
    const s = t.trim();
    if (s !== '') items.push({ kind: 'para', text: s, src });
  };
  const cell = (raw: string, k: number, unsplit?: string): GridCell => ({
    raw,
    text: normalizeText(raw),
    src: { ...src, cell: k } as SourceRef,
    origin: true,
    ...(unsplit !== undefined ? { unsplit } : {}),
  });
  let pos = 0;
  let grid: GridRow[] = [];
  const flush = (): void => {
    if (grid.length > 0) items.push({ kind: 'grid', grid: { rows: grid } });
    grid = [];
  };
  // The runs of figures after each row label, then their splits: table 2 as a whole, so that
  // its columns' arithmetic settles rows the row sum alone leaves open.
  const runs = new Map<Found, string>();
  marks.forEach((m, i) => {
    if (m.kind === 'row') runs.set(m, leadingRun(text.slice(m.end, marks[i + 1]?.at ?? text.length), marks[i + 1]));
  });
  const pieces = new Map<Found, Piece[]>();
  const budget: Budget = { left: DOC_STEPS };
  const t2rows = marks.filter((m) => m.kind === 'row' && m.table === 't2');
  for (const [m, run] of runs) if (m.table === 't1') pieces.set(m, splitRun(run, m.spec?.columns?.length ?? 1, 't1', m.spec, budget));
  const t2 = splitTable2(
    t2rows.map((m) => ({ key: m.spec?.key ?? '', role: m.spec?.role, run: runs.get(m) ?? '' })),
    budget,
  );
  t2rows.forEach((m, i) => pieces.set(m, t2[i] ?? []));

  let k = 0;
  for (let i = 0; i < marks.length; i++) {
    const m = marks[i];
    if (!m) continue;
    const next = marks[i + 1]?.at ?? text.length;
    if (m.kind === 'heading') {
      flush();
      para(text.slice(pos, m.at));
      para(m.text);
      pos = m.end;
      if (m === four && five) {
        // Table 3's headers, then its fifteen figures, up to section 五.
        const body = text.slice(m.end, five.at);
        const run = /(\d+(?:[ \u00a0]+\d+)*)\s*$/.exec(body);
        if (run) {
          para(body.slice(0, run.index));
          const split = splitTable3(run[1] ?? '', budget);
          grid.push(split ? split.map((v) => cell(v, k++)) : [cell(run[1] ?? '', k++, run[1])]);
          flush();
          pos = five.at;
        }
      }
      continue;
    }
    if (pos < m.at) {
      flush();
      para(text.slice(pos, m.at));
    }
    const run = runs.get(m) ?? '';
    grid.push([cell(m.text, k++), ...(pieces.get(m) ?? []).map((v) => (v.unsplit !== undefined ? cell(v.unsplit, k++, v.unsplit) : cell(v.value, k++)))]);
    pos = m.end + run.length;
    // header words between this row's figures and the next label (第二十条第（五）项信息内容…),
    // less the next label's own numbering
    const between = text.slice(pos, next).replace(/(?:\d{1,2}\.|[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)$/, '');
    if (/[\u4e00-\u9fff]/.test(between)) {
      flush();
      para(between);
    }
    pos = next;
  }
  flush();
  para(text.slice(pos));
  return items;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function dedupe(found: Found[]): Found[] {
  const out: Found[] = [];
  for (const f of found.sort((a, b) => a.at - b.at || b.end - a.end)) {
    const last = out[out.length - 1];
    if (last && f.at < last.end) continue;
    out.push(f);
  }
  return out;
}

/** A count's unit printed after it (`2笔`, as 政府集中采购's 采购项目数量 in pingtan's 2019 tables). */
const COUNT_UNIT = '(?:笔|件|个|项)';
const COUNT_UNIT_END = new RegExp(`(?<=\\d)${COUNT_UNIT}$`);
const RUN = new RegExp(`^[-\\d.,]+${COUNT_UNIT}?(?:[ \u00a0]+[-\\d.,]+${COUNT_UNIT}?)*(?:万?元)?`);

/**
 * The figures right after a label: digits, a sign, a decimal point, a count's unit, an amount's 元 — up to the
 * next label, less the numbering that belongs to it (`00000002.` before `2.其他法律…`).
 */
function leadingRun(rest: string, next: Found | undefined): string {
  const m = RUN.exec(rest);
  if (!m) return '';
  const own = next?.spec ? /^(\d{1,2})\./.exec(normalizeText(next.spec.name.zh))?.[0] : undefined;
  return own && m[0].endsWith(own) && m[0].length === rest.indexOf(own, m[0].length - own.length) + own.length
    ? m[0].slice(0, m[0].length - own.length)
    : m[0];
}

type Piece = { value: string; unsplit?: undefined } | { value: ''; unsplit: string };

/** A run of figures split into `cols` cells when exactly one split fits the row, else kept whole. */
export function splitRun(run: string, cols: number, table: 't1' | 't2', spec: RowSpec | undefined, budget: Budget = { left: DOC_STEPS }): Piece[] {
  if (run === '') return [];
  if (cols === 1) return [{ value: run }];
  const amounts = spec?.columns?.map((c) => c.kind) ?? [];
  const candidates = splits(run, cols, amounts, budget).filter((parts) => (table === 't2' ? rowAddsUp(parts) : true));
  if (candidates.length === 1 && candidates[0]) return candidates[0].map((value) => ({ value }));
  return [{ value: '', unsplit: run }];
}

/** Solutions of table 2 tried at most. */
const MAX_COMBOS = 100_000;

/**
 * Table 2's runs split together: each row's candidates are the splits whose six parts add up to
 * its 总计; then the columns must balance (一 + 二 = （七）总计 + 四) and add up (（七）总计 = the
 * result rows). A row is split where every solution agrees on it, else kept whole.
 */
export function splitTable2(rows: { key: string; role: string | undefined; run: string }[], budget: Budget = { left: DOC_STEPS }): Piece[][] {
  const cands = rows.map((r) => (r.run === '' ? [] : splits(r.run, 7, [], budget).filter(rowAddsUp)));
  const open = cands.map((c, i) => (c.length > 1 ? i : -1)).filter((i) => i >= 0);
  const combos = open.reduce((n, i) => n * (cands[i]?.length ?? 1), 1);
  const pick = cands.map((c) => (c.length === 1 ? c[0] : undefined));
  const sums = (choice: (string[] | undefined)[], role: string): number[] | null => {
    const out = [0, 0, 0, 0, 0, 0, 0];
    for (let i = 0; i < rows.length; i++) {
      if (rows[i]?.role !== role) continue;
      const c = choice[i];
      if (!c) return null;
      c.forEach((v, j) => (out[j] = (out[j] ?? 0) + Number(v)));
    }
    return out;
  };
  const holds = (choice: (string[] | undefined)[]): boolean => {
    const inn = sums(choice, 'in');
    const total = sums(choice, 'total');
    const out = sums(choice, 'out');
    const results = sums(choice, 'result');
    for (let j = 0; j < 7; j++) {
      if (inn && total && out && (inn[j] ?? 0) !== (total[j] ?? 0) + (out[j] ?? 0)) return false;
      if (total && results && (total[j] ?? 0) !== (results[j] ?? 0)) return false;
    }
    return true;
  };
  const solutions: (string[] | undefined)[][] = [];
  if (open.length > 0 && combos <= MAX_COMBOS) {
    const walk = (n: number, choice: (string[] | undefined)[]): void => {
      if (solutions.length > 1) return;
      if (n === open.length) {
        if (holds(choice)) solutions.push(choice.slice());
        return;
      }
      const i = open[n] ?? 0;
      for (const c of cands[i] ?? []) {
        choice[i] = c;
        walk(n + 1, choice);
      }
      choice[i] = undefined;
    };
    walk(0, pick.slice());
  }
  const solved = solutions.length === 1 ? solutions[0] : undefined;
  return rows.map((r, i) => {
    if (r.run === '') return [];
    const one = cands[i]?.length === 1 ? cands[i]?.[0] : solved?.[i];
    return one ? one.map((value) => ({ value })) : [{ value: '' as const, unsplit: r.run }];
  });
}

/** Table 3's fifteen figures: each group's four results add up to its 总计. */
export function splitTable3(run: string, budget: Budget = { left: DOC_STEPS }): string[] | null {
  const ok = splits(run, 15, [], budget).filter((p) => [0, 5, 10].every((g) => p.slice(g, g + 4).reduce((s, x) => s + Number(x), 0) === Number(p[g + 4])));
  return ok.length === 1 ? (ok[0] ?? null) : null;
}

function rowAddsUp(parts: string[]): boolean {
  const n = parts.map(Number);
  return n.slice(0, 6).reduce((s, x) => s + x, 0) === n[6];
}

/**
 * Every way to cut `run` into `cols` numbers as a page prints them: no leading zero but for 0
 * itself, a minus only at a number's start (本年增/减), a decimal point only in an amount column,
 * an amount's unit (元) only at its end. Bounded by MAX_SPLITS.
 */
function splits(spaced: string, cols: number, kinds: string[], budget: Budget): string[][] {
  const out: string[][] = [];
  // A space the page left inside a run is a cell boundary for certain (`500000 5`).
  const bounds = new Set<number>();
  let run = '';
  for (const ch of spaced) {
    if (ch === ' ' || ch === '\u00a0') bounds.add(run.length);
    else run += ch;
  }
  if (run.length > MAX_RUN) return out;
  let steps = 0;
  let exhausted = false;
  const walk = (start: number, acc: string[]): void => {
    if (out.length > MAX_SPLITS || ++steps > MAX_STEPS || --budget.left < 0) {
      exhausted = true;
      return;
    }
    const k = acc.length;
    if (k === cols) {
      if (start === run.length) out.push(acc.slice());
      return;
    }
    for (let end = start + 1; end <= run.length - (cols - k - 1); end++) {
      const piece = run.slice(start, end);
      if (!plausible(piece, kinds[k] ?? 'count', end === run.length)) continue;
      acc.push(piece);
      walk(end, acc);
      acc.pop();
      if (bounds.has(end)) break; // a piece never runs over a space
    }
  };
  walk(0, []);
  // Past the bound the splits found are not all of them: none is sure, so none is given.
  if (exhausted) return [];
  return out.filter((parts) => {
    // …and every space falls between two pieces
    let at = 0;
    const cuts = new Set<number>();
    for (const p of parts) cuts.add((at += p.length));
    return [...bounds].every((b) => b === 0 || cuts.has(b));
  });
}

function plausible(piece: string, kind: string, last: boolean): boolean {
  const money = /元$/.test(piece);
  if (money && !last) return false;
  // a count's unit ends a count (the cell keeps it, and says it is no bare number)
  const bare = piece.replace(/万?元$/, '');
  const core = kind === 'count' ? bare.replace(COUNT_UNIT_END, '') : bare;
  if (!/^-?\d+(?:\.\d+)?$/.test(core)) return false;
  if (core.startsWith('-') && kind !== 'signed') return false;
  if (core.includes('.') && kind !== 'amount') return false;
  const digits = core.replace(/^-/, '');
  return !(digits.length > 1 && digits.startsWith('0') && !digits.startsWith('0.'));
}

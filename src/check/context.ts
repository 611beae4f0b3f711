import type { CellKey, Report, ReportCell, ReportRow } from '../model/report';
import type { Finding, Severity } from '../model/finding';
import { numericRows, templateFor, type TableId, type TemplateSpec, type Words } from '../recognise/templates';
import { colName, describeCells, rowName } from './messages';
import { sumBlocked, sumFails, sumUnplaced, type RelationWords } from './wording';

/** A sum relation a rule evaluated, kept for the search of the probable wrong cell. */
export interface SumRecord {
  expected: CellKey[];
  found: CellKey[];
  /** the finding it made, when it failed or could not be verified */
  draft: Draft | null;
  /** a cell of it holds no figure: it was not evaluated (the suspect search skips it) */
  blocked: boolean;
}

/** What a rule sees: the report, its template, and cell lookup by key. */
export class CheckContext {
  readonly report: Report;
  readonly template: TemplateSpec;
  /** every sum relation checked so far (check/suspect.ts reads them) */
  readonly relations: SumRecord[] = [];
  /** cells by table, row and column: nested maps, so a lookup builds no key string (rules look cells up often) */
  private readonly index = new Map<string, Map<string, Map<string, ReportCell>>>();
  private readonly rows = new Map<string, ReportRow>();

  constructor(report: Report) {
    this.report = report;
    this.template = templateFor(report);
    for (const table of Object.values(report.tables)) {
      const byRow = this.index.get(table.id) ?? new Map<string, Map<string, ReportCell>>();
      this.index.set(table.id, byRow);
      for (const row of table.rows) {
        this.rows.set(`${table.id}.${row.key}`, row);
        const byCol = byRow.get(row.key) ?? new Map<string, ReportCell>();
        byRow.set(row.key, byCol);
        for (const cell of row.cells) byCol.set(cell.col, cell);
      }
    }
  }

  cell(key: CellKey): ReportCell | undefined {
    return this.index.get(key.table)?.get(key.row)?.get(key.col);
  }

  /** The figure a cell holds, or null when it holds none (blank, a placeholder, text). */
  number(key: CellKey): number | null {
    const v = this.cell(key)?.value;
    return v?.kind === 'number' ? v.value : null;
  }

  row(table: TableId, key: string): ReportRow | undefined {
    return this.rows.get(`${table}.${key}`);
  }

  /**
   * Is this cell beyond where the text ends (report.cut): in a table it never reached, or in a row
   * of the table it ends in that comes after its last row read and is not on the page? Such a
   * cell is not blank — it was never seen — and no sum through it is checked.
   */
  unreached(key: CellKey): boolean {
    const cut = this.report.cut;
    if (!cut) return false;
    if (cut.tables.includes(key.table)) return true;
    if (cut.table !== key.table || this.row(key.table, key.row)?.placed !== 'absent') return false;
    const order = numericRows(this.template.tables[key.table]).map((r) => r.key);
    return order.indexOf(key.row) > (cut.lastRow === null ? -1 : order.indexOf(cut.lastRow));
  }

  /** Is this row one with fewer figures than columns (its figures' columns uncertain)? */
  shortRow(table: TableId, row: string): boolean {
    this.short ??= new Set(this.report.structure.filter((s) => s.code === 'cells-short' && s.table !== null && s.row !== null).map((s) => `${s.table}.${s.row}`));
    return this.short.has(`${table}.${row}`);
  }
  private short: Set<string> | undefined;

  /** Arithmetic rules run only on tables that were read from the page. */
  parsed(table: TableId): boolean {
    return this.report.tables[table].status === 'parsed';
  }
}

export interface Draft {
  anchor: string;
  severity: Severity;
  outcome: Finding['outcome'];
  table: TableId | null;
  cells: CellKey[];
  /** defaults to `cells` */
  primary?: CellKey[];
  blocking?: CellKey[];
  expected?: number | null;
  found?: number | null;
  message: Words;
  evidence?: Finding['evidence'];
  /** unverifiable sums: would hold with the blocking blanks as 0 */
  holdsIfZero?: boolean;
  /** sums: the relation in words and the figures it added */
  relation?: Finding['relation'];
}

/** Collects a rule's findings and counts what it checked. */
export class RuleOutput {
  readonly drafts: Draft[] = [];
  checked = 0;
  failed = 0;
  unverifiable = 0;

  add(d: Draft): void {
    this.drafts.push(d);
    if (d.outcome === 'fail' || d.outcome === 'structure') this.failed++;
    if (d.outcome === 'unverifiable') this.unverifiable++;
  }
}

export interface SumRelation extends RelationWords {
  anchor: string;
  table: TableId;
  /** cells whose sum is the expected value */
  expected: CellKey[];
  /** cells whose sum is the value the page states */
  found: CellKey[];
}

/**
 * Check `sum(expected) === sum(found)`. A missing or text operand makes the relation
 * unverifiable (never an arithmetic failure); the finding names the blocking cells and says
 * whether the relation would hold if the blanks were 0.
 */
export function checkSum(ctx: CheckContext, out: RuleOutput, rel: SumRelation): void {
  const all = [...rel.expected, ...rel.found];
  // a sum through cells the text never reached (it breaks off before them) is not checked: the
  // truncation is said once (table-structure), the cells are not blank
  if (all.some((k) => ctx.unreached(k))) return;
  out.checked++;
  const blocking: CellKey[] = [];
  let anyNumber = false;
  const sum = (keys: CellKey[]): number => {
    let s = 0;
    for (const k of keys) {
      const v = ctx.cell(k)?.value;
      if (v?.kind === 'number') {
        s += v.value;
        anyNumber = true;
      } else blocking.push(k);
    }
    return Math.round(s * 1e6) / 1e6;
  };
  const expected = sum(rel.expected);
  const found = sum(rel.found);
  const relation = (): NonNullable<Draft['relation']> => ({ where: rel.where, formula: rel.formula, operands: { zh: operands(ctx, rel, 'zh'), en: operands(ctx, rel, 'en') } });
  if (blocking.length > 0) {
    const textBlocks = blocking.some((k) => ctx.cell(k)?.value.kind === 'text');
    const allBlank = blocking.every((k) => (ctx.cell(k)?.value.raw ?? '').trim() === '');
    const draft: Draft = {
      anchor: rel.anchor,
      severity: 'warning',
      outcome: 'unverifiable',
      // with every blank as 0 the sum holds (a column left wholly blank holds as 0 = 0)
      holdsIfZero: !textBlocks && expected === found,
      table: rel.table,
      cells: all,
      primary: blocking,
      blocking,
      expected: null,
      found: null,
      relation: relation(),
      message: sumBlocked(
        rel,
        { zh: describeCells(ctx, blocking, 'zh'), en: describeCells(ctx, blocking, 'en') },
        blocking.length,
        { text: textBlocks, allBlank },
        { anyNumber, holds: expected === found, expected, found },
      ),
    };
    out.add(draft);
    ctx.relations.push({ expected: rel.expected, found: rel.found, draft, blocked: true });
    return;
  }
  // A row with fewer figures than columns (cells-short) has its figures put in order from the
  // first column: which column is blank cannot be told, so a figure may sit in the wrong one. A
  // sum through such a row that does not hold is said, not called an error.
  const shortRow = expected !== found ? all.find((k) => ctx.shortRow(k.table, k.row)) : undefined;
  if (shortRow) {
    const words = relation();
    const draft: Draft = {
      anchor: rel.anchor,
      severity: 'warning',
      outcome: 'unverifiable',
      table: rel.table,
      cells: all,
      primary: rel.found,
      blocking: [],
      expected,
      found,
      relation: words,
      message: sumUnplaced(rel, words.operands, expected, found, { zh: describeCells(ctx, [shortRow], 'zh'), en: describeCells(ctx, [shortRow], 'en') }),
    };
    out.add(draft);
    ctx.relations.push({ expected: rel.expected, found: rel.found, draft, blocked: true });
    return;
  }
  if (expected !== found) {
    const words = relation();
    const draft: Draft = {
      anchor: rel.anchor,
      severity: 'error',
      outcome: 'fail',
      table: rel.table,
      cells: all,
      primary: rel.found,
      expected,
      found,
      relation: words,
      message: sumFails(rel, words.operands, expected, found),
    };
    out.add(draft);
    ctx.relations.push({ expected: rel.expected, found: rel.found, draft, blocked: false });
    return;
  }
  ctx.relations.push({ expected: rel.expected, found: rel.found, draft: null, blocked: false });
}

/**
 * The figures a sum added, each by its short name: `一 152 + 二 4 = 156；（七）总计 147 + 四 7 = 154`.
 * A long sum lists its non-zero operands and counts the zeros.
 */
function operands(ctx: CheckContext, rel: SumRelation, lang: 'zh' | 'en'): string {
  const all = [...rel.expected, ...rel.found];
  const sameCol = all.every((k) => k.col === all[0]?.col);
  const name = (k: CellKey): string => {
    if (k.table === 't3') return colName(ctx.template, 't3', k.row, k.col, lang).split('·').pop() ?? k.col;
    if (sameCol) return shortRow(rowName(ctx.template, k.table, k.row, lang));
    return colName(ctx.template, k.table, k.row, k.col, lang);
  };
  const side = (keys: CellKey[]): string => {
    const shown = keys.length > 8 ? keys.filter((k) => ctx.number(k) !== 0) : keys;
    const zeros = keys.length - shown.length;
    const parts = shown.map((k) => `${name(k)} ${ctx.number(k) ?? '?'}`);
    if (zeros > 0) parts.push(lang === 'zh' ? `其余 ${zeros} 项为 0` : `${zeros} more at 0`);
    const total = Math.round(keys.reduce((s, k) => s + (ctx.number(k) ?? 0), 0) * 1e6) / 1e6;
    return keys.length > 1 ? `${parts.join(' + ')} = ${total}` : (parts[0] ?? '');
  };
  return lang === 'zh' ? `${side(rel.expected)}；${side(rel.found)}` : `${side(rel.expected)}; ${side(rel.found)}`;
}


/** 一、本年新收政府信息公开申请数量 → 一; long row names lose their notes and are cut short. */
function shortRow(name: string): string {
  const top = /^([一二三四五六七八九十]+)、/.exec(name) ?? /^([IVX]+)\.\s/.exec(name);
  if (top) return top[1] ?? name;
  const plain = name.replace(/[（(][^）)]{3,}[）)]$/, '');
  return plain.length > 10 ? `${plain.slice(0, 9)}…` : plain;
}

import type { CellKey } from '../model/report';
import { columnsOf, type TableId, type TemplateSpec } from '../recognise/templates';

export { keyText } from '../model/keys';
import { keyText } from '../model/keys';

const TABLE_SHORT: Record<TableId, { zh: string; en: string }> = {
  t1: { zh: '表一', en: 'table 1' },
  t2: { zh: '表二', en: 'table 2' },
  t3: { zh: '表三', en: 'table 3' },
};

export function tableName(t: TableId, lang: 'zh' | 'en'): string {
  return TABLE_SHORT[t][lang];
}

export function rowName(template: TemplateSpec, t: TableId, row: string, lang: 'zh' | 'en'): string {
  const spec = template.tables[t].rows.find((r) => r.key === row);
  return spec ? spec.name[lang] : row;
}

export function colName(template: TemplateSpec, t: TableId, row: string, col: string, lang: 'zh' | 'en'): string {
  const table = template.tables[t];
  const spec = table.rows.find((r) => r.key === row);
  const c = (spec ? columnsOf(table, spec) : table.columns).find((x) => x.key === col);
  return c ? c.name[lang] : col;
}

/** 表二「一、本年新收政府信息公开申请数量」行「自然人」列 / table 2, row "…", column "…" */
export function cellName(template: TemplateSpec, k: CellKey, lang: 'zh' | 'en'): string {
  if (k.table === 't3') {
    return lang === 'zh' ? `表三「${colName(template, 't3', k.row, k.col, 'zh')}」` : `table 3 "${colName(template, 't3', k.row, k.col, 'en')}"`;
  }
  const r = rowName(template, k.table, k.row, lang);
  const c = colName(template, k.table, k.row, k.col, lang);
  return lang === 'zh' ? `${tableName(k.table, 'zh')}「${r}」行「${c}」列` : `${tableName(k.table, 'en')}, row "${r}", column "${c}"`;
}

interface HasTemplateAndCells {
  template: TemplateSpec;
  cell(k: CellKey): { value: { kind: string; raw: string } } | undefined;
}

/** Names cells and shows what each holds: 表二「二、…」行「科研机构」列（空白） */
export function describeCells(ctx: HasTemplateAndCells, keys: CellKey[], lang: 'zh' | 'en'): string {
  const shown = keys.slice(0, 6).map((k) => {
    const v = ctx.cell(k)?.value;
    const raw = v ? v.raw.trim() : '';
    const what = raw === '' ? (lang === 'zh' ? '空白' : 'blank') : `“${raw.slice(0, 20)}”`;
    return `${cellName(ctx.template, k, lang)}（${what}）`;
  });
  const more = keys.length > 6 ? (lang === 'zh' ? `等 ${keys.length} 个单元格` : ` and ${keys.length - 6} more`) : '';
  return shown.join(lang === 'zh' ? '、' : '; ') + more;
}

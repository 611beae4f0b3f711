import type { CheckResultJson } from '../model/result';
import { templateFor, columnsOf, type TableId } from '../recognise/templates';

/**
 * The parsed tables as tab-separated text for a spreadsheet: one block per table, a header row of
 * column names, then one row per template row. Numbers as numbers; a missing or text cell keeps
 * its page text so nothing is silently turned into 0.
 */
export function tablesToTsv(result: CheckResultJson, lang: 'zh' | 'en' = 'zh'): string {
  const tpl = templateFor(result.report);
  const out: string[] = [];
  const clean = (s: string): string => s.replace(/[\t\r\n]+/g, ' ').trim();
  for (const id of ['t1', 't2', 't3'] as TableId[]) {
    const table = result.report.tables[id];
    const spec = tpl.tables[id];
    out.push(spec.name[lang]);
    if (table.status !== 'parsed') {
      out.push(table.status === 'image' ? (lang === 'zh' ? '（图片，无法读取）' : '(picture, cannot be read)') : lang === 'zh' ? '（未找到）' : '(not found)');
      out.push('');
      continue;
    }
    let lastHeader = '';
    for (const row of table.rows) {
      const rowSpec = spec.rows.find((r) => r.key === row.key);
      const cols = rowSpec ? columnsOf(spec, rowSpec) : spec.columns;
      const header = ['', ...cols.map((c) => c.name[lang])].join('\t');
      if (header !== lastHeader) {
        out.push(header);
        lastHeader = header;
      }
      const cells = row.cells.map((c) => (c.value.kind === 'number' ? String(c.value.value) : clean(c.value.raw)));
      out.push([clean(rowSpec?.name[lang] ?? row.key), ...cells].join('\t'));
    }
    out.push('');
  }
  return out.join('\n');
}

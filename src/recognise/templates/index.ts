import { TEMPLATE_2019 } from './t2019';
import { TEMPLATE_2021 } from './t2021';
import type { TemplateSpec, TemplateVersion } from './types';

export { SECTIONS } from './common';
export * from './types';

export const TEMPLATES: Record<TemplateVersion, TemplateSpec> = { '2021': TEMPLATE_2021, '2019': TEMPLATE_2019 };

/**
 * Header words that tell the versions apart. Detection rests on the tables' own headers and rows,
 * never on the document number the intro cites (some cite 〔2019〕60号 and use the 2021 layout).
 */
export const VERSION_SIGNS: Record<TemplateVersion, string[]> = {
  '2021': ['本年制发件数', '本年废止件数', '现行有效件数', '本年处理决定数量', '本年收费金额', '逾期不补正', '缴纳费用'],
  '2019': ['本年新制作数量', '本年新公开数量', '对外公开总数量', '上一年项目数量', '采购项目数量', '其他对外管理服务事项', '政府集中采购'],
};

/**
 * The template a report's tables are read against: table 1 and table 2 each by the version its
 * own headers show (a report may mix them: a 2021 table 1 with a 2019 table 2), else the report's.
 */
export function templateFor(report: {
  template: TemplateVersion | null;
  tableTemplates?: { t1: TemplateVersion; t2: TemplateVersion } | undefined;
}): TemplateSpec {
  const base = TEMPLATES[report.template ?? '2021'];
  const per = report.tableTemplates;
  if (!per || (per.t1 === base.version && per.t2 === base.version)) return base;
  return { ...base, tables: { t1: TEMPLATES[per.t1].tables.t1, t2: TEMPLATES[per.t2].tables.t2, t3: base.tables.t3 } };
}

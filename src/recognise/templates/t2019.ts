import type { RowSpec, TemplateSpec } from './types';
import { col, T1_NAME, T2_COLUMNS, T2_HEAD, T2_NAME, T2_TAIL, T3, t1row } from './common';

// 国办公开办函〔2019〕60号 (trial): report years 2019 and 2020, still wrongly used later.

const c = col;
const B1 = [c('made', '本年新制作数量', 'newly made'), c('published', '本年新公开数量', 'newly published'), c('public-total', '对外公开总数量', 'published in all')];
// 本年增/减 may be negative ("减用负值表示").
const ITEMS = [c('last-year', '上一年项目数量', 'items last year'), c('change', '本年增/减', 'change this year', 'signed'), c('decisions', '处理决定数量', 'decisions')];
const FEES = [c('last-year', '上一年项目数量', 'items last year'), c('change', '本年增/减', 'change this year', 'signed')];
const PROCUREMENT = [c('count', '采购项目数量', 'procurement items'), c('amount', '采购总金额', 'procurement amount', 'amount')];


export const TEMPLATE_2019: TemplateSpec = {
  version: '2019',
  name: { zh: '2019年版模板（国办公开办函〔2019〕60号）', en: '2019 template (国办公开办函〔2019〕60号)' },
  tables: {
    t1: {
      id: 't1',
      name: T1_NAME,
      columns: [],
      rows: [
        t1row('regulations', '规章', 'regulations', ['规章'], '一', B1, true),
        t1row('normative', '规范性文件', 'normative documents', ['规范性文件'], '一', B1),
        t1row('licensing', '行政许可', 'administrative licensing', ['行政许可'], '五', ITEMS),
        t1row('other-services', '其他对外管理服务事项', 'other external services', ['其他对外管理服务事项', '对外管理服务事项'], '五', ITEMS),
        t1row('punishment', '行政处罚', 'administrative punishment', ['行政处罚'], '六', ITEMS),
        t1row('coercion', '行政强制', 'administrative coercion', ['行政强制'], '六', ITEMS),
        t1row('fees', '行政事业性收费', 'administrative fees', ['行政事业性收费'], '八', FEES),
        t1row('procurement', '政府集中采购', 'government procurement', ['政府集中采购'], '九', PROCUREMENT),
      ],
    },
    t2: {
      id: 't2',
      name: T2_NAME,
      columns: T2_COLUMNS,
      rows: [
        ...T2_HEAD,
        { key: 'other', name: { zh: '（六）其他处理', en: '(6) Otherwise handled' }, match: ['其他处理'], group: 'results', role: 'result' } satisfies RowSpec,
        ...T2_TAIL,
      ],
    },
    t3: T3,
  },
};

import type { RowSpec, TemplateSpec } from './types';
import { col, T1_NAME, T2_COLUMNS, T2_HEAD, T2_NAME, T2_TAIL, T3, t1row } from './common';

// 国办公开办函〔2021〕30号: used for report years 2021 onward.

const c = col;
const B1 = [
  { ...c('issued', '本年制发件数', 'issued this year'), words: ['制发', '制定', '印发'] },
  // 修订 is not one: a revision is issued as a new text and repeals the old one
  { ...c('repealed', '本年废止件数', 'repealed this year'), words: ['废止', '失效'] },
  { ...c('in-force', '现行有效件数', 'in force'), words: ['现行'] },
];
const DECISIONS = [c('decisions', '本年处理决定数量', 'decisions this year')];
const FEES = [{ ...c('amount', '本年收费金额（单位：万元）', 'fees collected (10,000 yuan)', 'amount'), unit: '万元' as const }];


const OTHER_2021: RowSpec[] = [
  { key: 'other', name: { zh: '（六）其他处理', en: '(6) Otherwise handled' }, match: ['其他处理'], heading: true, group: 'results' },
  {
    key: 'other-1',
    name: { zh: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', en: 'applicant did not correct in time' },
    match: ['逾期不补正'],
    group: 'other',
    role: 'result',
  },
  {
    key: 'other-2',
    name: { zh: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', en: 'applicant did not pay the fee in time' },
    match: ['缴纳费用', '收费通知'],
    group: 'other',
    role: 'result',
  },
  { key: 'other-3', name: { zh: '3.其他', en: 'other' }, match: ['其他'], exact: true, group: 'other', role: 'result' },
];

export const TEMPLATE_2021: TemplateSpec = {
  version: '2021',
  name: { zh: '2021年版模板（国办公开办函〔2021〕30号）', en: '2021 template (国办公开办函〔2021〕30号)' },
  tables: {
    t1: {
      id: 't1',
      name: T1_NAME,
      columns: [],
      rows: [
        t1row('regulations', '规章', 'regulations', ['规章'], '一', B1, true),
        t1row('normative', '行政规范性文件', 'normative documents', ['规范性文件'], '一', B1),
        t1row('licensing', '行政许可', 'administrative licensing', ['行政许可'], '五', DECISIONS),
        t1row('punishment', '行政处罚', 'administrative punishment', ['行政处罚'], '六', DECISIONS),
        t1row('coercion', '行政强制', 'administrative coercion', ['行政强制'], '六', DECISIONS),
        t1row('fees', '行政事业性收费', 'administrative fees', ['行政事业性收费'], '八', FEES),
      ],
    },
    t2: { id: 't2', name: T2_NAME, columns: T2_COLUMNS, rows: [...T2_HEAD, ...OTHER_2021, ...T2_TAIL] },
    t3: T3,
  },
};

import type { ColumnSpec, RowSpec, SectionSpec, TableSpec } from './types';

/** The six sections, in order. Section 四 has a 2019 wording; numbering drifts (5、 for 五). */
export const SECTIONS: SectionSpec[] = [
  { key: 'overview', number: '一', name: { zh: '总体情况', en: 'Overview' }, match: ['总体情况'], words: [['总体情况', '总体概况', '工作概况', '基本情况']] },
  {
    key: 'proactive',
    number: '二',
    name: { zh: '主动公开政府信息情况', en: 'Proactive disclosure' },
    match: ['主动公开政府信息情况'],
    words: [['主动公开']],
  },
  {
    key: 'applications',
    number: '三',
    name: { zh: '收到和处理政府信息公开申请情况', en: 'Applications received and handled' },
    match: ['收到和处理政府信息公开申请情况'],
    words: [['申请'], ['收到', '处理', '办理', '受理']],
  },
  {
    key: 'review',
    number: '四',
    name: { zh: '政府信息公开行政复议、行政诉讼情况', en: 'Administrative review and litigation' },
    match: ['政府信息公开行政复议行政诉讼情况', '因政府信息公开工作被申请行政复议提起行政诉讼情况', '行政复议行政诉讼情况'],
    words: [['复议', '诉讼']],
  },
  {
    key: 'problems',
    number: '五',
    name: { zh: '存在的主要问题及改进情况', en: 'Main problems and improvements' },
    match: ['存在的主要问题及改进情况', '存在的主要问题及改进措施', '存在的主要问题和改进情况'],
    words: [['问题', '不足'], ['改进', '整改', '措施', '方向', '计划', '打算']],
  },
  {
    key: 'other',
    number: '六',
    name: { zh: '其他需要报告的事项', en: 'Other matters to report' },
    match: ['其他需要报告的事项'],
    words: [['其他需要报告', '其他需报告', '其他需要说明', '其他事项']],
  },
];

const t2col = (key: string, zh: string, en: string, role: 'part' | 'total'): ColumnSpec => ({
  key,
  name: { zh, en },
  kind: 'count',
  role,
});

/** Table 2's seven columns, the same in both versions. */
export const T2_COLUMNS: ColumnSpec[] = [
  t2col('natural', '自然人', 'natural persons', 'part'),
  t2col('commercial', '商业企业', 'commercial enterprises', 'part'),
  t2col('research', '科研机构', 'research institutions', 'part'),
  t2col('nonprofit', '社会公益组织', 'public-interest organisations', 'part'),
  t2col('legal', '法律服务机构', 'legal service providers', 'part'),
  t2col('other-org', '其他', 'other organisations', 'part'),
  t2col('total', '总计', 'total', 'total'),
];

const row = (
  key: string,
  zh: string,
  en: string,
  match: string[],
  extra: Partial<RowSpec> = {},
): RowSpec => ({ key, name: { zh, en }, match, ...extra });

const result = (key: string, zh: string, en: string, match: string[], group: string, extra: Partial<RowSpec> = {}): RowSpec =>
  row(key, zh, en, match, { group, role: 'result', ...extra });

/** Table 2 rows before and after （六）其他处理, which is where the two versions differ. */
export const T2_HEAD: RowSpec[] = [
  row('new', '一、本年新收政府信息公开申请数量', 'I. New applications this year', ['本年新收'], { role: 'in' }),
  row('carried-over', '二、上年结转政府信息公开申请数量', 'II. Carried over from last year', ['上年结转'], { role: 'in' }),
  row('results', '三、本年度办理结果', 'III. Outcomes this year', ['本年度办理结果'], { heading: true }),
  result('granted', '（一）予以公开', '(1) Disclosed', ['予以公开'], 'results'),
  result('partial', '（二）部分公开', '(2) Partly disclosed', ['部分公开'], 'results'),
  row('withheld', '（三）不予公开', '(3) Not disclosed', ['不予公开'], { heading: true, group: 'results' }),
  result('withheld-1', '1.属于国家秘密', 'state secret', ['属于国家秘密', '国家秘密'], 'withheld'),
  result('withheld-2', '2.其他法律行政法规禁止公开', 'barred by other laws', ['其他法律行政法规禁止公开', '法规禁止公开'], 'withheld'),
  result('withheld-3', '3.危及“三安全一稳定”', 'endangers the "three securities and one stability"', ['危及三安全一稳定', '三安全一稳定'], 'withheld'),
  result('withheld-4', '4.保护第三方合法权益', "protects a third party's rights", ['保护第三方合法权益', '第三方合法权益'], 'withheld'),
  result('withheld-5', '5.属于三类内部事务信息', 'internal affairs', ['属于三类内部事务信息', '内部事务信息'], 'withheld'),
  result('withheld-6', '6.属于四类过程性信息', 'process information', ['属于四类过程性信息', '过程性信息'], 'withheld'),
  result('withheld-7', '7.属于行政执法案卷', 'law-enforcement files', ['属于行政执法案卷', '行政执法案卷'], 'withheld'),
  result('withheld-8', '8.属于行政查询事项', 'administrative enquiry matters', ['属于行政查询事项', '行政查询事项'], 'withheld'),
  row('unable', '（四）无法提供', '(4) Cannot be provided', ['无法提供'], { heading: true, group: 'results' }),
  result('unable-1', '1.本机关不掌握相关政府信息', 'not held by this body', ['本机关不掌握相关政府信息', '不掌握相关政府信息'], 'unable'),
  result('unable-2', '2.没有现成信息需要另行制作', 'would have to be newly made', ['没有现成信息需要另行制作', '需要另行制作'], 'unable'),
  result('unable-3', '3.补正后申请内容仍不明确', 'still unclear after correction', ['补正后申请内容仍不明确', '仍不明确'], 'unable'),
  row('not-processed', '（五）不予处理', '(5) Not processed', ['不予处理'], { heading: true, group: 'results' }),
  result('not-processed-1', '1.信访举报投诉类申请', 'petitions, reports and complaints', ['信访举报投诉类申请', '信访举报投诉'], 'not-processed'),
  result('not-processed-2', '2.重复申请', 'repeated applications', ['重复申请'], 'not-processed'),
  result('not-processed-3', '3.要求提供公开出版物', 'asks for publications', ['要求提供公开出版物', '公开出版物'], 'not-processed'),
  result('not-processed-4', '4.无正当理由大量反复申请', 'mass repeated applications', ['无正当理由大量反复申请', '大量反复申请'], 'not-processed'),
  result('not-processed-5', '5.要求行政机关确认或重新出具已获取信息', 'asks to confirm or reissue information already held', ['要求行政机关确认或重新出具已获取信息', '重新出具已获取信息', '确认或重新出具'], 'not-processed'),
];

export const T2_TAIL: RowSpec[] = [
  row('total', '（七）总计', '(7) Total', ['总计'], { exact: true, role: 'total', group: 'results' }),
  row('carried-forward', '四、结转下年度继续办理', 'IV. Carried forward to next year', ['结转下年度继续办理', '结转下年度'], { role: 'out' }),
];

const t3col = (group: string, groupZh: string, groupEn: string, key: string, zh: string, en: string, role: 'part' | 'total'): ColumnSpec => ({
  key: `${group}-${key}`,
  name: { zh: `${groupZh}·${zh}`, en: `${groupEn}: ${en}` },
  kind: 'count',
  role,
  group,
});

const t3group = (group: string, zh: string, en: string): ColumnSpec[] => [
  t3col(group, zh, en, 'upheld', '结果维持', 'upheld', 'part'),
  t3col(group, zh, en, 'corrected', '结果纠正', 'corrected', 'part'),
  t3col(group, zh, en, 'other', '其他结果', 'other outcome', 'part'),
  t3col(group, zh, en, 'pending', '尚未审结', 'pending', 'part'),
  t3col(group, zh, en, 'total', '总计', 'total', 'total'),
];

/** Table 3: one row of 15 numbers, the same in both versions. */
export const T3: TableSpec = {
  id: 't3',
  name: { zh: '表三 行政复议、行政诉讼情况', en: 'Table 3: administrative review and litigation' },
  columns: [
    ...t3group('review', '行政复议', 'review'),
    ...t3group('direct', '未经复议直接起诉', 'litigation without review'),
    ...t3group('after-review', '复议后起诉', 'litigation after review'),
  ],
  rows: [{ key: 'cases', name: { zh: '案件数', en: 'cases' }, match: [] }],
};

export const T2_NAME = { zh: '表二 收到和处理政府信息公开申请情况', en: 'Table 2: applications received and handled' };
export const T1_NAME = { zh: '表一 主动公开政府信息情况', en: 'Table 1: proactive disclosure' };

/** A column of table 1 (each block of table 1 has its own columns). */
export const col = (key: string, zh: string, en: string, kind: ColumnSpec['kind'] = 'count'): ColumnSpec => ({ key, name: { zh, en }, kind });

/** A row of table 1, in its 第二十条第（N）项 block. */
export const t1row = (key: string, zh: string, en: string, match: string[], block: string, columns: ColumnSpec[], exact = false): RowSpec => ({
  key,
  name: { zh, en },
  match,
  block,
  columns,
  ...(exact ? { exact } : {}),
});

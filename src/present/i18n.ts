/** UI words, Chinese first. Findings carry their own zh/en sentences (see check/messages.ts). */
export type Lang = 'zh' | 'en';

const zh = {
  appName: '年报核对',
  close: '关闭',
  collapse: '收起',
  expand: '展开年报核对',
  body: '机关',
  year: '年度',
  template: '模板',
  unknown: '未识别',
  errors: '错误',
  warnings: '警告',
  passed: '项通过',
  allPassed: '全部通过',
  allPassedDetail: '三张表的数字全部自洽。已核对：',
  pictures: '表格为图片，无法核对',
  picturesDetail: (names: string) => `以下表格只以图片发布，其中的数字无法读取：${names}`,
  noReport: '本页未发现政府信息公开工作年度报告',
  failedToRun: '核对时出错',
  copyJson: '复制 JSON',
  copyTsv: '复制表格',
  copied: '已复制',
  copyFailed: '复制失败',
  expected: '应为',
  found: '实为',
  rule: '规则',
  general: '整体',
  tableNames: { t1: '表一 主动公开', t2: '表二 申请办理', t3: '表三 复议诉讼' },
  checkPage: '检查本页',
  showSidebar: '显示侧栏',
  notChecked: '本页尚未检查',
  blocked: '缺数字，无法核对',
  comparedWith: (year: number) => `已与${year}年度报告比较（上年结转、现行有效）`,
  openLastYear: '打开上年报告',
  batch: '批量检查多个网址或文件…',
};
export type Words = typeof zh;

const en: Words = {
  appName: 'Report check',
  close: 'Close',
  collapse: 'Collapse',
  expand: 'Open the report check',
  body: 'Body',
  year: 'Year',
  template: 'Template',
  unknown: 'not recognised',
  errors: 'errors',
  warnings: 'warnings',
  passed: 'checks passed',
  allPassed: 'All checks passed',
  allPassedDetail: 'The figures of the three tables agree. Checked:',
  pictures: 'Tables are pictures: nothing to check',
  picturesDetail: (names: string) => `These tables are published only as pictures; their figures cannot be read: ${names}`,
  noReport: 'No disclosure annual report on this page',
  failedToRun: 'The check failed',
  copyJson: 'Copy JSON',
  copyTsv: 'Copy tables',
  copied: 'Copied',
  copyFailed: 'Copy failed',
  expected: 'expected',
  found: 'found',
  rule: 'rule',
  general: 'General',
  tableNames: { t1: 'Table 1 proactive', t2: 'Table 2 applications', t3: 'Table 3 review & litigation' },
  checkPage: 'Check this page',
  showSidebar: 'Show sidebar',
  notChecked: 'This page has not been checked',
  blocked: 'missing numbers, cannot verify',
  comparedWith: (year: number) => `Compared with the ${year} report (carried over, in force)`,
  openLastYear: 'open last year\'s report',
  batch: 'Check many URLs or files…',
};

export const WORDS: Record<Lang, Words> = { zh, en };

/** English when the browser speaks English, Chinese otherwise. */
export function pickLang(uiLanguage: string | undefined): Lang {
  return uiLanguage && /^en\b/i.test(uiLanguage) ? 'en' : 'zh';
}

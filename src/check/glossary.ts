/**
 * A short glossary of the rules, Chinese first: what each rule checks, in the words an auditor
 * uses, and what a finding of it asks of them. Shown on the options page and in the README (a
 * test keeps the README's glossary the same as this list, and this list complete).
 */
import type { Words } from '../recognise/templates';

export interface GlossaryEntry {
  /** the rule id, as the JSON and the muted line under each finding show it */
  id: string;
  /** the rule in a few words */
  name: Words;
  /** what it checks and what to do about a finding, in one or two sentences */
  text: Words;
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    id: 'balance',
    name: { zh: '收支平衡', en: 'Balance' },
    text: {
      zh: '表二每一列：一（本年新收）+ 二（上年结转）= （七）总计 + 四（结转下年度）。收到的申请要么办完、要么结转，两边必须相等。',
      en: 'Table 2, each column: I (new) + II (carried over) = (7) total + IV (carried forward). Every application is either answered or carried forward.',
    },
  },
  {
    id: 'results-total',
    name: { zh: '办理结果合计', en: 'Outcome total' },
    text: {
      zh: '表二每一列：（七）总计 = 三（一）至（六）各项办理结果之和。',
      en: 'Table 2, each column: (7) total = the sum of the outcome rows (1) to (6).',
    },
  },
  {
    id: 'row-total',
    name: { zh: '行合计', en: 'Row total' },
    text: {
      zh: '表二每一行：总计 = 自然人 + 五类法人或其他组织。',
      en: 'Table 2, each row: total = natural persons + the five kinds of organisation.',
    },
  },
  {
    id: 'review-litigation-total',
    name: { zh: '复议诉讼合计', en: 'Review and litigation totals' },
    text: {
      zh: '表三：行政复议、未经复议直接起诉、复议后起诉，各自的总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结。',
      en: 'Table 3: for review, direct litigation and litigation after review, total = upheld + corrected + other + pending.',
    },
  },
  {
    id: 'value-format',
    name: { zh: '数值格式', en: 'Value format' },
    text: {
      zh: '件数应为非负整数，收费金额应为数字；“152*”“约152”之类的单元格无法参与核对。',
      en: 'Counts are whole non-negative numbers and the fee a number; a cell such as "152*" cannot be checked.',
    },
  },
  {
    id: 'cells-filled',
    name: { zh: '单元格未填数字', en: 'Cells without a figure' },
    text: {
      zh: '每个单元格都应填数字，没有就填0；空白、“—”“/”“无”不等于0。每张表只报一条，列出这些单元格，并说明它们挡住的勾稽关系按0计是否成立。',
      en: 'Every cell holds a figure (0 when there is none); a blank, "—", "/" or 无 is not 0. One finding per table lists them and says whether the sums they stop hold with them as 0.',
    },
  },
  {
    id: 'blank-total',
    name: { zh: '总计留空', en: 'Blank total' },
    text: {
      zh: '分项填了大于0的数字，总计却留空：总计不可能是0，属于漏填。每张表只报一条，列出每个总计及其分项合计。',
      en: 'A total left blank while its parts add up to more than 0: it cannot be 0, so it was left out. One finding per table.',
    },
  },
  {
    id: 'tables-present',
    name: { zh: '三张表齐全', en: 'Three tables present' },
    text: {
      zh: '报告应有表一（主动公开）、表二（依申请公开）、表三（复议诉讼），且不是图片。2018年度及以前的报告早于统一格式，没有统计表，只作提示。',
      en: 'The report has tables 1, 2 and 3, and they are not pictures. Reports for 2018 and earlier predate the template and had no tables: a note only.',
    },
  },
  {
    id: 'sections-present',
    name: { zh: '六个部分齐全', en: 'Six sections present' },
    text: {
      zh: '报告应依次有一至六六个部分：总体情况、主动公开、依申请公开、复议诉讼、存在的问题及改进、其他事项。',
      en: 'The report has sections 一 to 六, in order.',
    },
  },
  {
    id: 'table-structure',
    name: { zh: '表格结构', en: 'Table structure' },
    text: {
      zh: '表格的行和列与模板一致：缺行、多出或缺少的数字、两版模板混用、文字中断等。',
      en: 'The rows and columns match the template: missing rows, extra or missing figures, two templates mixed, text cut off.',
    },
  },
  {
    id: 'template-version',
    name: { zh: '模板版本', en: 'Template version' },
    text: {
      zh: '2021年度起的报告应使用2021年版模板（国办公开办函〔2021〕30号），不应再用2019年版。',
      en: 'Reports for 2021 and later use the 2021 template, not the 2019 one.',
    },
  },
  {
    id: 'year-consistency',
    name: { zh: '年度一致', en: 'Years agree' },
    text: {
      zh: '标题的年度、统计期限和发布日期应相互对应。',
      en: 'The title year, the reporting period and the publication date agree.',
    },
  },
  {
    id: 'published-late',
    name: { zh: '发布逾期', en: 'Published late' },
    text: {
      zh: '条例第五十条：部门应在次年1月31日前、县级以上人民政府应在3月31日前公布上一年度报告。仅作提示，并说明日期从何处读到。',
      en: 'Art. 50 of the regulations: departments publish by 31 January of the next year, county-level and higher governments by 31 March. A note, with where the date was read.',
    },
  },
  {
    id: 'section-content',
    name: { zh: '第五部分有内容', en: 'Section 五 not empty' },
    text: {
      zh: '“存在的主要问题及改进情况”不应为空。',
      en: 'Section 五 (problems and improvements) is not empty.',
    },
  },
  {
    id: 'regulations-level',
    name: { zh: '规章与机关层级', en: 'Regulations and level' },
    text: {
      zh: '乡镇（街道）和县级机关没有规章制定权，表一“规章”应为0；有数字时请核实是否填错栏目。',
      en: 'Townships and county-level bodies cannot make 规章: their figures should be 0.',
    },
  },
  {
    id: 'fee-magnitude',
    name: { zh: '收费金额数量级', en: 'Fee magnitude' },
    text: {
      zh: '行政事业性收费以万元计；数字大得不合常理时，可能误按“元”填写。',
      en: 'The administrative fee is in 万元; a figure far too large may have been typed in 元.',
    },
  },
  {
    id: 'prose-figures',
    name: { zh: '正文与表格', en: 'Prose and tables' },
    text: {
      zh: '正文中的数字（新收、受理、办结、结转、复议诉讼件数等）应与表格一致；只读语义明确的句子，并引用原句。',
      en: 'Figures stated in the prose (applications, outcomes, carried forward, reviews…) agree with the tables; only unambiguous sentences are read, and quoted.',
    },
  },
  {
    id: 'prose-total',
    name: { zh: '正文合计', en: 'Prose totals' },
    text: {
      zh: '正文写“共N件，其中……”时，所列各项之和不应超过合计。',
      en: 'Where the prose says "N in all, of which …", the parts do not exceed the total.',
    },
  },
  {
    id: 'carry-over',
    name: { zh: '上年结转', en: 'Carried over' },
    text: {
      zh: '本年表二“二、上年结转”应等于同一机关上年度报告的“四、结转下年度继续办理”（逐列）。',
      en: "This year's row II equals row IV of the same body's report for last year, column by column.",
    },
  },
  {
    id: 'in-force',
    name: { zh: '现行有效件数', en: 'In force' },
    text: {
      zh: '本年“现行有效”应等于上年现行有效 + 本年制发 − 本年废止。',
      en: "In force = last year's in force + issued − repealed.",
    },
  },
  {
    id: 'last-year-conflict',
    name: { zh: '上年有两份年报', en: 'Two reports last year' },
    text: {
      zh: '记录中同一机关上年度有两份数字不同的年报时，与上年的比较只用其中一份，并列出另一份，须确认哪一份是正式发布的。',
      en: "When the records hold two reports of the same body for last year with different figures, the comparison uses one and names the other: which one was published is for the auditor to settle.",
    },
  },
  {
    id: 'copied-from-last-year',
    name: { zh: '照抄上年', en: 'Copied from last year' },
    text: {
      zh: '三张表的每个数字都与同一机关上年度报告相同，可能照抄了上年数据。三张表须两年都读到；表二全为0或不为0的数字少于10个时不报（没有申请的乡镇每年都如实填0）。',
      en: "Every figure of the three tables is the same as in the same body's report for last year: last year's figures may have been copied. Not said when a table is missing in either year, when table 2 is all zeros, or with fewer than 10 non-zero figures.",
    },
  },
  {
    id: 'year-on-year',
    name: { zh: '同比变化过大', en: 'Year on year' },
    text: {
      zh: '某个数字是上年的5倍以上或不到五分之一（两年中较大者至少为20）：表一各数、表二“总计”列、表三三个“总计”。仅作提示，一条列出全部。',
      en: "A figure more than five times last year's or under a fifth of it, when either year's is at least 20 (table 1, table 2's total column, table 3's totals). A note listing them all.",
    },
  },
];

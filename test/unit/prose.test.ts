import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStatements, type ProsePara } from '../../src/recognise/prose';
import { findSections } from '../../src/recognise/sections';
import { normalizeText } from '../../src/text/normalize';
import type { Statement } from '../../src/model/report';
import { SEED_DIR } from '../support/seeds';

interface Case<I, E> {
  description: string;
  input: I;
  expected: E;
}

/** What a case checks of a statement: kind, value, quote, and subject/parts where there are any. */
interface Seen {
  kind: Statement['kind'];
  value: number;
  quote: string;
  subject?: Statement['subject'];
  parts?: number[];
}

/** A paragraph, or a paragraph with its section (sections matter for 四 and 六). */
type Input = string | { text: string; section: string | null };

function seen(s: Statement): Seen {
  const out: Seen = { kind: s.kind, value: s.value, quote: s.quote };
  if (s.subject !== undefined) out.subject = s.subject;
  if (s.parts !== undefined) out.parts = s.parts;
  return out;
}

function read(input: Input): Seen[] {
  const para: ProsePara =
    typeof input === 'string'
      ? { text: normalizeText(input), src: null, section: 'overview' }
      : { text: normalizeText(input.text), src: null, section: input.section };
  return readStatements([para]).map(seen);
}

const s = (kind: Statement['kind'], value: number, quote: string, extra: Partial<Seen> = {}): Seen => ({ kind, value, quote, ...extra });

const positive: Case<Input, Seen[]>[] = [
  // new
  { description: 'seed 004', input: '2024年全区新收政府信息公开申请156件，申请领域主要包括土地征收等。', expected: [s('new', 156, '新收政府信息公开申请156件')] },
  { description: 'Chinese numerals', input: '本年度新收申请一百五十六件。', expected: [s('new', 156, '新收申请一百五十六件')] },
  { description: 'seed 003: spaces around the figure', input: '截止 2021 年底，共接到政府信息公开申请 0 件，与往年相比数量没有变化，未收取信息处理费。', expected: [s('received', 0, '共接到政府信息公开申请 0 件')] },
  {
    description: 'seed 002: 次 as the unit; the second figure is the difference from last year',
    input: '2023年收到和受理政府信息公开申请1次，与去年相比，增加收到和受理政府信息公开申请1次。',
    expected: [s('received', 1, '收到和受理政府信息公开申请1次')],
  },
  { description: 'thousands separator, 全年共受理', input: '全年共受理政府信息公开申请1,234件。', expected: [s('received', 1234, '全年共受理政府信息公开申请1,234件')] },
  { description: 'full-width digits (folded by normalizeText)', input: '新收政府信息公开申请１５６件。', expected: [s('new', 156, '新收政府信息公开申请156件')] },
  { description: '数量为', input: '本年新收政府信息公开申请数量为45件。', expected: [s('new', 45, '新收政府信息公开申请数量为45件')] },
  { description: 'traditional characters', input: '本年新收政府信息公開申請12件。', expected: [s('new', 12, '新收政府信息公開申請12件')] },
  { description: 'a comparison after the figure does not matter', input: '共收到政府信息公开申请156件，同比增加3件。', expected: [s('received', 156, '共收到政府信息公开申请156件')] },
  {
    description: 'bare 共收到申请 in a paragraph about 依申请公开',
    input: '（二）依申请公开情况。共收到申请8件，均按期答复。',
    expected: [s('received', 8, '共收到申请8件')],
  },
  {
    description: 'new with a stated total of applicant types',
    input: '共收到政府信息公开申请20件，其中自然人申请18件、法人或其他组织申请2件。',
    expected: [s('received', 20, '共收到政府信息公开申请20件'), s('stated-total', 20, '共收到政府信息公开申请20件', { parts: [18, 2] })],
  },
  {
    description: 'new and completed; 已全部办结 alone gives nothing',
    input: '共收到政府信息公开申请156件，已办结149件。上年结转申请已全部办结。',
    expected: [s('received', 156, '共收到政府信息公开申请156件'), s('completed', 149, '办结149件')],
  },
  // carried-over / carried-forward
  { description: 'carried over', input: '上年结转政府信息公开申请3件。', expected: [s('carried-over', 3, '上年结转政府信息公开申请3件')] },
  { description: 'carried over, Chinese numeral', input: '上年度结转申请两件。', expected: [s('carried-over', 2, '上年度结转申请两件')] },
  { description: 'seed 004: carried forward', input: '结转下年度继续办理7件。', expected: [s('carried-forward', 7, '结转下年度继续办理7件')] },
  { description: 'carried forward: 的有', input: '结转下年度继续办理的有7件。', expected: [s('carried-forward', 7, '结转下年度继续办理的有7件')] },
  { description: 'carried forward, traditional', input: '結轉下年度繼續辦理7件。', expected: [s('carried-forward', 7, '結轉下年度繼續辦理7件')] },
  { description: 'carried forward: 下一年度, Chinese numeral', input: '结转下一年度办理三件。', expected: [s('carried-forward', 3, '结转下一年度办理三件')] },
  {
    description: '156件（含上年结转3件）: received (一 + 二 here; the check accepts either reading) and carried over',
    input: '共收到政府信息公开申请156件（含上年结转3件）。',
    expected: [s('received', 156, '共收到政府信息公开申请156件'), s('carried-over', 3, '上年结转3件')],
  },
  {
    description: 'a parenthesis that details the figure (含网上申请) does not stop it',
    input: '2024年度共受理政府信息公开申请52件（含网上申请40件）。',
    expected: [s('received', 52, '共受理政府信息公开申请52件')],
  },
  {
    description: 'a stated total over the results of handling',
    input: '本年度共办结政府信息公开申请156件，其中予以公开100件，部分公开20件，不予公开6件，无法提供30件。',
    expected: [
      s('completed', 156, '办结政府信息公开申请156件'),
      s('granted', 100, '予以公开100件'),
      s('partial', 20, '部分公开20件'),
      s('withheld', 6, '不予公开6件'),
      s('unable', 30, '无法提供30件'),
      s('stated-total', 156, '本年度共办结政府信息公开申请156件', { parts: [100, 20, 6, 30] }),
    ],
  },
  // completed
  { description: 'completed, traditional 辦結', input: '辦結政府信息公開申請20件。', expected: [s('completed', 20, '辦結政府信息公開申請20件')] },
  { description: 'completed: 办理完毕', input: '本年度受理的申请已办理完毕150件。', expected: [s('completed', 150, '办理完毕150件')] },
  // review / litigation
  {
    description: 'seed 004: review, corrected, litigation',
    input: '本年度共收到政府信息公开申请方面的行政复议7件，纠错3件；行政诉讼案件5件，未发生行政诉讼败诉案件。',
    expected: [s('review', 7, '行政复议7件'), s('review-corrected', 3, '纠错3件'), s('litigation', 5, '行政诉讼案件5件')],
  },
  { description: 'review: 被申请行政复议N起 in section 四', input: { text: '本年度被申请行政复议2起，结果纠正1起。', section: 'review' }, expected: [s('review', 2, '被申请行政复议2起'), s('review-corrected', 1, '结果纠正1起')] },
  { description: 'review named with 政府信息公开', input: '因政府信息公开工作被申请行政复议2起。', expected: [s('review', 2, '被申请行政复议2起')] },
  { description: 'review and 被纠正 in a sentence about 复议', input: '因政府信息公开引发行政复议4件，其中被纠正1件。', expected: [s('review', 4, '行政复议4件'), s('review-corrected', 1, '被纠正1件')] },
  { description: 'traditional 複議 / 糾錯', input: '政府信息公開行政複議5件，糾錯1件。', expected: [s('review', 5, '行政複議5件'), s('review-corrected', 1, '糾錯1件')] },
  { description: 'litigation: 被提起行政诉讼N起', input: '因政府信息公开被提起行政诉讼3起。', expected: [s('litigation', 3, '被提起行政诉讼3起')] },
  { description: 'litigation, traditional 訴訟', input: { text: '行政訴訟2件。', section: 'review' }, expected: [s('litigation', 2, '行政訴訟2件')] },
  // issued / repealed / in-force
  {
    description: 'seed 004: repealed without a subject, in-force with one',
    input: '对于已废止、失效的文件，及时在公开页面进行标注，2024年废止8件，现行有效规范性文件16件。',
    expected: [s('repealed', 8, '废止8件'), s('in-force', 16, '现行有效规范性文件16件', { subject: 'normative' })],
  },
  { description: 'issued normative documents', input: '本年制发规范性文件3件。', expected: [s('issued', 3, '制发规范性文件3件', { subject: 'normative' })] },
  { description: 'issued 行政规范性文件', input: '全年制发行政规范性文件12件。', expected: [s('issued', 12, '制发行政规范性文件12件', { subject: 'normative' })] },
  { description: 'issued regulations', input: '制发政府规章1件。', expected: [s('issued', 1, '制发政府规章1件', { subject: 'regulations' })] },
  { description: 'repealed normative documents', input: '废止规范性文件2件。', expected: [s('repealed', 2, '废止规范性文件2件', { subject: 'normative' })] },
  { description: 'in-force regulations', input: '现行有效规章5件。', expected: [s('in-force', 5, '现行有效规章5件', { subject: 'regulations' })] },
  { description: 'traditional 廢止/現行有效規範性文件', input: '廢止規範性文件2件，現行有效規範性文件9件。', expected: [s('repealed', 2, '廢止規範性文件2件', { subject: 'normative' }), s('in-force', 9, '現行有效規範性文件9件', { subject: 'normative' })] },
  // no-applications
  { description: 'seed 000', input: '2023年度以来，我镇未收到政府信息公开申请。', expected: [s('no-applications', 0, '未收到政府信息公开申请')] },
  { description: 'seed 001', input: '2023年度海青镇无依申请公开事项。', expected: [s('no-applications', 0, '无依申请公开事项')] },
  {
    description: '没有收到…提出的申请',
    input: '本年度没有收到公民、法人或其他组织提出的政府信息公开申请。',
    expected: [s('no-applications', 0, '没有收到公民、法人或其他组织提出的政府信息公开申请')],
  },
  { description: '无政府信息公开申请', input: '本年度无政府信息公开申请，无行政复议、行政诉讼。', expected: [s('no-applications', 0, '无政府信息公开申请')] },
  // stated totals
  { description: 'a plain stated total', input: '共公开信息100条，其中政策文件40条、通知公告60条。', expected: [s('stated-total', 100, '共公开信息100条', { parts: [40, 60] })] },
  {
    description: 'parts that do not add up are still read (the check reports them)',
    input: '全年累计发布信息120条，其中网站发布50条，微信公众号发布60条。',
    expected: [s('stated-total', 120, '全年累计发布信息120条', { parts: [50, 60] })],
  },
];

const negative: Case<Input, Seen[]>[] = [
  // comparisons and other years
  { description: '同比增加3件 is a difference', input: '新收政府信息公开申请数量同比增加3件。', expected: [] },
  { description: 'the difference sentence alone', input: '与去年相比，增加收到和受理政府信息公开申请1件。', expected: [] },
  { description: 'a figure after 较上年', input: '较上年，新收政府信息公开申请减少至12件。', expected: [] },
  { description: '上年 figure', input: '上年新收政府信息公开申请120件。', expected: [] },
  { description: '去年 figure', input: '去年共收到政府信息公开申请98件。', expected: [] },
  { description: '去年 no-applications', input: '去年未收到政府信息公开申请。', expected: [] },
  { description: 'two years in one sentence', input: '2023年新收政府信息公开申请120件，2024年新收政府信息公开申请156件。', expected: [] },
  // other business
  { description: 'seed 002: 人大代表建议 are not applications', input: { text: '2023年威海市文登区界石镇人民政府共承办区人大代表建议1件、政协提案1件。', section: 'other' }, expected: [] },
  { description: '人大建议 with 共收到', input: { text: '共收到人大代表建议、政协提案申请12件。', section: 'other' }, expected: [] },
  { description: 'seed 000: 信息处理费0元', input: { text: '2023年威海市环翠区羊亭镇共收取政府信息公开信息处理费0元。', section: 'other' }, expected: [] },
  { description: 'section 六 about the fee, even with application words', input: { text: '共收到政府信息公开申请3件，未收取信息处理费。', section: 'other' }, expected: [] },
  { description: 'hotline tickets are not applications', input: '通过12345热线受理群众诉求1200件，办结1180件。', expected: [] },
  { description: 'permit applications', input: '全年共受理行政许可申请3000件。', expected: [] },
  { description: 'bare 共收到申请 outside disclosure', input: '政务服务中心共收到申请5件。', expected: [] },
  { description: 'review applications are not information-disclosure applications', input: '本年度未收到行政复议申请。', expected: [] },
  { description: '未收到…申请方面的行政复议', input: '全年未收到政府信息公开申请方面的行政复议。', expected: [] },
  { description: '申请人 is not 申请', input: '未收到申请人补正材料。', expected: [] },
  // documents
  { description: 'seed 004: 公开 is not 制发', input: '通过政府门户网站、政府公报主动公开政府规范性文件4件、区政府文件14件。', expected: [] },
  { description: 'seed 004: 政策性文件 are not 规范性文件', input: '全年制发政策性文件9件，发布解读材料30件。', expected: [] },
  { description: '制发 of interpretations', input: '制发规范性文件解读材料6件。', expected: [] },
  { description: 'bare 废止N件 with no document in sight', input: '废止证明事项3项。', expected: [] },
  // no figure, approximations, ranges
  { description: 'seed 004: 未发生行政诉讼败诉案件', input: { text: '未发生行政诉讼败诉案件。', section: 'review' }, expected: [] },
  { description: 'seed 003: no review or litigation, no figure', input: '全年未发生因信息公开产生行政复议、行政诉讼情况。', expected: [] },
  { description: '已全部办结', input: '人大代表建议、政协委员提案已全部落实、办结，面复率及满意率均为100%。', expected: [] },
  { description: 'approximately: 约', input: '新收政府信息公开申请约200件。', expected: [] },
  { description: 'approximately: 余', input: '新收政府信息公开申请200余件。', expected: [] },
  { description: 'approximately: 以上', input: '新收政府信息公开申请200件以上。', expected: [] },
  { description: 'a range: 三四件', input: '新收政府信息公开申请三四件。', expected: [] },
  { description: 'a range: 十几件', input: '新收政府信息公开申请十几件。', expected: [] },
  { description: 'review and litigation sharing one figure', input: '因政府信息公开被申请行政复议、提起行政诉讼各1件。', expected: [] },
  { description: 'corrected after litigation is not review-corrected', input: { text: '行政诉讼5件，纠错1件。', section: 'review' }, expected: [s('litigation', 5, '行政诉讼5件')] },
  { description: 'review in a paragraph that is not about disclosure', input: '全区依法办理行政复议案件300件。', expected: [] },
  // dates, titles, references, phone numbers
  { description: 'dates', input: '报告中所列数据统计期限从2023年1月1日到12月31日止。', expected: [] },
  { description: '《条例》第二十条', input: '根据《条例》第二十条第（一）项规定，主动公开规范性文件。', expected: [] },
  { description: 'a number inside a title', input: '印发《关于做好2024年度3件民生实事的通知》。', expected: [] },
  { description: 'phone numbers and addresses', input: '请与办公室联系（地址：威海市新威路75号，电话：0631-5208761）。', expected: [] },
  { description: 'seed 003: a hotline number without a unit', input: '通过海阳市政府网站主动公开政府信息 24 条，通过 12345 民生服务平台回复信息 1031 条。', expected: [] },
  { description: 'seed 001: 阅读量1万次', input: '本年度共公布政府信息数51条，阅读量1万次。', expected: [] },
  // stated totals that are not sure
  { description: 'seed 002: no total word and a different unit', input: '公开政府信息254条，其中通过微信公众号发布消息208条，通过网站发布动态政务信息46篇。', expected: [] },
  { description: 'a part in another unit', input: '共公开政府信息254条，其中微信公众号208条，网站46篇。', expected: [] },
  { description: 'a list that says it is partial (等)', input: '共公开信息100条，其中政策文件40条、通知公告30条等。', expected: [] },
  { description: 'a list of the main items only (主要)', input: '共公开信息100条，其中主要是政策文件40条、通知公告30条。', expected: [] },
  { description: 'one part is no total', input: '共公开信息100条，其中政策文件40条。', expected: [] },
  {
    description: 'a 包括-list closed by a comma with more parts after: which level? unknown',
    input: '共公开信息100条，其中网站40条，包括通知10条、公告30条，微信60条。',
    expected: [],
  },
  { description: 'a list cut by ； with more parts after it', input: '共公开信息100条，其中网站40条；微信60条。', expected: [] },
  {
    description: 'a list that drifts into another stage (办结) is not a breakdown',
    input: '共收到政府信息公开申请156件，其中网上申请100件，信函申请56件，办结150件。',
    expected: [s('received', 156, '共收到政府信息公开申请156件'), s('completed', 150, '办结150件')],
  },
  { description: 'a comparison inside the list', input: '共公开信息100条，其中网站40条，微信60条同比增加10条。', expected: [] },
];

// ---------------------------------------------------------------------------------------------
// Real sentences of the corpus (test/corpus/cases) about applications, their results and 结转,
// quoted as printed. The table figures they agree with are noted; the check is in prose-rules.test.ts.

const real: Case<Input, Seen[]>[] = [
  {
    description: 'full-003: 结转至2026年 is the next year, not a second year (154 = 一, 148 = （七）总计, 6 = 四)',
    input: '2025年，全区共收到政府信息公开申请154件，共办结148件，结转至2026年6件。',
    expected: [s('received', 154, '共收到政府信息公开申请154件'), s('completed', 148, '办结148件'), s('carried-forward', 6, '结转至2026年6件')],
  },
  {
    description: 'full-004: 收到75件 is 一 + 二 (74 + 1)',
    input: '2022年，全区收到政府信息公开申请75件，涉及自然人72件、商业企业3件，均在法定期限内予以答复，办结率100%。',
    expected: [s('received', 75, '收到政府信息公开申请75件')],
  },
  {
    description: 'full-005: the figure before 申请 and before 结转 (70 = 一, 69 = （七）总计, 1 = 四)',
    input: '（二）依申请公开方面。我区高度重视依申请公开工作的办理。本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。',
    expected: [s('received', 70, '共收到70件申请'), s('completed', 69, '办结69件'), s('carried-forward', 1, '1件结转下年度')],
  },
  {
    description: 'full-008: 共受理749件 = 一 + 二 (713 + 36); 共办理718件 beside 结转 is what was finished (（七）总计); 结转下一年31件 = 四',
    input: '全县全年共受理政府信息公开申请 749 件，其中自然人申请 741 件，法人或其他组织申请 8 件；共办理 718 件，结转下一年 31 件。',
    expected: [s('received', 749, '全年共受理政府信息公开申请 749 件'), s('completed', 718, '办理 718 件'), s('carried-forward', 31, '结转下一年 31 件')],
  },
  {
    description: 'full-001: 办结81件 and the five result groups (42 = 22 + 20, 5 = the 不予公开 rows, 31, 1, 2)',
    input: '办结依申请公开81件，其中：予以公开及部分公开42件，占51.85%；不予公开5件，占6.17%；无法提供31件，占38.27%；不予处理1件，占1.23%；其他处理2件，占2.47%。',
    expected: [
      s('completed', 81, '办结依申请公开81件'),
      s('granted-or-partial', 42, '予以公开及部分公开42件'),
      s('withheld', 5, '不予公开5件'),
      s('unable', 31, '无法提供31件'),
      s('not-processed', 1, '不予处理1件'),
      s('other-processed', 2, '其他处理2件'),
    ],
  },
  {
    description: 'full-009: 同意公开答复 is 予以公开 (not 答复 = completed); 转下一年度 without 结',
    input:
      '所有办结的信息公开申请中同意公开答复 9 件，部分公开答复 0 件，不予公开答复 2件，无法提供的 10 件，不予处理 0 件，其他处理 14 件，转下一年度办理答复的有 1 件。',
    expected: [
      s('granted', 9, '同意公开答复 9 件'),
      s('partial', 0, '部分公开答复 0 件'),
      s('withheld', 2, '不予公开答复 2件'),
      s('unable', 10, '无法提供的 10 件'),
      s('not-processed', 0, '不予处理 0 件'),
      s('other-processed', 14, '其他处理 14 件'),
      s('carried-forward', 1, '转下一年度办理答复的有 1 件'),
    ],
  },
  {
    description: 'full-010: 受理1295件 = 一, 办结1191件 = （七）总计, the groups with their percentages',
    input:
      '市政府共受理政府信息公开申请 1295 件，办结 1191 件（含上年结转 189 件），均在法定期限内答复。其中，予以公开及部分公开 208 件（17.46%），不予公开 20 件（1.68%），因本机关不掌握等原因无法提供 564 件（47.36%），属信访、重复申请等不予处理 80 件（6.72%），其他处理 319 件（26.78%，含申请人主动撤回 157 件）。',
    expected: [
      s('received', 1295, '共受理政府信息公开申请 1295 件'),
      s('completed', 1191, '办结 1191 件'),
      s('carried-over', 189, '上年结转 189 件'),
      s('granted-or-partial', 208, '予以公开及部分公开 208 件'),
      s('withheld', 20, '不予公开 20 件'),
      s('unable', 564, '无法提供 564 件'),
      s('not-processed', 80, '不予处理 80 件'),
      s('other-processed', 319, '其他处理 319 件'),
    ],
  },
  {
    description: 'old-021: 收到依申请公开308件, 予以答复306件 (308 + 1 = 306 + 3)',
    input: '坚持依法依规办理答复申请,2021年全年共收到依申请公开308件,上年结转1件,法定期限内予以答复306件,结转下年3件。',
    expected: [s('received', 308, '收到依申请公开308件'), s('carried-over', 1, '上年结转1件'), s('completed', 306, '答复306件'), s('carried-forward', 3, '结转下年3件')],
  },
  {
    description: 'old-022: 依申请公开共受理2件',
    input: '2019年依申请公开共受理2件,为挂号信依申请公开,于15个工作日内,通过挂号信的方式及时给予当事人答复。',
    expected: [s('received', 2, '依申请公开共受理2件')],
  },
  {
    description: 'txt-011: 份 as the unit; 转下年度 without 结, the figure first',
    input: '本年度共收到政府信息公开申请23份,5份转下年度继续办理。',
    expected: [s('received', 23, '本年度共收到政府信息公开申请23份'), s('carried-forward', 5, '5份转下年度')],
  },
  {
    description: 'txt-013: 答复98件 = （七）总计, 转结 both ways (95 + 8 = 98 + 5)',
    input: '答复政府信息公开申请98件(含上年度转结申请8件,另有5件申请转结下年度继续办理),均按规定在法定期内予以答复。',
    expected: [s('completed', 98, '答复政府信息公开申请98件'), s('carried-over', 8, '上年度转结申请8件'), s('carried-forward', 5, '5件申请转结下年度')],
  },
  {
    description: 'txt-013: groups after 所有答复件中 (the paragraph speaks of applications)',
    input:
      '答复政府信息公开申请98件(含上年度转结申请8件,另有5件申请转结下年度继续办理),均按规定在法定期内予以答复。所有答复件中,予以公开及部分公开的42件,占42.86%;不予公开的1件,占1.02%;因本机关不掌握等原因无法提供的49件,占50%;其他处理6件,占6.12%。',
    expected: [
      s('completed', 98, '答复政府信息公开申请98件'),
      s('carried-over', 8, '上年度转结申请8件'),
      s('carried-forward', 5, '5件申请转结下年度'),
      s('granted-or-partial', 42, '予以公开及部分公开的42件'),
      s('withheld', 1, '不予公开的1件'),
      s('unable', 49, '无法提供的49件'),
      s('other-processed', 6, '其他处理6件'),
    ],
  },
  {
    description: 'txt-018: 受理24件(含上年结转1件) is 一 + 二; 另处理重复申请1件 (a sub-row) is not read',
    input: '2025年,兴安盟行署办公室共受理政府信息公开申请24件(含上年结转1件),申请人全部为公民。经依法办理,予以公开4件,无法提供19件,另处理重复申请1件,所有申请均在法定期限内完成答复。',
    expected: [s('received', 24, '共受理政府信息公开申请24件'), s('carried-over', 1, '上年结转1件'), s('granted', 4, '予以公开4件'), s('unable', 19, '无法提供19件')],
  },
  {
    description: 'web-001: 顺延到下年度 with the figure first, across 《条例》',
    input: '答复政府信息公开申请805件（含上年度结转申请18件，另有72件申请按照《条例》顺延到下年度答复），均在法定期限内予以答复。',
    expected: [s('completed', 805, '答复政府信息公开申请805件'), s('carried-over', 18, '上年度结转申请18件'), s('carried-forward', 72, '72件申请按照《条例》顺延到下年度')],
  },
  {
    description: 'web-024: 2件结转下年办理',
    input: '2023年,全年共收到依申请公开14件(其中信件申请10件,网络申请4件),已办结12件,2件结转下年办理。',
    expected: [s('received', 14, '收到依申请公开14件'), s('completed', 12, '办结12件'), s('carried-forward', 2, '2件结转下年')],
  },
  {
    description: 'web-022 / web-011: 收到依申请公开信件 / 请求',
    input: '2023年,我办共收到依申请公开信件19件,已办结18件。',
    expected: [s('received', 19, '收到依申请公开信件19件'), s('completed', 18, '办结18件')],
  },
  {
    description: 'local-005: 收到依申请公开0件 and 不予公开0件; bare 公开0件 is not read',
    input: '2022年我镇全年共收到依申请公开0件,公开0件,不予公开0件,因政府信息依申请公开引起行政复议0件,行政诉讼0件。',
    expected: [s('received', 0, '收到依申请公开0件'), s('withheld', 0, '不予公开0件'), s('review', 0, '行政复议0件'), s('litigation', 0, '行政诉讼0件')],
  },
];

const realNegative: Case<Input, Seen[]>[] = [
  { description: '新收到 is new only, not also received', input: '本年新收到政府信息公开申请12件。', expected: [s('new', 12, '新收到政府信息公开申请12件')] },
  { description: '未答复 / 延期答复 are not completed', input: '共收到政府信息公开申请20件，延期答复5件，未答复3件。', expected: [s('received', 20, '共收到政府信息公开申请20件')] },
  { description: '受理上年结转申请 is not this year', input: '受理上年结转申请3件。', expected: [s('carried-over', 3, '上年结转申请3件')] },
  { description: '办理 N 件 with no 结转 beside it may be 一 + 二: not read', input: '全年共办理政府信息公开申请36件，均按期答复。', expected: [] },
  { description: '办理 inside 依法办理答复 is not a figure of its own', input: '共收到政府信息公开申请10件，依法办理答复10件，结转下年度0件。', expected: [s('received', 10, '共收到政府信息公开申请10件'), s('carried-forward', 0, '结转下年度0件')] },
  { description: '上年结转 is not carried forward', input: '上年结转至本年度的申请2件已办结。', expected: [] },
  { description: 'results in a paragraph with no application in it', input: '主动公开政府信息120条，不予公开0条。', expected: [] },
  { description: '部分公开 inside 予以公开或部分公开 is not partial', input: '依申请公开中，同意公开或部分公开共81件。', expected: [s('granted-or-partial', 81, '同意公开或部分公开共81件')] },
  { description: 'two years that are not 结转至 the next', input: '2024年收到政府信息公开申请10件，2025年收到12件。', expected: [] },
];

describe('readStatements: real sentences of the corpus', () => {
  it.each(real)('$description', ({ input, expected }) => {
    expect(read(input)).toEqual(expected);
  });
  it.each(realNegative)('$description', ({ input, expected }) => {
    expect(read(input)).toEqual(expected);
  });
});

describe('readStatements: lines of PDF text are joined where a sentence wraps', () => {
  const lines = (texts: string[], first = 37, kind: 'text' | 'html' = 'text'): ProsePara[] =>
    texts.map((text, i) => ({
      text,
      src: kind === 'text' ? { kind: 'text', line: first + i, cell: 0 } : { kind: 'html', table: -1, row: i, cell: 0 },
      section: 'overview',
    }));
  it('full-010: the sentence over three lines, the heading before it left alone', () => {
    const st = readStatements(
      lines([
        '（二）依申请公开方面',
        '市政府共受理政府信息公开申请 1295 件，办结 1191 件（含',
        '上年结转 189 件），均在法定期限内答复。其中，予以公开及部',
        '分公开 208 件（17.46%），不予公开 20 件（1.68%），因本机关',
      ]),
    );
    expect(st.map(seen)).toEqual([
      s('received', 1295, '共受理政府信息公开申请 1295 件'),
      s('completed', 1191, '办结 1191 件'),
      s('carried-over', 189, '上年结转 189 件'),
      s('granted-or-partial', 208, '予以公开及部分公开 208 件'),
      s('withheld', 20, '不予公开 20 件'),
    ]);
    expect(st[0]?.src).toEqual({ kind: 'text', line: 38, cell: 0 });
  });
  it('across a page marker line', () => {
    const st = readStatements(lines(['全年完成市政府及市政府办公厅公文公开属性审查，共受理政府信息公开申请', '— 2 —', '12 件。']));
    expect(st.map(seen)).toEqual([s('received', 12, '共受理政府信息公开申请12 件')]);
  });
  it('not after a line that ends a sentence, not before an item, not in HTML, not across a gap', () => {
    expect(readStatements(lines(['本年度共收到政府信息公开申请，均已按期答复。', '12 件材料已归档。'])).map(seen)).toEqual([]);
    expect(readStatements(lines(['本机关全年共受理政府信息公开申请的情况如下', '（一）12件均已答复。'])).map(seen)).toEqual([]);
    expect(readStatements(lines(['市政府共受理政府信息公开申请 1295 件，办结', '1191 件。'], 1, 'html')).map(seen)).toEqual([s('received', 1295, '共受理政府信息公开申请 1295 件')]);
    const gap: ProsePara[] = [
      { text: '市政府共受理政府信息公开申请 1295 件，办结', src: { kind: 'text', line: 1, cell: 0 }, section: 'overview' },
      { text: '1191 件。', src: { kind: 'text', line: 3, cell: 0 }, section: 'overview' },
    ];
    expect(readStatements(gap).map(seen)).toEqual([s('received', 1295, '共受理政府信息公开申请 1295 件')]);
  });
});

describe('readStatements: patterns that give a statement', () => {
  it.each(positive)('$description', ({ input, expected }) => {
    expect(read(input)).toEqual(expected);
  });
});

describe('readStatements: sentences that give nothing (or less)', () => {
  it.each(negative)('$description', ({ input, expected }) => {
    expect(read(input)).toEqual(expected);
  });
});

describe('readStatements: what a statement carries', () => {
  it('keeps the sentence as printed, the section and the source', () => {
    const src = { kind: 'text', line: 7, cell: 0 } as const;
    const [st, ...rest] = readStatements([
      { text: '2.依申请公开工作方面。2024年全区新收政府信息公开申请156件，结转下年度继续办理7件；其他。', src, section: 'overview' },
    ]);
    expect(rest.map((r) => r.kind)).toEqual(['carried-forward']);
    expect(st).toEqual({
      kind: 'new',
      value: 156,
      quote: '新收政府信息公开申请156件',
      sentence: '2024年全区新收政府信息公开申请156件，结转下年度继续办理7件',
      section: 'overview',
      src,
    });
  });

  it('normalises text that was not normalised yet', () => {
    expect(readStatements([{ text: '新收政府信息公开申请\u3000１５６件', src: null, section: null }]).map(seen)).toEqual([
      s('new', 156, '新收政府信息公开申请 156件'),
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Whole seeds: the prose lines of each real report (lines without a tab are not table cells).

const SEEDS = SEED_DIR;

function seedParas(prefix: string): ProsePara[] {
  const file = readdirSync(SEEDS).find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`seed ${prefix} not found`);
  const lines = readFileSync(join(SEEDS, file), 'utf8')
    .split(/\r?\n/)
    .filter((l) => !l.includes('\t'))
    .map(normalizeText)
    .filter((l) => l !== '');
  const sections = findSections(lines);
  return lines.map((text, i) => {
    let section: string | null = null;
    for (const sec of sections) if (sec.index !== null && sec.index <= i) section = sec.key;
    return { text, src: { kind: 'text', line: i + 1, cell: 0 }, section };
  });
}

const seedCases: Case<string, Seen[]>[] = [
  {
    description: 'seed 000 羊亭镇 2023: the two stated totals (904 over five channels, 77 over fifteen columns) and no applications',
    input: '000',
    expected: [
      s('stated-total', 904, '共主动公开政府信息合计904条', { parts: [77, 438, 81, 270, 38] }),
      s('stated-total', 77, '通过政府网站公开政府信息77条', { parts: [1, 1, 1, 1, 1, 8, 19, 2, 2, 2, 4, 32, 1, 1, 1] }),
      s('no-applications', 0, '未收到政府信息公开申请'),
    ],
  },
  { description: 'seed 001 海青镇 2023: only 无依申请公开事项', input: '001', expected: [s('no-applications', 0, '无依申请公开事项')] },
  {
    description: 'seed 002 界石镇 2023: one application (次), nothing from the difference or the 人大/政协 sentence',
    input: '002',
    expected: [s('received', 1, '收到和受理政府信息公开申请1次')],
  },
  { description: 'seed 003 二十里店镇 2021: 共接到政府信息公开申请 0 件', input: '003', expected: [s('received', 0, '共接到政府信息公开申请 0 件')] },
  {
    description: 'seed 004 环翠区 2024: the figures of its prose, and the 人大/政协 total of section 六 as a stated total only',
    input: '004',
    expected: [
      s('new', 156, '新收政府信息公开申请156件'),
      s('carried-forward', 7, '结转下年度继续办理7件'),
      s('review', 7, '行政复议7件'),
      s('review-corrected', 3, '纠错3件'),
      s('litigation', 5, '行政诉讼案件5件'),
      s('repealed', 8, '废止8件'),
      s('in-force', 16, '现行有效规范性文件16件', { subject: 'normative' }),
      s('stated-total', 136, '共收到需我区办理的人大代表建议、政协委员提案136件', { parts: [41, 95] }),
    ],
  },
];

describe('readStatements: whole seeds', () => {
  it.each(seedCases)('$description', ({ input, expected }) => {
    expect(readStatements(seedParas(input)).map(seen)).toEqual(expected);
  });

  it('seed 000: the 904 total spans the full stop that closes the 包括-list', () => {
    const totals = readStatements(seedParas('000')).filter((x) => x.kind === 'stated-total');
    const [outer, inner] = totals;
    expect(outer?.sentence.endsWith('政务公开工作措施1条。微信公众号“羊亭在线”438条、视频号“羊亭在线”81条、微博“活力羊亭”270条、抖音“大美羊亭”38条')).toBe(true);
    expect(inner?.sentence.endsWith('政务公开工作措施1条')).toBe(true);
    expect(outer?.parts?.reduce((a, b) => a + b, 0)).toBe(904);
    expect(inner?.parts?.reduce((a, b) => a + b, 0)).toBe(77);
  });

  it('seed 004: statements carry their section', () => {
    const st = readStatements(seedParas('004'));
    expect(st.filter((x) => x.kind !== 'stated-total').every((x) => x.section === 'overview')).toBe(true);
    expect(st.find((x) => x.kind === 'stated-total')?.section).toBe('other');
  });
});

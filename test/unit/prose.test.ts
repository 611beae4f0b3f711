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
  { description: 'seed 003: spaces around the figure', input: '截止 2021 年底，共接到政府信息公开申请 0 件，与往年相比数量没有变化，未收取信息处理费。', expected: [s('new', 0, '共接到政府信息公开申请 0 件')] },
  {
    description: 'seed 002: 次 as the unit; the second figure is the difference from last year',
    input: '2023年收到和受理政府信息公开申请1次，与去年相比，增加收到和受理政府信息公开申请1次。',
    expected: [s('new', 1, '收到和受理政府信息公开申请1次')],
  },
  { description: 'thousands separator, 全年共受理', input: '全年共受理政府信息公开申请1,234件。', expected: [s('new', 1234, '全年共受理政府信息公开申请1,234件')] },
  { description: 'full-width digits (folded by normalizeText)', input: '新收政府信息公开申请１５６件。', expected: [s('new', 156, '新收政府信息公开申请156件')] },
  { description: '数量为', input: '本年新收政府信息公开申请数量为45件。', expected: [s('new', 45, '新收政府信息公开申请数量为45件')] },
  { description: 'traditional characters', input: '本年新收政府信息公開申請12件。', expected: [s('new', 12, '新收政府信息公開申請12件')] },
  { description: 'a comparison after the figure does not matter', input: '共收到政府信息公开申请156件，同比增加3件。', expected: [s('new', 156, '共收到政府信息公开申请156件')] },
  {
    description: 'bare 共收到申请 in a paragraph about 依申请公开',
    input: '（二）依申请公开情况。共收到申请8件，均按期答复。',
    expected: [s('new', 8, '共收到申请8件')],
  },
  {
    description: 'new with a stated total of applicant types',
    input: '共收到政府信息公开申请20件，其中自然人申请18件、法人或其他组织申请2件。',
    expected: [s('new', 20, '共收到政府信息公开申请20件'), s('stated-total', 20, '共收到政府信息公开申请20件', { parts: [18, 2] })],
  },
  {
    description: 'new and completed; 已全部办结 alone gives nothing',
    input: '共收到政府信息公开申请156件，已办结149件。上年结转申请已全部办结。',
    expected: [s('new', 156, '共收到政府信息公开申请156件'), s('completed', 149, '办结149件')],
  },
  // carried-over / carried-forward
  { description: 'carried over', input: '上年结转政府信息公开申请3件。', expected: [s('carried-over', 3, '上年结转政府信息公开申请3件')] },
  { description: 'carried over, Chinese numeral', input: '上年度结转申请两件。', expected: [s('carried-over', 2, '上年度结转申请两件')] },
  { description: 'seed 004: carried forward', input: '结转下年度继续办理7件。', expected: [s('carried-forward', 7, '结转下年度继续办理7件')] },
  { description: 'carried forward: 的有', input: '结转下年度继续办理的有7件。', expected: [s('carried-forward', 7, '结转下年度继续办理的有7件')] },
  { description: 'carried forward, traditional', input: '結轉下年度繼續辦理7件。', expected: [s('carried-forward', 7, '結轉下年度繼續辦理7件')] },
  { description: 'carried forward: 下一年度, Chinese numeral', input: '结转下一年度办理三件。', expected: [s('carried-forward', 3, '结转下一年度办理三件')] },
  {
    description: '156件（含上年结转3件）: the 156 includes carried-over ones, so it is not row 一',
    input: '共收到政府信息公开申请156件（含上年结转3件）。',
    expected: [s('carried-over', 3, '上年结转3件')],
  },
  {
    description: 'a parenthesis that details the figure (含网上申请) does not stop it',
    input: '2024年度共受理政府信息公开申请52件（含网上申请40件）。',
    expected: [s('new', 52, '共受理政府信息公开申请52件')],
  },
  {
    description: 'a stated total over the results of handling',
    input: '本年度共办结政府信息公开申请156件，其中予以公开100件，部分公开20件，不予公开6件，无法提供30件。',
    expected: [s('completed', 156, '办结政府信息公开申请156件'), s('stated-total', 156, '本年度共办结政府信息公开申请156件', { parts: [100, 20, 6, 30] })],
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
    expected: [s('new', 156, '共收到政府信息公开申请156件'), s('completed', 150, '办结150件')],
  },
  { description: 'a comparison inside the list', input: '共公开信息100条，其中网站40条，微信60条同比增加10条。', expected: [] },
];

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
    expected: [s('new', 1, '收到和受理政府信息公开申请1次')],
  },
  { description: 'seed 003 二十里店镇 2021: 共接到政府信息公开申请 0 件', input: '003', expected: [s('new', 0, '共接到政府信息公开申请 0 件')] },
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

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { labelKey, normalizeText, stripNumbering } from '../../src/text/normalize';

interface Case<I, E> {
  description: string;
  input: I;
  expected: E;
}

const normalizeCases: Case<string, string>[] = [
  { description: 'seed 001: Word pads figures with two ideographic spaces', input: '\u3000\u30000', expected: '0' },
  { description: 'seed 001: NBSP then ideographic space', input: '\u00a0\u30000', expected: '0' },
  { description: 'seed 001: trailing NBSP after the figure', input: '0\u00a0', expected: '0' },
  {
    description: 'seed 000: bookmark artefact glued to the row label',
    input: '[bookmark: _Hlk66973412]一、本年新收政府信息公开申请数量',
    expected: '一、本年新收政府信息公开申请数量',
  },
  {
    description: 'seed 004: two artefacts in a row before prose',
    input: '[bookmark: OLE_LINK2][bookmark: _GoBack]2.依申请公开工作方面。',
    expected: '2.依申请公开工作方面。',
  },
  {
    description: 'seed 002: image artefact where the table picture was, with a leading space',
    input: ' [image: 1a42de8b501dc40c74c314129b3f287]三、收到和处理政府信息公开申请情况',
    expected: '三、收到和处理政府信息公开申请情况',
  },
  { description: 'full-width digits are folded', input: '１２３', expected: '123' },
  { description: 'full-width comma between digits is a thousands separator', input: '１，２３４', expected: '1,234' },
  {
    description: 'Chinese comma between words is kept: labels are written with it',
    input: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    expected: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  },
  { description: 'full-width full stop in numbering becomes a dot', input: '1．属于国家秘密', expected: '1.属于国家秘密' },
  { description: 'full-width slash in the 2019 header 本年增／减', input: '本年增／减', expected: '本年增/减' },
  {
    description: 'Chinese quotes, colon and brackets are kept (the labels contain them)',
    input: '3.危及“三安全一稳定”　本年收费金额（单位：万元）',
    expected: '3.危及“三安全一稳定” 本年收费金额（单位：万元）',
  },
  { description: 'line break inside a header cell (商业<br>企业)', input: '商业\r\n企业', expected: '商业 企业' },
  { description: 'tabs and runs of spaces collapse', input: '\t(三)  \t不予公开 ', expected: '(三) 不予公开' },
  { description: 'zero-width space, BOM and soft hyphen vanish', input: '\ufeff0\u200b\u00ad', expected: '0' },
  { description: 'PDF text with a Kangxi radical for 一', input: '\u2F00、总体情况', expected: '一、总体情况' },
  { description: 'radicals of the CJK Radicals Supplement that NFKC leaves alone (⺠ ⻚ ⻓)', input: '某某市人⺠政府，第2⻚，⻓期', expected: '某某市人民政府，第2页，长期' },
  { description: 'empty stays empty', input: '', expected: '' },
];

const labelKeyCases: Case<string, string>[] = [
  {
    description: 'seed 000: artefact and numbering go, the label stays',
    input: '[bookmark: _Hlk66973412]一、本年新收政府信息公开申请数量',
    expected: '本年新收政府信息公开申请数量',
  },
  { description: 'seed 003: ASCII parentheses and a space after the numbering', input: '(三) 不予公开', expected: '不予公开' },
  { description: 'seed 003: a stray space inside the header 结果维 持', input: '结果维 持', expected: '结果维持' },
  { description: 'seed 003: header split into two words', input: '尚未 审结', expected: '尚未审结' },
  { description: 'seed 003: 1. with a space', input: '1. 属于国家秘密', expected: '属于国家秘密' },
  { description: 'FORMAT.md: traditional mirror', input: '本年新收政府信息公開申請數量', expected: '本年新收政府信息公开申请数量' },
  { description: 'FORMAT.md: pinyin inserted after a character', input: '區(qū)', expected: '区' },
  { description: 'FORMAT.md: pinyin in the middle of a label', input: '本年新收政府信息公開申請數(shù)量', expected: '本年新收政府信息公开申请数量' },
  { description: 'pinyin with full-width parentheses', input: '數（shù）量', expected: '数量' },
  { description: 'quotes are punctuation', input: '3.危及“三安全一稳定”', expected: '危及三安全一稳定' },
  { description: 'the 第二十条 heading keeps 第 (not numbering)', input: '第二十条第（一）项', expected: '第二十条第一项' },
  { description: 'FORMAT.md: 第二十条 第（八）项 with a space', input: '第二十条 第（八）项', expected: '第二十条第八项' },
  {
    description: 'long row label with its parenthetical',
    input: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    expected: '部分公开区分处理的只计这一情形不计其他情形',
  },
  { description: 'fee header: unit in brackets', input: '本年收费金额（单位：万元）', expected: '本年收费金额单位万元' },
  { description: 'header with a line break inside', input: '商业\n企业', expected: '商业企业' },
  { description: 'flip-book header split into single characters', input: '自 然 人', expected: '自然人' },
  { description: 'section heading', input: '四、政府信息公开行政复议、行政诉讼情况', expected: '政府信息公开行政复议行政诉讼情况' },
  { description: 'group total', input: '（七）总计', expected: '总计' },
  { description: '1、 numbering', input: '1、信访举报投诉类申请', expected: '信访举报投诉类申请' },
  { description: 'full-width 1． numbering', input: '１．属于国家秘密', expected: '属于国家秘密' },
  { description: '（1） numbering', input: '（1）予以公开', expected: '予以公开' },
  { description: '2019 header with a slash', input: '本年增/减', expected: '本年增减' },
  { description: 'PDF Kangxi radical in the numbering', input: '\u2F00、总体情况', expected: '总体情况' },
  { description: 'variant 爲 (OpenCC standard form) as well as 為 (Taiwan)', input: '勾稽關係爲', expected: '勾稽关系为' },
  { description: 'upper-case latin in brackets is not pinyin', input: '附件(PDF)', expected: '附件PDF' },
];

/**
 * Every template label (both versions) as a traditional-character mirror writes it. The
 * traditional text was produced with OpenCC (cn → tw) once and pasted here; the Hong Kong and
 * standard forms differ only in variants the map also covers (爲 裏 衆).
 */
const traditionalLabels: [simplified: string, traditional: string][] = [
  ['一、总体情况', '一、總體情況'],
  ['二、主动公开政府信息情况', '二、主動公開政府信息情況'],
  ['三、收到和处理政府信息公开申请情况', '三、收到和處理政府信息公開申請情況'],
  ['四、政府信息公开行政复议、行政诉讼情况', '四、政府信息公開行政複議、行政訴訟情況'],
  ['四、因政府信息公开工作被申请行政复议、提起行政诉讼情况', '四、因政府信息公開工作被申請行政複議、提起行政訴訟情況'],
  ['五、存在的主要问题及改进情况', '五、存在的主要問題及改進情況'],
  ['六、其他需要报告的事项', '六、其他需要報告的事項'],
  ['第二十条第（一）项', '第二十條第（一）項'],
  ['第二十条第（九）项', '第二十條第（九）項'],
  ['信息内容', '信息內容'],
  ['本年制发件数', '本年制發件數'],
  ['本年废止件数', '本年廢止件數'],
  ['现行有效件数', '現行有效件數'],
  ['规章', '規章'],
  ['行政规范性文件', '行政規範性文件'],
  ['本年处理决定数量', '本年處理決定數量'],
  ['行政许可', '行政許可'],
  ['行政处罚', '行政處罰'],
  ['行政强制', '行政強制'],
  ['本年收费金额（单位：万元）', '本年收費金額（單位：萬元）'],
  ['行政事业性收费', '行政事業性收費'],
  ['本年新制作数量', '本年新製作數量'],
  ['本年新公开数量', '本年新公開數量'],
  ['对外公开总数量', '對外公開總數量'],
  ['上一年项目数量', '上一年項目數量'],
  ['本年增/减', '本年增/減'],
  ['其他对外管理服务事项', '其他對外管理服務事項'],
  ['政府集中采购', '政府集中採購'],
  ['采购总金额', '採購總金額'],
  [
    '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
    '（本列數據的勾稽關係為：第一項加第二項之和，等於第三項加第四項之和）',
  ],
  ['申请人情况', '申請人情況'],
  ['法人或其他组织', '法人或其他組織'],
  ['商业企业', '商業企業'],
  ['科研机构', '科研機構'],
  ['社会公益组织', '社會公益組織'],
  ['法律服务机构', '法律服務機構'],
  ['总计', '總計'],
  ['一、本年新收政府信息公开申请数量', '一、本年新收政府信息公開申請數量'],
  ['二、上年结转政府信息公开申请数量', '二、上年結轉政府信息公開申請數量'],
  ['三、本年度办理结果', '三、本年度辦理結果'],
  ['（一）予以公开', '（一）予以公開'],
  ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '（二）部分公開（區分處理的，只計這一情形，不計其他情形）'],
  ['（三）不予公开', '（三）不予公開'],
  ['1.属于国家秘密', '1.屬於國家秘密'],
  ['2.其他法律行政法规禁止公开', '2.其他法律行政法規禁止公開'],
  ['3.危及“三安全一稳定”', '3.危及“三安全一穩定”'],
  ['4.保护第三方合法权益', '4.保護第三方合法權益'],
  ['5.属于三类内部事务信息', '5.屬於三類內部事務信息'],
  ['6.属于四类过程性信息', '6.屬於四類過程性信息'],
  ['7.属于行政执法案卷', '7.屬於行政執法案卷'],
  ['8.属于行政查询事项', '8.屬於行政查詢事項'],
  ['（四）无法提供', '（四）無法提供'],
  ['1.本机关不掌握相关政府信息', '1.本機關不掌握相關政府信息'],
  ['2.没有现成信息需要另行制作', '2.沒有現成信息需要另行製作'],
  ['3.补正后申请内容仍不明确', '3.補正後申請內容仍不明確'],
  ['（五）不予处理', '（五）不予處理'],
  ['1.信访举报投诉类申请', '1.信訪舉報投訴類申請'],
  ['2.重复申请', '2.重複申請'],
  ['3.要求提供公开出版物', '3.要求提供公開出版物'],
  ['4.无正当理由大量反复申请', '4.無正當理由大量反覆申請'],
  ['5.要求行政机关确认或重新出具已获取信息', '5.要求行政機關確認或重新出具已獲取信息'],
  ['（六）其他处理', '（六）其他處理'],
  [
    '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    '1.申請人無正當理由逾期不補正、行政機關不再處理其政府信息公開申請',
  ],
  [
    '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    '2.申請人逾期未按收費通知要求繳納費用、行政機關不再處理其政府信息公開申請',
  ],
  ['（七）总计', '（七）總計'],
  ['四、结转下年度继续办理', '四、結轉下年度繼續辦理'],
  ['行政复议', '行政複議'],
  ['行政诉讼', '行政訴訟'],
  ['结果维持', '結果維持'],
  ['结果纠正', '結果糾正'],
  ['尚未审结', '尚未審結'],
  ['未经复议直接起诉', '未經複議直接起訴'],
  ['复议后起诉', '複議後起訴'],
];

const stripNumberingCases: Case<string, { ordinal: string | null; rest: string }>[] = [
  { description: 'section numbering', input: '一、总体情况', expected: { ordinal: '一', rest: '总体情况' } },
  { description: 'full-width parentheses give the bare numeral', input: '（三）不予公开', expected: { ordinal: '三', rest: '不予公开' } },
  { description: 'seed 003: ASCII parentheses and a space', input: '(三) 不予公开', expected: { ordinal: '三', rest: '不予公开' } },
  { description: 'arabic with a dot', input: '1.属于国家秘密', expected: { ordinal: '1', rest: '属于国家秘密' } },
  { description: 'arabic with 、', input: '1、信访举报投诉类申请', expected: { ordinal: '1', rest: '信访举报投诉类申请' } },
  { description: 'full-width arabic and dot', input: '１．重复申请', expected: { ordinal: '1', rest: '重复申请' } },
  { description: 'parenthesised arabic', input: '（1）予以公开', expected: { ordinal: '1', rest: '予以公开' } },
  { description: 'two-digit number', input: '10.其他', expected: { ordinal: '10', rest: '其他' } },
  { description: 'bookmark artefact before the numbering', input: '[bookmark: _Hlk1]二、上年结转', expected: { ordinal: '二', rest: '上年结转' } },
  { description: 'PDF: numbering left alone in its cell', input: '（四）', expected: { ordinal: '四', rest: '' } },
  { description: '第一 is part of the label, not numbering', input: '第二十条第（一）项', expected: { ordinal: null, rest: '第二十条第（一）项' } },
  { description: 'a decimal is not item 1', input: '1.5万元', expected: { ordinal: null, rest: '1.5万元' } },
  { description: '一是 is prose, not numbering', input: '一是加强组织领导', expected: { ordinal: null, rest: '一是加强组织领导' } },
  { description: 'no numbering at all', input: '结果维持', expected: { ordinal: null, rest: '结果维持' } },
];

describe('normalizeText', () => {
  it.each(normalizeCases)('$description', ({ input, expected }) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('is idempotent', () => {
    const tricky = fc.constantFrom(
      ...'0123456789１２，,．.　 \u00a0\u200b\t\n[]bookmark:image:?？（）、一二三数據',
    );
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: tricky })), (s) => {
        const once = normalizeText(s);
        expect(normalizeText(once)).toBe(once);
      }),
    );
  });
});

describe('labelKey', () => {
  it.each(labelKeyCases)('$description', ({ input, expected }) => {
    expect(labelKey(input)).toBe(expected);
  });

  it.each(traditionalLabels)('traditional mirror: %s', (simplified, traditional) => {
    expect(labelKey(traditional)).toBe(labelKey(simplified));
  });
});

describe('stripNumbering', () => {
  it.each(stripNumberingCases)('$description', ({ input, expected }) => {
    expect(stripNumbering(input)).toEqual(expected);
  });
});

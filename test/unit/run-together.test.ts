import { describe, expect, it } from 'vitest';
import { splitRun, splitTable2, splitTable3, unrun } from '../../src/recognise/run-together';
import { checkText } from '../../src/pipeline';

// Runs taken from the pingtan.gov.cn crawl in test/corpus (full-001…007).
describe('figures run together (recognise/run-together.ts)', () => {
  it('a table-2 row whose row sum allows one split only is split', () => {
    expect(splitRun('801000081', 7, 't2', undefined).map((p) => p.value)).toEqual(['80', '1', '0', '0', '0', '0', '81']);
  });
  it('a table-1 row with no sum to settle it is kept whole, never guessed', () => {
    expect(splitRun('77132470', 3, 't1', undefined)).toEqual([{ value: '', unsplit: '77132470' }]);
    expect(splitRun('000', 3, 't1', undefined).map((p) => p.value)).toEqual(['0', '0', '0']);
  });
  it('table 2 settles a row its own sum leaves open by the columns (2021: 270020130 is 27|0|0|2|0|1|30)', () => {
    const rows = [
      { key: 'new', role: 'in', run: '640020167' },
      { key: 'carried-over', role: 'in', run: '0000000' },
      { key: 'granted', role: 'result', run: '270020130' },
      { key: 'partial', role: 'result', run: '370000037' },
      { key: 'total', role: 'total', run: '640020167' },
      { key: 'carried-forward', role: 'out', run: '0000000' },
    ];
    const out = splitTable2(rows);
    expect(out[2]?.map((p) => p.value)).toEqual(['27', '0', '0', '2', '0', '1', '30']);
  });
  it('table 3 by its three group totals, a space the page left being a sure boundary', () => {
    expect(splitTable3('110024001510102')).toEqual(['1', '1', '0', '0', '2', '4', '0', '0', '1', '5', '1', '0', '1', '0', '2']);
    expect(splitTable3('0 1 1 0 2 1 0 0 0 1 0 0 0 0 0')).toEqual(['0', '1', '1', '0', '2', '1', '0', '0', '0', '1', '0', '0', '0', '0', '0']);
  });
  it('is bounded: hostile runs are kept whole, quickly', () => {
    const t = performance.now();
    expect(splitRun('1'.repeat(400), 7, 't2', undefined)[0]?.unsplit).toBe('1'.repeat(400));
    const rows = Array.from({ length: 40 }, (_, i) => ({ key: `r${i}`, role: 'result', run: '1'.repeat(30) }));
    expect(splitTable2(rows).every((r) => r[0]?.unsplit !== undefined)).toBe(true);
    expect(performance.now() - t).toBeLessThan(20_000); // a bound, not a timing: the budget stops it
  });
  it("a count printed with its unit (2019's 政府集中采购 `2笔 984361元`, corpus dept-001) keeps both cells", () => {
    const procurement = { key: 'procurement', name: { zh: '政府集中采购', en: '' }, match: [], columns: [{ key: 'n', name: { zh: '', en: '' }, kind: 'count' as const }, { key: 'a', name: { zh: '', en: '' }, kind: 'amount' as const }] };
    expect(splitRun('2笔 984361元', 2, 't1', procurement).map((p) => p.value)).toEqual(['2笔', '984361元']);
    // a unit is no digit: inside a run it still cuts nothing by itself
    expect(splitRun('2笔984361元', 2, 't1', procurement).map((p) => p.value)).toEqual(['2笔', '984361元']);
    // in an amount column a count's unit is no figure
    expect(splitRun('2 98笔', 2, 't1', procurement)[0]?.unsplit).toBe('2 98笔');
  });
  it('finds a section heading by its key words when no wording names it (`四、…行政复议与行政诉讼情况`, corpus dept-003)', () => {
    const zeros = (n: number): string => '0'.repeat(n);
    const t2 = ['一、本年新收政府信息公开申请数量', '二、上年结转政府信息公开申请数量', '（一）予以公开', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '（七）总计', '四、结转下年度继续办理'].map((l) => `${l}${zeros(7)}`).join('');
    const text = `某局2024年政府信息公开工作年度报告一、总体情况${'内容'.repeat(120)}二、主动公开政府信息情况三、收到和处理政府信息公开申请情况${t2}四、政府信息公开行政复议与行政诉讼情况2024年，没有行政复议。行政复议行政诉讼结果维持总计${zeros(15)}五、存在的主要问题及改进情况无。六、其他需要报告的事项无。`;
    const doc = unrun({ items: [{ kind: 'para', text, src: { kind: 'text', line: 1, cell: 0 } }], title: null, notes: [] });
    const paras = doc.items.flatMap((i) => (i.kind === 'para' ? [i.text] : []));
    expect(paras).toContain('四、政府信息公开行政复议与行政诉讼情况');
    // table 3's fifteen figures read as its row, not left in the prose
    expect(doc.items.some((i) => i.kind === 'grid' && i.grid.rows.some((r) => r.length === 15))).toBe(true);
    // 四、结转下年度继续办理 stays a row of table 2, not taken for the heading
    expect(paras).not.toContain('四、结转下年度继续办理');
  });
  it('leaves ordinary paragraphs alone', () => {
    const doc = { items: [{ kind: 'para' as const, text: '一、总体情况'.padEnd(400, '文'), src: { kind: 'text' as const, line: 1, cell: 0 } }], title: null, notes: [] };
    expect(unrun(doc)).toBe(doc);
  });
  it('a one-line report is read back into its tables', () => {
    const line =
      '某县2023年政府信息公开工作年度报告 一、总体情况 本县依法公开。二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件000' +
      '第二十条第（五）项信息内容本年处理决定数量行政许可5第二十条第（六）项信息内容本年处理决定数量行政处罚2行政强制0第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费0' +
      '三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他' +
      '一、本年新收政府信息公开申请数量3000003二、上年结转政府信息公开申请数量0000000三、本年度办理结果（一）予以公开2000002（二）部分公开（区分处理的，只计这一情形，不计其他情形）0000000' +
      '（三）不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开00000003.危及“三安全一稳定”00000004.保护第三方合法权益00000005.属于三类内部事务信息00000006.属于四类过程性信息00000007.属于行政执法案卷00000008.属于行政查询事项0000000' +
      '（四）无法提供1.本机关不掌握相关政府信息10000012.没有现成信息需要另行制作00000003.补正后申请内容仍不明确0000000（五）不予处理1.信访举报投诉类申请00000002.重复申请00000003.要求提供公开出版物00000004.无正当理由大量反复申请00000005.要求行政机关确认或重新出具已获取信息0000000' +
      '（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请00000002.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请00000003.其他0000000（七）总计3000003四、结转下年度继续办理0000000' +
      '四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计000000000000000五、存在的主要问题及改进情况问题不少。六、其他需要报告的事项无。';
    const out = checkText(line, { kind: 'text', location: null, format: 'text' });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const t2 = out.result.report.tables.t2;
    expect(t2.rows.find((r) => r.key === 'new')?.cells.map((c) => (c.value.kind === 'number' ? c.value.value : null))).toEqual([3, 0, 0, 0, 0, 0, 3]);
    expect(out.result.summary.errors).toBe(0);
  });
});

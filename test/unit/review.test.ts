import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { checkDocument } from '../../src/pipeline';
import { runChecks } from '../../src/check/index';
import { applyDecisions, figuresFingerprint, type Decision } from '../../src/model/review';
import { auditRecord } from '../../src/output/audit';
import { clearReviews, importReviews, loadReview, loadReviews, REVIEWS_KEY, saveDecision } from '../../src/store/review-store';
import type { CheckResultJson } from '../../src/model/result';
import type { Report } from '../../src/model/report';

function check(name: string): CheckResultJson {
  const html = readFileSync(new URL(`../fixtures/html/${name}.html`, import.meta.url), 'utf8');
  const out = checkDocument(parseHTML(html).document as unknown as Document, { kind: 'url', location: `http://www.example.gov.cn/${name}.html`, format: 'html' });
  if (!out.ok) throw new Error(name);
  return out.result;
}

function setNumber(r: Report, table: 't1' | 't2' | 't3', row: string, col: string, value: number): void {
  const c = r.tables[table].rows.find((x) => x.key === row)?.cells.find((x) => x.col === col);
  if (!c) throw new Error('no cell');
  c.value = { kind: 'number', value, raw: String(value) };
}

const fps = (r: Report): Map<string, string> => new Map(runChecks(r).findings.map((f) => [f.id, f.fingerprint ?? '']));

describe('finding fingerprints', () => {
  it('are the same across runs and do not depend on the wording', () => {
    const a = check('errors');
    const b = check('errors');
    expect(a.findings.map((f) => f.fingerprint)).toEqual(b.findings.map((f) => f.fingerprint));
    expect(new Set(a.findings.map((f) => f.fingerprint)).size).toBe(a.findings.length);
    const reworded = structuredClone(a.findings[0]);
    if (reworded) reworded.message = { zh: '另一种说法', en: 'other words' };
    expect(reworded?.fingerprint).toBe(a.findings[0]?.fingerprint);
  });

  it('a changed cell changes only the fingerprints of the findings that involve it', () => {
    const r = structuredClone(check('errors').report);
    const before = fps(r);
    // 复议 结果维持 4 → 5: 复议 总计 8 still ≠ 5+3 = 8? it now holds — the review finding goes away;
    // the table 2 findings do not involve the cell and keep their fingerprints.
    setNumber(r, 't3', 'cases', 'review-upheld', 5);
    const after = fps(r);
    for (const id of ['balance/t2:natural', 'balance/t2:total', 'results-total/t2:total', 'row-total/t2:unable-1']) {
      expect(after.get(id), id).toBe(before.get(id));
    }
    expect(after.has('review-litigation-total/t3:review')).toBe(false);
    // a change to a cell the row-total finding involves gives it a new fingerprint
    setNumber(r, 't2', 'unable-1', 'total', 74);
    expect(fps(r).get('row-total/t2:unable-1')).not.toBe(before.get('row-total/t2:unable-1'));
  });
});

describe('decisions on findings', () => {
  const decision = (fingerprint: string, state: Decision['state'], note = ''): Decision => ({
    fingerprint,
    state,
    note,
    at: '2025-02-01T08:00:00.000Z',
    rule: 'row-total',
    message: { zh: '旧的问题', en: 'an old finding' },
  });

  it('apply to the findings with the same fingerprint; others stay 待核', () => {
    const r = check('errors');
    const target = r.findings.find((f) => f.id === 'row-total/t2:unable-1');
    const review = applyDecisions(r.findings, { figures: figuresFingerprint(r.report), decisions: [decision(target?.fingerprint ?? '', 'confirmed', '已与单位核实')] });
    expect(review.decisions.find((d) => d.findingId === 'row-total/t2:unable-1')).toMatchObject({ state: 'confirmed', note: '已与单位核实' });
    expect(review.decisions.filter((d) => d.state === 'pending')).toHaveLength(r.findings.length - 1);
    expect(review.stale).toEqual([]);
  });

  it('a decision whose finding is gone is kept aside as stale, never applied to another finding', () => {
    const r = check('errors');
    const review = applyDecisions(r.findings, { figures: 'old', decisions: [decision('deadbeef', 'rejected', '误报')] });
    expect(review.stale.map((d) => d.fingerprint)).toEqual(['deadbeef']);
    expect(review.decisions.every((d) => d.state === 'pending')).toBe(true);
  });

  it('are stored per report URL (fakeBrowser) and a corrupt store is left untouched', async () => {
    fakeBrowser.reset();
    await saveDecision('http://a.gov.cn/x.html', 'f1', decision('aa', 'confirmed'));
    await saveDecision('http://a.gov.cn/x.html', 'f1', decision('aa', 'rejected', 'no'));
    await saveDecision('http://b.gov.cn/y.html', 'f2', decision('bb', 'confirmed'));
    expect((await loadReview('http://a.gov.cn/x.html'))?.decisions.map((d) => [d.fingerprint, d.state])).toEqual([['aa', 'rejected']]);
    expect(await loadReview('http://c.gov.cn/none.html')).toBeUndefined();
    const corrupt = { version: 99, reports: 'x' };
    await fakeBrowser.storage.local.set({ [REVIEWS_KEY]: corrupt });
    expect(await saveDecision('http://a.gov.cn/x.html', 'f1', decision('aa', 'confirmed'))).toBe(false);
    expect((await fakeBrowser.storage.local.get(REVIEWS_KEY))[REVIEWS_KEY]).toEqual(corrupt);
  });
});

describe('saves that overlap (issue 16, item 1)', () => {
  const decision = (fingerprint: string, state: Decision['state'], note = ''): Decision => ({
    fingerprint,
    state,
    note,
    at: '2026-01-01T00:00:00.000Z',
    rule: 'balance',
    message: { zh: 'x', en: 'x' },
  });

  it('interleaved saves on one report and on two reports, none awaited before the next starts: nothing lost', async () => {
    fakeBrowser.reset();
    const url = 'http://a.gov.cn/x.html';
    // a note on finding A, then a decision on finding B, then a second report and an import, all at once
    const saves = [
      saveDecision(url, 'f1', decision('aa', 'pending', '已电话核实')),
      saveDecision(url, 'f1', decision('bb', 'rejected')),
      saveDecision('http://b.gov.cn/y.html', 'f2', decision('cc', 'confirmed')),
      importReviews(JSON.stringify({ version: 1, reports: { [url]: { figures: 'f1', decisions: [decision('dd', 'confirmed', '导入')] } } })),
      saveDecision(url, 'f1', decision('ee', 'confirmed', '第三条')),
    ];
    await Promise.all(saves);
    const raw = (await fakeBrowser.storage.local.get(REVIEWS_KEY))[REVIEWS_KEY] as { reports: Record<string, { decisions: Decision[] }> };
    const of = (u: string) => raw.reports[u]?.decisions.map((d) => `${d.fingerprint}:${d.state}:${d.note}`).sort();
    expect(of(url)).toEqual(['aa:pending:已电话核实', 'bb:rejected:', 'dd:confirmed:导入', 'ee:confirmed:第三条']);
    expect(of('http://b.gov.cn/y.html')).toEqual(['cc:confirmed:']);
  });

  it('a save that fails does not stop the queue', async () => {
    fakeBrowser.reset();
    await fakeBrowser.storage.local.set({ [REVIEWS_KEY]: { version: 99 } });
    const bad = saveDecision('http://a.gov.cn/x.html', 'f', decision('aa', 'confirmed'));
    const cleared = clearReviews();
    const good = saveDecision('http://a.gov.cn/x.html', 'f', decision('bb', 'confirmed'));
    expect(await bad).toBe(false);
    await cleared;
    expect(await good).toBe(true);
    expect((await loadReview('http://a.gov.cn/x.html'))?.decisions.map((d) => d.fingerprint)).toEqual(['bb']);
  });
});

describe('decisions export and import', () => {
  it('an exported file imports into an empty store; a newer decision wins, an older one does not', async () => {
    fakeBrowser.reset();
    const d = (fp: string, state: Decision['state'], at: string): Decision => ({ fingerprint: fp, state, note: '', at, rule: 'balance', message: { zh: 'x', en: 'x' } });
    await saveDecision('http://a.gov.cn/x.html', 'f', d('aa', 'confirmed', '2025-01-01T00:00:00.000Z'));
    const exported = JSON.stringify(await loadReviews());
    fakeBrowser.reset();
    expect(await importReviews(exported)).toEqual({ ok: true, count: 1 });
    expect((await loadReview('http://a.gov.cn/x.html'))?.decisions.map((x) => x.state)).toEqual(['confirmed']);
    const newer = { version: 1, reports: { 'http://a.gov.cn/x.html': { figures: 'f', decisions: [d('aa', 'rejected', '2025-02-01T00:00:00.000Z')] } } };
    await importReviews(JSON.stringify(newer));
    expect((await loadReview('http://a.gov.cn/x.html'))?.decisions.map((x) => x.state)).toEqual(['rejected']);
    const older = { version: 1, reports: { 'http://a.gov.cn/x.html': { figures: 'f', decisions: [d('aa', 'confirmed', '2024-12-01T00:00:00.000Z')] } } };
    await importReviews(JSON.stringify(older));
    expect((await loadReview('http://a.gov.cn/x.html'))?.decisions.map((x) => x.state)).toEqual(['rejected']);
    expect(await importReviews('{"version":1,"reports":{"u":{"decisions":[]}}}')).toMatchObject({ ok: false });
  });
});

describe('the audit record', () => {
  beforeEach(() => fakeBrowser.reset());
  it('is exactly this text for the errors fixture with one decision', () => {
    const r = check('errors');
    const rowTotal = r.findings.find((f) => f.id === 'row-total/t2:unable-1');
    const review = applyDecisions(r.findings, {
      figures: 'x',
      decisions: [
        { fingerprint: rowTotal?.fingerprint ?? '', state: 'confirmed', note: '已电话核实', at: '2025-02-01T08:00:00.000Z', rule: 'row-total', message: rowTotal?.message ?? { zh: '', en: '' } },
      ],
    });
    const text = auditRecord(r, review, { version: '0.1.0', rules: 'r20-abcdef', at: new Date(2025, 1, 3, 9, 5) });
    expect(text).toBe(
      [
        '政府信息公开工作年度报告核查记录',
        // the one-line verdict first (issue 17): five sums fail (no single cell explains them all), and the prose's 复议 count
        '结论：有 5 处数字不一致 · 1 处正文与表格不符',
        '报告：威海市某某区人民政府2024年政府信息公开工作年度报告',
        '机关：威海市某某区人民政府　年度：2024　模板：2021年版模板（国办公开办函〔2021〕30号）',
        '网址：http://www.example.gov.cn/errors.html',
        '核查时间：2025-02-03 09:05',
        '核查工具：政府信息公开年报核对 0.1.0，规则集 r20-abcdef',
        '结果：错误 5 项，警告 1 项，提示 0 项；共核对 466 项',
        '',
        '1. 【错误】【待核】表二「自然人」列「一+二 = （七）总计+四」不成立：一 152 + 二 7 = 159；（七）总计 150 + 四 7 = 157；差 -2。（规则 balance）',
        '2. 【错误】【待核】表二「总计」列「一+二 = （七）总计+四」不成立：一 156 + 二 7 = 163；（七）总计 154 + 四 7 = 161；差 -2。（规则 balance）',
        '3. 【错误】【待核】表二「总计」列「（七）总计 = 21 项办理结果之和」不成立：（一）予以公开 59 + （二）部分公开 12 + 1.属于国家秘密 1 + 5.属于三类内部事… 1 + 6.属于四类过程性… 2 + 7.属于行政执法案卷 3 + 8.属于行政查询事项 2 + 1.本机关不掌握相… 73 + 1.申请人无正当理… 1 + 3.其他 1 + 其余 11 项为 0 = 155；（七）总计 154；差 -1。（规则 results-total）',
        '4. 【错误】【确认】表二「1.本机关不掌握相关政府信息」行「总计 = 自然人 + 法人或其他组织」不成立：自然人 71 + 商业企业 0 + 科研机构 0 + 社会公益组织 0 + 法律服务机构 0 + 其他 1 = 72；总计 73；差 +1。（规则 row-total）　备注：已电话核实',
        '5. 【错误】【待核】表三「行政复议」「总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结」不成立：结果维持 4 + 结果纠正 3 + 其他结果 0 + 尚未审结 0 = 7；总计 8；差 +1。（规则 review-litigation-total）',
        '6. 【警告】【待核】正文称“行政复议7件”（7），但表三「行政复议·总计」为 8。（规则 prose-figures）',
        '',
      ].join('\n'),
    );
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkInput } from '../../src/cli/main';
import { RULES, runChecks } from '../../src/check/index';
import type { Rule } from '../../src/check/rule';
import type { Report, Statement } from '../../src/model/report';
import type { Finding } from '../../src/model/finding';

/**
 * The prose checks on real reports of the corpus: what their prose says about applications, the
 * results and 结转, against their own tables — silent where a careful auditor finds the prose
 * consistent (either reading of 收到/受理), a finding where it is not, quoting the sentence.
 */

const CASES = join(import.meta.dirname, '../corpus/cases');

async function report(id: string, file: string): Promise<Report> {
  const o = await checkInput(join(CASES, id, file), { lang: 'zh', timeoutMs: 5000 });
  if (!o.ok) throw new Error(`${id}: ${o.reason}`);
  return o.result.report;
}

function only(id: string): Rule[] {
  const r = RULES.find((x) => x.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return [r];
}

const proseFindings = (r: Report): Finding[] => runChecks(r, only('prose-figures')).findings;
const statement = (r: Report, kind: Statement['kind']): Statement => {
  const s = r.statements.find((x) => x.kind === kind);
  if (!s) throw new Error(`no ${kind} statement`);
  return s;
};

describe('prose-figures on real reports: silent where the prose agrees with the table', () => {
  it('full-008: “共受理749件…共办理718件，结转下一年31件” — 749 = 一 713 + 二 36, 31 = 四', async () => {
    const r = await report('full-008', 'source.md');
    expect(statement(r, 'received')).toMatchObject({ value: 749, quote: '全年共受理政府信息公开申请 749 件' });
    expect(statement(r, 'completed')).toMatchObject({ value: 718, quote: '办理 718 件' });
    expect(statement(r, 'carried-forward')).toMatchObject({ value: 31 });
    expect(proseFindings(r)).toEqual([]);
  });

  it('full-004: “收到政府信息公开申请75件” — 75 = 一 74 + 二 1', async () => {
    const r = await report('full-004', 'source.txt');
    expect(statement(r, 'received').value).toBe(75);
    expect(proseFindings(r)).toEqual([]);
  });

  it('full-006: “共受理政府信息公开申请21件” — 21 = 一 (二 is 0)', async () => {
    const r = await report('full-006', 'source.txt');
    expect(statement(r, 'received').value).toBe(21);
    expect(proseFindings(r)).toEqual([]);
  });

  it('full-003: 共收到154件，共办结148件，结转至2026年6件 — 一, （七）总计, 四', async () => {
    const r = await report('full-003', 'source.txt');
    expect(r.statements.filter((s) => ['received', 'completed', 'carried-forward'].includes(s.kind)).map((s) => [s.kind, s.value])).toEqual([
      ['received', 154],
      ['completed', 148],
      ['carried-forward', 6],
    ]);
    expect(proseFindings(r)).toEqual([]);
  });

  it('full-001: the five result groups (42 = 予以公开 22 + 部分公开 20; 5 = 不予公开 1–8) against their rows', async () => {
    const r = await report('full-001', 'source.txt');
    const groups = ['granted-or-partial', 'withheld', 'unable', 'not-processed', 'other-processed'];
    expect(r.statements.filter((s) => groups.includes(s.kind)).map((s) => s.value)).toEqual([42, 5, 31, 1, 2]);
    const run = runChecks(r, only('prose-figures'));
    expect(run.findings).toEqual([]);
    expect(run.runs.find((x) => x.rule === 'prose-figures')?.checked).toBeGreaterThanOrEqual(6);
  });

  it('full-009: PDF text wrapped over lines — the groups, 转下一年度办理答复的有 1 件 (四 总计 blank: its parts)', async () => {
    const r = await report('full-009', 'source.md');
    expect(r.statements.filter((s) => s.kind !== 'stated-total' && s.kind !== 'issued' && s.kind !== 'in-force' && s.kind !== 'repealed').map((s) => [s.kind, s.value])).toEqual([
      ['received', 34],
      ['carried-over', 2],
      ['granted', 9],
      ['partial', 0],
      ['withheld', 2],
      ['unable', 10],
      ['not-processed', 0],
      ['other-processed', 14],
      ['carried-forward', 1],
    ]);
    expect(proseFindings(r)).toEqual([]);
  });

  it('full-010: 受理1295件 = 一, 办结1191件 = （七）总计, 208/20/564/80/319 = the groups', async () => {
    const r = await report('full-010', 'source.md');
    expect(r.statements.filter((s) => ['granted-or-partial', 'withheld', 'unable', 'not-processed', 'other-processed'].includes(s.kind)).map((s) => s.value)).toEqual([
      208, 20, 564, 80, 319,
    ]);
    expect(proseFindings(r)).toEqual([]);
  });
});

describe('prose-figures on real reports: a finding where the prose disagrees', () => {
  it('web-001: 予以公开及部分公开258件 and 无法提供265件 against groups whose 总计 cells are blank (their parts add to at least 275 and 337)', async () => {
    const r = await report('web-001', 'source.html');
    const f = proseFindings(r);
    expect(f.map((x) => [x.expected, x.found, x.evidence?.quote])).toEqual([
      [275, 258, '予以公开及部分公开258件'],
      [337, 265, '无法提供265件'],
    ]);
    expect(f[0]?.message.zh).toBe(
      '正文称“予以公开及部分公开258件”（258），但表二「（一）予以公开」 + 「（二）部分公开」（「总计」列）为至少 275（总计空白，按各列相加，空白按 0 计）。正文的数字与表二「（一）予以公开」行「自然人」列相同。',
    );
    expect(f[1]?.message.zh).toContain('正文的数字与表二「1.本机关不掌握相关政府信息」行各列之和（空白按 0 计）相同');
    expect(f[1]?.evidence?.sentence).toBe('因本机关不掌握等原因无法提供265件，占32.9%');
    // 共受理859件 = 一, 答复805件 = （七）总计, 72件…顺延到下年度 = 四, 不予公开35件, 不予处理158件: no finding
    expect(f.some((x) => ['received', 'completed', 'carried-forward', 'withheld', 'not-processed'].some((k) => x.id.includes(`${k}:`)))).toBe(false);
  });

  it('local-008: 共受理政府信息公开申请2件 while 一 is 3 and 二 is 0', async () => {
    const r = await report('local-008', 'source.txt');
    const f = proseFindings(r);
    expect(f.map((x) => [x.expected, x.found])).toEqual([[3, 2]]);
    expect(f[0]?.message.zh).toBe('正文称“共受理政府信息公开申请2件”（2），但表二「一、本年新收政府信息公开申请数量」行「总计」列为 3。');
  });
});

describe('prose-figures: broken copies of sound real reports', () => {
  it('received: a figure that is neither 一 nor 一 + 二 names both', async () => {
    const r = await report('full-008', 'source.md');
    statement(r, 'received').value = 740;
    const f = proseFindings(r);
    expect(f.map((x) => [x.severity, x.expected, x.found])).toEqual([['warning', 713, 740]]);
    expect(f[0]?.message.zh).toBe('正文称“全年共受理政府信息公开申请 749 件”（740），但表二「一、本年新收政府信息公开申请数量」行「总计」列为 713，一 + 二为 749。');
    expect(f[0]?.evidence?.sentence).toContain('全县全年共受理政府信息公开申请 749 件');
  });

  it('full-008: 共办理 719 件 where （七）总计 and 一 + 二 − 四 are both 718', async () => {
    const r = await report('full-008', 'source.md');
    statement(r, 'completed').value = 719;
    const f = proseFindings(r);
    expect(f.map((x) => [x.expected, x.found])).toEqual([[718, 719]]);
    expect(f[0]?.message.zh).toBe('正文称“办理 718 件”（719），但表二「（七）总计」行「总计」列为 718。');
  });

  it('a result group: 不予公开 21 against the 8 rows that add to 20', async () => {
    const r = await report('full-010', 'source.md');
    statement(r, 'withheld').value = 21;
    const f = proseFindings(r);
    expect(f.map((x) => [x.expected, x.found, x.cells.length])).toEqual([[20, 21, 8]]);
    expect(f[0]?.message.zh).toMatch(/^正文称“不予公开 20 件”（21），但表二「（三）不予公开」8 项之和（「总计」列）为 20。/);
  });

  it('a group quoted as its first sub-row: 无法提供 513 where only row 1 is 513 (the group is 564)', async () => {
    const r = await report('full-010', 'source.md');
    statement(r, 'unable').value = 513;
    const f = proseFindings(r);
    expect(f.map((x) => [x.expected, x.found])).toEqual([[564, 513]]);
    expect(f[0]?.message.zh).toContain('正文的数字与表二「1.本机关不掌握相关政府信息」行「总计」列相同');
  });

  it('carried forward without 结 (转下一年度): 2 against 四 = 1', async () => {
    const r = await report('full-009', 'source.md');
    statement(r, 'carried-forward').value = 2;
    expect(proseFindings(r).map((x) => [x.expected, x.found])).toEqual([[1, 2]]);
  });

  it('completed: （七）总计 or 一 + 二 − 四 — either is accepted, neither is a finding', async () => {
    const r = await report('full-003', 'source.txt');
    const total = r.tables.t2.rows.find((x) => x.key === 'total')?.cells.find((c) => c.col === 'total');
    if (!total) throw new Error('no （七）总计');
    // the table's own balance broken: 总计 149, while 一 + 二 − 四 is still 148
    total.value = { kind: 'number', value: 149, raw: '149' };
    expect(proseFindings(r)).toEqual([]);
    statement(r, 'completed').value = 150;
    expect(proseFindings(r).map((x) => [x.expected, x.found])).toEqual([[149, 150]]);
  });
});

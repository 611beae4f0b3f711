import { describe, expect, it } from 'vitest';
import { checkText } from '../../src/pipeline';
import { RULES, runChecks } from '../../src/check/index';
import type { Rule } from '../../src/check/rule';
import type { CellKey, Report, Statement } from '../../src/model/report';
import { ReportSchema } from '../../src/model/report';
import { seedText } from '../support/seeds';

/** Seed 004 (real, non-zero figures, every hard rule holds) as a parsed Report. */
function sound(): Report {
  const text = seedText('004_383c93ca4b8bd76d.txt');
  const out = checkText(text, { kind: 'text', location: null, format: 'text' });
  if (!out.ok) throw new Error('seed 004 must be a report');
  const r = structuredClone(out.result.report);
  // The prose rules need statements that agree with the tables (seed 004's own prose has one
  // that does not: its golden test covers that). Written by hand from seed 004's figures.
  const said = (kind: Statement['kind'], value: number, quote: string, extra: Partial<Statement> = {}): Statement => ({
    kind,
    value,
    quote,
    sentence: quote,
    section: 'overview',
    src: null,
    ...extra,
  });
  r.statements = [
    said('new', 156, '新收政府信息公开申请156件'),
    said('carried-forward', 9, '结转下年度继续办理9件'),
    said('review', 7, '行政复议7件'),
    said('litigation', 5, '行政诉讼案件5件'),
    said('in-force', 16, '现行有效规范性文件16件', { subject: 'normative' }),
    said('stated-total', 23, '共23件，其中4件、14件、5件', { parts: [4, 14, 5] }),
  ];
  return r;
}

function setCell(r: Report, k: CellKey, raw: string): void {
  const cell = r.tables[k.table].rows.find((x) => x.key === k.row)?.cells.find((c) => c.col === k.col);
  if (!cell) throw new Error(`no cell ${JSON.stringify(k)}`);
  const n = Number(raw);
  cell.value = raw !== '' && /^\d+(\.\d+)?$/.test(raw) ? { kind: 'number', value: n, raw } : raw === '' || raw === '—' ? { kind: 'missing', raw } : { kind: 'text', raw };
}

function only(rule: string): Rule[] {
  const r = RULES.find((x) => x.id === rule);
  if (!r) throw new Error(`no rule ${rule}`);
  return [r];
}

/** Each rule: silent on the sound report, firing on a broken copy, naming the broken cell. */
const CASES: {
  rule: string;
  why: string;
  breakIt: (r: Report) => void;
  /** rules it reads the work of, run before it */
  after?: string[];
  expect: { outcome: string; severity: string; cell?: CellKey; expected?: number; found?: number };
}[] = [
  {
    rule: 'balance',
    why: 'row 二 自然人 7→8 breaks 一+二 = （七）+四 in the 自然人 column',
    breakIt: (r) => setCell(r, { table: 't2', row: 'carried-over', col: 'natural' }, '8'),
    expect: { outcome: 'fail', severity: 'error', cell: { table: 't2', row: 'carried-over', col: 'natural' }, expected: 160, found: 159 },
  },
  {
    rule: 'results-total',
    why: '（五）不予处理 2.重复申请 自然人 0→2: the result rows add to 152 while （七）总计 says 150',
    breakIt: (r) => setCell(r, { table: 't2', row: 'not-processed-2', col: 'natural' }, '2'),
    expect: { outcome: 'fail', severity: 'error', cell: { table: 't2', row: 'not-processed-2', col: 'natural' }, expected: 152, found: 150 },
  },
  {
    rule: 'row-total',
    why: 'row 一 总计 156→165: parts add to 156',
    breakIt: (r) => setCell(r, { table: 't2', row: 'new', col: 'total' }, '165'),
    expect: { outcome: 'fail', severity: 'error', cell: { table: 't2', row: 'new', col: 'total' }, expected: 156, found: 165 },
  },
  {
    rule: 'review-litigation-total',
    why: '直接起诉 其他结果 4→2: 1+0+2+0 = 3 but 总计 says 5',
    breakIt: (r) => setCell(r, { table: 't3', row: 'cases', col: 'direct-other' }, '2'),
    expect: { outcome: 'fail', severity: 'error', cell: { table: 't3', row: 'cases', col: 'direct-other' }, expected: 3, found: 5 },
  },
  {
    rule: 'value-format',
    why: 'a unit inside a count cell (`251000元`) is text, not a number',
    breakIt: (r) => setCell(r, { table: 't1', row: 'licensing', col: 'decisions' }, '251000元'),
    expect: { outcome: 'structure', severity: 'error', cell: { table: 't1', row: 'licensing', col: 'decisions' } },
  },
  {
    rule: 'cells-filled',
    why: 'a `—` where a number belongs is missing, not 0',
    breakIt: (r) => setCell(r, { table: 't3', row: 'cases', col: 'review-pending' }, '—'),
    expect: { outcome: 'structure', severity: 'error', cell: { table: 't3', row: 'cases', col: 'review-pending' } },
  },
  {
    rule: 'tables-present',
    why: 'table 3 not on the page',
    breakIt: (r) => {
      r.tables.t3 = { id: 't3', status: 'missing', rows: [], extras: [] };
    },
    expect: { outcome: 'structure', severity: 'error' },
  },
  {
    rule: 'sections-present',
    why: 'section 五 not found',
    breakIt: (r) => {
      const s = r.sections.find((x) => x.key === 'problems');
      if (s) {
        s.heading = null;
        s.index = null;
      }
    },
    expect: { outcome: 'structure', severity: 'error' },
  },
  {
    rule: 'table-structure',
    why: 'recognition recorded a row the page lacks',
    breakIt: (r) => {
      r.structure.push({ code: 'row-missing', table: 't2', row: 'unable-2', detail: null, src: null });
    },
    expect: { outcome: 'structure', severity: 'error', cell: { table: 't2', row: 'unable-2', col: 'natural' } },
  },
  {
    rule: 'template-version',
    why: 'a 2024 report laid out in the 2019 (trial) template',
    breakIt: (r) => {
      r.template = '2019';
    },
    expect: { outcome: 'structure', severity: 'warning' },
  },
  {
    rule: 'year-consistency',
    why: 'the title says 2024 but the 统计期限 says 2023',
    breakIt: (r) => {
      r.periodYear = 2023;
    },
    expect: { outcome: 'structure', severity: 'warning' },
  },
  {
    rule: 'section-content',
    why: 'section 五 has a heading and nothing under it',
    breakIt: (r) => {
      const five = r.sections.find((s) => s.key === 'problems');
      if (five) five.chars = 0;
    },
    expect: { outcome: 'structure', severity: 'warning' },
  },
  {
    rule: 'regulations-level',
    why: '环翠区 (a district: no power to make 规章) reports 2 规章 issued',
    breakIt: (r) => setCell(r, { table: 't1', row: 'regulations', col: 'issued' }, '2'),
    expect: { outcome: 'structure', severity: 'warning', cell: { table: 't1', row: 'regulations', col: 'issued' } },
  },
  {
    rule: 'fee-magnitude',
    why: 'the fee typed in 元 (67939400) where 万元 (6793.94) belongs',
    breakIt: (r) => setCell(r, { table: 't1', row: 'fees', col: 'amount' }, '67939400'),
    expect: { outcome: 'structure', severity: 'warning', cell: { table: 't1', row: 'fees', col: 'amount' } },
  },
  {
    rule: 'published-late',
    why: 'a township report for 2024 whose page says 发布日期 2025-03-05 (after 31 January)',
    breakIt: (r) => {
      r.body = '羊亭镇';
      r.level = 'township';
      r.published = '2025-03-05';
      r.publishedFrom = { where: 'page', label: '发布日期' };
    },
    expect: { outcome: 'structure', severity: 'info' },
  },
  {
    rule: 'prose-figures',
    why: 'the prose says 结转下年度继续办理7件 while row 四 总计 is 9 (seed 004)',
    breakIt: (r) => {
      const s = r.statements.find((x) => x.kind === 'carried-forward');
      if (s) s.value = 7;
    },
    expect: { outcome: 'fail', severity: 'warning', cell: { table: 't2', row: 'carried-forward', col: 'total' }, expected: 9, found: 7 },
  },
  {
    rule: 'prose-total',
    why: 'a stated total of 22 over parts 4 + 14 + 5 = 23 (more than the total)',
    breakIt: (r) => {
      const s = r.statements.find((x) => x.kind === 'stated-total');
      if (s) s.value = 22;
    },
    expect: { outcome: 'fail', severity: 'warning', expected: 23, found: 22 },
  },
];

CASES.push({
  rule: 'blank-total',
  why: 'the 总计 of row 一 left blank while its parts add up to 156: not readable as 0',
  breakIt: (r) => setCell(r, { table: 't2', row: 'new', col: 'total' }, ''),
  after: ['row-total', 'balance'],
  expect: { outcome: 'structure', severity: 'error', cell: { table: 't2', row: 'new', col: 'total' } },
});

describe('every rule fires on a broken report and stays silent on a sound one', () => {
  it('covers every registered rule', () => {
    expect(CASES.map((c) => c.rule).sort()).toEqual(RULES.map((r) => r.id).sort());
  });

  for (const c of CASES) {
    it(`${c.rule}: ${c.why}`, () => {
      const rules = [...(c.after ?? []).flatMap(only), ...only(c.rule)];
      const good = sound();
      expect(runChecks(good, rules).findings).toEqual([]);
      const bad = sound();
      c.breakIt(bad);
      expect(ReportSchema.safeParse(bad).success).toBe(true);
      const findings = runChecks(bad, rules).findings.filter((f) => f.rule === c.rule);
      expect(findings.length).toBeGreaterThan(0);
      const f = findings[0];
      expect(f?.rule).toBe(c.rule);
      expect(f?.outcome).toBe(c.expect.outcome);
      expect(f?.severity).toBe(c.expect.severity);
      if (c.expect.cell) expect(f?.cells).toContainEqual(c.expect.cell);
      if (c.expect.expected !== undefined) expect([f?.expected, f?.found]).toEqual([c.expect.expected, c.expect.found]);
      expect(f?.message.zh.length).toBeGreaterThan(5);
      expect(f?.message.en.length).toBeGreaterThan(5);
    });
  }
});

describe('a missing operand makes a relation unverifiable, never a failure', () => {
  it('blank 总计 next to parts: "cannot verify", and says whether blanks-as-0 would hold', () => {
    const r = sound();
    setCell(r, { table: 't2', row: 'new', col: 'total' }, '');
    const { findings } = runChecks(r, only('row-total'));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      outcome: 'unverifiable',
      severity: 'warning',
      blocking: [{ table: 't2', row: 'new', col: 'total' }],
      expected: null,
      found: null,
    });
    // 152+1+0+0+0+3 = 156 is not 0: blanks as 0 would not hold either, and the message says so.
    expect(findings[0]?.message.zh).toContain('即使空白按0计也不成立（156 ≠ 0）');
    // the relation is named before its verdict, its formula in brackets
    expect(findings[0]?.message.zh).toMatch(/^表二「一、本年新收政府信息公开申请数量」行「总计 = 自然人 \+ 法人或其他组织」无法核对/);
  });

  it('a blank 总计 over parts above 0 is its own error, and the sums it stops are folded into it', () => {
    const r = sound();
    setCell(r, { table: 't2', row: 'new', col: 'total' }, '');
    const { findings } = runChecks(r);
    const blank = findings.filter((f) => f.rule === 'blank-total');
    expect(blank).toHaveLength(1);
    expect(blank[0]?.message.zh).toContain('「一、本年新收政府信息公开申请数量」行（分项合计 156）');
    // row 一's own sum and the 总计 column's balance are not listed again
    expect(findings.filter((f) => f.outcome === 'unverifiable').map((f) => f.id)).toEqual([]);
    expect(blank[0]?.folded?.sort()).toEqual(['balance/t2:total', 'row-total/t2:new']);
    expect(blank[0]?.message.zh).toContain('因此表二「总计」列「一+二 = （七）总计+四」也无法核对');
  });

  it('a blank part folds into cells-filled: held with blanks as 0, or named when it fails even then', () => {
    const r = sound();
    setCell(r, { table: 't2', row: 'new', col: 'research' }, '');
    const held = runChecks(r).findings;
    expect(held.map((f) => f.id)).toEqual(['cells-filled/t2']);
    expect(held[0]?.message.zh).toContain('若空白按0计，都成立');
    setCell(r, { table: 't2', row: 'new', col: 'natural' }, '—');
    const failing = runChecks(r).findings;
    expect(failing.map((f) => f.id)).toEqual(['cells-filled/t2']);
    // a “—” is not called a blank, and the sums that fail even with these cells as 0 are named
    expect(failing[0]?.message.zh).toContain('空白 1 个、“—” 1 个');
    expect(failing[0]?.message.zh).toContain('若这些单元格按0计');
    expect(failing[0]?.message.zh).toContain('1 处成立，2 处仍不成立：');
    expect(failing[0]?.message.zh).toContain('表二「一、本年新收政府信息公开申请数量」行「总计 = 自然人 + 法人或其他组织」（4 ≠ 156）');
  });

  it('a text operand blocks without a blanks-as-0 hint', () => {
    const r = sound();
    setCell(r, { table: 't2', row: 'new', col: 'natural' }, '见附件');
    const { findings } = runChecks(r, only('balance'));
    expect(findings.map((f) => [f.id, f.outcome])).toEqual([['balance/t2:natural', 'unverifiable']]);
    expect(findings[0]?.message.zh).not.toContain('按0计');
  });
});

describe('one rule failing never stops the others', () => {
  it('a rule that throws becomes one internal finding; the rest still run', () => {
    const boom: Rule = {
      id: 'boom',
      hard: null,
      title: { zh: '会出错的规则', en: 'a rule that throws' },
      run() {
        throw new Error('kaput');
      },
    };
    const r = sound();
    setCell(r, { table: 't2', row: 'new', col: 'total' }, '165');
    const { findings, runs } = runChecks(r, [boom, ...RULES]);
    // listed last: what the report's figures say comes first
    expect(findings.at(-1)).toMatchObject({ rule: 'boom', outcome: 'internal', severity: 'warning' });
    expect(findings.some((f) => f.rule === 'row-total' && f.outcome === 'fail')).toBe(true);
    expect(runs).toHaveLength(RULES.length + 1);
  });
});

describe('year consistency: the publication date', () => {
  it('a 2024 report published in 2025 is fine; one dated 2024 or 2026 is not', () => {
    const rule = only('year-consistency');
    const r = sound();
    r.published = '2025-01-21';
    expect(runChecks(r, rule).findings).toEqual([]);
    r.published = '2026-03-01';
    expect(runChecks(r, rule).findings.map((f) => f.id)).toEqual(['year-consistency/published']);
  });
});

describe('fee magnitude depends on the body level', () => {
  it('6793.94 万元 is plausible for a district but 30000 万元 is not for a township', () => {
    const rule = only('fee-magnitude');
    const r = sound();
    expect(runChecks(r, rule).findings).toEqual([]);
    r.level = 'township';
    setCell(r, { table: 't1', row: 'fees', col: 'amount' }, '30000');
    expect(runChecks(r, rule).findings).toHaveLength(1);
  });
});

describe('prose against tables: details', () => {
  it('parts adding up to less than the stated total: information only (the list may be partial)', () => {
    const r = sound();
    const s = r.statements.find((x) => x.kind === 'stated-total');
    if (s) s.value = 30;
    const f = runChecks(r, only('prose-total')).findings;
    expect(f.map((x) => [x.severity, x.expected, x.found])).toEqual([['info', 23, 30]]);
  });
  it('says which other cell the prose figure equals (无法提供 quoted as its sub-row)', () => {
    const r = sound();
    r.statements = [{ kind: 'completed', value: 72, quote: '办结72件', sentence: '办结72件。', section: 'overview', src: null }];
    const f = runChecks(r, only('prose-figures')).findings;
    expect(f).toHaveLength(1);
    expect(f[0]?.message.zh).toContain('正文的数字与表二「1.本机关不掌握相关政府信息」行「总计」列相同');
    expect(f[0]?.evidence).toEqual({ quote: '办结72件', sentence: '办结72件。', src: null });
  });
  it('未收到申请 while row 一 is 156', () => {
    const r = sound();
    r.statements = [{ kind: 'no-applications', value: 0, quote: '未收到政府信息公开申请', sentence: '本年度未收到政府信息公开申请。', section: 'overview', src: null }];
    const f = runChecks(r, only('prose-figures')).findings;
    expect(f.map((x) => [x.expected, x.found])).toEqual([[156, 0]]);
  });
  it('litigation is compared with both litigation totals together; a blank cell is not compared', () => {
    const r = sound();
    r.statements = [{ kind: 'litigation', value: 5, quote: '行政诉讼5件', sentence: '行政诉讼5件。', section: 'overview', src: null }];
    expect(runChecks(r, only('prose-figures')).findings).toEqual([]);
    setCell(r, { table: 't3', row: 'cases', col: 'direct-total' }, '');
    expect(runChecks(r, only('prose-figures')).findings).toEqual([]);
  });
});

// A report for a year before the national template (2017, 2018: the 2008 regulation's outline, no
// tables) is held to none of its forms; corpus web-039 and web-040 are two such real reports.
describe('a report for a year before the template', () => {
  const only = (ids: string[]): Rule[] => RULES.filter((r) => ids.includes(r.id));
  const noTables = (year: number): Report => {
    const r = sound();
    r.year = year;
    for (const t of ['t1', 't2', 't3'] as const) r.tables[t] = { id: t, status: 'missing', rows: [], extras: [] };
    for (const s of r.sections) if (s.key !== 'overview') Object.assign(s, { heading: null, index: null });
    return r;
  };
  it('2017 with no table and other sections: one note, no missing table or section called an error', () => {
    const f = runChecks(noTables(2017), only(['tables-present', 'sections-present'])).findings;
    expect(f.map((x) => [x.id, x.severity])).toEqual([['tables-present/before-template', 'info']]);
    expect(f[0]?.message.zh).toContain('这是2017年度的报告，早于国家统一格式');
  });
  it('2019 with no table: every missing table and section is an error, as before', () => {
    const f = runChecks(noTables(2019), only(['tables-present', 'sections-present'])).findings;
    expect(f.filter((x) => x.severity === 'error').map((x) => x.id)).toEqual(
      expect.arrayContaining(['tables-present/t1', 'tables-present/t2', 'tables-present/t3', 'sections-present/proactive', 'sections-present/problems']),
    );
    expect(f.some((x) => x.id === 'tables-present/before-template')).toBe(false);
  });
  it('2018 with the template’s tables: checked as any report (a missing table is still an error)', () => {
    const r = sound();
    r.year = 2018;
    r.tables.t3 = { id: 't3', status: 'missing', rows: [], extras: [] };
    const f = runChecks(r, only(['tables-present'])).findings;
    expect(f.map((x) => [x.id, x.severity])).toEqual([['tables-present/t3', 'error']]);
  });
});

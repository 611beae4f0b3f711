import type { Rule } from '../rule';

/**
 * Table 1's 行政事业性收费 is in 万元. A figure that is orders of magnitude too large for the body's
 * level was most likely typed in 元 (251000 where 25.1 was meant). Section 六's 信息处理费 is in
 * 元 and a different quantity: it is never compared.
 */
const LIMIT_WAN: Record<string, number> = {
  township: 10_000, // 1亿元
  county: 1_000_000, // 100亿元
  department: 1_000_000,
  city: 10_000_000,
};

export const feeMagnitude: Rule = {
  id: 'fee-magnitude',
  hard: null,
  title: { zh: '行政事业性收费金额以万元计，数量级合理', en: 'The administrative fee is in 10,000 yuan and of a plausible size' },
  run(ctx, out) {
    if (ctx.report.template !== '2021') return; // 2019's block counts fee items, not money
    const cell = ctx.row('t1', 'fees')?.cells.find((c) => c.col === 'amount');
    const limit = LIMIT_WAN[ctx.report.level ?? 'department'];
    if (!cell || cell.value.kind !== 'number' || limit === undefined) return;
    out.checked++;
    const v = cell.value.value;
    if (v <= limit) return;
    const key = { table: 't1' as const, row: 'fees', col: 'amount' };
    out.add({
      anchor: 't1:fees',
      severity: 'warning',
      outcome: 'structure',
      table: 't1',
      cells: [key],
      primary: [key],
      found: v,
      message: {
        zh: `表一「行政事业性收费」为 ${v} 万元（即 ${(v / 10000).toFixed(2)} 亿元），对${ctx.report.body ?? '该机关'}而言大得不合常理，可能误按“元”填写（应为 ${(v / 10000).toFixed(4)} 万元？）。`,
        en: `Table 1's administrative fee is ${v} (in 10,000 yuan, i.e. ${(v / 10000).toFixed(2)} hundred million yuan): implausibly large for ${ctx.report.body ?? 'this body'}; it was probably entered in yuan.`,
      },
    });
  },
};

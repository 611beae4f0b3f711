import type { Rule } from '../rule';

/**
 * A total the prose states against the parts the same sentence lists: "共…904条，其中…77条…438条…"
 * (seed 000: 904 = 77 + 438 + 81 + 270 + 38, and 77 = the 15 items it lists).
 */
export const proseTotal: Rule = {
  id: 'prose-total',
  hard: null,
  title: { zh: '正文所述合计等于其列出的各项之和', en: 'Totals stated in the prose equal the parts listed' },
  run(ctx, out) {
    ctx.report.statements.forEach((s, i) => {
      if (s.kind !== 'stated-total' || !s.parts || s.parts.length < 2) return;
      out.checked++;
      const sum = s.parts.reduce((a, b) => a + b, 0);
      if (sum === s.value) return;
      out.add({
        anchor: `${i}:${s.value}`,
        severity: 'warning',
        outcome: 'fail',
        table: null,
        cells: [],
        expected: sum,
        found: s.value,
        evidence: { quote: s.quote, sentence: s.sentence, src: s.src },
        message: {
          zh: `正文称合计 ${s.value}，但其后列出的 ${s.parts.length} 项之和为 ${sum}（${s.parts.join(' + ')}）：“${s.quote}”。`,
          en: `The prose states a total of ${s.value}, but the ${s.parts.length} parts it lists add up to ${sum} (${s.parts.join(' + ')}).`,
        },
      });
    });
  },
};

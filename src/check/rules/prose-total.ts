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
      // Parts adding up to more than the total cannot be right; less may be a list that names only
      // the highlights without saying so — said softly, as information.
      const over = sum > s.value;
      out.add({
        anchor: `${i}:${s.value}`,
        severity: over ? 'warning' : 'info',
        outcome: 'fail',
        table: null,
        cells: [],
        expected: sum,
        found: s.value,
        evidence: { quote: s.quote, sentence: s.sentence, src: s.src },
        message: over
          ? {
              zh: `正文称合计 ${s.value}，但其后列出的 ${s.parts.length} 项之和为 ${sum}（${s.parts.join(' + ')}），多于合计。`,
              en: `The prose states a total of ${s.value}, but the ${s.parts.length} parts it lists add up to more: ${sum} (${s.parts.join(' + ')}).`,
            }
          : {
              zh: `正文称合计 ${s.value}，其后列出的 ${s.parts.length} 项之和为 ${sum}（${s.parts.join(' + ')}），少于合计；若所列并非全部，可忽略。`,
              en: `The prose states a total of ${s.value}; the ${s.parts.length} parts it lists add up to ${sum} (${s.parts.join(' + ')}), less than the total — fine if the list is not complete.`,
            },
      });
    });
  },
};

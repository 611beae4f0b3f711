import { labelKey, normalizeText, stripNumbering } from '../text/normalize';
import { SECTIONS } from './templates';

export interface SectionHit {
  key: string;
  number: string;
  heading: string | null;
  index: number | null;
}

const ARABIC: Record<string, string> = { '1': '一', '2': '二', '3': '三', '4': '四', '5': '五', '6': '六' };

/**
 * Find the six section headings among the paragraphs. A heading is a short paragraph whose text
 * (numbering removed) starts with the section's words; a top-level number that agrees (二、, 2、)
 * beats none, and a sub-item number （1） loses to both — seed 000 has a sub-item
 * "（1） 主动公开政府信息情况" under 一 before the real 二、主动公开政府信息情况.
 */
export function findSections(paras: string[]): SectionHit[] {
  let from = 0;
  return SECTIONS.map((spec) => {
    let best: { index: number; score: number } | null = null;
    for (let i = from; i < paras.length; i++) {
      const text = normalizeText(paras[i] ?? '');
      if (text.length > 40) continue;
      const key = labelKey(text);
      if (!spec.match.some((m) => key.startsWith(m))) continue;
      const { ordinal, rest } = stripNumbering(text);
      const bracketed = /^[（(]/.test(text);
      const num = ordinal === null ? null : (ARABIC[ordinal] ?? ordinal);
      let score = 1;
      if (num === spec.number && !bracketed) score = 3;
      else if (num === null) score = 2;
      else if (bracketed) score = 0;
      if (rest.length > 30) score -= 1;
      if (!best || score > best.score) best = { index: i, score };
      if (score === 3) break;
    }
    if (!best || best.score <= 0) return { key: spec.key, number: spec.number, heading: null, index: null };
    from = best.index + 1;
    return { key: spec.key, number: spec.number, heading: normalizeText(paras[best.index] ?? ''), index: best.index };
  });
}

import { labelKey, normalizeText, stripNumbering } from '../text/normalize';
import { SECTIONS, type SectionSpec } from './templates';

export interface SectionHit {
  key: string;
  number: string;
  heading: string | null;
  index: number | null;
}

const ARABIC: Record<string, string> = { '1': '一', '2': '二', '3': '三', '4': '四', '5': '五', '6': '六' };

/** The score below which a paragraph is not taken for a section heading. */
const ACCEPT = 3;
/** The best a heading can score: the template's words under the section's own number. */
const BEST = 7;

/**
 * How well one short paragraph reads as the heading of `spec`, or 0. The template's own words
 * (+4) beat the key words of a published variant (+2); a top-level number that agrees (二、, 2、,
 * 2.) adds 3, a bracketed one that agrees or no number at all 1; a top-level number that disagrees
 * takes 1 off and a bracketed one that disagrees rules the paragraph out — seed 000 has a sub-item
 * "（1） 主动公开政府信息情况" under 一 before the real 二、主动公开政府信息情况.
 */
export function headingScore(spec: SectionSpec, paragraph: string): number {
  const text = normalizeText(paragraph);
  if (text.length > 40) return 0;
  const key = labelKey(text);
  const phrase = spec.match.some((m) => key.startsWith(m));
  const words = spec.words.every((group) => group.some((w) => key.includes(w)));
  if (!phrase && !words) return 0;
  const { ordinal, rest } = stripNumbering(text);
  const bracketed = /^[（(]/.test(text);
  const num = ordinal === null ? null : (ARABIC[ordinal] ?? ordinal);
  let score = phrase ? 4 : 2;
  if (num === null) score += 1;
  else if (num === spec.number) score += bracketed ? 1 : 3;
  else if (bracketed) return 0;
  else score -= 1;
  if (rest.length > 30) score -= 1;
  return score;
}

/**
 * Find the six section headings among the paragraphs, in order: for each section the best-scoring
 * short paragraph after the previous heading (the earliest of equal scores).
 */
export function findSections(paras: string[]): SectionHit[] {
  let from = 0;
  return SECTIONS.map((spec) => {
    let best: { index: number; score: number } | null = null;
    for (let i = from; i < paras.length; i++) {
      const score = headingScore(spec, paras[i] ?? '');
      if (score >= ACCEPT && (!best || score > best.score)) best = { index: i, score };
      if (score >= BEST) break;
    }
    if (!best) return { key: spec.key, number: spec.number, heading: null, index: null };
    from = best.index + 1;
    return { key: spec.key, number: spec.number, heading: normalizeText(paras[best.index] ?? ''), index: best.index };
  });
}

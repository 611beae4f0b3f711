/**
 * The words of the arithmetic findings, as templates over coded data (zh first, en). A finding
 * keeps its data — the relation (where, formula), the operands, expected and found, the blocking
 * cells, the suspect — and these functions turn that data into sentences, so the wording lives in
 * one place and reads the same in the sidebar, the CLI, the CSV and the audit record.
 *
 * House style: the relation is named first, its formula in 「」 so that nothing runs into the
 * verdict (「一+二 = （七）总计+四」不成立 — never “…总计+四不成立”); then the verdict; then the
 * figures. Rule ids never appear in the words (they stay in the JSON and a muted line).
 */
import type { Words } from '../recognise/templates';

/** A sum relation in words: where it sits and what it says. */
export interface RelationWords {
  /** 表二「自然人」列 / table 2, column "natural persons" */
  where: Words;
  /** 一+二 = （七）总计+四 */
  formula: Words;
}

export type Lang = 'zh' | 'en';

function signed(n: number): string {
  const r = Math.round(n * 1e6) / 1e6;
  return r > 0 ? `+${r}` : String(r);
}

/** 「表二「自然人」列：「一+二 = （七）总计+四」」 — the relation as a phrase. */
export function relationPhrase(r: RelationWords, lang: Lang): string {
  return lang === 'zh' ? `${r.where.zh}「${r.formula.zh}」` : `${r.where.en}: "${r.formula.en}"`;
}

/** A sum that does not hold: the relation, the verdict, then the figures it added. */
export function sumFails(r: RelationWords, operands: Words, expected: number, found: number): Words {
  const diff = signed(found - expected);
  return {
    zh: `${relationPhrase(r, 'zh')}不成立：${operands.zh}；差 ${diff}。`,
    en: `${relationPhrase(r, 'en')} does not hold: ${operands.en}; off by ${diff}.`,
  };
}

/** A sum that does not hold through a row whose figures' columns are uncertain (fewer figures than columns). */
export function sumUnplaced(r: RelationWords, operands: Words, expected: number, found: number, cell: Words): Words {
  const diff = signed(found - expected);
  return {
    zh: `${relationPhrase(r, 'zh')}按读到的位置不成立：${operands.zh}；差 ${diff}。但${cell.zh}所在行的数字比列少，空着的是哪一列无法确定，数字可能不在原来的列里，故不作为错误，请对照原文核实。`,
    en: `${relationPhrase(r, 'en')} does not hold as the figures were placed: ${operands.en}; off by ${diff}. But the row of ${cell.en} has fewer figures than columns, so which column is blank cannot be told and a figure may be in the wrong column: not called an error; check against the page.`,
  };
}

/**
 * A sum stopped by cells that hold no figure. `kinds`: whether the blocking cells are all real
 * blanks (only then is “若空白按0计” said), placeholders such as “—” “/” “无”, or text.
 */
export function sumBlocked(
  r: RelationWords,
  cells: Words,
  count: number,
  kinds: { text: boolean; allBlank: boolean },
  zero: { anyNumber: boolean; holds: boolean; expected: number; found: number },
): Words {
  const as0 = kinds.allBlank ? { zh: '若空白按0计', en: 'with the blanks as 0' } : { zh: '若这些未填数字的单元格按0计', en: 'with these cells as 0' };
  const tail =
    kinds.text || !zero.anyNumber
      ? { zh: '', en: '' }
      : zero.holds
        ? { zh: `${as0.zh}则成立。`, en: ` It would hold ${as0.en}.` }
        : { zh: `即使${as0.zh.slice(1)}也不成立（${zero.expected} ≠ ${zero.found}）。`, en: ` Even ${as0.en} it does not hold (${zero.expected} ≠ ${zero.found}).` };
  return {
    zh: `${relationPhrase(r, 'zh')}无法核对：${cells.zh}不是数字。${tail.zh}`,
    en: `${relationPhrase(r, 'en')} cannot be verified: ${cells.en} ${count > 1 ? 'are' : 'is'} not a number.${tail.en}`,
  };
}

/** How the cells without a figure were written: 空白 120 个、“—” 4 个. */
export function missingKinds(raws: readonly string[], lang: Lang): string {
  const counts = new Map<string, number>();
  for (const raw of raws) {
    const k = raw.trim() === '' ? '' : raw.trim().slice(0, 8);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const name = (k: string): string => (k === '' ? (lang === 'zh' ? '空白' : 'blank') : `“${k}”`);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] === '' ? -1 : b[0] === '' ? 1 : 0))
    .map(([k, n]) => (lang === 'zh' ? `${name(k)} ${n} 个` : `${n} ${name(k)}`))
    .join(lang === 'zh' ? '、' : ', ');
}

/** One table's cells without a figure (cells-filled), before any folding. */
export function cellsMissing(table: Words, count: number, kinds: Words, cells: Words): Words {
  return {
    zh: `${table.zh}有 ${count} 个单元格没有填数字（${kinds.zh}；没填不等于填了0）：${cells.zh}。`,
    en: `${table.en} has ${count} cell${count > 1 ? 's' : ''} without a number (${kinds.en}; a blank or "—" is not 0): ${cells.en}.`,
  };
}

/**
 * What the folded relations come to, said once in the table's finding: how many the blank cells
 * stop, how many hold with them as 0, and the ones that fail even then, by name.
 */
export function foldedRelations(total: number, holding: number, failing: readonly { what: Words; expected: number; found: number }[], allBlank: boolean): Words {
  const as0 = allBlank ? { zh: '空白按0计', en: 'the blanks as 0' } : { zh: '这些单元格按0计', en: 'these cells as 0' };
  const list = (lang: Lang): string =>
    failing
      .slice(0, 4)
      .map((f) => `${f.what[lang]}（${f.expected} ≠ ${f.found}）`)
      .join(lang === 'zh' ? '；' : '; ') + (failing.length > 4 ? (lang === 'zh' ? `等 ${failing.length} 处` : ` and ${failing.length - 4} more`) : '');
  if (failing.length === 0) {
    return {
      zh: `这些单元格使 ${total} 处勾稽关系无法核对；若${as0.zh}，都成立。`,
      en: `They stop ${total} relation(s) from being verified; all would hold with ${as0.en}.`,
    };
  }
  return {
    zh: `这些单元格使 ${total} 处勾稽关系无法核对；若${as0.zh}，${holding} 处成立，${failing.length} 处仍不成立：${list('zh')}。`,
    en: `They stop ${total} relation(s) from being verified; with ${as0.en} ${holding} would hold and ${failing.length} would still fail: ${list('en')}.`,
  };
}

/** A 总计 left blank while its parts add up to more than zero: it cannot be read as 0. */
export function blankTotals(table: Words, items: readonly { where: Words; parts: number }[]): Words {
  const n = items.length;
  const list = (lang: Lang): string =>
    items
      .slice(0, 6)
      .map((i) => (lang === 'zh' ? `${i.where.zh.replace(/^表[一二三]/, '')}（分项合计 ${i.parts}）` : `${i.where.en.replace(/^Table \d, /, '')} (parts add up to ${i.parts})`))
      .join(lang === 'zh' ? '、' : '; ') + (n > 6 ? (lang === 'zh' ? `等 ${n} 处` : ` and ${n - 6} more`) : '');
  return {
    zh: `${table.zh}有 ${n} 个总计留空，而其分项合计大于0（不能按0计）：${list('zh')}。`,
    en: `${table.en} has ${n} total${n > 1 ? 's' : ''} left blank whose parts add up to more than 0 (they cannot be 0): ${list('en')}.`,
  };
}

/** The other sums the blank totals stop, said after them (folded in by check/index.ts). */
export function alsoStopped(sums: readonly Words[]): Words {
  const n = sums.length;
  return {
    zh: `因此${sums
      .slice(0, 3)
      .map((w) => w.zh)
      .join('、')}${n > 3 ? ` 等 ${n} 处` : ''}也无法核对。`,
    en: ` So ${sums
      .slice(0, 3)
      .map((w) => w.en)
      .join('; ')}${n > 3 ? ` and ${n - 3} more` : ''} cannot be verified either.`,
  };
}

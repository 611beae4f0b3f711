/**
 * Reading one numeric table cell.
 *
 * A blank, `/`, `—` or `无` where a 0 belongs is *missing*, not zero: a check must say "cannot
 * verify", never "0 ≠ 272" (FORMAT.md, "What real pages look like"). Anything that is neither a
 * clean number nor a missing mark is *text* (`251000元`, `见附件`), so the check can show it.
 */
import * as z from 'zod/mini';
import { normalizeText } from './normalize';

export const CellValueSchema = z.discriminatedUnion('kind', [
  /** `unit`: the money unit the cell wrote after an amount (`251000元`); `value` is in the column's unit */
  z.object({ kind: z.literal('number'), value: z.number(), raw: z.string(), unit: z.optional(z.enum(['元', '万元'])) }),
  z.object({ kind: z.literal('missing'), raw: z.string() }),
  z.object({ kind: z.literal('text'), raw: z.string() }),
]);
export type CellValue = z.infer<typeof CellValueSchema>;

export interface CellValueOptions {
  /** Allow a fractional part (table 1's fee in 万元). Otherwise `3.0` is 3 and `3.5` is text. */
  decimal?: boolean;
  /** Allow a sign (2019 template's 本年增/减, "减用负值表示"). */
  signed?: boolean;
  /** The column's money unit: an amount written in 元 in a 万元 column is converted. */
  unit?: '万元' | undefined;
}

/**
 * A `?` where a full-width space was lost in an encoding round trip (`? 0`, `??0`): it only ever
 * pads the value, so leading and trailing runs are dropped. A cell that was nothing but padding
 * (`?`) is then blank, i.e. missing.
 */
const LOST_SPACE_PADDING = /^[?？ ]+|[?？ ]+$/g;

/** Only dashes and slashes (`/`, `—`, `——`, `—/—`, `- -`): the usual "nothing here" marks. */
const DASHES_AND_SLASHES = /^[/\\\-‐‑‒–—―−─ ]+$/;
const MISSING_WORDS = new Set(['无', '空', '暂无']);

/**
 * A whole number with optional sign, comma thousands separators (`1,234`; `1，234` arrives here
 * already folded to a comma) and optional fraction. `12 345` does not match: a space is not a
 * separator the template uses, and it is more often two cells run together.
 */
const NUMBER = /^([+-])?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

/** The text the classification looks at: normalised, padding dropped, every minus sign a `-`. */
function core(raw: string): string {
  return normalizeText(raw).replace(LOST_SPACE_PADDING, '').replace(/^[−–]/, '-');
}

function isMissingCore(s: string): boolean {
  return s === '' || DASHES_AND_SLASHES.test(s) || MISSING_WORDS.has(s);
}

const MAX_PLAUSIBLE = Number.MAX_SAFE_INTEGER;

const MONEY = /^(.*?\d)\s*(万元|元)$/;

export function parseCellValue(raw: string, opts: CellValueOptions = {}): CellValue {
  const s = core(raw);
  if (isMissingCore(s)) return { kind: 'missing', raw };
  // An amount that states its unit (`75394432.52元`, `12.5万元`) is that amount, not text; in a
  // column kept in 万元 a figure in 元 is converted (FORMAT.md, "Learned from real reports").
  const money = opts.decimal ? MONEY.exec(s) : null;
  if (money) {
    const inner = parseCellValue(money[1] ?? '', { ...opts, unit: undefined });
    if (inner.kind !== 'number') return { kind: 'text', raw };
    const unit = money[2] === '万元' ? '万元' : '元';
    const value = opts.unit === '万元' && unit === '元' ? Math.round((inner.value / 10_000) * 1e6) / 1e6 : inner.value;
    return { kind: 'number', value, raw, unit };
  }
  const m = NUMBER.exec(s);
  if (!m) return { kind: 'text', raw };
  const [, sign, whole = '', fraction = ''] = m;
  if (sign !== undefined && !opts.signed) return { kind: 'text', raw };
  // `3.0` is a whole number written with a decimal point; `3.5` cannot be a count.
  if (/[1-9]/.test(fraction) && !opts.decimal) return { kind: 'text', raw };
  const magnitude = Number(`${whole.replaceAll(',', '')}.${fraction || '0'}`);
  // Beyond 2^53 a count cannot be exact and sums overflow: no report counts that high, so such a
  // cell is text (found by the property tests: a 303-digit cell made a sum Infinity).
  if (!Number.isFinite(magnitude) || magnitude > MAX_PLAUSIBLE) return { kind: 'text', raw };
  // `+ 0` turns -0 into 0, so `-0` compares equal to every other zero.
  return { kind: 'number', value: (sign === '-' ? -magnitude : magnitude) + 0, raw };
}

export function isMissingToken(text: string): boolean {
  return isMissingCore(core(text));
}

/** Units that follow a figure in cells and prose (`251000元`, `5件`, `12.5万元`, `30%`). */
const TRAILING_UNIT = /\s?(?:万元|亿元|千元|元|万|件|条|个|项|次|人次|人|家|份|篇|户|宗|起|批|笔|天|日|%|‰)$/;

function isNumberOrMissing(s: string): boolean {
  return parseCellValue(s, { decimal: true, signed: true }).kind !== 'text';
}

/**
 * Whether a cell holds a value rather than a label, to split a row into its label cells and its
 * value cells. Beyond numbers and missing marks this accepts a number with a unit (`251000元`)
 * and several numbers run together (`0 0`): no template label is made of those, while every
 * label with a number prefix (`2.重复申请`, `（七）总计`) still has words after it.
 */
export function isValueLike(text: string): boolean {
  // every row's every cell is asked, most of them `0` or a label seen before: answers are kept
  const known = valueLike.get(text);
  if (known !== undefined) return known;
  const answer = valueLikeOf(text);
  if (text.length < 200) {
    if (valueLike.size >= VALUE_LIKE_LIMIT) valueLike.clear();
    valueLike.set(text, answer);
  }
  return answer;
}

const valueLike = new Map<string, boolean>();
const VALUE_LIKE_LIMIT = 4000;

function valueLikeOf(text: string): boolean {
  const s = core(text);
  if (isNumberOrMissing(s)) return true;
  const withoutUnit = s.replace(TRAILING_UNIT, '');
  if (withoutUnit !== s && /\d$/.test(withoutUnit) && isNumberOrMissing(withoutUnit)) return true;
  return s.includes(' ') && s.split(' ').every((part) => NUMBER.test(part));
}

/**
 * A figure with something stuck to it (`152*`, `约152`, `减4`, `1e308`, 400 digits) — a value cell
 * whose text is not a clean number, never a label: read as a label it would shift the row's
 * values one column along and blame the wrong cells. Numbering (`2.`, `（三）`, `第（八）项`)
 * and labels with a number in them (`2.重复申请`) are not figures.
 */
export function looksLikeFigure(text: string): boolean {
  const s = core(text);
  if (isValueLike(s)) return true;
  if (/^\d[\d,.\s]*$/.test(s)) return true;
  if (s.length > 12 || !/\d/.test(s)) return false;
  if (/^(\d{1,2}|[一二三四五六七八九十]+)\s*[.、．]/.test(s) || /^[（(][\d一二三四五六七八九十]+[）)]/.test(s) || /第.{0,4}[项条]/.test(s)) return false;
  return (s.match(/[\u4e00-\u9fff]/g) ?? []).length <= 1;
}

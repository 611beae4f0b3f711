/**
 * Figures as the prose of a report prints them: `156`, `1,234`, `一百五十六`, `两千零三`.
 *
 * Both readers are strict: a string that is not exactly one well-formed figure gives null. The
 * prose reader relies on that for precision — `三四件` ("three or four"), `十几件` ("a dozen or
 * so") and `一两件` are ranges, not figures, and must not be read as 34, 10 or 12.
 */

/** Digits, common and financial (大写) forms, simplified and traditional. */
const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  两: 2,
  兩: 2,
  贰: 2,
  貳: 2,
  三: 3,
  叁: 3,
  叄: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  陸: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};

/** Units below 万 (they build one four-digit section). */
const SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };

const WAN = /[万萬]/;
const YI = /[亿億]/;

/** Every character parseChineseNumber accepts; handy for building regexes over prose. */
export const CN_NUMERAL_CHARS = '零〇一壹二两兩贰貳三叁叄四肆五伍六陆陸七柒八捌九玖十拾百佰千仟万萬亿億';

/**
 * One section below 10 000: `一百五十六`, `两千零三`, `十二`. `leadingZero` allows the section to
 * start with 零, which is how a lower section is written after 万 (`一万零五`). A lone digit
 * after 百 or 千 is the spoken short form (`一百五` = 150, `两千三` = 2300).
 */
function parseSection(s: string, leadingZero: boolean): number | null {
  if (s === '') return null;
  let total = 0;
  let digit: number | null = null;
  let lastUnit = 10_000;
  let zero = false;
  let started = false;
  for (const c of s) {
    const d = DIGITS[c];
    if (d !== undefined) {
      if (d === 0) {
        // 零 stands for skipped units: once, after a unit or at the start of a lower section.
        if (digit !== null || zero) return null;
        if (!started && !leadingZero) return s.length === 1 ? 0 : null;
        zero = true;
        started = true;
        continue;
      }
      if (digit !== null) return null; // 三四: a range, not a figure
      digit = d;
      started = true;
      continue;
    }
    const u = SMALL_UNITS[c];
    if (u === undefined) return null;
    if (u >= lastUnit) return null; // 十百, 百百
    if (digit === null) {
      // A bare 十 means 一十 only at the very start (十二, 十): 一百十 and 零十 are not written.
      if (u !== 10 || started) return null;
      digit = 1;
    }
    total += digit * u;
    lastUnit = u;
    digit = null;
    zero = false;
    started = true;
  }
  if (zero && digit === null) return null; // 一百零: a dangling 零
  if (digit !== null) {
    // 一百五 is the spoken 一百五十; after 零 or 十, or with no unit at all, the digit is units.
    if (zero || lastUnit === 10 || lastUnit === 10_000) total += digit;
    else total += digit * (lastUnit / 10);
  }
  return total;
}

/** A section above 万/亿 may not be empty (`万` alone is not a figure). */
function parseBelowYi(s: string, leadingZero: boolean): number | null {
  const parts = s.split(WAN);
  if (parts.length > 2) return null;
  const [high, low] = parts;
  if (high === undefined) return null;
  if (low === undefined) return parseSection(high, leadingZero);
  const h = parseSection(high, leadingZero);
  if (h === null || h === 0) return null;
  if (low === '') return h * 10_000;
  // 一万二 is 一万二千 (spoken); 一万零五 is 10 005.
  const lone = low.length === 1 && DIGITS[low] !== undefined && DIGITS[low] !== 0;
  const l = lone ? (DIGITS[low] ?? 0) * 1000 : parseSection(low, true);
  if (l === null) return null;
  return h * 10_000 + l;
}

/**
 * A Chinese numeral: `一百五十六` 156, `两千零三` 2003, `十二` 12, `二十` 20, `一万二千` 12 000,
 * `零`/`〇` 0, financial forms `壹佰贰拾叁` 123. Returns null for anything that is not one
 * well-formed figure, including digit strings without units (`三四`, `二〇二四`: a range or a
 * year written digit by digit, never a count in prose).
 */
export function parseChineseNumber(s: string): number | null {
  const t = s.trim();
  if (t === '') return null;
  for (const c of t) if (DIGITS[c] === undefined && SMALL_UNITS[c] === undefined && !WAN.test(c) && !YI.test(c)) return null;
  const parts = t.split(YI);
  if (parts.length > 2) return null;
  const [high, low] = parts;
  if (high === undefined) return null;
  if (low === undefined) return parseBelowYi(high, false);
  const h = parseBelowYi(high, false);
  if (h === null || h === 0) return null;
  if (low === '') return h * 100_000_000;
  const l = parseBelowYi(low, true);
  if (l === null) return null;
  return h * 100_000_000 + l;
}

/** `156`, `0`, `007`, `1,234` (groups of three), `12.5`. */
const ARABIC = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

/**
 * A figure as printed in prose: arabic (`156`, `1,234`, `12.5`; full-width digits are folded by
 * normalizeText before this) or a Chinese numeral. Surrounding spaces are ignored; anything else
 * — a unit, a sign, `1万`, `1,23` — gives null: the caller reads units itself.
 */
export function readNumber(s: string): number | null {
  const t = s.trim();
  if (t === '') return null;
  if (ARABIC.test(t)) {
    const n = Number(t.replaceAll(',', ''));
    return Number.isFinite(n) ? n : null;
  }
  return parseChineseNumber(t);
}

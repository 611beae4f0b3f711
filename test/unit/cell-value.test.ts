import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CellValueSchema,
  isMissingToken,
  isValueLike,
  parseCellValue,
  type CellValue,
  type CellValueOptions,
} from '../../src/text/cell-value';

interface Case<I, E> {
  description: string;
  input: I;
  expected: E;
}

type ParseInput = string | { raw: string; opts: CellValueOptions };

const num = (value: number) => ({ kind: 'number', value }) as const;
const missing = { kind: 'missing' } as const;
const text = { kind: 'text' } as const;
type Expected = Omit<Extract<CellValue, { kind: 'number' }>, 'raw'> | { kind: 'missing' | 'text' };

const fee = { decimal: true } as const;
const change = { signed: true } as const;

const parseCases: Case<ParseInput, Expected>[] = [
  // Counts as they really arrive.
  { description: 'a plain zero', input: '0', expected: num(0) },
  { description: 'a plain count', input: '156', expected: num(156) },
  { description: 'seed 001: two ideographic spaces of padding', input: '\u3000\u30000', expected: num(0) },
  { description: 'seed 001: NBSP then ideographic space', input: '\u00a0\u30000', expected: num(0) },
  { description: 'seed 001: trailing NBSP', input: '0\u00a0', expected: num(0) },
  { description: 'full-width digits', input: '２７２', expected: num(272) },
  { description: 'zero-width space pasted with the figure', input: '12\u200b', expected: num(12) },
  { description: 'bookmark artefact in a value cell', input: '[bookmark: _Hlk1]7', expected: num(7) },
  { description: 'leading zero', input: '007', expected: num(7) },

  // `?` where a full-width space was lost (FORMAT.md).
  { description: 'FORMAT.md: ? then a space', input: '? 0', expected: num(0) },
  { description: 'lost space without a space', input: '?0', expected: num(0) },
  { description: 'two lost spaces', input: '??0', expected: num(0) },
  { description: 'full-width question mark', input: '？5', expected: num(5) },
  { description: 'lost space after the figure', input: '3?', expected: num(3) },
  { description: 'a cell of lost padding only was blank', input: '?', expected: missing },
  { description: '? between digits is not padding', input: '1?2', expected: text },

  // Missing, not zero.
  { description: 'empty cell', input: '', expected: missing },
  { description: '&nbsp; alone in the cell', input: '\u00a0', expected: missing },
  { description: 'ideographic spaces only', input: '\u3000\u3000', expected: missing },
  { description: 'slash', input: '/', expected: missing },
  { description: 'full-width slash', input: '／', expected: missing },
  { description: 'slash with spaces', input: '/ ', expected: missing },
  { description: 'hyphen', input: '-', expected: missing },
  { description: 'full-width hyphen', input: '－', expected: missing },
  { description: 'em dash', input: '—', expected: missing },
  { description: 'double em dash', input: '——', expected: missing },
  { description: 'en dash', input: '–', expected: missing },
  { description: 'dash-slash combination', input: '—/—', expected: missing },
  { description: 'dash even where a sign is allowed', input: '-', expected: missing },
  { description: '无', input: '无', expected: missing },
  { description: '空', input: '空', expected: missing },
  { description: '暂无', input: '暂无', expected: missing },

  // Thousands separators.
  { description: 'FORMAT.md: comma thousands separator', input: '1,234', expected: num(1234) },
  { description: 'Chinese comma as thousands separator', input: '1，234', expected: num(1234) },
  { description: 'two separators', input: '1,234,567', expected: num(1234567) },
  { description: 'misplaced comma is not a separator', input: '1,23', expected: text },
  { description: 'a space is not a thousands separator', input: '12 345', expected: text },
  { description: 'two numbers run together', input: '1 2', expected: text },

  // Decimals.
  { description: 'fee with decimals', input: { raw: '6793.94', opts: fee }, expected: num(6793.94) },
  { description: 'FORMAT.md: fee in yuan divided by 10 000', input: { raw: '190.457379', opts: fee }, expected: num(190.457379) },
  { description: 'a decimal in a count cell is text', input: '6793.94', expected: text },
  { description: '3.0 in a count cell is the whole number 3', input: '3.0', expected: num(3) },
  { description: '3.5 in a count cell is text', input: '3.5', expected: text },
  { description: 'full-width decimal point', input: { raw: '０．５', opts: fee }, expected: num(0.5) },
  { description: 'thousands separator and decimals', input: { raw: '1,234.5', opts: fee }, expected: num(1234.5) },

  // Signs (2019 本年增/减).
  { description: 'minus in a count cell is text', input: '-3', expected: text },
  { description: 'minus where a sign is allowed', input: { raw: '-3', opts: change }, expected: num(-3) },
  { description: 'full-width minus', input: { raw: '－3', opts: change }, expected: num(-3) },
  { description: 'Unicode minus sign', input: { raw: '−3', opts: change }, expected: num(-3) },
  { description: 'explicit plus', input: { raw: '+5', opts: change }, expected: num(5) },
  { description: 'plus in a count cell is text', input: '+5', expected: text },
  { description: '-0 is plain 0', input: { raw: '-0', opts: change }, expected: num(0) },

  // Units and words.
  { description: 'FORMAT.md: unit inside a numeric cell', input: '251000元', expected: text },
  { description: 'count with a unit', input: '5件', expected: text },
  { description: 'a reference instead of a figure', input: '见附件', expected: text },
  { description: 'a label is text', input: '规章', expected: text },
  { description: 'numbering alone is text', input: '1.', expected: text },
];

const valueLikeCases: Case<string, boolean>[] = [
  { description: 'empty cell', input: '', expected: true },
  { description: 'number', input: '0', expected: true },
  { description: 'padded number (seed 001)', input: '\u3000\u30000', expected: true },
  { description: 'missing mark', input: '—', expected: true },
  { description: 'lost-space padding', input: '? 0', expected: true },
  { description: 'FORMAT.md: number with 元', input: '251000元', expected: true },
  { description: 'number with 件', input: '5件', expected: true },
  { description: 'decimal with 万元', input: '12.5万元', expected: true },
  { description: 'unit after a space', input: '3 件', expected: true },
  { description: 'negative number', input: '-3', expected: true },
  { description: 'fee', input: '190.457379', expected: true },
  { description: 'thousands separator', input: '1,234', expected: true },
  { description: 'several values run together', input: '0 0 0', expected: true },
  { description: 'row label with a number prefix', input: '2.重复申请', expected: false },
  { description: 'seed 003: number prefix and a space', input: '1. 属于国家秘密', expected: false },
  { description: 'group total label', input: '（七）总计', expected: false },
  { description: 'row label', input: '规章', expected: false },
  { description: 'column header', input: '结果维持', expected: false },
  { description: 'block heading', input: '第二十条第（一）项', expected: false },
  { description: 'row label with its numbering', input: '一、本年新收政府信息公开申请数量', expected: false },
  { description: 'header ending in a unit word', input: '自然人', expected: false },
  { description: 'altered header with a year', input: '本年(2023)制发件数', expected: false },
  { description: 'numbering left alone in its cell', input: '1.', expected: false },
];

const missingTokenCases: Case<string, boolean>[] = [
  { description: 'empty', input: '', expected: true },
  { description: 'slash', input: '/', expected: true },
  { description: 'double em dash', input: '——', expected: true },
  { description: '无', input: '无', expected: true },
  { description: 'NBSP only', input: '\u00a0', expected: true },
  { description: 'zero is a value, not missing', input: '0', expected: false },
  { description: 'text is not missing', input: '见附件', expected: false },
  { description: '无 inside a label is not missing', input: '（四）无法提供', expected: false },
];

describe('parseCellValue', () => {
  it.each(parseCases)('$description', ({ input, expected }) => {
    const { raw, opts } = typeof input === 'string' ? { raw: input, opts: undefined } : input;
    const parsed = parseCellValue(raw, opts);
    expect(parsed).toEqual({ ...expected, raw });
    expect(CellValueSchema.safeParse(parsed).success).toBe(true);
  });

  it('never throws and always keeps the raw text', () => {
    const cellish = fc.constantFrom(...'0123456789１２.．,，-－—/／+?？ \u3000\u00a0元件无见[]bookmark:');
    const opts = fc.record({ decimal: fc.boolean(), signed: fc.boolean() }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: cellish }), fc.string({ unit: 'grapheme' })), opts, (raw, o) => {
        const parsed = parseCellValue(raw, o);
        expect(parsed.raw).toBe(raw);
        expect(CellValueSchema.safeParse(parsed).success).toBe(true);
      }),
    );
  });
});

describe('isValueLike', () => {
  it.each(valueLikeCases)('$description', ({ input, expected }) => {
    expect(isValueLike(input)).toBe(expected);
  });
});

describe('isMissingToken', () => {
  it.each(missingTokenCases)('$description', ({ input, expected }) => {
    expect(isMissingToken(input)).toBe(expected);
  });
});

describe('implausibly large counts', () => {
  it('a number beyond 2^53 is text, not a count (sums would lose exactness or overflow)', () => {
    expect(parseCellValue(`1${'0'.repeat(303)}`)).toEqual({ kind: 'text', raw: `1${'0'.repeat(303)}` });
    expect(parseCellValue('9007199254740991')).toEqual({ kind: 'number', value: 9007199254740991, raw: '9007199254740991' });
    expect(parseCellValue('9007199254740993').kind).toBe('text');
  });
});

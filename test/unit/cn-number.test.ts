import { describe, expect, it } from 'vitest';
import { parseChineseNumber, readNumber } from '../../src/text/cn-number';

interface Case<I, E> {
  description: string;
  input: I;
  expected: E;
}

const chineseCases: Case<string, number | null>[] = [
  // Well-formed figures.
  { description: 'zero', input: '零', expected: 0 },
  { description: 'zero written 〇', input: '〇', expected: 0 },
  { description: 'a digit', input: '七', expected: 7 },
  { description: '两 for 2', input: '两', expected: 2 },
  { description: 'a bare 十', input: '十', expected: 10 },
  { description: '十二: 十 without 一 at the start', input: '十二', expected: 12 },
  { description: '一十二 with the 一 written', input: '一十二', expected: 12 },
  { description: '二十', input: '二十', expected: 20 },
  { description: '一百五十六', input: '一百五十六', expected: 156 },
  { description: '一百零五: 零 for the missing tens', input: '一百零五', expected: 105 },
  { description: '一百一十', input: '一百一十', expected: 110 },
  { description: '两百', input: '两百', expected: 200 },
  { description: '两千零三', input: '两千零三', expected: 2003 },
  { description: '一千零五十', input: '一千零五十', expected: 1050 },
  { description: '一千零一十', input: '一千零一十', expected: 1010 },
  { description: '一千五十: 零 left out, still one reading', input: '一千五十', expected: 1050 },
  { description: '一万二千', input: '一万二千', expected: 12000 },
  { description: '一万零五', input: '一万零五', expected: 10005 },
  { description: '一万零三百', input: '一万零三百', expected: 10300 },
  { description: '一万二千零三', input: '一万二千零三', expected: 12003 },
  { description: '十万', input: '十万', expected: 100000 },
  { description: '两万', input: '两万', expected: 20000 },
  { description: '一亿零五万', input: '一亿零五万', expected: 100050000 },
  { description: 'spoken 一百五 is 150', input: '一百五', expected: 150 },
  { description: 'spoken 两千三 is 2300', input: '两千三', expected: 2300 },
  { description: 'spoken 一万二 is 12 000', input: '一万二', expected: 12000 },
  { description: 'financial forms 壹佰贰拾叁', input: '壹佰贰拾叁', expected: 123 },
  { description: 'financial 贰仟零壹拾', input: '贰仟零壹拾', expected: 2010 },
  { description: 'traditional 兩萬', input: '兩萬', expected: 20000 },
  { description: 'surrounding spaces are ignored', input: ' 十二 ', expected: 12 },

  // Not one figure.
  { description: 'empty', input: '', expected: null },
  { description: '三四 is "three or four", a range', input: '三四', expected: null },
  { description: '一两 is "one or two", a range', input: '一两', expected: null },
  { description: '十几: not a figure', input: '十几', expected: null },
  { description: '二〇二四 is a year written digit by digit, not a count', input: '二〇二四', expected: null },
  { description: 'a lone 万', input: '万', expected: null },
  { description: 'a lone 百', input: '百', expected: null },
  { description: '一百十 is not written (一百一十 is)', input: '一百十', expected: null },
  { description: 'a dangling 零', input: '一百零', expected: null },
  { description: 'two 零 in a row', input: '一千零零五', expected: null },
  { description: 'units out of order', input: '十百', expected: null },
  { description: 'a unit repeated', input: '一百二百', expected: null },
  { description: 'a leading 零', input: '零五', expected: null },
  { description: 'other characters', input: '一百件', expected: null },
  { description: 'arabic digits are not Chinese numerals', input: '156', expected: null },
  { description: 'the word 一是', input: '一是', expected: null },
];

const readCases: Case<string, number | null>[] = [
  { description: 'arabic', input: '156', expected: 156 },
  { description: 'arabic zero', input: '0', expected: 0 },
  { description: 'leading zero', input: '007', expected: 7 },
  { description: 'thousands separator', input: '1,234', expected: 1234 },
  { description: 'two thousands separators', input: '1,234,567', expected: 1234567 },
  { description: 'a decimal', input: '12.5', expected: 12.5 },
  { description: 'spaces around the figure (normalised prose: 申请 0 件)', input: ' 0 ', expected: 0 },
  { description: 'Chinese numerals', input: '一百五十六', expected: 156 },
  { description: 'Chinese zero', input: '〇', expected: 0 },
  { description: 'a bad thousands group', input: '1,23', expected: null },
  { description: 'a sign', input: '-3', expected: null },
  { description: 'a unit is the caller’s business', input: '156件', expected: null },
  { description: 'arabic with 万 is not read', input: '1万', expected: null },
  { description: 'mixed arabic and Chinese', input: '1百', expected: null },
  { description: 'two figures', input: '1 2', expected: null },
  { description: 'empty', input: '', expected: null },
  { description: 'a range in Chinese', input: '三四', expected: null },
];

describe('parseChineseNumber', () => {
  it.each(chineseCases)('$description: $input', ({ input, expected }) => {
    expect(parseChineseNumber(input)).toBe(expected);
  });
});

describe('readNumber', () => {
  it.each(readCases)('$description: $input', ({ input, expected }) => {
    expect(readNumber(input)).toBe(expected);
  });
});

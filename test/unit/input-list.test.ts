import { describe, expect, it } from 'vitest';
import { MAX_LIST_INPUTS, parseInputList } from '../../src/discover/input-list';

describe('a file of inputs, one a line (--list)', () => {
  it('keeps URLs and paths in order; skips blanks, # comments, a BOM, surrounding spaces, repeats', () => {
    const text = '\uFEFF# 列表页\r\nhttp://www.a.gov.cn/col/nb/index.html\r\n\r\n  reports/2023.pdf  \n# 年报\nhttp://www.a.gov.cn/col/nb/index.html\nhttp://www.b.gov.cn/nb/2024.html';
    expect(parseInputList(text)).toEqual({ inputs: ['http://www.a.gov.cn/col/nb/index.html', 'reports/2023.pdf', 'http://www.b.gov.cn/nb/2024.html'], dropped: 0 });
  });

  it('takes at most MAX_LIST_INPUTS lines and counts the rest', () => {
    const text = Array.from({ length: MAX_LIST_INPUTS + 3 }, (_, i) => `f${i}.html`).join('\n');
    const got = parseInputList(text);
    expect([got.inputs.length, got.dropped, got.inputs[0]]).toEqual([MAX_LIST_INPUTS, 3, 'f0.html']);
  });

  it('an empty file gives nothing', () => {
    expect(parseInputList('\n# nothing\n')).toEqual({ inputs: [], dropped: 0 });
  });
});

import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { checkDocument } from '../../src/pipeline';
import type { CheckResultJson } from '../../src/model/result';
import { CSV_COLUMNS, CSV_HEADERS, cellFields, csvField, csvRow, findingsToCsv, parseCsv } from '../../src/output/csv';

function check(name: string): CheckResultJson {
  const { document } = parseHTML(readFileSync(new URL(`../fixtures/html/${name}.html`, import.meta.url), 'utf8'));
  const out = checkDocument(document as unknown as Document, { kind: 'file', location: `${name}.html`, format: 'html' });
  if (!out.ok) throw new Error(name);
  return out.result;
}

describe('csvField / csvRow (RFC 4180)', () => {
  it('quotes only what needs it; doubles quotes', () => {
    expect(csvField('abc')).toBe('abc');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('正文称“结转7件”')).toBe('正文称“结转7件”'); // full-width quotes are not CSV quotes
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(6793.94)).toBe('6793.94');
    expect(csvField(-2)).toBe('-2');
    expect(csvRow(['a', 1, null, 'x,y'])).toBe('a,1,,"x,y"');
  });
  it('text a spreadsheet would run as a formula is defused; numbers are not', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@a')).toBe("'@a");
    expect(csvField('-1')).toBe('-1');
    expect(csvField('-x')).toBe("'-x");
  });
});

describe('cellFields', () => {
  it('names cells by the names given (the CSV gives the template\'s row and column names)', () => {
    const named = cellFields([{ table: 't2', row: 'new', col: 'natural' }, { table: 't2', row: 'new', col: 'total' }], { row: (k) => `R(${k.row})`, col: (k) => `C(${k.col})` }, '；');
    expect(named).toEqual({ row: 'R(new)', col: 'C(natural)；C(total)' });
  });
  it('one row with its columns, one column with its rows, or paired lists', () => {
    expect(cellFields([])).toEqual({ row: '', col: '' });
    expect(cellFields([{ table: 't2', row: 'total', col: 'natural' }, { table: 't2', row: 'carried-forward', col: 'natural' }])).toEqual({ row: 'total;carried-forward', col: 'natural' });
    expect(cellFields([{ table: 't2', row: 'new', col: 'natural' }, { table: 't2', row: 'new', col: 'total' }])).toEqual({ row: 'new', col: 'natural;total' });
    expect(cellFields([{ table: 't2', row: 'carried-over', col: 'research' }, { table: 't2', row: 'carried-forward', col: 'legal' }])).toEqual({
      row: 'carried-over;carried-forward',
      col: 'research;legal',
    });
  });
});

describe('findingsToCsv', () => {
  it('BOM, header, one row per finding, a row for a clean report and for a failed input; parses back', () => {
    const errors = check('errors');
    const clean = check('template-2019');
    const csv = findingsToCsv([
      { source: 'errors.html', result: errors },
      { source: 'https://x.gov.cn/a,b.html', result: clean },
      { source: 'gone.html', failure: { zh: '文件不存在', en: 'no such file' } },
    ]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.slice(1).split('\r\n').slice(0, -1).every((l) => !l.includes('\n'))).toBe(true); // no multi-line field here
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(['文件或网址', '机关', '年度', '结论', '模板', '严重程度', '表', '行', '列', '应为', '实为', '很可能填错', '说明', '规则']);
    expect(rows.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
    expect(rows).toHaveLength(1 + errors.findings.length + 1 + 1);
    const balance = rows.find((r) => r[13] === 'balance' && r[8] === '自然人');
    // words, not keys: 错误 / 表二 / the template's row and column names; the verdict on every row; the rule last
    expect(balance).toEqual([
      'errors.html',
      '威海市某某区人民政府',
      '2024',
      '有 5 处数字不一致 · 1 处正文与表格不符',
      '2021年版',
      '错误',
      '表二',
      '（七）总计；四、结转下年度继续办理',
      '自然人',
      '159',
      '157',
      '',
      '表二「自然人」列「一+二 = （七）总计+四」不成立：一 152 + 二 7 = 159；（七）总计 150 + 四 7 = 157；差 -2。',
      'balance',
    ]);
    expect(rows.at(-2)).toEqual(['https://x.gov.cn/a,b.html', '某某县住房和城乡建设局', '2020', '三张表的数字全部自洽', '2019年版', '', '', '', '', '', '', '', '未发现问题', '']);
    expect(rows.at(-1)).toEqual(['gone.html', '', '', '', '', '', '', '', '', '', '', '', '无法检查：文件不存在', '']);
    expect(csv).toContain('"https://x.gov.cn/a,b.html"');
  });

  it('English header and messages with lang en; no BOM or header on request', () => {
    const csv = findingsToCsv([{ source: 'errors.html', result: check('errors') }], { lang: 'en', bom: false, header: false });
    expect(csv.startsWith('\uFEFF')).toBe(false);
    const rows = parseCsv(csv);
    expect(rows[0]?.[0]).toBe('errors.html');
    expect(rows.some((r) => r[12]?.includes('"I + II = (7) total + IV" does not hold: I 152 + II 7 = 159') && r[5] === 'error' && r[6] === 'table 2')).toBe(true);
    expect(parseCsv(findingsToCsv([], { lang: 'en' }))).toEqual([CSV_COLUMNS.map((c) => CSV_HEADERS.en[c])]);
  });

  it('parseCsv reads quoted commas, doubled quotes and line breaks inside fields', () => {
    const text = `\uFEFFa,b\r\n"x,1","say ""hi""\r\nthere"\r\n`;
    expect(parseCsv(text)).toEqual([
      ['a', 'b'],
      ['x,1', 'say "hi"\r\nthere'],
    ]);
  });
});

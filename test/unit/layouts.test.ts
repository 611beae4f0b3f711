/**
 * The layouts issue 15 reports from real pages, as a table of cases (PapaParse's habit): each
 * is the issue's own quoted form applied to one sound report (test/fixtures/layout-base.txt, a
 * 2021-template report whose figures all add up) or a broken copy of it. The real pages behind
 * them live in test/corpus; these pin each mechanism on its own.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkText } from '../../src/pipeline';
import type { CheckResultJson } from '../../src/model/result';

const BASE = readFileSync(new URL('../fixtures/layout-base.txt', import.meta.url), 'utf8');

function check(text: string): CheckResultJson {
  const out = checkText(text, { kind: 'text', location: null, format: 'text' });
  if (!out.ok) throw new Error(`refused: ${out.reason.zh}`);
  return out.result;
}
const cell = (r: CheckResultJson, t: 't1' | 't2' | 't3', row: string, col: string): unknown => {
  const v = r.report.tables[t].rows.find((x) => x.key === row)?.cells.find((c) => c.col === col)?.value;
  return v?.kind === 'number' ? v.value : v?.kind;
};
const errors = (r: CheckResultJson): string[] => r.findings.filter((f) => f.severity === 'error').map((f) => f.id);

/** Table 2's rows as `label | v | … | v |` lines, no leading pipe (text crawled from a page). */
const pipeEnded = (text: string): string => text.replace(/^\| (.*)$/gm, (line, rest: string) => (line.split('|').length > 8 ? rest : line));

/**
 * Table 1 as corpus full-010's converter left it: `lines` loose under the 第二十条第（一）项 line
 * and the 规章 / 行政规范性文件 rows one cell (本年废止件数) short.
 */
const lifted = (...lines: string[]): string =>
  BASE.replace('| 第二十条第（一）项 | | | |', ['第二十条第（一）项', ...lines].join('\n'))
    .replace('| 规章 | 0 | 0 | 0 |', '| 规章 | 22 | 235 |')
    .replace('| 行政规范性文件 | 3 | 1 | 20 |', '| 行政规范性文件 | 34 | 189 |');

const CASES: { description: string; input: () => string; expect: (r: CheckResultJson) => void }[] = [
  {
    description: 'the base report: every figure read, no error',
    input: () => BASE,
    expect: (r) => {
      expect(errors(r)).toEqual([]);
      expect(cell(r, 't2', 'new', 'total')).toBe(66);
      expect(cell(r, 't1', 'licensing', 'decisions')).toBe(97); // `| 行政许可 97 |`: label and figure in one cell
      expect(r.report.sections.every((s) => s.heading !== null)).toBe(true); // `## 一、总体情况`
    },
  },
  {
    description: 'rows with no leading pipe and trailing empty cells (`… | 0 | ||`)',
    input: () => pipeEnded(BASE),
    expect: (r) => {
      expect(errors(r)).toEqual([]);
      expect(cell(r, 't2', 'carried-over', 'total')).toBe(2);
    },
  },
  {
    description: 'one cell per line, each ending in ` |`, a lone `|` opening each row',
    input: () =>
      BASE.replace(/^((?:一|二|（七）|四)、?[^|\n]*?) \| ((?:\d+ \| ){6}\d+) \|.*$/gm, (_m, label: string, values: string) =>
        ['|', `${label} |`, ...values.split(' | ').map((v) => `${v} |`)].join('\n'),
      ),
    expect: (r) => {
      expect(errors(r)).toEqual([]);
      expect(cell(r, 't2', 'total', 'natural')).toBe(55);
    },
  },
  {
    description: 'one cell per line, each ending in ` |`, with a blank line between cells (text copied from a browser)',
    input: () =>
      BASE.replace(/^((?:一|二|（七）|四)、?[^|\n]*?) \| ((?:\d+ \| ){6}\d+) \|.*$/gm, (_m, label: string, values: string) =>
        [`${label} |`, ...values.split(' | ').map((v) => `${v} |`)].join('\n\n'),
      ),
    expect: (r) => {
      expect(errors(r)).toEqual([]);
      expect(cell(r, 't2', 'new', 'total')).toBe(66);
      expect(cell(r, 't2', 'total', 'natural')).toBe(55);
    },
  },
  {
    description: 'one cell per line with a blank line between, rows 一 and 二 with only 总计 filled: one bare newline per empty cell (corpus web-029)',
    input: () =>
      BASE.replace(/^((?:一|二|（七）|四)、?[^|\n]*?) \| ((?:\d+ \| ){6}\d+) \|.*$/gm, (_m, label: string, values: string) => {
        const v = values.split(' | ');
        // rows 一 and 二: six empty applicant cells, then 总计 (the crawl leaves one newline for each
        // empty cell), a blank line after each row as between every two cells
        if (/^(一|二)、/.test(label)) return `${label}\n\n${'\n'.repeat(6)}${v[6]}\n`;
        return [label, ...v].join('\n\n');
      }),
    expect: (r) => {
      expect(cell(r, 't2', 'new', 'total')).toBe(66);
      expect(cell(r, 't2', 'carried-over', 'total')).toBe(2);
      expect(cell(r, 't2', 'new', 'natural')).toBe('missing');
      expect(cell(r, 't2', 'carried-over', 'commercial')).toBe('missing');
      expect(cell(r, 't2', 'total', 'natural')).toBe(55);
      // blanks are blanks (cells-filled), never arithmetic failures; 66 + 2 = 63 + 5 holds in 总计
      expect(errors(r).filter((id) => !id.startsWith('cells-filled'))).toEqual([]);
      expect(r.findings.find((f) => f.id === 'balance/t2:total')).toBeUndefined();
    },
  },
  {
    description: '…and a single empty cell inside a row (two bare newlines where one separates): the columns after it keep their place',
    input: () =>
      BASE.replace(/^((?:一|二|（七）|四)、?[^|\n]*?) \| ((?:\d+ \| ){6}\d+) \|.*$/gm, (_m, label: string, values: string) => {
        const v = values.split(' | ');
        // row 二: 商业企业 left empty (its 0 not printed)
        if (label.startsWith('二、')) return `${label}\n\n${v[0]}\n\n\n${v.slice(2).join('\n\n')}\n`;
        return `${[label, ...v].join('\n\n')}\n`;
      }),
    expect: (r) => {
      expect(cell(r, 't2', 'carried-over', 'natural')).toBe(2);
      expect(cell(r, 't2', 'carried-over', 'commercial')).toBe('missing');
      expect(cell(r, 't2', 'carried-over', 'total')).toBe(2);
      expect(cell(r, 't2', 'new', 'total')).toBe(66);
      expect(errors(r)).toEqual(['cells-filled/t2']);
    },
  },
  {
    description: 'table 1 one cell per line with a blank line between, 规章\'s label lost as a line of spaces: read by position (corpus web-026)',
    input: () =>
      BASE.replace(
        /\| 信息内容 \| 本年制发件数 \| 本年废止件数 \| 现行有效件数 \|\n\| 规章 \| 0 \| 0 \| 0 \|\n\| 行政规范性文件 \| 3 \| 1 \| 20 \|/,
        ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数', '\u00a0\u00a0', '0', '0', '0', '行政规范性文件', '3', '1', '20'].join('\n\n'),
      ),
    expect: (r) => {
      expect(errors(r)).toEqual([]);
      const row = r.report.tables.t1.rows.find((x) => x.key === 'regulations');
      expect([row?.placed, row?.cells.map((c) => (c.value.kind === 'number' ? c.value.value : c.value.kind))]).toEqual(['position', [0, 0, 0]]);
      expect(cell(r, 't1', 'normative', 'in-force')).toBe(20);
    },
  },
  {
    description: 'a row of table 2 as a PDF text layer gives it, a blank cell lost (`… 58 7 0 1 0 66`): the short row is the error, no sum through it is called one',
    input: () => BASE.replace('一、本年新收政府信息公开申请数量 | 58 | 7 | 0 | 0 | 1 | 0 | 66 |', '一、本年新收政府信息公开申请数量 58 7 0 1 0 66'),
    expect: (r) => {
      // six figures for seven columns: put in order, the last column left blank, and said so
      expect(errors(r)).toEqual(['table-structure/cells-short:t2:new']);
      const unplaced = r.findings.filter((f) => f.outcome === 'unverifiable' && f.message.zh.includes('空着的是哪一列无法确定'));
      expect(unplaced.map((f) => f.id).sort()).toEqual(['balance/t2:legal', 'balance/t2:nonprofit', 'balance/t2:other-org']);
      expect(unplaced.every((f) => f.severity === 'warning')).toBe(true);
    },
  },
  {
    description: '…while a sum that does not hold away from the short row is still an error',
    input: () =>
      BASE.replace('一、本年新收政府信息公开申请数量 | 58 | 7 | 0 | 0 | 1 | 0 | 66 |', '一、本年新收政府信息公开申请数量 58 7 0 1 0 66').replace(
        '（七）总计 | 55 | 7 | 0 | 0 | 1 | 0 | 63 |',
        '（七）总计 | 55 | 7 | 0 | 0 | 1 | 0 | 64 |',
      ),
    expect: (r) => expect(errors(r)).toEqual(expect.arrayContaining(['results-total/t2:total', 'table-structure/cells-short:t2:new'])),
  },
  {
    description: 'a text that breaks off inside table 2 (a stored excerpt): no sum through the rows it never reached, those cells are not called blank',
    input: () => BASE.slice(0, BASE.indexOf('2.其他法律行政法规禁止公开')) + '2.其他法律行政法规',
    expect: (r) => {
      expect(r.report.cut?.table).toBe('t2');
      expect(r.report.cut?.lastRow).toBe('withheld-1');
      const sums = r.findings.filter((f) => ['balance', 'results-total', 'row-total', 'blank-total'].includes(f.rule));
      expect(sums.map((f) => f.id)).toEqual([]);
      expect(r.findings.some((f) => f.message.zh.includes('空白'))).toBe(false);
      expect(r.findings.map((f) => f.id)).toContain('table-structure/truncated:t2:表二「1.属于国家秘密」行');
    },
  },
  {
    description: '…while a row it did read is still checked (row 一 with a wrong total)',
    input: () => BASE.replace('| 1 | 0 | 66 |', '| 1 | 0 | 67 |').slice(0, BASE.indexOf('2.其他法律行政法规禁止公开')) + '2.其他法律行政法规',
    expect: (r) => expect(errors(r)).toContain('row-total/t2:new'),
  },
  {
    description: 'section 五 named for next year\'s plan (`五、存在的主要问题及明年工作计划`, corpus dept-006)',
    input: () => BASE.replace(/^## 五、.*$/m, '## 五、存在的主要问题及明年工作计划'),
    expect: (r) => {
      expect(errors(r)).toEqual([]);
      expect(r.report.sections.find((s) => s.key === 'problems')?.heading).toBe('五、存在的主要问题及明年工作计划');
    },
  },
  {
    description: 'heading variants: （五） numbering, `5.`, 存在问题及改进情况, the typo 行政法复议',
    input: () =>
      BASE.replace('## 四、政府信息公开行政复议、行政诉讼情况', '四、政府信息公开行政法复议、行政诉讼情况')
        .replace('## 五、存在的主要问题及改进情况', '（五）存在问题及改进情况')
        .replace('## 六、其他需要报告的事项', '6.其他需要报告的事项'),
    expect: (r) => expect(r.findings.filter((f) => f.rule === 'sections-present')).toEqual([]),
  },
  {
    description: 'a 2019 table 2 (one （六）其他处理 row) under a 2021 table 1: table 2 checked as 2019',
    input: () =>
      BASE.replace(/（六）其他处理 \| 1\.申请人[^\n]*\n2\.申请人[^\n]*\n3\.其他[^\n]*/, '（六）其他处理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |'),
    expect: (r) => {
      expect(r.report.tableTemplates).toEqual({ t1: '2021', t2: '2019' });
      expect(errors(r)).toEqual([]);
      expect(r.findings.map((f) => f.id)).toContain('table-structure/template-mixed::2021:本年制发件数；2021:本年废止件数；2021:现行有效件数；2021');
    },
  },
  {
    description: '…and its column sums are made: a wrong （七）总计 fails against the 2019 rows',
    input: () =>
      BASE.replace(/（六）其他处理 \| 1\.申请人[^\n]*\n2\.申请人[^\n]*\n3\.其他[^\n]*/, '（六）其他处理 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |'),
    expect: (r) => expect(errors(r)).toEqual(expect.arrayContaining(['results-total/t2:natural', 'results-total/t2:total'])),
  },
  {
    description: 'a garbled label between rows 1 and 3 is placed by position, not called missing',
    input: () => BASE.replace('2.其他法律行政法规禁止公开 |', '2. | 其他法律行政止公开 |'),
    expect: (r) => {
      expect(errors(r)).toEqual([]);
      expect(r.report.tables.t2.rows.find((x) => x.key === 'withheld-2')?.placed).not.toBe('absent');
    },
  },
  {
    description: 'a label wrapped onto the line of its values (`形，不计其他情形） | 5 | …`)',
    input: () =>
      BASE.replace('（二）部分公开（区分处理的，只计这一情形，不计其他情形） |', '（二）部分公开（区分处理的，只计这一情\n形，不计其他情形） |'),
    expect: (r) => {
      expect(errors(r)).toEqual([]);
      expect(cell(r, 't2', 'partial', 'total')).toBe(5);
    },
  },
  {
    description: 'table 3 split in three small tables (行政复议 / 未经复议直接起诉 / 复议后起诉)',
    input: () =>
      BASE.replace(
        /\| 行政复议 \| \| \| \| \| 行政诉讼 \|[\s\S]*?\n(?=## 五)/,
        '行政复议\n| 1 | 0 | 0 | 0 | 1 |\n|---|---|---|---|---|\n未经复议直接起诉\n| 0 | 0 | 0 | 0 | 0 |\n复议后起诉\n| 0 | 0 | 2 | 0 | 2 |\n',
      ),
    expect: (r) => {
      expect(errors(r)).toEqual([]);
      expect(cell(r, 't3', 'cases', 'after-review-total')).toBe(2);
    },
  },
  {
    description: 'table 3 with its cells blank is table 3 with blank cells, not "table 3 not found"',
    input: () => BASE.replace('| 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |', `|${' |'.repeat(15)}`),
    expect: (r) => expect(errors(r)).toEqual(['cells-filled/t3']),
  },
  {
    description: 'an amount with its unit in a 万元 column (`75394432.52元`) is read and converted',
    input: () => BASE.replace('| 行政事业性收费 | 0 |', '| 行政事业性收费 | 75394432.52元 |'),
    expect: (r) => {
      expect(cell(r, 't1', 'fees', 'amount')).toBe(7539.443252);
      expect(errors(r)).toEqual([]);
    },
  },
  {
    description: 'text in a row\'s first value cell (`30*`) is that cell\'s error, and shifts nothing',
    input: () => BASE.replace('| （一）予以公开 | 30 |', '| （一）予以公开 | 30* |'),
    expect: (r) => {
      expect(cell(r, 't2', 'granted', 'commercial')).toBe(3);
      expect(errors(r)).toEqual(['value-format/t2:granted:natural']);
    },
  },
  {
    description: 'two-line cells a PDF conversion lifted out of table 1 (corpus full-010) are put back by their words',
    input: () => lifted('22', '（其中修订 16 件）', '55', '（含自然失效 29 件）'),
    expect: (r) => {
      expect(cell(r, 't1', 'regulations', 'issued')).toBe(22);
      expect(cell(r, 't1', 'regulations', 'in-force')).toBe(235);
      expect(cell(r, 't1', 'normative', 'issued')).toBe(34);
      expect(cell(r, 't1', 'normative', 'in-force')).toBe(189);
      const raw = (row: string): string | undefined => r.report.tables.t1.rows.find((x) => x.key === row)?.cells.find((c) => c.col === 'repealed')?.value.raw;
      expect(raw('regulations')).toBe('22（其中修订 16 件）');
      expect(raw('normative')).toBe('55（含自然失效 29 件）');
      // a figure with prose in its cell is a format error; the short rows are no longer short
      expect(errors(r).filter((id) => id.startsWith('value-format/')).length).toBe(2);
      expect(errors(r).filter((id) => !id.startsWith('value-format/'))).toEqual([]);
      const restored = r.findings.filter((f) => f.id.includes('cell-restored'));
      expect(restored.map((f) => f.severity)).toEqual(['warning', 'warning']);
      expect(restored[1]?.message.zh).toContain('“55（含自然失效 29 件）”');
    },
  },
  {
    description: 'lifted cells are left out (rows reported short) when their words name no column',
    input: () => lifted('22', '（其中修订 16 件）', '55', '（其中 29 件）'),
    expect: (r) => {
      expect(r.findings.filter((f) => f.id.includes('cells-short')).length).toBe(2);
      expect(r.findings.some((f) => f.id.includes('cell-restored'))).toBe(false);
    },
  },
  {
    description: 'lifted cells are left out when their words name different columns',
    input: () => lifted('22', '（其中现行 16 件）', '55', '（含自然失效 29 件）'),
    expect: (r) => {
      expect(r.findings.filter((f) => f.id.includes('cells-short')).length).toBe(2);
      expect(cell(r, 't1', 'normative', 'repealed')).toBe(189); // read by position, as before
    },
  },
  {
    description: 'lifted cells are left out when they are fewer than the short rows',
    input: () => lifted('55（含自然失效 29 件）'),
    expect: (r) => {
      expect(r.findings.filter((f) => f.id.includes('cells-short')).length).toBe(2);
      expect(r.findings.some((f) => f.id.includes('cell-restored'))).toBe(false);
    },
  },
  {
    description: 'a text cut off inside table 2 is read as far as it goes: a warning, no missing rows',
    input: () => BASE.slice(0, BASE.indexOf('（四）无法提供')),
    expect: (r) => {
      expect(errors(r)).toEqual([]);
      expect(r.findings.some((f) => f.id.startsWith('table-structure/truncated'))).toBe(true);
    },
  },
];

describe('layouts reported from real pages (issue 15)', () => {
  for (const c of CASES) it(c.description, () => c.expect(check(c.input())));

  it('cells run together are named as such when the text cannot be read', () => {
    const out = checkText('一、本年新收政府信息公开申请数量230 000023', { kind: 'text', location: null, format: 'text' });
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.reason.zh).toContain('单元格连在了一起');
  });

  it('a notice about compiling reports, and an explainer of one, are no reports', () => {
    for (const text of [
      '武威市人民政府办公室关于做好2025年政府信息公开工作年度报告编制和发布工作的通知\n县、区人民政府：\n一、规范年报内容。',
      '文字解读:某某街道办事处2022年政府信息公开工作年度报告\n一、编制背景\n根据有关要求，编写本报告。',
    ]) {
      expect(checkText(text, { kind: 'text', location: null, format: 'text' }).ok).toBe(false);
    }
  });
});

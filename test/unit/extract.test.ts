import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractText } from '../../src/extract/text';
import { extractHtml } from '../../src/extract/html';
import type { ExtractedDoc } from '../../src/extract/types';

/** The rows of every grid, as normalised cell texts. */
function rows(doc: ExtractedDoc): string[][] {
  return doc.items.flatMap((i) => (i.kind === 'grid' ? i.grid.rows.map((r) => r.map((c) => c.text)) : []));
}
const paras = (doc: ExtractedDoc): string[] => doc.items.flatMap((i) => (i.kind === 'para' ? [i.text] : []));
const html = (body: string): Document => parseHTML(`<!doctype html><html><head><title>t</title></head><body>${body}</body></html>`).document as unknown as Document;

describe('extractText: the text forms real dumps come in', () => {
  const cases: { description: string; input: string; rows: string[][]; paras?: string[] }[] = [
    {
      description: 'one cell per line, tab-led, rows split by a blank line (seeds 000/001/004)',
      input: '二、主动公开政府信息情况\n\t规章\n\t0\n\t0\n\t0\n\n\t行政规范性文件\n\t4\n\t8\n\t16\n',
      rows: [
        ['规章', '0', '0', '0'],
        ['行政规范性文件', '4', '8', '16'],
      ],
      paras: ['二、主动公开政府信息情况'],
    },
    {
      description: 'a label broken over two lines continues its cell (seed 000: 5.要求行政机关确认或重新 / 出具已获取信息)',
      input: '\t\n\t\n\t5.要求行政机关确认或重新\n出具已获取信息\n\t0\n\t1\n',
      rows: [['', '', '5.要求行政机关确认或重新 出具已获取信息', '0', '1']],
    },
    {
      description: 'a row whose label cells were lost starts with " \\t" and no blank line before it (seed 000)',
      input: '\t5.属于三类内部事务信息\n\t0\n\t0\n \t3\n\t4\n\n',
      rows: [
        ['5.属于三类内部事务信息', '0', '0'],
        ['', '3', '4'],
      ],
    },
    {
      description: 'tab-separated rows, one per line, with a trailing tab (seed 003)',
      input: '规章\t0\t0\t0\n一、本年新收政府信息公开申请数量\t\t0\t1\t2\t\n',
      rows: [
        ['规章', '0', '0', '0'],
        ['一、本年新收政府信息公开申请数量', '', '0', '1', '2', ''],
      ],
    },
    {
      description: '| a | b | rows',
      input: '| 行政许可 | 12 |\n| 行政处罚 | 3 |\n',
      rows: [
        ['行政许可', '12'],
        ['行政处罚', '3'],
      ],
    },
    {
      description: 'PDF text: a label followed by its numbers on one line',
      input: '（七）总计 150 1 0 0 0 3 154\n',
      rows: [['（七）总计', '150', '1', '0', '0', '0', '3', '154']],
    },
    {
      description: 'PDF text: a label line, then one number per line',
      input: '行政许可\n43540\n行政处罚\n2289\n',
      rows: [
        ['行政许可', '43540'],
        ['行政处罚', '2289'],
      ],
    },
    {
      description: 'prose that ends in a number is not a table row',
      input: '2024年全区新收政府信息公开申请156件，结转下年度继续办理7件。\n联系电话：0631 5236123\n',
      rows: [],
      paras: ['2024年全区新收政府信息公开申请156件，结转下年度继续办理7件。', '联系电话：0631 5236123'],
    },
  ];
  for (const c of cases) {
    it(c.description, () => {
      const doc = extractText(c.input);
      expect(rows(doc)).toEqual(c.rows);
      if (c.paras) expect(paras(doc)).toEqual(c.paras);
    });
  }

  it('keeps [image: …] artefacts as pictures and drops [bookmark: …]', () => {
    const doc = extractText('二、主动公开政府信息情况\n [image: 1a42de8b]三、收到和处理政府信息公开申请情况\n\t[bookmark: _Hlk1]一、本年新收\n\t0\n');
    expect(doc.items.filter((i) => i.kind === 'image').map((i) => (i.kind === 'image' ? i.name : ''))).toEqual(['1a42de8b']);
    expect(paras(doc)).toContain('三、收到和处理政府信息公开申请情况');
    expect(rows(doc)).toEqual([['一、本年新收', '0']]);
  });

  it('records the line of every cell', () => {
    const doc = extractText('x\n\t规章\n\t0\n');
    const grid = doc.items.find((i) => i.kind === 'grid');
    expect(grid?.kind === 'grid' ? grid.grid.rows[0]?.map((c) => c.src) : null).toEqual([
      { kind: 'text', line: 2, cell: 0 },
      { kind: 'text', line: 3, cell: 1 },
    ]);
  });
});

describe('extractHtml: Word-exported tables', () => {
  it('expands rowspan and colspan into a rectangle and keeps the origin of every copy', () => {
    const doc = extractHtml(
      html(`<table class="MsoNormalTable"><tr><td rowspan="2"><p><span>三、本年度办理结果</span></p></td><td colspan="2">（一）予以公开</td><td>5</td></tr>
      <tr><td>（三）<br>不予公开</td><td>1.属于国家秘密</td><td>&nbsp;</td></tr></table>`),
    );
    expect(rows(doc)).toEqual([
      ['三、本年度办理结果', '（一）予以公开', '（一）予以公开', '5'],
      ['三、本年度办理结果', '（三） 不予公开', '1.属于国家秘密', ''],
    ]);
    const grid = doc.items.find((i) => i.kind === 'grid');
    const r1 = grid?.kind === 'grid' ? grid.grid.rows[1] : undefined;
    expect(r1?.[0]?.origin).toBe(false);
    expect(r1?.[0]?.src).toMatchObject({ kind: 'html', table: 0, row: 0, cell: 0 });
    expect(r1?.[3]?.src).toMatchObject({ kind: 'html', table: 0, row: 1, cell: 2 });
  });

  it('reads spans written inside a JavaScript string (colspan=\\"3\\") and survives junk spans', () => {
    const doc = extractHtml(html(`<table><tr><td colspan=\\"3\\">第二十条第（一）项</td></tr><tr><td rowspan="0">a</td><td colspan="x">b</td><td rowspan="99999">c</td></tr></table>`));
    expect(rows(doc)).toEqual([
      ['第二十条第（一）项', '第二十条第（一）项', '第二十条第（一）项'],
      ['a', 'b', 'c'],
    ]);
  });

  it('walks a layout table that holds the report tables as a container', () => {
    const doc = extractHtml(html(`<table id="layout"><tr><td><p>一、总体情况</p><table><tr><td>规章</td><td>0</td></tr></table></td></tr></table>`));
    expect(paras(doc)).toEqual(['一、总体情况']);
    expect(rows(doc)).toEqual([['规章', '0']]);
  });

  it('walks a layout table with no table inside, whose one cell holds the article, as a container', () => {
    const prose = '本报告根据《中华人民共和国政府信息公开条例》编制。'.repeat(12);
    const doc = extractHtml(html(`<table width="100%"><tr><td>导航</td><td><p>一、总体情况</p><p>${prose}</p><p>二、主动公开政府信息情况</p><p><img src="t1.png"></p></td></tr></table>`));
    expect(paras(doc)).toEqual(['导航', '一、总体情况', prose, '二、主动公开政府信息情况']);
    expect(rows(doc)).toEqual([]);
    expect(doc.items.some((i) => i.kind === 'image')).toBe(true);
  });
  it('keeps a table of figures a grid even when one of its cells holds a long note', () => {
    const note = '注：本表数据统计期限为2023年1月1日至2023年12月31日，'.repeat(12);
    const cells = Array.from({ length: 7 }, (_, k) => `<td>${k}</td>`).join('');
    const doc = extractHtml(html(`<table><tr><td>一、本年新收政府信息公开申请数量</td>${cells}</tr><tr><td>二、上年结转政府信息公开申请数量</td>${cells}</tr><tr><td colspan="8">${note}</td></tr></table>`));
    expect(rows(doc).length).toBe(3);
    expect(rows(doc)[0]?.[0]).toBe('一、本年新收政府信息公开申请数量');
  });
  it('skips scripts, styles and hidden elements; keeps pictures in order', () => {
    const doc = extractHtml(
      html(`<script>var x = "<table><tr><td>规章</td></tr></table>";</script><style>td{}</style><div style="display:none">隐藏</div>
      <p>二、主动公开政府信息情况</p><p><img src="/upload/2024/表一.png?x=1"></p><p>三、收到和处理政府信息公开申请情况</p>`),
    );
    expect(doc.items.map((i) => i.kind)).toEqual(['para', 'image', 'para']);
    expect(doc.items[1]).toMatchObject({ kind: 'image', name: '表一.png' });
  });

  it('finds the report title among the paragraphs', () => {
    const doc = extractHtml(html(`<div class="nav">首页 > 政府信息公开</div><h1>海青镇2023年政府信息公开工作年度报告</h1><p>正文</p>`));
    expect(doc.title).toBe('海青镇2023年政府信息公开工作年度报告');
  });
});

describe('extractHtml: the text of cells and paragraphs', () => {
  const raws = (doc: ExtractedDoc): string[] => doc.items.flatMap((i) => (i.kind === 'grid' ? i.grid.rows.flatMap((r) => r.map((c) => c.raw)) : []));

  it('cells: line breaks from <br>, <p> and <div> are kept; plain spans are read whole', () => {
    const doc = extractHtml(
      html(`<table><tr><td><span lang="EN-US"><b>12</b></span></td><td><p><span>（三）</span></p><p><span>不予公开</span></p></td><td>a<br>b<span>c</span></td><td><div>x</div>y</td></tr></table>`),
    );
    expect(raws(doc)).toEqual(['12', '（三）\n不予公开', 'a\nbc', 'x\ny']);
  });

  it('paragraphs: hidden text, scripts and buttons inside a paragraph are skipped, pictures become items', () => {
    const doc = extractHtml(
      html(`<p class="MsoNormal"><span style="font-size:16pt">一、总体情况</span><span style="display: none">隐藏</span><script>var x = 1;</script><button>打印</button></p>
      <p><span style="border:none">本年共收到申请</span><img src="/a/chart.png" alt="">件。</p><div><span>二、主动公开</span><span hidden>x</span></div>`),
    );
    expect(doc.items.map((i) => (i.kind === 'para' ? i.text : i.kind === 'image' ? `[${i.name}]` : 'grid'))).toEqual([
      '一、总体情况',
      '本年共收到申请',
      '[chart.png]',
      '件。',
      '二、主动公开',
    ]);
  });

  it('a paragraph read whole still points at its element (for marking the sentence)', () => {
    const doc = extractHtml(html(`<div><p id="p1"><span>本年新收政府信息公开申请</span><span>905件</span></p></div>`));
    const para = doc.items.find((i) => i.kind === 'para');
    const el = para?.kind === 'para' && para.src?.kind === 'html' ? doc.elements.get(`h::-1:${para.src.row}:0`) : undefined;
    expect(para?.kind === 'para' && para.text).toBe('本年新收政府信息公开申请905件');
    expect(el?.getAttribute('id')).toBe('p1');
  });
});

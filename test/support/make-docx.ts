/**
 * A report spec of test/fixtures/html/specs.ts as a Word 2007+ document (.docx), built with the
 * `docx` package the way Word lays such a report out: the title, the intro, the six section
 * headings (Heading 1) with their paragraphs, and the three tables after the headings of 二, 三 and
 * 四 with Word's merged cells — the vertical 三、本年度办理结果 cell and the （三）–（六） group cells
 * merged down their rows (vMerge), the header cells of table 2 and 3 merged across and down,
 * table 1's block headings across the whole table (gridSpan). Raw cell strings go in as they are
 * (`　　0`, no-break spaces, `—`, an empty cell is an empty paragraph). The report ends with the
 * body and the date, as a Word report does.
 *
 * Quirks supported: blankT2Labels, wordBookmarks, extraT3Cell, tableImages (a 1×1 PNG in place of
 * the tables). splitTable2AfterRow and oneTable are HTML page shapes and are refused.
 */
import {
  AlignmentType,
  Bookmark,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextDirection,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type ParagraphChild,
} from 'docx';
import type { ReportSpec } from '../fixtures/html/specs';

// ---------------------------------------------------------------------------------------
// the template's labels (as test/fixtures/html/build.ts renders them; `<br>` = a new line in the cell)

interface T1Block {
  heading: string;
  columns: readonly string[];
  rows: readonly string[];
}

const T1_2021: readonly T1Block[] = [
  { heading: '第二十条第（一）项', columns: ['本年制发件数', '本年废止件数', '现行有效件数'], rows: ['规章', '行政规范性文件'] },
  { heading: '第二十条第（五）项', columns: ['本年处理决定数量'], rows: ['行政许可'] },
  { heading: '第二十条第（六）项', columns: ['本年处理决定数量'], rows: ['行政处罚', '行政强制'] },
  { heading: '第二十条第（八）项', columns: ['本年收费金额（单位：万元）'], rows: ['行政事业性收费'] },
];

const T1_2019: readonly T1Block[] = [
  { heading: '第二十条第（一）项', columns: ['本年新<br>制作数量', '本年新<br>公开数量', '对外公开<br>总数量'], rows: ['规章', '规范性文件'] },
  { heading: '第二十条第（五）项', columns: ['上一年<br>项目数量', '本年<br>增/减', '处理决定<br>数量'], rows: ['行政许可', '其他对外<br>管理服务事项'] },
  { heading: '第二十条第（六）项', columns: ['上一年<br>项目数量', '本年<br>增/减', '处理决定<br>数量'], rows: ['行政处罚', '行政强制'] },
  { heading: '第二十条第（八）项', columns: ['上一年<br>项目数量', '本年<br>增/减'], rows: ['行政事业性收费'] },
  { heading: '第二十条第（九）项', columns: ['采购项目数量', '采购总金额'], rows: ['政府集中采购'] },
];

interface T2Label {
  text: string;
  group?: string;
  kind: 'top' | 'result' | 'sub';
}

const sub = (group: string, items: readonly string[]): T2Label[] => items.map((text) => ({ kind: 'sub', group, text }));

const T2_HEAD: readonly T2Label[] = [
  { kind: 'top', text: '一、本年新收政府信息公开申请数量' },
  { kind: 'top', text: '二、上年结转政府信息公开申请数量' },
  { kind: 'result', text: '（一）予以公开' },
  { kind: 'result', text: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）' },
  ...sub('（三）不予公开', ['1.属于国家秘密', '2.其他法律行政法规禁止公开', '3.危及“三安全一稳定”', '4.保护第三方合法权益', '5.属于三类内部事务信息', '6.属于四类过程性信息', '7.属于行政执法案卷', '8.属于行政查询事项']),
  ...sub('（四）无法提供', ['1.本机关不掌握相关政府信息', '2.没有现成信息需要另行制作', '3.补正后申请内容仍不明确']),
  ...sub('（五）不予处理', ['1.信访举报投诉类申请', '2.重复申请', '3.要求提供公开出版物', '4.无正当理由大量反复申请', '5.要求行政机关确认或重新<br>出具已获取信息']),
];

const T2_TAIL: readonly T2Label[] = [
  { kind: 'result', text: '（七）总计' },
  { kind: 'top', text: '四、结转下年度继续办理' },
];

const T2_LABELS_2021: readonly T2Label[] = [
  ...T2_HEAD,
  ...sub('（六）其他处理', ['1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', '3.其他']),
  ...T2_TAIL,
];

const T2_LABELS_2019: readonly T2Label[] = [...T2_HEAD, { kind: 'result', text: '（六）其他处理' }, ...T2_TAIL];

const T2_BOOKMARKS: ReadonlyMap<number, string> = new Map([
  [0, '_Hlk66973412'],
  [3, '_Hlk66973981'],
  [5, '_Hlk66974104'],
  [7, '_Hlk66974290'],
  [9, '_Hlk66974555'],
  [11, '_Hlk66975211'],
  [13, '_Hlk66975392'],
  [14, '_Hlk66975466'],
  [15, '_Hlk66975537'],
]);

const T3_RESULTS = ['结果<br>维持', '结果<br>纠正', '其他<br>结果', '尚未<br>审结', '总计'];

// ---------------------------------------------------------------------------------------
// cells

const BODY_FONT = { ascii: 'Times New Roman', eastAsia: '仿宋_GB2312' };
const CELL_FONT = { ascii: 'Times New Roman', eastAsia: '宋体' };
const HEADER_FONT = { ascii: 'Times New Roman', eastAsia: '黑体' };

interface CellModel {
  /** text with `<br>` for a line break inside the cell; '' for an empty cell */
  text: string;
  columnSpan?: number;
  rowSpan?: number;
  header?: boolean;
  vertical?: boolean;
  left?: boolean;
  /** a Word bookmark around the text */
  bookmark?: string;
}

function runs(text: string, header: boolean): ParagraphChild[] {
  return text === '' ? [] : [new TextRun({ text, font: header ? HEADER_FONT : CELL_FONT, size: 21 })];
}

function cell(model: CellModel): TableCell {
  const lines = model.text.split('<br>');
  const children = lines.map((line, i) => {
    const inner = runs(line, model.header ?? false);
    const withMark = model.bookmark && i === 0 ? [new Bookmark({ id: model.bookmark, children: inner })] : inner;
    return new Paragraph({ alignment: model.left ? AlignmentType.LEFT : AlignmentType.CENTER, children: withMark });
  });
  return new TableCell({
    children,
    columnSpan: model.columnSpan,
    rowSpan: model.rowSpan,
    verticalAlign: VerticalAlignTable.CENTER,
    textDirection: model.vertical ? TextDirection.TOP_TO_BOTTOM_RIGHT_TO_LEFT : undefined,
  });
}

function table(columnsPt: readonly number[], rows: readonly (readonly CellModel[])[]): Table {
  const twips = columnsPt.map((pt) => pt * 20);
  return new Table({
    columnWidths: twips,
    width: { size: twips.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    rows: rows.map((row) => new TableRow({ children: row.map(cell) })),
  });
}

// ---------------------------------------------------------------------------------------
// the three tables

function table1(spec: ReportSpec): Table {
  const blocks = spec.template === '2021' ? T1_2021 : T1_2019;
  const rows: CellModel[][] = [];
  let next = 0;
  const stretch = (texts: readonly string[], make: (text: string) => CellModel): CellModel[] =>
    texts.map((text, i) => ({ ...make(text), columnSpan: i === texts.length - 1 ? 3 - texts.length + 1 : 1 }));
  for (const block of blocks) {
    rows.push([{ text: block.heading, columnSpan: 4, header: true }]);
    rows.push([{ text: '信息内容', header: true }, ...stretch(block.columns, (text) => ({ text, header: true }))]);
    for (const label of block.rows) {
      const values = spec.t1[next++];
      if (values === undefined || values.length !== block.columns.length) throw new Error(`${spec.name}: table 1 row ${label}`);
      rows.push([{ text: label, header: true }, ...stretch(values, (text) => ({ text }))]);
    }
  }
  return table([128, 100, 100, 100], rows);
}

function table2(spec: ReportSpec): Table {
  const labels = spec.template === '2021' ? T2_LABELS_2021 : T2_LABELS_2019;
  if (spec.t2.length !== labels.length) throw new Error(`${spec.name}: table 2 has ${spec.t2.length} rows, not ${labels.length}`);
  const rows: CellModel[][] = [
    [
      { text: '（本列数据的勾稽关系为：第一项加第二项之和，<br>等于第三项加第四项之和）', columnSpan: 3, rowSpan: 3, header: true },
      { text: '申请人情况', columnSpan: 6, header: true },
      { text: '总计', rowSpan: 3, header: true },
    ],
    [
      { text: '自然人', rowSpan: 2, header: true },
      { text: '法人或其他组织', columnSpan: 5, header: true },
    ],
    ['商业<br>企业', '科研<br>机构', '社会公益<br>组织', '法律服务<br>机构', '其他'].map((text) => ({ text, header: true })),
  ];
  const labelText = (i: number, text: string): Pick<CellModel, 'text' | 'bookmark'> => {
    if (spec.quirks.blankT2Labels?.includes(i)) return { text: '' };
    const bookmark = spec.quirks.wordBookmarks ? T2_BOOKMARKS.get(i) : undefined;
    return bookmark === undefined ? { text } : { text, bookmark };
  };
  const resultRows = labels.filter((l) => l.kind !== 'top').length;
  let resultsOpened = false;
  const groups = new Set<string>();
  labels.forEach((l, i) => {
    const row: CellModel[] = [];
    if (l.kind === 'top') {
      row.push({ ...labelText(i, l.text), columnSpan: 3, header: true, left: true });
    } else {
      if (!resultsOpened) {
        resultsOpened = true;
        row.push({ text: '三、本年度办理结果', rowSpan: resultRows, header: true, vertical: true });
      }
      if (l.kind === 'result') {
        row.push({ ...labelText(i, l.text), columnSpan: 2, header: true, left: true });
      } else {
        const group = l.group ?? '';
        if (!groups.has(group)) {
          groups.add(group);
          const span = labels.filter((x) => x.group === group).length;
          row.push({ text: group.replace('）', '）<br>'), rowSpan: span, header: true });
        }
        row.push({ ...labelText(i, l.text), header: true, left: true });
      }
    }
    row.push(...(spec.t2[i] ?? []).map((text) => ({ text })));
    rows.push(row);
  });
  return table([30, 64, 150, 33, 33, 33, 33, 33, 33, 33], rows);
}

function table3(spec: ReportSpec): Table {
  const bookmark = spec.quirks.wordBookmarks ? '_Hlk67039688' : undefined;
  const rows: CellModel[][] = [
    [
      { text: '行政复议', columnSpan: 5, header: true },
      { text: '行政诉讼', columnSpan: 10, header: true },
    ],
    [
      ...T3_RESULTS.map((text) => ({ text, rowSpan: 2, header: true })),
      { text: '未经复议直接起诉', columnSpan: 5, header: true },
      bookmark ? { text: '复议后起诉', columnSpan: 5, header: true, bookmark } : { text: '复议后起诉', columnSpan: 5, header: true },
    ],
    [...T3_RESULTS, ...T3_RESULTS].map((text) => ({ text, header: true })),
    spec.t3.map((text) => ({ text })),
  ];
  return table(Array.from({ length: 15 }, () => 29), rows);
}

// ---------------------------------------------------------------------------------------
// prose

/** A 1×1 PNG: where the tables are pictures, the picture's content does not matter. */
const PNG_1X1 = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

function body(text: string): Paragraph {
  return new Paragraph({ indent: { firstLine: 640 }, children: [new TextRun({ text, font: BODY_FONT, size: 32 })] });
}

function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map((x) => Number(x));
  return `${y}年${m}月${d}日`;
}

export function docxDocument(spec: ReportSpec): Document {
  if (spec.quirks.splitTable2AfterRow !== undefined || spec.quirks.oneTable) {
    throw new Error(`${spec.name}: split and single-<table> layouts are HTML page shapes, not made as .docx`);
  }
  const children: (Paragraph | Table)[] = [];
  const title = spec.docTitle.length > 0 ? spec.docTitle : [spec.title];
  for (const line of title) {
    children.push(new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun({ text: line, font: { eastAsia: '方正小标宋简体' }, size: 44 })] }));
  }
  children.push(new Paragraph({}));
  children.push(...spec.intro.map(body));
  spec.sections.forEach((section, i) => {
    const [heading = '', ...paragraphs] = section.split('\n');
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: heading, font: { eastAsia: '黑体' }, size: 32 })] }));
    children.push(...paragraphs.map(body));
    const images = spec.quirks.tableImages;
    if (images !== undefined) {
      for (const img of images) {
        if (img.afterSection !== i) continue;
        const name = img.src.split('/').pop() ?? 'image.png';
        children.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new ImageRun({ type: 'png', data: PNG_1X1, transformation: { width: img.width, height: img.height }, altText: { name, description: '', title: '' } })],
          }),
        );
      }
    } else if (i === 1) children.push(table1(spec), new Paragraph({}));
    else if (i === 2) children.push(table2(spec), new Paragraph({}));
    else if (i === 3) children.push(table3(spec), new Paragraph({}));
  });
  children.push(new Paragraph({}));
  children.push(new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: spec.body, font: BODY_FONT, size: 32 })] }));
  children.push(new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: chineseDate(spec.publishDate), font: BODY_FONT, size: 32 })] }));
  return new Document({ creator: spec.body, title: spec.title, sections: [{ children }] });
}

/** The .docx file of a spec, as bytes. */
export async function makeDocx(spec: ReportSpec): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(docxDocument(spec)));
}

/** The first bytes of an old Word 97-2003 / WPS file (an OLE2 compound file), padded to 512. */
export function oleBytes(): Uint8Array {
  const out = new Uint8Array(512);
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0, 0, 0, 0, 0, 0x3e, 0x00, 0x03, 0x00, 0xfe, 0xff, 0x09, 0x00]);
  return out;
}

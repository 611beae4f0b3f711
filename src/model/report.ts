import * as z from 'zod/mini';
import { CellValueSchema } from '../text/cell-value';
import { SourceRefSchema } from '../extract/types';

export const TableIdSchema = z.enum(['t1', 't2', 't3']);
export const TemplateVersionSchema = z.enum(['2021', '2019']);

/** Names one cell of a standard table by stable keys: `{ table: 't2', row: 'new', col: 'total' }`. */
export const CellKeySchema = z.object({ table: TableIdSchema, row: z.string(), col: z.string() });
export type CellKey = z.infer<typeof CellKeySchema>;

export const ReportCellSchema = z.object({
  col: z.string(),
  value: CellValueSchema,
  /** null when the page has no cell here at all (a short row, a missing row) */
  src: z.nullable(SourceRefSchema),
});
export type ReportCell = z.infer<typeof ReportCellSchema>;

export const ReportRowSchema = z.object({
  key: z.string(),
  /** the label as the page printed it (normalised), or null when the label cell was lost */
  label: z.nullable(z.string()),
  /** label: matched by its label; position: placed by its position among recognised rows; absent: not on the page */
  placed: z.enum(['label', 'position', 'absent']),
  cells: z.array(ReportCellSchema),
});
export type ReportRow = z.infer<typeof ReportRowSchema>;

export const ExtraCellSchema = z.object({ row: z.string(), raw: z.string(), src: z.nullable(SourceRefSchema) });

export const ReportTableSchema = z.object({
  id: TableIdSchema,
  /** parsed: rows found; missing: not on the page; image: the page shows it only as a picture */
  status: z.enum(['parsed', 'missing', 'image']),
  rows: z.array(ReportRowSchema),
  /** numbers beyond the template's columns (seed 003: 16 numbers under 15 headers) */
  extras: z.array(ExtraCellSchema),
});
export type ReportTable = z.infer<typeof ReportTableSchema>;

export const StructureIssueSchema = z.object({
  code: z.enum([
    'row-placed-by-position',
    'row-missing',
    'row-unrecognised',
    'row-duplicate',
    'cells-extra',
    'cells-short',
    'cell-restored',
    'table-missing',
    'table-image',
    'template-mixed',
    'truncated',
    'truncated-start',
    'cells-run-together',
  ]),
  table: z.nullable(TableIdSchema),
  row: z.nullable(z.string()),
  /** the page's own text for the row or cells, where there is one */
  detail: z.nullable(z.string()),
  src: z.nullable(SourceRefSchema),
});
export type StructureIssue = z.infer<typeof StructureIssueSchema>;

export const SectionFoundSchema = z.object({
  key: z.string(),
  number: z.string(),
  /** the heading as printed, or null when the section was not found */
  heading: z.nullable(z.string()),
  /** position among the document's paragraphs, for order checks */
  index: z.nullable(z.number()),
  /** characters of text under the heading, up to the next section (tables not counted) */
  chars: z.number(),
});

/**
 * A figure the report's prose states, read by recognise/prose.ts: `2024年全区新收政府信息公开申请156件`
 * → `{ kind: 'new', value: 156 }`. Only unambiguous patterns are read (precision over recall).
 * `new` is 新收 (row 一); `received` is 收到/受理 (row 一, or 一 + 二: reports use both); `granted` …
 * `other-processed` are the result groups of table 2 (予以公开 … 其他处理) as the prose states them.
 */
export const StatementKindSchema = z.enum([
  'new',
  'carried-over',
  'carried-forward',
  'completed',
  'review',
  'review-corrected',
  'litigation',
  'issued',
  'repealed',
  'in-force',
  'no-applications',
  'stated-total',
  'received',
  'granted',
  'partial',
  'granted-or-partial',
  'withheld',
  'unable',
  'not-processed',
  'other-processed',
]);
export type StatementKind = z.infer<typeof StatementKindSchema>;

export const StatementSchema = z.object({
  kind: StatementKindSchema,
  /** the stated figure (0 for no-applications) */
  value: z.number(),
  /** the words the figure was read from, as printed: `新收政府信息公开申请156件` */
  quote: z.string(),
  /** the whole sentence, as printed */
  sentence: z.string(),
  /** key of the section the sentence sits in (see templates SECTIONS), or null */
  section: z.nullable(z.string()),
  /** the paragraph, for marking it in the page */
  src: z.nullable(SourceRefSchema),
  /** stated-total: the parts the same sentence lists after 其中 */
  parts: z.optional(z.array(z.number())),
  /** issued / repealed / in-force: 规章 or 规范性文件 when the sentence names one */
  subject: z.optional(z.enum(['regulations', 'normative'])),
});
export type Statement = z.infer<typeof StatementSchema>;

export const ReportSchema = z.object({
  template: z.nullable(TemplateVersionSchema),
  /** each of tables 1 and 2 by its own headers, when they differ from `template` (a mixed report) */
  tableTemplates: z.optional(z.object({ t1: TemplateVersionSchema, t2: TemplateVersionSchema })),
  /** header words and rows the version was decided from */
  templateEvidence: z.array(z.string()),
  title: z.nullable(z.string()),
  body: z.nullable(z.string()),
  /** the body's level, from its name: only 设区的市 and above make 规章 */
  level: z.nullable(z.enum(['province', 'city', 'county', 'township', 'department'])),
  year: z.nullable(z.number()),
  /** the year of the 统计期限 the intro states */
  periodYear: z.nullable(z.number()),
  /** the publication date the page shows, YYYY-MM-DD */
  published: z.nullable(z.string()),
  /**
   * where `published` was read (recognise/published.ts): the page's own date line (`label` as
   * printed: 发布日期, 发布时间, 成文日期, 时间…), its metadata (`label`: the meta name, PubDate), or
   * the date the report is signed with, at its end (signature) or under its title (heading)
   */
  publishedFrom: z.optional(z.object({ where: z.enum(['page', 'meta', 'signature', 'heading']), label: z.string() })),
  sections: z.array(SectionFoundSchema),
  tables: z.object({ t1: ReportTableSchema, t2: ReportTableSchema, t3: ReportTableSchema }),
  /** characters of prose (paragraphs outside the tables): tells a report's text from a table copied alone */
  proseChars: z.optional(z.number()),
  /** pictures found in the report, by file name or alt text */
  images: z.array(z.string()),
  structure: z.array(StructureIssueSchema),
  /**
   * The text ends before the report does (a stored excerpt, a page cut off): what it never
   * reached — these sections and tables, and in the table it ends in the rows after `lastRow` —
   * cannot be checked, and is not reported missing.
   */
  cut: z.optional(
    z.object({ sections: z.array(z.string()), tables: z.array(TableIdSchema), table: z.nullable(TableIdSchema), lastRow: z.nullable(z.string()) }),
  ),
  /** figures stated in the prose */
  statements: z.array(StatementSchema),
});
export type Report = z.infer<typeof ReportSchema>;

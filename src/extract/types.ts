import * as z from 'zod/mini';
import type { PageDate } from './page-date';

/**
 * Where a cell or a line came from, as plain data that survives JSON.
 * html: `table` counts every <table> element of the document in document order, `row` is the
 * index among the table's own rows, `cell` the index among the row's <td>/<th> (both before span
 * expansion), and `frame` the path of iframe indices (each counting the <iframe> elements of its
 * document) when the table lives in a same-origin iframe; see extract/dom-index.ts. A paragraph
 * has `table` -1 and its ordinal among the document's paragraphs as `row`.
 * text: 1-based line number and 0-based cell index on that line (or within the row block).
 */
export const SourceRefSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('html'),
    frame: z.optional(z.array(z.number())),
    table: z.number(),
    row: z.number(),
    cell: z.number(),
  }),
  z.object({ kind: z.literal('text'), line: z.number(), cell: z.number() }),
]);
export type SourceRef = z.infer<typeof SourceRefSchema>;

/** One cell of a grid: its original text, the normalised text, and where it came from. */
export interface GridCell {
  raw: string;
  text: string;
  src: SourceRef;
  /** false when the cell is a copy made by expanding a rowspan/colspan */
  origin: boolean;
  /** a row's figures printed with no separator that split more than one way (recognise/run-together.ts) */
  unsplit?: string;
}

export type GridRow = GridCell[];

/** A rectangular (HTML) or ragged (text) block of table rows. */
export interface Grid {
  rows: GridRow[];
}

export interface ImageItem {
  kind: 'image';
  /** file name or alt text, enough for a person to find the picture */
  name: string;
  src: SourceRef | null;
}

export interface ParaItem {
  kind: 'para';
  text: string;
  src: SourceRef | null;
}

export interface GridItem {
  kind: 'grid';
  grid: Grid;
}

export type DocItem = ParaItem | GridItem | ImageItem;

/** What extraction returns: the document as an ordered list of paragraphs, grids and pictures. */
export interface ExtractedDoc {
  items: DocItem[];
  /** the page or file title when the source states one */
  title: string | null;
  /** the publication date the page's metadata gives (`<meta name="PubDate">`), as written: see page-date.ts */
  pageDate?: PageDate | null;
  /** what extraction noticed but could not fix, as plain messages */
  notes: string[];
}

/**
 * Bounds on the work a page or file can ask for (issue 16): past one, extraction reads what it can
 * and leaves a note that starts with LIMIT_MARK (Chinese, then English), never a crash. The
 * pipeline names these notes when it finds no report (src/pipeline.ts), so "too large / too deep"
 * is said instead of "no report".
 */
export const LIMIT_MARK = '超出处理上限：';

/** colspan / rowspan above this are read as this (report tables span a handful of columns). */
export const MAX_SPAN = 100;
/** columns of one table beyond this are not read */
export const MAX_COLUMNS = 200;
/** cells of one table, spans expanded and rows padded to the widest: a table over this is not read */
export const MAX_GRID_CELLS = 50_000;
/** cells of all the tables of one document together: tables past this are not read */
export const MAX_DOC_CELLS = 1_000_000;
/** element nesting read by the walks (a report sits a few dozen levels deep at most) */
export const MAX_DEPTH = 400;
/** local files (CLI) and report files fetched by URL */
export const MAX_FILE_BYTES = 50_000_000;
/** the text a .docx may inflate to (document.xml and the rest together) */
export const MAX_DOCX_INFLATED_BYTES = 100_000_000;

export function limitNote(zh: string, en: string): string {
  return `${LIMIT_MARK}${zh} / ${en}`;
}

export function isLimitNote(note: string): boolean {
  return note.startsWith(LIMIT_MARK);
}

import type { CellKey } from './report';

/** `t2.new.total`: a cell key as one string (lookups, finding ids). Its own module: the page-side scripts load it without the templates. */
export function keyText(k: CellKey): string {
  return `${k.table}.${k.row}.${k.col}`;
}

import type { SourceRef } from '../extract/types';
import type { Statement } from '../model/report';

export interface ProsePara {
  text: string;
  src: SourceRef | null;
  /** key of the section the paragraph sits in, or null before the first heading */
  section: string | null;
}

/** Placeholder until the prose reader lands: reads nothing. */
export function readStatements(_paras: ProsePara[]): Statement[] {
  return [];
}

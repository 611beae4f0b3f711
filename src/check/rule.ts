import type { Words } from '../recognise/templates';
import type { CheckContext, RuleOutput } from './context';

/**
 * A check: data (a stable id, the FORMAT.md hard-rule number, a title) plus one small function.
 * The id is what users and tools key on: never rename one.
 */
export interface Rule {
  id: string;
  /** FORMAT.md "Hard rules" number, or null for a structural/heuristic rule */
  hard: number | null;
  title: Words;
  run(ctx: CheckContext, out: RuleOutput): void;
}

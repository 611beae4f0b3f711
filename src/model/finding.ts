import * as z from 'zod/mini';
import { CellKeySchema, TableIdSchema } from './report';
import { SourceRefSchema } from '../extract/types';

export const SeveritySchema = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof SeveritySchema>;

export const WordsSchema = z.object({ zh: z.string(), en: z.string() });

/**
 * The probable wrong cell (check/suspect.ts): the cell whose change to `proposed` makes every
 * failing sum hold while every sum that held still holds; when more than one cell does, the
 * candidates (`unique` false, no slip named).
 */
export const SuspectSchema = z.object({
  cells: z.array(z.object({ cell: CellKeySchema, now: z.number(), proposed: z.number() })),
  unique: z.boolean(),
  /** the usual slip the two values show, when they show one */
  slip: z.nullable(z.enum(['swapped-digits', 'digit-dropped', 'digit-doubled', 'total-in-part', 'neighbour-value', 'copied-from-above'])),
});
export type Suspect = z.infer<typeof SuspectSchema>;

/**
 * One problem found in a report, as data: the rule, the cells, the expected and found values.
 * The sentences are rendered from these fields (see check/messages.ts), so tools can key on
 * `rule`, `outcome` and `cells` while the wording improves.
 */
export const FindingSchema = z.object({
  /** stable within one result: rule id plus the cells involved */
  id: z.string(),
  /** stable across runs: rule + cells + what they hold (see model/review.ts); decisions key on it */
  fingerprint: z.optional(z.string()),
  rule: z.string(),
  severity: SeveritySchema,
  /** fail: arithmetic does not hold; unverifiable: a missing or text cell blocks it; structure: the page does not match the template; internal: a rule crashed */
  outcome: z.enum(['fail', 'unverifiable', 'structure', 'internal']),
  table: z.nullable(TableIdSchema),
  /** every cell the relation involves (or the structural problem is about) */
  cells: z.array(CellKeySchema),
  /** the cells the finding points at first: the total the page states, the blank cell, the row */
  primary: z.array(CellKeySchema),
  /** the missing or text cells that stop the relation from being verified */
  blocking: z.array(CellKeySchema),
  expected: z.nullable(z.number()),
  found: z.nullable(z.number()),
  message: WordsSchema,
  /**
   * cells-filled: the relations these blank cells stop from being verified that would hold with
   * the blanks as 0 — folded here instead of one finding each (their ids, rule/anchor)
   */
  folded: z.optional(z.array(z.string())),
  /**
   * sum findings: the relation in words — where it sits (表二「自然人」列), its formula
   * (一+二 = （七）总计+四) and the figures it added (一 152 + 二 4 = 156；（七）总计 147 + 四 7 = 154)
   */
  relation: z.optional(z.object({ where: WordsSchema, formula: WordsSchema, operands: WordsSchema })),
  /** arithmetic findings: the cell that probably holds the typo, and what it should hold */
  suspect: z.optional(SuspectSchema),
  /** prose findings: the words and the sentence of the report that the finding quotes */
  evidence: z.optional(z.object({ quote: z.string(), sentence: z.string(), src: z.nullable(SourceRefSchema) })),
});
export type Finding = z.infer<typeof FindingSchema>;

/** What each rule looked at: lets a reader see what was checked when nothing failed. */
export const RuleRunSchema = z.object({
  rule: z.string(),
  title: WordsSchema,
  /** relations (or items) the rule evaluated */
  checked: z.number(),
  failed: z.number(),
  unverifiable: z.number(),
});
export type RuleRun = z.infer<typeof RuleRunSchema>;

import * as z from 'zod/mini';
import { ReportSchema } from './report';
import { FindingSchema, RuleRunSchema } from './finding';
import { ReviewJsonSchema } from './review';

import { SCHEMA_VERSION } from './version';

export { SCHEMA_VERSION };

export const SourceSchema = z.object({
  /** url: a web page; file: a file on disk; text: pasted text */
  kind: z.enum(['url', 'file', 'text']),
  /** the URL or the file path, null for pasted text */
  location: z.nullable(z.string()),
  /** html or text: which extractor read it */
  format: z.enum(['html', 'text']),
});
export type Source = z.infer<typeof SourceSchema>;

export const SummarySchema = z.object({
  errors: z.number(),
  warnings: z.number(),
  infos: z.number(),
  /** relations and items the rules evaluated */
  checked: z.number(),
});

/**
 * The whole result of checking one report: what the CLI prints with --json and what the
 * extension's 复制 JSON copies. JSON Schema: src/model/result.schema.json (generated from this).
 */
/** The same body's report for the year before, when one was checked earlier (or in the same CLI run). */
export const LastYearSchema = z.object({
  year: z.number(),
  body: z.string(),
  source: z.nullable(z.string()),
  checkedAt: z.string(),
  /** the site last year's record was read from (its host name without www.; null: a local file) */
  origin: z.optional(z.nullable(z.string())),
  /** false when that is another site than this report's (the comparison says so) */
  sameOrigin: z.optional(z.boolean()),
});

export const CheckResultSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  source: SourceSchema,
  report: ReportSchema,
  findings: z.array(FindingSchema),
  checks: z.array(RuleRunSchema),
  summary: SummarySchema,
  /** present when the report was compared with last year's */
  lastYear: z.optional(LastYearSchema),
  /** the auditor's decisions on the findings (extension), and decisions whose finding is gone */
  review: z.optional(ReviewJsonSchema),
});
export type CheckResultJson = z.infer<typeof CheckResultSchema>;

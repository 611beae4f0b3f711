import * as z from 'zod/mini';
import { CheckResultSchema, type CheckResultJson } from '../model/result';

/**
 * What the sidebar leaves in storage (PRINT_KEY) for the printable working paper: the result,
 * when the check ran and with which rule set. Read only by the print page, through zod; an older
 * build's bare result is still printed (without the check time).
 */
export const PrintJobSchema = z.object({
  result: CheckResultSchema,
  /** ISO time of the check */
  checkedAt: z.string(),
  /** the rule set's version the background checked with */
  ruleset: z.string(),
});
export type PrintJob = z.infer<typeof PrintJobSchema>;

export function readPrintJob(raw: unknown): { result: CheckResultJson; checkedAt: string | null; ruleset: string | null } | null {
  const job = PrintJobSchema.safeParse(raw);
  if (job.success) return job.data;
  const bare = CheckResultSchema.safeParse(raw);
  return bare.success ? { result: bare.data, checkedAt: null, ruleset: null } : null;
}

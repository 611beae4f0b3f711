import * as z from 'zod/mini';

/**
 * Messages between the extension's parts. Everything that crosses a boundary is validated:
 * a malformed message is ignored, never acted on.
 */
export const MessageSchema = z.discriminatedUnion('type', [
  /** detector → background: this page may hold a report, please inject the checker */
  z.object({ type: z.literal('candidate') }),
  /** checker → background: the outcome on this tab, for the toolbar badge */
  z.object({
    type: z.literal('checked'),
    report: z.boolean(),
    errors: z.number(),
    warnings: z.number(),
  }),
  /** popup → checker: the current result */
  z.object({ type: z.literal('get-result') }),
  /** popup → checker: open (or reopen) the sidebar */
  z.object({ type: z.literal('show-sidebar') }),
  /** checker → background: open the printable findings page (the result is in storage) */
  z.object({ type: z.literal('open-print') }),
  /** checker → background: check these attachment URLs on the batch page */
  z.object({ type: z.literal('check-urls'), urls: z.array(z.string()) }),
]);
export type Message = z.infer<typeof MessageSchema>;

/** The checker's answer to get-result: the JSON result, or why there is none. */
export const ResultReplySchema = z.object({
  ok: z.boolean(),
  /** the CheckResultSchema JSON (validated by the receiver with CheckResultSchema) */
  result: z.optional(z.unknown()),
  reason: z.optional(z.object({ zh: z.string(), en: z.string() })),
  tsv: z.optional(z.string()),
});
export type ResultReply = z.infer<typeof ResultReplySchema>;

export function parseMessage(raw: unknown): Message | null {
  const r = MessageSchema.safeParse(raw);
  return r.success ? r.data : null;
}

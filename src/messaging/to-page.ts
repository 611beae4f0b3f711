import * as z from 'zod/mini';
import type { CheckResultJson } from '../model/result';
import { SourceRefSchema } from '../extract/types';
import type { MarkPlan } from './mark-plan';
import { headText, TOKENS, type CheckReplyWire } from './wire';

export { unwrapJson, wrapJson, type CheckReplyWire, type JsonEnvelope } from './wire';
import { SettingsSchema, type Settings } from '../store/settings';

/**
 * Messages between the extension's parts. Everything that crosses a boundary is validated by its
 * receiver: a malformed message is ignored, never acted on.
 *
 * This module is what the in-page checker loads, so it holds only small schemas: the requests
 * the background receives (with the extracted page, a large schema) are in `to-background.ts`, which
 * only the background loads.
 */

/** Popup → the in-page checker. */
export const ToTabSchema = z.discriminatedUnion('type', [
  /** the current result */
  z.object({ type: z.literal('get-result') }),
  /** open (or reopen) the sidebar */
  z.object({ type: z.literal('show-sidebar') }),
  /** move the keyboard focus into the sidebar (the focus-panel command) */
  z.object({ type: z.literal('focus-panel') }),
]);
export type ToTab = z.infer<typeof ToTabSchema>;

export function parseToTab(raw: unknown): ToTab | null {
  const r = ToTabSchema.safeParse(raw);
  return r.success ? r.data : null;
}

/** The checker's answer to get-result: the JSON result, or why there is none. */
export const ResultReplySchema = z.object({
  ok: z.boolean(),
  /** the CheckResultSchema JSON (validated by the receiver with CheckResultSchema) */
  result: z.optional(z.unknown()),
  reason: z.optional(z.object({ zh: z.string(), en: z.string() })),
  tsv: z.optional(z.string()),
});
export type ResultReply = z.infer<typeof ResultReplySchema>;

const WordsSchema = z.object({ zh: z.string(), en: z.string() });


/** What to mark (messaging/mark-plan.ts), as the background worked it out. */
export const MarkPlanSchema = z.object({
  cells: z.array(
    z.object({
      src: SourceRefSchema,
      raw: z.string(),
      mark: z.string().check(z.regex(TOKENS)),
      row: z.optional(z.string().check(z.regex(TOKENS))),
      findings: z.array(z.number()),
    }),
  ),
  paragraphs: z.array(z.object({ src: z.nullable(SourceRefSchema), quote: z.string(), path: z.nullable(z.array(z.number())), findings: z.array(z.number()) })),
});

/**
 * The head of the background's answer to check-page, check-extracted and decide: all the page
 * needs to mark itself, validated here before anything is marked. The whole result stays in the
 * background until the sidebar asks for it (JSON text, after the marks are in the page), so the
 * reply the page waits for before marking is small. The background validated that result with
 * CheckResultSchema before keeping it; the page does not
 * parse it with the schema a second time, which costs ~8 ms of schema construction and ~10 ms
 * of parsing on the page's main thread (measured in Chromium), the time the in-page checker is
 * meant to leave to the page. The head carries the result's version and error count, and the page
 * refuses a result whose text does not match them.
 */
/** A link to a Word or PDF file that looks like the report (extract/attachments.ts). */
export const AttachmentSchema = z.object({ url: z.string(), text: z.string(), kind: z.enum(['pdf', 'docx', 'doc', 'frame']) });

export const CheckHeadSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    schemaVersion: z.number(),
    /** result.summary.errors */
    errors: z.number(),
    /** the report's figures fingerprint, for saving decisions */
    figures: z.string(),
    /** the rule set's version (RULESET_VERSION), for the audit record */
    ruleset: z.string(),
    /** the user's settings (read and migrated by the background) */
    settings: SettingsSchema,
    plan: MarkPlanSchema,
    /** the whole result waits in the background under this id (ToBackground 'result') */
    resultId: z.string(),
    /** links on the page to files that look like the report (empty after a decision) */
    attachments: z.array(AttachmentSchema),
  }),
  z.object({ ok: z.literal(false), reason: WordsSchema, settings: SettingsSchema, attachments: z.array(AttachmentSchema) }),
]);
export type CheckHead = z.infer<typeof CheckHeadSchema>;

export function wireReply(head: CheckHead): CheckReplyWire {
  return { type: 'check-reply', head: JSON.stringify(head) };
}

/**
 * A reply whose head holds and is of this schema version; null otherwise. The first in-page script
 * marks from the plan after a check by hand (wire.ts `readMarkPlan`); this is the full check, made
 * by the sidebar before it shows or keeps anything.
 */
export function parseCheckHead(raw: unknown, expectedVersion: number): CheckHead | null {
  return checkHead(headText(raw), expectedVersion);
}

/** A head already parsed from its text (wire.ts `headText`), validated. */
export function checkHead(head: unknown, expectedVersion: number): CheckHead | null {
  const r = CheckHeadSchema.safeParse(head);
  if (!r.success) return null;
  if (r.data.ok && r.data.schemaVersion !== expectedVersion) return null;
  return r.data;
}

/** A check reply once read in full: the result typed as the background made it. */
export type CheckReply =
  | { ok: true; result: CheckResultJson; figures: string; ruleset: string; settings: Settings }
  | { ok: false; reason: { zh: string; en: string }; settings: Settings };

/**
 * The whole reply, result parsed (the sidebar's side, after the marks). Null when the result text
 * is not JSON or does not match its head (version, error count).
 */
export function readCheckReply(head: CheckHead, result: string | null): CheckReply | null {
  if (!head.ok) return head;
  if (result === null) return null;
  try {
    const r = JSON.parse(result) as CheckResultJson;
    if (r?.schemaVersion !== head.schemaVersion || r.summary?.errors !== head.errors || !Array.isArray(r.findings)) return null;
    return { ok: true, result: r, figures: head.figures, ruleset: head.ruleset, settings: head.settings };
  } catch {
    return null;
  }
}

// the plan's schema and its hand-written type (messaging/mark-plan.ts) must describe the same data
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const samePlan: Same<z.infer<typeof MarkPlanSchema>, MarkPlan> = true;
void samePlan;

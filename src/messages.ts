import * as z from 'zod/mini';
import type { CheckResultJson } from './model/result';
import { SettingsSchema, type Settings } from './present/settings';

/**
 * Messages between the extension's parts. Everything that crosses a boundary is validated by its
 * receiver: a malformed message is ignored, never acted on.
 *
 * This module is what the in-page checker loads, so it holds only small schemas: the requests
 * the background receives (with the extracted page, a large schema) are in `requests.ts`, which
 * only the background loads.
 */

/** Popup → the in-page checker. */
export const ToTabSchema = z.discriminatedUnion('type', [
  /** the current result */
  z.object({ type: z.literal('get-result') }),
  /** open (or reopen) the sidebar */
  z.object({ type: z.literal('show-sidebar') }),
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

/**
 * The background's answer to check-page and decide. The background runs the engine and validates
 * the result it sends with CheckResultSchema; the page side checks this envelope and the result's
 * version and counts, and does not parse the whole
 * result a second time: that costs ~8 ms of schema construction and ~10 ms of parsing on the
 * page's main thread (measured in Chromium), the time the in-page checker is meant to leave to
 * the page. The result is then used exactly as the background produced it.
 */
export const CheckReplySchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    result: z.object({
      schemaVersion: z.number(),
      summary: z.object({ errors: z.number(), warnings: z.number(), infos: z.number(), checked: z.number() }),
      findings: z.array(z.unknown()),
    }),
    /** the report's figures fingerprint, for saving decisions */
    figures: z.string(),
    /** the rule set's version (RULESET_VERSION), for the audit record */
    ruleset: z.string(),
    /** the user's settings (read and migrated by the background) */
    settings: SettingsSchema,
  }),
  z.object({ ok: z.literal(false), reason: WordsSchema, settings: SettingsSchema }),
]);

/** A check-page or decide reply once its envelope passed: the result typed as the background made it. */
export type CheckReply =
  | { ok: true; result: CheckResultJson; figures: string; ruleset: string; settings: Settings }
  | { ok: false; reason: { zh: string; en: string }; settings: Settings };

export function parseCheckReply(raw: unknown, expectedVersion: number): CheckReply | null {
  const r = CheckReplySchema.safeParse(raw);
  if (!r.success) return null;
  if (!r.data.ok) return r.data;
  if (r.data.result.schemaVersion !== expectedVersion) return null;
  // the envelope holds; the full result was validated by the background that made it (see above)
  return raw as CheckReply;
}

/**
 * Large messages (a page's extraction, a result) travel as JSON text: one string crosses the
 * extension's messaging far faster than a tree of objects, which is converted property by property
 * on the page's main thread each way. The receiver unwraps, then validates as for any message.
 */
export interface JsonEnvelope {
  type: 'json';
  body: string;
}

export function wrapJson(message: unknown): JsonEnvelope {
  return { type: 'json', body: JSON.stringify(message) };
}

/** The message inside a JSON envelope (undefined when the text is not JSON); anything else as it is. */
export function unwrapJson(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const { type, body } = raw as { type?: unknown; body?: unknown };
  if (type !== 'json' || typeof body !== 'string') return raw;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

import type { SourceRef } from '../extract/types';
import type { MarkPlan } from './mark-plan';

/**
 * What travels between the extension's parts, without zod: this module is loaded by the first
 * in-page script (entrypoints/checker.ts), which runs before the page shows a mark, and zod's
 * schema construction and first parse cost ~6 ms of the page's main thread there (measured in
 * Chromium 156 on /errors.html). The schemas are in to-page.ts and to-background.ts; every message is
 * validated with them by its receiver. The one exception is the mark plan, checked here by hand
 * (`readMarkPlan`) so the marks can go in first; the sidebar then validates the whole head with
 * to-page.ts `CheckHeadSchema` and takes the marks back if it does not hold.
 */

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

/** The reply to check-page, check-extracted and decide as it travels: the head as JSON text. */
export interface CheckReplyWire {
  type: 'check-reply';
  head: string;
}

/** The head of a check reply, parsed from its JSON text (not validated); undefined when there is none. */
export function headText(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { type, head } = raw as { type?: unknown; head?: unknown };
  if (type !== 'check-reply' || typeof head !== 'string') return undefined;
  try {
    return JSON.parse(head) as unknown;
  } catch {
    return undefined;
  }
}

/** The marks of a cell or a row: data-grc tokens (highlight.ts), nothing else. */
export const TOKENS = /^(?:fail|part|block|suspect|row-fail|row-warn)(?: (?:fail|part|block|suspect|row-fail|row-warn))*$/;

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
// numbers as zod's z.number() takes them (JSON carries no NaN or Infinity)
const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
function isInts(x: unknown): x is number[] {
  if (!Array.isArray(x)) return false;
  for (let i = 0; i < x.length; i++) if (!isInt(x[i])) return false; // not every(): it skips holes
  return true;
}

function isSourceRef(x: unknown): x is SourceRef {
  if (!isObj(x)) return false;
  if (x['kind'] === 'text') return isInt(x['line']) && isInt(x['cell']);
  return x['kind'] === 'html' && isInt(x['table']) && isInt(x['row']) && isInt(x['cell']) && (x['frame'] === undefined || isInts(x['frame']));
}

/**
 * The plan of a head that says ok, checked by hand field by field as to-page.ts `MarkPlanSchema`
 * says (a test holds the two to the same answers); null when the head is not ok or the plan does
 * not hold.
 */
export function readMarkPlan(head: unknown): MarkPlan | null {
  if (!isObj(head) || head['ok'] !== true) return null;
  const plan = head['plan'];
  if (!isObj(plan) || !Array.isArray(plan['cells']) || !Array.isArray(plan['paragraphs'])) return null;
  for (const c of plan['cells'] as unknown[]) {
    if (!isObj(c) || !isSourceRef(c['src']) || typeof c['raw'] !== 'string' || !isInts(c['findings'])) return null;
    if (typeof c['mark'] !== 'string' || !TOKENS.test(c['mark'])) return null;
    if (c['row'] !== undefined && (typeof c['row'] !== 'string' || !TOKENS.test(c['row']))) return null;
  }
  for (const p of plan['paragraphs'] as unknown[]) {
    if (!isObj(p) || (p['src'] !== null && !isSourceRef(p['src'])) || typeof p['quote'] !== 'string' || !isInts(p['findings'])) return null;
    if (p['path'] !== null && !isInts(p['path'])) return null;
  }
  return plan as unknown as MarkPlan;
}

/** How many attachments a head names (0 when it names none or is not a head): whether a page without a report still needs the sidebar. */
export function attachmentCount(head: unknown): number {
  const list = isObj(head) ? head['attachments'] : undefined;
  return Array.isArray(list) ? list.length : 0;
}

/** The background's answer to the detector's 'candidate': watch on when the page held nothing to show. */
export interface CandidateReply {
  watch: boolean;
}

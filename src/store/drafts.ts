import { browser } from 'wxt/browser';
import * as z from 'zod/mini';

/**
 * What an auditor types and has not yet run — a report's text pasted in the popup (which closes at
 * the first click outside it), the batch page's list of URLs, its pasted text, its other sites — is
 * kept as it is typed, in browser.storage.local, one key a field, and put back when the page opens
 * again. Nothing typed is lost to a closed popup, a closed tab or a crash. Each field is its own key,
 * written whole by the one page that owns it: no read-change-write, so nothing to race.
 */
export type DraftField = 'popup-text' | 'batch-urls' | 'batch-text' | 'batch-hosts';

/** A draft is kept up to this many characters (a report's whole text is ~20–100 thousand). */
export const DRAFT_LIMIT = 2_000_000;

const DraftSchema = z.string().check(z.maxLength(DRAFT_LIMIT));

export const draftKey = (field: DraftField): string => `draft:${field}`;

/** The kept draft of a field; '' when none is kept or what is kept is not a draft. */
export async function loadDraft(field: DraftField): Promise<string> {
  try {
    const stored = await browser.storage.local.get(draftKey(field));
    const r = DraftSchema.safeParse(stored[draftKey(field)]);
    return r.success ? r.data : '';
  } catch {
    return '';
  }
}

/** Keep a value as it is typed; `flush` sends the value still waiting at once (the page is going away). */
export interface DraftWriter {
  (value: string): void;
  flush(): void;
}

/**
 * A writer for one field's draft: each value is written at once when no write is under way, else
 * the latest value waiting is written when it ends (keystrokes coalesce; the last one always lands,
 * and `flush` on pagehide sends it without waiting). A failed write never throws into the page
 * that typed. `write` is for tests.
 */
export function draftWriter(field: DraftField, write: (value: string) => Promise<void> = (value) => browser.storage.local.set({ [draftKey(field)]: value })): DraftWriter {
  let writing = false;
  let next: string | null = null;
  const attempt = async (value: string): Promise<void> => {
    try {
      await write(value);
    } catch {
      // storage gone or full: the text is still on screen
    }
  };
  const pump = async (): Promise<void> => {
    writing = true;
    while (next !== null) {
      const value = next;
      next = null;
      await attempt(value);
    }
    writing = false;
  };
  const keep = (value: string): void => {
    next = value.length > DRAFT_LIMIT ? value.slice(0, DRAFT_LIMIT) : value;
    if (!writing) void pump();
  };
  const flush = (): void => {
    if (next === null) return;
    const value = next;
    next = null;
    void attempt(value);
  };
  return Object.assign(keep, { flush });
}

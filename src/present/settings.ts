import * as z from 'zod/mini';

/**
 * What the extension remembers between pages, in browser.storage.local, versioned and validated:
 * a stored value that does not parse (an older or corrupted record) falls back to the defaults.
 */
export const UI_KEY = 'ui';
export const UiSettingsSchema = z.object({ version: z.literal(1), collapsed: z.boolean() });
export type UiSettings = z.infer<typeof UiSettingsSchema>;
export const DEFAULT_UI: UiSettings = { version: 1, collapsed: false };

export function readUi(stored: Record<string, unknown>): UiSettings {
  const r = UiSettingsSchema.safeParse(stored[UI_KEY]);
  return r.success ? r.data : DEFAULT_UI;
}

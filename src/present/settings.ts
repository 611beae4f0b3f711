import * as z from 'zod/mini';

/**
 * What the user sets, in browser.storage.local, versioned and validated, with migrations:
 *  v1 (key `ui`): only whether the sidebar was collapsed;
 *  v2 (key `settings`): that, plus auto-check on gov.cn, extra sites to auto-check, and which
 *  severities the sidebar shows.
 * A stored value that does not parse (corrupt, or written by a newer version) gives the defaults
 * and is not overwritten until the user changes a setting.
 */
export const UI_KEY = 'ui';
export const SETTINGS_KEY = 'settings';

export const UiSettingsSchema = z.object({ version: z.literal(1), collapsed: z.boolean() });
export type UiSettings = z.infer<typeof UiSettingsSchema>;

export const SettingsSchema = z.object({
  version: z.literal(2),
  collapsed: z.boolean(),
  /** check gov.cn pages by themselves */
  autoCheck: z.boolean(),
  /** more sites to check by themselves: match patterns such as `*://218.57.139.24/*` */
  extraSites: z.array(z.string()),
  /** severities the sidebar lists (the counts always show all) */
  show: z.object({ error: z.boolean(), warning: z.boolean(), info: z.boolean() }),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  version: 2,
  collapsed: false,
  autoCheck: true,
  extraSites: [],
  show: { error: true, warning: true, info: true },
};

/** storage contents → settings: v2 as is, v1 migrated, anything else the defaults. */
export function migrateSettings(stored: Record<string, unknown>): Settings {
  const v2 = SettingsSchema.safeParse(stored[SETTINGS_KEY]);
  if (v2.success) return v2.data;
  const v1 = UiSettingsSchema.safeParse(stored[UI_KEY]);
  if (v1.success) return { ...DEFAULT_SETTINGS, collapsed: v1.data.collapsed };
  return DEFAULT_SETTINGS;
}

/**
 * A site the user types (`218.57.139.24`, `http://www.sd.gov.cn.mirror.net/`, `*.example.org`) →
 * a match pattern for both schemes, or null when it is not a host.
 */
export function sitePattern(input: string): string | null {
  let host = input.trim().toLowerCase();
  host = host.replace(/^[a-z*]+:\/\//, '').replace(/\/.*$/, '').replace(/:\d+$/, '');
  if (!/^(\*\.)?[a-z0-9\u4e00-\u9fff-]+(\.[a-z0-9\u4e00-\u9fff-]+)*$/.test(host)) return null;
  return `*://${host}/*`;
}

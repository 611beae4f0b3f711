import * as z from 'zod/mini';

/**
 * What the user sets, in browser.storage.local, versioned and validated, with migrations:
 *  v1 (key `ui`): only whether the sidebar was collapsed;
 *  v2 (key `settings`): that, plus auto-check on gov.cn, extra sites to auto-check, and which
 *  severities the sidebar shows;
 *  v3 (key `settings`): that, plus the language of every page of the extension (issue 18, item 5).
 * A stored value that does not parse (corrupt, or written by a newer version) gives the defaults
 * and is not overwritten until the user changes a setting.
 */
export const UI_KEY = 'ui';
export const SETTINGS_KEY = 'settings';

export const UiSettingsSchema = z.object({ version: z.literal(1), collapsed: z.boolean() });
export type UiSettings = z.infer<typeof UiSettingsSchema>;

/** The language the user chose: 中文, English, or the browser's UI language (the default). */
export const LangChoiceSchema = z.enum(['auto', 'zh', 'en']);
export type LangChoice = z.infer<typeof LangChoiceSchema>;

const SettingsV2Schema = z.object({
  version: z.literal(2),
  collapsed: z.boolean(),
  /** check gov.cn pages by themselves */
  autoCheck: z.boolean(),
  /** more sites to check by themselves: match patterns such as `*://218.57.139.24/*` */
  extraSites: z.array(z.string()),
  /** severities the sidebar lists (the counts always show all) */
  show: z.object({ error: z.boolean(), warning: z.boolean(), info: z.boolean() }),
});

export const SettingsSchema = z.object({
  ...SettingsV2Schema.shape,
  version: z.literal(3),
  /** the language of the sidebar, popup, options, batch and print pages */
  lang: LangChoiceSchema,
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  version: 3,
  collapsed: false,
  autoCheck: true,
  extraSites: [],
  show: { error: true, warning: true, info: true },
  lang: 'auto',
};

/** storage contents → settings: v3 as is, v2 and v1 migrated (nothing they held is lost), anything else the defaults. */
export function migrateSettings(stored: Record<string, unknown>): Settings {
  const v3 = SettingsSchema.safeParse(stored[SETTINGS_KEY]);
  if (v3.success) return v3.data;
  const v2 = SettingsV2Schema.safeParse(stored[SETTINGS_KEY]);
  if (v2.success) return { ...v2.data, version: 3, lang: 'auto' };
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

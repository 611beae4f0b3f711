import * as z from 'zod/mini';
import { OFFLINE_KEY, type OfflineBox } from '../messaging/inject-protocol';

/**
 * The sidebar's stand-in for the extension API in a page that leaves it none: where no detector ran
 * at document_start (a site that is not gov.cn, checked from the toolbar), a page whose markup
 * shadows both `browser` and `chrome` in the extension's world has none to find (issue 16,
 * src/page/extension-api.ts). The background then leaves what the sidebar needs in that world
 * (src/background/inject.ts, an own property of its global that the page cannot write):
 * the extension's id, URL base and version, the UI language, and the result the sidebar asks for
 * by its id. This answers those calls; everything else the sidebar would send to the background
 * (a decision, a re-check, the print page) rejects with a message that says why, and the sidebar
 * catches it (a decision clicked there is shown, then taken back: it could not be saved).
 */
const OfflineBoxSchema = z.object({
  id: z.string().check(z.minLength(1)),
  base: z.string(),
  version: z.string(),
  lang: z.string(),
  results: z.record(z.string(), z.string()),
});

/** Why a call cannot be made from such a page. */
export const OFFLINE_REASON = '本页的脚本遮蔽了扩展接口（browser / chrome），侧栏无法与扩展后台通信：决定、重新检查和打印在此页不可用。';

/** The box the background left, as an own property of this world's global (never a page element named like it); null when there is none. */
export function offlineBox(g: object = globalThis): OfflineBox | null {
  try {
    const d = Object.getOwnPropertyDescriptor(g, OFFLINE_KEY);
    const r = OfflineBoxSchema.safeParse(d && 'value' in d ? d.value : undefined);
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

type Listener = (message: unknown, sender: unknown, sendResponse: (r: unknown) => void) => unknown;

/** The calls the sidebar and WXT's content-script helpers make, answered from the box. */
export interface OfflineApi {
  runtime: {
    id: string;
    getURL(path: string): string;
    getManifest(): { version: string };
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: { addListener(l: Listener): void; removeListener(l: Listener): void; hasListener(l: Listener): boolean };
  };
  i18n: { getUILanguage(): string; getMessage(name: string): string };
  storage: { local: { get(keys?: unknown): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> } };
}

export function offlineApi(box: OfflineBox): OfflineApi {
  const listeners = new Set<Listener>();
  const refuse = (): Promise<never> => Promise.reject(new Error(OFFLINE_REASON));
  return {
    runtime: {
      id: box.id,
      getURL: (path) => box.base + path.replace(/^\/+/, ''),
      getManifest: () => ({ version: box.version }),
      sendMessage(message) {
        // the one request answered here: the whole result a head named (as the background's 'result' reply)
        const m = typeof message === 'object' && message !== null ? (message as { type?: unknown; id?: unknown }) : null;
        if (m?.type === 'result' && typeof m.id === 'string' && Object.hasOwn(box.results, m.id)) {
          return Promise.resolve({ type: 'json', body: box.results[m.id] });
        }
        return refuse();
      },
      // no one can reach this page's listeners (the popup asks the background instead)
      onMessage: { addListener: (l) => void listeners.add(l), removeListener: (l) => void listeners.delete(l), hasListener: (l) => listeners.has(l) },
    },
    i18n: { getUILanguage: () => box.lang, getMessage: () => '' },
    storage: { local: { get: refuse, set: refuse } },
  };
}

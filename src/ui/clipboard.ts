import type { CopyState } from './sidebar/Sidebar';

/**
 * Copy text from a click handler. `navigator.clipboard.writeText` is started synchronously so the
 * user gesture counts; when it is refused (an unfocused document, an old browser) a hidden
 * textarea and `execCommand('copy')` are tried inside `host` (our shadow root), never the page.
 */
export function copyText(text: string, host: ShadowRoot | Document): Promise<CopyState> {
  const fallback = (): CopyState => {
    const doc = 'ownerDocument' in host && host.ownerDocument ? host.ownerDocument : document;
    const ta = doc.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    ta.style.cssText = 'position:fixed;top:0;left:0;width:1px;height:1px;opacity:0;';
    host.appendChild(ta);
    ta.select();
    let ok = false;
    try {
      ok = doc.execCommand('copy');
    } catch {
      ok = false;
    }
    ta.remove();
    return ok ? 'copied' : 'failed';
  };
  try {
    if (navigator.clipboard?.writeText) {
      return navigator.clipboard.writeText(text).then(
        () => 'copied' as const,
        () => fallback(),
      );
    }
  } catch {
    // fall through
  }
  return Promise.resolve(fallback());
}

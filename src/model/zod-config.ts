import * as z from 'zod/mini';

/**
 * No `eval` anywhere in the extension (MV3's CSP forbids it in the background and in content
 * scripts' isolated worlds), so zod must not probe for it: the probe, a caught `new Function`, is
 * reported as a CSP violation (a console error and a `securitypolicyviolation` event, ms on the
 * page's main thread in a content script). Imported first by every entrypoint that parses with zod.
 */
z.config({ jitless: true });

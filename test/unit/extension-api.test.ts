import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extensionApi } from '../../src/page/extension-api';

// Named access puts a page's elements on the prototype chain of the content script's global
// (never as own properties): simulated here by properties of the global's prototype. The real
// thing, in Chromium, is test/e2e/clobber.test.ts.

type G = Record<string, unknown>;
const g = globalThis as unknown as G;
const proto = Object.getPrototypeOf(globalThis) as G;
const NAMES = ['browser', 'chrome'];
let saved: Map<string, PropertyDescriptor | undefined>;

const api = (id: string) => ({ runtime: { id, sendMessage: () => Promise.resolve(null) } });
/** what `<form id="browser"><input name="runtime" id="x"><input name="sendMessage"></form>` looks like from script */
const formShape = { runtime: { id: 'x', sendMessage: { tagName: 'INPUT' } }, tagName: 'FORM' };

beforeEach(() => {
  saved = new Map(NAMES.map((n) => [n, Object.getOwnPropertyDescriptor(g, n)]));
  for (const n of NAMES) delete g[n];
});
afterEach(() => {
  for (const n of NAMES) {
    delete g[n];
    delete proto[n];
    const d = saved.get(n);
    if (d) Object.defineProperty(g, n, d);
  }
});

describe('the extension API is taken from the real global only', () => {
  it('an own `browser` that is the API is taken', () => {
    const b = api('abc');
    g.browser = b;
    g.chrome = api('other');
    expect(extensionApi()).toBe(b);
  });

  it('a page element answering to `browser` (with a string runtime.id) is passed over for the own `chrome`', () => {
    proto.browser = formShape;
    const c = api('abc');
    g.chrome = c;
    expect(extensionApi()).toBe(c);
  });

  it('an own property that is not the API (no sendMessage function, empty id) is not taken', () => {
    g.browser = { runtime: { id: 'x' } };
    g.chrome = { runtime: { id: '', sendMessage: () => undefined } };
    expect(extensionApi()).toBeUndefined();
  });

  it('when neither name is an own property, a genuine API under the name is still found; a page element never', () => {
    proto.browser = formShape;
    expect(extensionApi()).toBeUndefined();
    const c = api('abc');
    proto.chrome = c;
    expect(extensionApi()).toBe(c);
  });

  it('a getter that throws is not the API', () => {
    Object.defineProperty(g, 'browser', { configurable: true, get: () => { throw new Error('cross-origin'); } });
    const c = api('abc');
    g.chrome = c;
    expect(extensionApi()).toBe(c);
  });
});

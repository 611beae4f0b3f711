import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffMs, fetchDocument, fetchRevalidated, retryAfterMs, type RequestGate } from '../../src/fetch';
import { hostKey, HostLimiter } from '../../src/fetch/hosts';

// Politeness (issue 19, item 4): the per-host limiter on fake timers, and retries with backoff and
// Retry-After through an injected fetch, sleep and clock — no real waiting anywhere.

describe('HostLimiter (fake timers)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A task that runs `ms` of fake time and logs its start and end. */
  function tasks(limiter: HostLimiter, urls: string[], ms: number) {
    const log: { url: string; start: number; end: number }[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const all = urls.map((url) =>
      limiter.run(url, async () => {
        const start = Date.now();
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, ms));
        inFlight -= 1;
        log.push({ url, start, end: Date.now() });
        return url;
      }),
    );
    return { log, all: Promise.all(all), max: () => maxInFlight };
  }

  it('at most 2 at a time on one host, starts at least 500 ms apart', async () => {
    const limiter = new HostLimiter({ perHost: 2, delayMs: 500 });
    const urls = Array.from({ length: 6 }, (_, i) => `http://a.gov.cn/${i}.html`);
    const t = tasks(limiter, urls, 2000);
    await vi.runAllTimersAsync();
    expect(await t.all).toEqual(urls);
    expect(t.max()).toBe(2);
    const starts = t.log.map((x) => x.start).sort((a, b) => a - b);
    for (let i = 1; i < starts.length; i++) expect((starts[i] ?? 0) - (starts[i - 1] ?? 0)).toBeGreaterThanOrEqual(500);
    // two at a time of 2 s each: six take three rounds, not one
    expect(Math.max(...t.log.map((x) => x.end))).toBeGreaterThanOrEqual(6000);
  });

  it('hosts do not wait for each other; the port is part of the host', async () => {
    const limiter = new HostLimiter({ perHost: 1, delayMs: 1000 });
    const t = tasks(limiter, ['http://a.gov.cn/1', 'http://b.gov.cn/1', 'http://a.gov.cn:8080/1', 'http://A.gov.cn/2'], 100);
    await vi.runAllTimersAsync();
    await t.all;
    const start = (u: string) => t.log.find((x) => x.url === u)?.start;
    expect(start('http://a.gov.cn/1')).toBe(0);
    expect(start('http://b.gov.cn/1')).toBe(0);
    expect(start('http://a.gov.cn:8080/1')).toBe(0);
    expect(start('http://A.gov.cn/2')).toBeGreaterThanOrEqual(1000); // same host, another case
    expect(hostKey('http://WWW.X.gov.cn:81/a')).toBe('www.x.gov.cn:81');
  });

  it('delay 0: only the count limits', async () => {
    const limiter = new HostLimiter({ perHost: 3, delayMs: 0 });
    const t = tasks(limiter, Array.from({ length: 6 }, (_, i) => `http://a.gov.cn/${i}`), 100);
    await vi.runAllTimersAsync();
    await t.all;
    expect(t.max()).toBe(3);
    expect(t.log.filter((x) => x.start === 0)).toHaveLength(3);
  });

  it('holdOff (Retry-After) keeps new requests to that host back that long, a shorter hold does not shorten it', async () => {
    const limiter = new HostLimiter({ perHost: 2, delayMs: 0 });
    limiter.holdOff('http://a.gov.cn/x', 5000);
    limiter.holdOff('http://a.gov.cn/y', 1000);
    const t = tasks(limiter, ['http://a.gov.cn/1', 'http://b.gov.cn/1'], 10);
    await vi.runAllTimersAsync();
    await t.all;
    expect(t.log.find((x) => x.url === 'http://b.gov.cn/1')?.start).toBe(0);
    expect(t.log.find((x) => x.url === 'http://a.gov.cn/1')?.start).toBe(5000);
  });
});

describe('retries: backoff and Retry-After', () => {
  it('backoff doubles from the base, capped at 30 s', () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a, 500))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffMs(12, 500)).toBe(30_000);
  });

  it('Retry-After: seconds or an HTTP date against the clock; nonsense is ignored', () => {
    const now = Date.parse('Mon, 01 Jan 2024 00:00:00 GMT');
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs('Mon, 01 Jan 2024 00:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Sun, 31 Dec 2023 00:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });

  const HTML = '<!doctype html><html><head><meta charset="utf-8"><title>2023年政府信息公开工作年度报告</title></head><body><p>报告</p></body></html>';

  /** A scripted server: each call takes the next answer (a status with headers, or a thrown network error). */
  function scripted(answers: ({ status: number; headers?: Record<string, string> } | 'network')[]) {
    const calls: { url: string; headers: Record<string, string> }[] = [];
    const fn = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
      calls.push({ url: String(url), headers: { ...(init?.headers as Record<string, string>) } });
      const a = answers[calls.length - 1] ?? { status: 200 };
      if (a === 'network') throw new TypeError('fetch failed', { cause: new Error('ECONNRESET') });
      const body = a.status === 200 ? HTML : a.status === 304 ? null : 'error';
      return new Response(body, { status: a.status, headers: { 'content-type': 'text/html; charset=utf-8', ...a.headers } });
    };
    return { fetch: fn as typeof fetch, calls };
  }

  function recorder() {
    const sleeps: number[] = [];
    const holds: number[] = [];
    const gate: RequestGate = { run: (_u, task) => task(), holdOff: (_u, ms) => holds.push(ms) };
    return { sleeps, holds, gate, sleep: async (ms: number) => void sleeps.push(ms) };
  }

  it('a network error, then 503, then 500: retried after 300, 600, 1200 ms; the fourth attempt succeeds', async () => {
    const s = scripted(['network', { status: 503 }, { status: 500 }, { status: 200 }]);
    const r = recorder();
    const got = await fetchDocument('http://a.gov.cn/r.html', { fetch: s.fetch, retries: 3, sleep: r.sleep, gate: r.gate });
    expect(got.ok).toBe(true);
    expect(s.calls).toHaveLength(4);
    expect(r.sleeps).toEqual([300, 600, 1200]);
    expect(r.holds).toEqual([]);
  });

  it('429 with Retry-After: waits at least that long (and holds the host), then gives up with a Chinese reason after the retries', async () => {
    const s = scripted([{ status: 429, headers: { 'retry-after': '5' } }, { status: 429 }, { status: 429, headers: { 'retry-after': '1' } }]);
    const r = recorder();
    const got = await fetchDocument('http://a.gov.cn/r.html', { fetch: s.fetch, retries: 2, retryDelayMs: 500, sleep: r.sleep, gate: r.gate });
    expect(got).toEqual({ ok: false, status: 429, reason: { zh: '服务器返回 429（访问过于频繁）（已重试 2 次）', en: 'the server answered 429 (too many requests) (retried 2×)' } });
    expect(s.calls).toHaveLength(3);
    expect(r.sleeps).toEqual([5000, 1000]);
    expect(r.holds).toEqual([5000]);
  });

  it('a Retry-After date is read against the injected clock; past the limit it is not waited for', async () => {
    const now = Date.parse('Mon, 01 Jan 2024 00:00:00 GMT');
    const s = scripted([{ status: 503, headers: { 'retry-after': 'Mon, 01 Jan 2024 00:00:20 GMT' } }, { status: 200 }]);
    const r = recorder();
    expect((await fetchDocument('http://a.gov.cn/r.html', { fetch: s.fetch, retries: 3, sleep: r.sleep, now: () => now })).ok).toBe(true);
    expect(r.sleeps).toEqual([20_000]);

    const long = scripted([{ status: 503, headers: { 'retry-after': '3600' } }]);
    const r2 = recorder();
    const got = await fetchDocument('http://a.gov.cn/r.html', { fetch: long.fetch, retries: 3, sleep: r2.sleep });
    expect(long.calls).toHaveLength(1);
    expect(r2.sleeps).toEqual([]);
    expect(got.ok).toBe(false);
    if (!got.ok) expect(got.reason.zh).toBe('服务器返回 503（服务器错误），要求 3600 秒后再试（超过等待上限 120 秒），未再请求');
  });

  it('a 404 is not retried', async () => {
    const s = scripted([{ status: 404 }, { status: 200 }]);
    const r = recorder();
    const got = await fetchDocument('http://a.gov.cn/r.html', { fetch: s.fetch, retries: 3, sleep: r.sleep });
    expect(got.ok).toBe(false);
    expect(s.calls).toHaveLength(1);
    expect(r.sleeps).toEqual([]);
  });

  it('every attempt goes through the gate; the pause is spent outside it', async () => {
    const s = scripted(['network', { status: 200 }]);
    const events: string[] = [];
    const gate: RequestGate = {
      run: async (url, task) => {
        events.push(`in ${url}`);
        const out = await task();
        events.push('out');
        return out;
      },
    };
    await fetchDocument('http://a.gov.cn/r.html', { fetch: s.fetch, retries: 1, gate, sleep: async (ms) => void events.push(`sleep ${ms}`) });
    expect(events).toEqual(['in http://a.gov.cn/r.html', 'out', 'sleep 300', 'in http://a.gov.cn/r.html', 'out']);
  });

  it('revalidation sends the validators and reports a 304; a plain fetch calls an unasked 304 a failure', async () => {
    const s = scripted([{ status: 304, headers: { etag: '"v2"' } }]);
    const got = await fetchRevalidated('http://a.gov.cn/r.html', { fetch: s.fetch, validators: { etag: '"v1"', lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT' } });
    expect(s.calls[0]?.headers).toMatchObject({ 'If-None-Match': '"v1"', 'If-Modified-Since': 'Mon, 01 Jan 2024 00:00:00 GMT' });
    expect(got).toEqual({ ok: true, notModified: true, status: 304, finalUrl: 'http://a.gov.cn/r.html', etag: '"v2"', lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT' });
    const plain = scripted([{ status: 304 }]);
    const p = await fetchDocument('http://a.gov.cn/r.html', { fetch: plain.fetch });
    expect(plain.calls[0]?.headers['If-None-Match']).toBeUndefined();
    expect(p.ok).toBe(false);
    const fresh = scripted([{ status: 200, headers: { etag: '"v3"', 'last-modified': 'Tue, 02 Jan 2024 00:00:00 GMT' } }]);
    const f = await fetchRevalidated('http://a.gov.cn/r.html', { fetch: fresh.fetch, validators: { etag: '"v1"', lastModified: null } });
    expect(f).toMatchObject({ ok: true, kind: 'html', etag: '"v3"', lastModified: 'Tue, 02 Jan 2024 00:00:00 GMT' });
    expect(fresh.calls[0]?.headers['If-Modified-Since']).toBeUndefined();
  });
});

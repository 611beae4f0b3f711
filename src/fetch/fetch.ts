import { kindOf, type DocumentKind } from './kind';

/**
 * Get one report from a URL: what the CLI and the extension's batch page share. Pure apart from
 * the injected `fetch` (Node's global fetch in the CLI, the page's in the extension), so it runs
 * in both. Redirects are followed by fetch itself; a timeout aborts through an AbortController;
 * a network error, a timeout, a 429 or a 5xx is retried (once by default) after a pause that
 * doubles each time (exponential backoff) and is never shorter than the server's Retry-After;
 * another 4xx never. Each attempt may pass through a gate (the per-host limiter of `hosts.ts`);
 * the pauses between attempts are spent outside it. `fetchRevalidated` sends the validators
 * (ETag, Last-Modified) of an earlier fetch and says so when the server answers 304.
 */

/** What each attempt passes through: the per-host limiter (`hosts.ts`). */
export interface RequestGate {
  /** run one request to `url` when its host allows */
  run<T>(url: string, task: () => Promise<T>): Promise<T>;
  /** the server asked to wait `ms` before the next request (Retry-After): hold its host that long */
  holdOff?(url: string, ms: number): void;
}

export interface FetchDocumentOptions {
  fetch: typeof fetch;
  /** per attempt, headers and body together (default 30 000) */
  timeoutMs?: number;
  /** further attempts after a network error, a 5xx or a timeout (default 1) */
  retries?: number;
  /** cancels the whole operation (no retry after it) */
  signal?: AbortSignal;
  /** pause before the first retry, doubled before each next one up to 30 s (default 300 ms) */
  retryDelayMs?: number;
  /** larger bodies are refused (default 50 MB) */
  maxBytes?: number;
  /** each attempt runs through it (default: at once) */
  gate?: RequestGate;
  /** a Retry-After longer than this is not waited for: the URL fails, saying so (default 120 000) */
  maxRetryAfterMs?: number;
  /** how a pause is spent (default: a timer; tests pass their own) */
  sleep?(ms: number, signal: AbortSignal | undefined): Promise<void>;
  /** the clock a Retry-After date is read against (default Date.now) */
  now?(): number;
}

/** What an earlier fetch of the same URL said about its version. */
export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export type Reason = { zh: string; en: string };

export type FetchedDocument = {
  ok: true;
  /** the URL after redirects */
  finalUrl: string;
  status: number;
  kind: DocumentKind;
  bytes: Uint8Array;
  /** the Content-Type header as sent, null when absent */
  contentType: string | null;
} & Validators;

/** The server says the copy fetched before (with these validators) is still current: 304. */
export type NotModified = { ok: true; notModified: true; finalUrl: string; status: 304 } & Validators;

export type FetchFailure = { ok: false; reason: Reason; status?: number };

export type FetchOutcome = FetchedDocument | FetchFailure;
export type RevalidatedOutcome = FetchedDocument | NotModified | FetchFailure;

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

/** Kept under 128 bytes, so it stays a CORS-safelisted header (no preflight from the extension). */
const ACCEPT = 'text/html,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,*/*;q=0.8';

const STATUS_WORDS: Readonly<Record<number, Reason>> = {
  400: { zh: '请求无效', en: 'bad request' },
  401: { zh: '需要登录', en: 'login required' },
  403: { zh: '禁止访问', en: 'forbidden' },
  404: { zh: '页面不存在', en: 'not found' },
  410: { zh: '页面已删除', en: 'gone' },
  412: { zh: '被网站防护拦截', en: 'blocked by the site’s protection' },
  429: { zh: '访问过于频繁', en: 'too many requests' },
};

/**
 * Why a request failed, for one attempt. `retry` says whether another attempt may help;
 * `retryAfterMs` is what the server asked to wait (429, 503).
 */
type AttemptFailure = { retry: boolean; reason: Reason; status?: number; retryAfterMs?: number };

const MAX_BACKOFF_MS = 30_000;
const DEFAULT_MAX_RETRY_AFTER_MS = 120_000;

/** The pause before attempt `attempt` (1 = the first retry): base, 2×base, 4×base … at most 30 s. */
export function backoffMs(attempt: number, baseMs: number): number {
  return Math.min(MAX_BACKOFF_MS, Math.max(0, baseMs) * 2 ** Math.max(0, attempt - 1));
}

/** A Retry-After header in milliseconds from `now`: delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  const v = (header ?? '').trim();
  if (v === '') return null;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}

class TooLarge extends Error {}

function isAbort(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'name' in e && (e.name === 'AbortError' || e.name === 'TimeoutError');
}

/** Node's fetch (undici): `fetch failed`, caused by `redirect count exceeded`. Browsers do not say. */
function isRedirectLoop(e: unknown): boolean {
  const cause = e instanceof Error ? (e as Error & { cause?: unknown }).cause : undefined;
  return cause instanceof Error && /redirect count exceeded/i.test(cause.message);
}

function message(e: unknown): string {
  if (e instanceof Error) {
    const cause = (e as Error & { cause?: unknown }).cause;
    const inner = cause instanceof Error ? cause.message : typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : '';
    return inner && inner !== e.message ? `${e.message} (${inner})` : e.message;
  }
  return String(e);
}

function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

async function readBody(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > maxBytes) throw new TooLarge();
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** Only http(s) URLs; anything else is refused before a request is made. */
export function parseHttpUrl(url: string): URL | null {
  try {
    const u = new URL(url.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

export async function fetchDocument(url: string, options: FetchDocumentOptions): Promise<FetchOutcome> {
  const got = await fetchWith(url, options, null);
  // no validators were sent: a 304 is the server's mistake
  if (got.ok && 'notModified' in got) return { ok: false, status: 304, reason: { zh: '服务器返回 304（未请求缓存却答“未修改”）', en: 'the server answered 304 (not modified) to a plain request' } };
  return got;
}

/**
 * `fetchDocument` with the validators of an earlier fetch (If-None-Match, If-Modified-Since):
 * a 304 comes back as `notModified`, and the copy the caller kept stands.
 */
export function fetchRevalidated(url: string, options: FetchDocumentOptions & { validators: Validators }): Promise<RevalidatedOutcome> {
  return fetchWith(url, options, options.validators);
}

type Attempt = { done: RevalidatedOutcome } | { failed: AttemptFailure };

async function fetchWith(url: string, options: FetchDocumentOptions, validators: Validators | null): Promise<RevalidatedOutcome> {
  const parsed = parseHttpUrl(url);
  if (!parsed) return { ok: false, reason: { zh: `网址无效（只支持 http/https）：${url}`, en: `not an http(s) URL: ${url}` } };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retries = Math.max(0, options.retries ?? 1);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRetryAfter = options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  const sleep = options.sleep ?? delay;
  const now = options.now ?? Date.now;
  const outer = options.signal;
  // Called detached: `window.fetch` called as a method of `options` throws "Illegal invocation".
  const fetchFn = options.fetch;
  const cancelled = (): FetchFailure => ({ ok: false, reason: { zh: '已取消', en: 'cancelled' } });
  const headers: Record<string, string> = { Accept: ACCEPT, 'Accept-Language': 'zh-CN,zh;q=0.9,en;q=0.5' };
  if (validators?.etag) headers['If-None-Match'] = validators.etag;
  if (validators?.lastModified) headers['If-Modified-Since'] = validators.lastModified;

  /** One request and its body; the timeout starts when the gate lets it go. */
  const attemptOnce = async (): Promise<Attempt> => {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onOuterAbort = (): void => controller.abort();
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    try {
      const response = await fetchFn(parsed.href, { redirect: 'follow', signal: controller.signal, headers });
      const status = response.status;
      const finalUrl = response.url || parsed.href;
      const etag = response.headers.get('etag');
      const lastModified = response.headers.get('last-modified');
      if (status === 304) {
        await response.body?.cancel().catch(() => undefined);
        // the server may leave the validators out of a 304: the earlier ones still hold
        return { done: { ok: true, notModified: true, finalUrl, status: 304, etag: etag ?? validators?.etag ?? null, lastModified: lastModified ?? validators?.lastModified ?? null } };
      }
      if (status >= 400) {
        // Do not wait for an error page we will not read.
        await response.body?.cancel().catch(() => undefined);
        const words = STATUS_WORDS[status];
        const retry = status >= 500 || status === 429;
        const after = status === 429 || status === 503 ? retryAfterMs(response.headers.get('retry-after'), now()) : null;
        const failed: AttemptFailure = {
          retry,
          status,
          reason: {
            zh: `服务器返回 ${status}${words ? `（${words.zh}）` : status >= 500 ? '（服务器错误）' : ''}`,
            en: `the server answered ${status}${words ? ` (${words.en})` : status >= 500 ? ' (server error)' : ''}`,
          },
        };
        return { failed: after === null ? failed : { ...failed, retryAfterMs: after } };
      }
      const bytes = await readBody(response, maxBytes);
      const contentType = response.headers.get('content-type');
      if (bytes.length === 0) return { failed: { retry: false, status, reason: { zh: '服务器返回空内容', en: 'the server sent an empty body' } } };
      const guess = kindOf({ contentType, contentDisposition: response.headers.get('content-disposition'), name: finalUrl, bytes });
      if (guess.kind === null) {
        return {
          failed: {
            retry: false,
            status,
            reason: {
              zh: `不是网页、PDF 或 Word 文档，而是${guess.what.zh}${contentType ? `（${contentType}）` : ''}`,
              en: `not a web page, PDF or Word document but ${guess.what.en}${contentType ? ` (${contentType})` : ''}`,
            },
          },
        };
      }
      return { done: { ok: true, finalUrl, status, kind: guess.kind, bytes, contentType, etag, lastModified } };
    } catch (e) {
      if (outer?.aborted) return { done: cancelled() };
      if (e instanceof TooLarge) return { failed: { retry: false, reason: { zh: `文件过大（超过 ${Math.round(maxBytes / 1048576)} MB）`, en: `too large (over ${Math.round(maxBytes / 1048576)} MB)` } } };
      // undici stops after 20 redirects; a retry would go round the same loop
      if (isRedirectLoop(e)) return { failed: { retry: false, reason: { zh: '重定向次数过多（网站的跳转形成了循环）', en: 'too many redirects (the site redirects in a loop)' } } };
      if (timedOut || isAbort(e)) {
        const s = Math.round(timeoutMs / 100) / 10;
        return { failed: { retry: true, reason: { zh: `超时：${s} 秒内未取回`, en: `timed out after ${s} s` } } };
      }
      const why = message(e);
      return { failed: { retry: true, reason: { zh: `无法连接：${why}`, en: `could not connect: ${why}` } } };
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    }
  };

  let last: AttemptFailure | null = null;
  let tries = 0;
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (outer?.aborted) return cancelled();
    if (attempt > 0 && last) {
      // never sooner than the server asked; the host waits as long (other requests to it too)
      const wait = Math.max(backoffMs(attempt, options.retryDelayMs ?? 300), last.retryAfterMs ?? 0);
      if (last.retryAfterMs !== undefined) options.gate?.holdOff?.(parsed.href, last.retryAfterMs);
      await sleep(wait, outer);
      if (outer?.aborted) return cancelled();
    }
    tries = attempt;
    const got = options.gate ? await options.gate.run(parsed.href, attemptOnce) : await attemptOnce();
    if ('done' in got) return got.done;
    last = got.failed;
    if (!last.retry) break;
    if (last.retryAfterMs !== undefined && last.retryAfterMs > maxRetryAfter) {
      const s = Math.ceil(last.retryAfterMs / 1000);
      last = { ...last, retry: false, reason: { zh: `${last.reason.zh}，要求 ${s} 秒后再试（超过等待上限 ${Math.round(maxRetryAfter / 1000)} 秒），未再请求`, en: `${last.reason.en}, asked to wait ${s} s (over the ${Math.round(maxRetryAfter / 1000)} s limit); not tried again` } };
      break;
    }
  }
  const failure = last ?? { retry: false, reason: { zh: '未能取回', en: 'could not be fetched' } };
  const tried = failure.retry && tries > 0 ? { zh: `（已重试 ${tries} 次）`, en: ` (retried ${tries}×)` } : { zh: '', en: '' };
  const reason = { zh: failure.reason.zh + tried.zh, en: failure.reason.en + tried.en };
  return failure.status === undefined ? { ok: false, reason } : { ok: false, reason, status: failure.status };
}

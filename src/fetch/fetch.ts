import { kindOf, type DocumentKind } from './kind';

/**
 * Get one report from a URL: what the CLI and the extension's batch page share. Pure apart from
 * the injected `fetch` (Node's global fetch in the CLI, the page's in the extension), so it runs
 * in both. Redirects are followed by fetch itself; a timeout aborts through an AbortController;
 * a network error, a 5xx or a timeout is retried (once by default), a 4xx never.
 */

export interface FetchDocumentOptions {
  fetch: typeof fetch;
  /** per attempt, headers and body together (default 30 000) */
  timeoutMs?: number;
  /** further attempts after a network error, a 5xx or a timeout (default 1) */
  retries?: number;
  /** cancels the whole operation (no retry after it) */
  signal?: AbortSignal;
  /** pause before a retry (default 300 ms) */
  retryDelayMs?: number;
  /** larger bodies are refused (default 50 MB) */
  maxBytes?: number;
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
};

export type FetchFailure = { ok: false; reason: Reason; status?: number };

export type FetchOutcome = FetchedDocument | FetchFailure;

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

/** Why a request failed, for one attempt. `retry` says whether another attempt may help. */
type AttemptFailure = { retry: boolean; reason: Reason; status?: number };

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
  const parsed = parseHttpUrl(url);
  if (!parsed) return { ok: false, reason: { zh: `网址无效（只支持 http/https）：${url}`, en: `not an http(s) URL: ${url}` } };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retries = Math.max(0, options.retries ?? 1);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const outer = options.signal;
  // Called detached: `window.fetch` called as a method of `options` throws "Illegal invocation".
  const fetchFn = options.fetch;
  const cancelled = (): FetchFailure => ({ ok: false, reason: { zh: '已取消', en: 'cancelled' } });

  let last: AttemptFailure | null = null;
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (outer?.aborted) return cancelled();
    if (attempt > 0) {
      await delay(options.retryDelayMs ?? 300, outer);
      if (outer?.aborted) return cancelled();
    }
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onOuterAbort = (): void => controller.abort();
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    try {
      const response = await fetchFn(parsed.href, {
        redirect: 'follow',
        signal: controller.signal,
        headers: { Accept: ACCEPT, 'Accept-Language': 'zh-CN,zh;q=0.9,en;q=0.5' },
      });
      const status = response.status;
      if (status >= 400) {
        // Do not wait for an error page we will not read.
        await response.body?.cancel().catch(() => undefined);
        const words = STATUS_WORDS[status];
        const retry = status >= 500;
        last = {
          retry,
          status,
          reason: {
            zh: `服务器返回 ${status}${words ? `（${words.zh}）` : retry ? '（服务器错误）' : ''}`,
            en: `the server answered ${status}${words ? ` (${words.en})` : retry ? ' (server error)' : ''}`,
          },
        };
        if (!retry) break;
        continue;
      }
      const bytes = await readBody(response, maxBytes);
      const finalUrl = response.url || parsed.href;
      const contentType = response.headers.get('content-type');
      if (bytes.length === 0) {
        last = { retry: false, status, reason: { zh: '服务器返回空内容', en: 'the server sent an empty body' } };
        break;
      }
      const guess = kindOf({ contentType, contentDisposition: response.headers.get('content-disposition'), name: finalUrl, bytes });
      if (guess.kind === null) {
        last = {
          retry: false,
          status,
          reason: {
            zh: `不是网页、PDF 或 Word 文档，而是${guess.what.zh}${contentType ? `（${contentType}）` : ''}`,
            en: `not a web page, PDF or Word document but ${guess.what.en}${contentType ? ` (${contentType})` : ''}`,
          },
        };
        break;
      }
      return { ok: true, finalUrl, status, kind: guess.kind, bytes, contentType };
    } catch (e) {
      if (outer?.aborted) return cancelled();
      if (e instanceof TooLarge) {
        last = { retry: false, reason: { zh: `文件过大（超过 ${Math.round(maxBytes / 1048576)} MB）`, en: `too large (over ${Math.round(maxBytes / 1048576)} MB)` } };
        break;
      }
      if (isRedirectLoop(e)) {
        // undici stops after 20 redirects; a retry would go round the same loop
        last = { retry: false, reason: { zh: '重定向次数过多（网站的跳转形成了循环）', en: 'too many redirects (the site redirects in a loop)' } };
        break;
      }
      if (timedOut || isAbort(e)) {
        const s = Math.round(timeoutMs / 100) / 10;
        last = { retry: true, reason: { zh: `超时：${s} 秒内未取回`, en: `timed out after ${s} s` } };
      } else {
        const why = message(e);
        last = { retry: true, reason: { zh: `无法连接：${why}`, en: `could not connect: ${why}` } };
      }
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    }
  }
  const failure = last ?? { retry: false, reason: { zh: '未能取回', en: 'could not be fetched' } };
  const tried = failure.retry && retries > 0 ? { zh: `（已重试 ${retries} 次）`, en: ` (retried ${retries}×)` } : { zh: '', en: '' };
  const reason = { zh: failure.reason.zh + tried.zh, en: failure.reason.en + tried.en };
  return failure.status === undefined ? { ok: false, reason } : { ok: false, reason, status: failure.status };
}

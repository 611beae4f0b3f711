import { spawnSync } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeHtml, decodeText, fetchDocument, kindOf } from '../../src/fetch';
import { makeDocx, oleBytes } from '../support/make-docx';
import { FIXTURES } from '../fixtures/html/specs';

/** UTF-8 text → GB18030 bytes, by iconv (the same bytes a GBK page on gov.cn holds for these characters). */
function gbk(text: string): Uint8Array<ArrayBuffer> {
  const r = spawnSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: text });
  if (r.status !== 0) throw new Error(`iconv: ${r.stderr.toString()}`);
  return new Uint8Array(r.stdout);
}

const REPORT = '威海市环翠区人民政府2024年政府信息公开工作年度报告';
const page = (meta: string): string => `<!DOCTYPE html><html><head>${meta}<title>${REPORT}</title></head><body><p>${REPORT}</p></body></html>`;

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let server: Server;
let base = '';
const hits = new Map<string, number>();
let docx: Uint8Array;

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: Uint8Array | string): void {
  res.writeHead(status, headers);
  res.end(body);
}

const ROUTES: Record<string, Handler> = {
  '/utf8.html': (_q, res) => send(res, 200, { 'content-type': 'text/html; charset=utf-8' }, page('<meta charset="utf-8">')),
  // GBK bytes, charset only in <meta http-equiv>, no charset in the header
  '/gbk-meta.html': (_q, res) => send(res, 200, { 'content-type': 'text/html' }, gbk(page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'))),
  // GBK bytes, charset only in the header
  '/gbk-header.html': (_q, res) => send(res, 200, { 'content-type': 'text/html; charset=GBK' }, gbk(page(''))),
  // a server-wide charset=utf-8 on a GBK page that says gbk in its <meta>
  '/gbk-lying-header.html': (_q, res) => send(res, 200, { 'content-type': 'text/html; charset=utf-8' }, gbk(page('<meta charset="gbk">'))),
  // GBK bytes, nothing declared anywhere: sniffed
  '/gbk-bare': (_q, res) => send(res, 200, {}, gbk(page(''))),
  '/missing.html': (_q, res) => send(res, 404, { 'content-type': 'text/html' }, '<h1>404 页面不存在</h1>'),
  '/forbidden': (_q, res) => send(res, 403, {}, 'no'),
  '/slow.html': (_q, res) => {
    const t = setTimeout(() => send(res, 200, { 'content-type': 'text/html' }, page('')), 2000);
    res.on('close', () => clearTimeout(t));
  },
  // headers at once, then the body stalls: the timeout covers the body too
  '/stall.html': (_q, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.write('<html><body>');
    const t = setTimeout(() => res.end('</body></html>'), 2000);
    res.on('close', () => clearTimeout(t));
  },
  '/redirect': (_q, res) => send(res, 302, { location: '/utf8.html' }, ''),
  '/loop-a': (_q, res) => send(res, 302, { location: '/loop-b' }, ''),
  '/loop-b': (_q, res) => send(res, 302, { location: '/loop-a' }, ''),
  '/flaky.html': (_q, res) => {
    const n = hits.get('/flaky.html') ?? 0;
    if (n === 1) send(res, 500, {}, 'oops');
    else send(res, 200, { 'content-type': 'text/html; charset=utf-8' }, page(''));
  },
  '/always-500': (_q, res) => send(res, 503, {}, 'down'),
  '/report.pdf': (_q, res) => send(res, 200, { 'content-type': 'application/octet-stream' }, '%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'),
  '/download.jsp': (_q, res) =>
    send(res, 200, { 'content-type': 'application/octet-stream', 'content-disposition': "attachment; filename*=UTF-8''%E5%B9%B4%E6%8A%A5.docx" }, docx),
  '/old.doc': (_q, res) => send(res, 200, { 'content-type': 'application/msword' }, oleBytes()),
  // a dead .pdf link answered by an HTML error page with status 200
  '/gone.pdf': (_q, res) => send(res, 200, { 'content-type': 'application/pdf' }, '<!DOCTYPE html><html><body>文件不存在</body></html>'),
  '/seed.txt': (_q, res) => send(res, 200, { 'content-type': 'text/plain; charset=gb18030' }, gbk('一、总体情况\n')),
  '/logo.png': (_q, res) => send(res, 200, { 'content-type': 'image/png' }, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  '/empty': (_q, res) => send(res, 200, { 'content-type': 'text/html' }, ''),
};

beforeAll(async () => {
  const seed = FIXTURES.find((s) => s.name === 'seed-004');
  if (!seed) throw new Error('seed-004');
  docx = await makeDocx(seed);
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const route = ROUTES[path];
    if (route) route(req, res);
    else send(res, 404, {}, 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const get = (path: string, extra: { timeoutMs?: number; retries?: number; signal?: AbortSignal } = {}) =>
  fetchDocument(`${base}${path}`, { fetch, timeoutMs: 1500, retries: 1, retryDelayMs: 10, ...extra });

describe('fetchDocument against a local server', () => {
  it('a UTF-8 page', async () => {
    const r = await get('/utf8.html');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r).toMatchObject({ status: 200, kind: 'html', finalUrl: `${base}/utf8.html`, contentType: 'text/html; charset=utf-8' });
    expect(decodeHtml(r.bytes, r.contentType)).toContain(REPORT);
  });

  it('GBK pages: charset from <meta http-equiv>, from the header, past a lying header, and sniffed', async () => {
    for (const path of ['/gbk-meta.html', '/gbk-header.html', '/gbk-lying-header.html', '/gbk-bare']) {
      const r = await get(path);
      expect(r.ok, path).toBe(true);
      if (!r.ok) continue;
      expect(r.kind, path).toBe('html');
      expect(decodeHtml(r.bytes, r.contentType), path).toContain(REPORT);
    }
  });

  it('404 fails at once with the status, no retry', async () => {
    const before = hits.get('/missing.html') ?? 0;
    const r = await get('/missing.html');
    expect(r).toEqual({ ok: false, status: 404, reason: { zh: '服务器返回 404（页面不存在）', en: 'the server answered 404 (not found)' } });
    expect((hits.get('/missing.html') ?? 0) - before).toBe(1);
    const f = await get('/forbidden');
    expect(f.ok === false && f.status).toBe(403);
  });

  it('a slow page past the timeout: aborted, retried once, then a timeout reason', async () => {
    const before = hits.get('/slow.html') ?? 0;
    const started = Date.now();
    const r = await get('/slow.html', { timeoutMs: 200 });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason.zh).toBe('超时：0.2 秒内未取回（已重试 1 次）');
    expect(r.reason.en).toBe('timed out after 0.2 s (retried 1×)');
    expect((hits.get('/slow.html') ?? 0) - before).toBe(2);
  });

  it('the timeout covers a body that stalls after the headers', async () => {
    const r = await get('/stall.html', { timeoutMs: 200, retries: 0 });
    expect(r.ok === false && r.reason.zh).toBe('超时：0.2 秒内未取回');
  });

  it('a redirect is followed; finalUrl is where it ended', async () => {
    const r = await get('/redirect');
    expect(r.ok && r.finalUrl).toBe(`${base}/utf8.html`);
    expect(r.ok && r.status).toBe(200);
  });

  it('a redirect loop is named as one, and not retried (issue 16)', async () => {
    hits.set('/loop-a', 0);
    const r = await get('/loop-a');
    expect(r.ok === false && r.reason.zh).toBe('重定向次数过多（网站的跳转形成了循环）');
    expect(r.ok === false && r.reason.en).toContain('redirect');
    // one attempt: undici follows 20 redirects, about half of them to /loop-a
    expect(hits.get('/loop-a') ?? 0).toBeLessThanOrEqual(11);
  });

  it('a 500 then a 200: the retry gets the page', async () => {
    hits.set('/flaky.html', 0);
    const r = await get('/flaky.html');
    expect(r.ok).toBe(true);
    expect(hits.get('/flaky.html')).toBe(2);
    const down = await get('/always-500');
    expect(down).toEqual({ ok: false, status: 503, reason: { zh: '服务器返回 503（服务器错误）（已重试 1 次）', en: 'the server answered 503 (server error) (retried 1×)' } });
  });

  it('retries: 0 means one attempt', async () => {
    hits.set('/flaky.html', 0);
    const r = await get('/flaky.html', { retries: 0 });
    expect(r.ok === false && r.status).toBe(500);
    expect(hits.get('/flaky.html')).toBe(1);
  });

  it('kind from content-type, then the file name (Content-Disposition, path), then magic bytes', async () => {
    const pdf = await get('/report.pdf');
    expect(pdf.ok && pdf.kind).toBe('pdf');
    const word = await get('/download.jsp');
    expect(word.ok && word.kind).toBe('docx');
    expect(word.ok && word.bytes.length).toBe(docx.length);
    const old = await get('/old.doc');
    expect(old.ok && old.kind).toBe('doc');
    const gone = await get('/gone.pdf');
    expect(gone.ok && gone.kind).toBe('html');
    const txt = await get('/seed.txt');
    expect(txt.ok && txt.kind).toBe('text');
    expect(txt.ok && decodeText(txt.bytes, txt.contentType)).toBe('一、总体情况\n');
  });

  it('a picture, an empty body, a refused connection, a non-http URL: one-line reasons', async () => {
    const png = await get('/logo.png');
    expect(png.ok === false && png.reason.zh).toBe('不是网页、PDF 或 Word 文档，而是图片（image/png）');
    const empty = await get('/empty');
    expect(empty.ok === false && empty.reason.zh).toBe('服务器返回空内容');
    // a port nothing listens on: connection refused, retried once
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const refused = await fetchDocument(`http://127.0.0.1:${port}/`, { fetch, timeoutMs: 1000, retries: 1, retryDelayMs: 10 });
    expect(refused.ok === false && refused.reason.zh).toMatch(/^无法连接：.*（已重试 1 次）$/);
    const ftp = await fetchDocument('ftp://example.gov.cn/a.html', { fetch });
    expect(ftp.ok === false && ftp.reason.en).toBe('not an http(s) URL: ftp://example.gov.cn/a.html');
  });

  it('a caller abort cancels without a retry', async () => {
    const ctl = new AbortController();
    const before = hits.get('/slow.html') ?? 0;
    setTimeout(() => ctl.abort(), 50);
    const r = await get('/slow.html', { timeoutMs: 5000, signal: ctl.signal });
    expect(r).toEqual({ ok: false, reason: { zh: '已取消', en: 'cancelled' } });
    expect((hits.get('/slow.html') ?? 0) - before).toBe(1);
  });

  it('an injected fetch is all it uses (as in the extension), called detached, with safelisted headers', async () => {
    const calls: { url: string; headers: Headers }[] = [];
    // window.fetch throws "Illegal invocation" when called as a method of another object
    const fake = function (this: unknown, input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> {
      if (this !== undefined && this !== globalThis) throw new TypeError('Illegal invocation');
      calls.push({ url: String(input), headers: new Headers(init?.headers) });
      return Promise.resolve(new Response(gbk(page('<meta charset="gb2312">')), { status: 200, headers: { 'content-type': 'text/html' } }));
    } as typeof fetch;
    const r = await fetchDocument('https://www.example.gov.cn/art/2025/1/20/art_1.html', { fetch: fake });
    expect(calls.map((c) => c.url)).toEqual(['https://www.example.gov.cn/art/2025/1/20/art_1.html']);
    // CORS-safelisted: Accept and Accept-Language only, each value under 128 bytes
    const headers = calls[0]?.headers;
    expect([...(headers?.keys() ?? [])].sort()).toEqual(['accept', 'accept-language']);
    for (const [, v] of headers ?? []) expect(v.length).toBeLessThanOrEqual(128);
    expect(r.ok && r.finalUrl).toBe('https://www.example.gov.cn/art/2025/1/20/art_1.html'); // a synthetic Response has no url
    expect(r.ok && decodeHtml(r.bytes, r.contentType)).toContain(REPORT);
  });
});

describe('decodeHtml', () => {
  const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
  it('header charset first, gbk/gb2312/x-gbk labels read with GB18030', () => {
    const bytes = gbk('<p>年度报告</p>');
    for (const label of ['gbk', 'GB2312', 'x-gbk', '"gb2312"', 'GB18030']) expect(decodeHtml(bytes, `text/html; charset=${label}`), label).toBe('<p>年度报告</p>');
  });
  it('then <meta charset> and http-equiv, then sniffing', () => {
    expect(decodeHtml(gbk('<meta charset=gbk><p>报告</p>'), null)).toContain('报告');
    expect(decodeHtml(gbk('<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=GB2312"><p>报告</p>'), 'text/html')).toContain('报告');
    expect(decodeHtml(gbk('<p>报告</p>'), undefined)).toBe('<p>报告</p>');
    expect(decodeHtml(enc('<p>报告</p>'), null)).toBe('<p>报告</p>');
  });
  it('a BOM wins; an unknown label is ignored; a UTF-8 label on non-UTF-8 bytes is not believed', () => {
    expect(decodeHtml(new Uint8Array([0xef, 0xbb, 0xbf, ...enc('<p>报告</p>')]), 'text/html; charset=gbk')).toBe('<p>报告</p>');
    expect(decodeHtml(enc('<p>报告</p>'), 'text/html; charset=no-such-thing')).toBe('<p>报告</p>');
    expect(decodeHtml(gbk('<p>报告</p>'), 'text/html; charset=UTF-8')).toBe('<p>报告</p>');
  });
  it('decodeText ignores markup', () => {
    expect(decodeText(gbk('<meta charset="utf-8">报告'), null)).toBe('<meta charset="utf-8">报告');
  });
});

describe('kindOf', () => {
  const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
  it('declared, then name, then magic; clear magic wins over a wrong label', () => {
    expect(kindOf({ contentType: 'text/html', bytes: enc('%PDF-1.4') }).kind).toBe('pdf');
    expect(kindOf({ contentType: null, name: 'a.txt', bytes: enc('<html>') }).kind).toBe('text');
    expect(kindOf({ contentType: null, name: 'a', bytes: enc('<!doctype html><p>') }).kind).toBe('html');
    expect(kindOf({ contentType: null, name: 'a', bytes: enc('一、总体情况') }).kind).toBe('text');
    expect(kindOf({ contentType: null, name: 'http://x.gov.cn/down.jsp?id=1&filename=nb.pdf', bytes: enc('%PDF-1.4') }).kind).toBe('pdf');
    expect(kindOf({ contentType: null, name: 'old.wps', bytes: oleBytes() }).kind).toBe('doc');
    expect(kindOf({ contentType: null, name: 'old.xls', bytes: oleBytes() }).kind).toBeNull();
    // Word's "save as web page" under a .doc name
    expect(kindOf({ contentType: null, name: 'nb.doc', bytes: enc('<html xmlns:o="urn:schemas-microsoft-com:office:office">') }).kind).toBe('html');
    expect(kindOf({ contentType: null, name: 'nb.doc', bytes: enc('x') }).kind).toBe('doc');
  });
});

/**
 * The test site of issue 19 ("inspectors at scale"): three bodies' 年报 columns, five years each,
 * generated from consistent figures and served from 127.0.0.1 under gov.cn host names.
 *
 *  - 环翠区 (www.huancui.gov.cn): 2021–2025, its name drifting (威海市环翠区人民政府 / 环翠区人民政府 /
 *    威海市环翠区政府); a listing of three pages joined by 下一页 links, two reports a page; the 2022
 *    report only as a PDF attached to an article page; a link to a copy of the 2023 report on
 *    another site (www.weihai.gov.cn), left out unless that host is allowed.
 *  - 二十里店镇 (www.hyesld.gov.cn): a GBK site (pages in GBK, `charset=gbk`); its listing's second page
 *    linked only by the TRS `createPageHTML(2, 0, "index", "html")` script; no 2023 report.
 *  - 某某市生态环境局 (www.mmsthj.gov.cn): 2021–2025; 2024 published with 2023's figures unchanged;
 *    a listing of two pages (下一页), three reports a page.
 *
 * Every report is sound on its own and follows on from the year before (上年结转 = last year's
 * 结转下年度, 现行有效 = last year's + 制发 − 废止), except the planted faults: the missing year,
 * the repeated year. `writeTestSite(dir)` writes it; `startSiteServer(dir)` serves it (by the Host
 * header, so Chromium's `--host-resolver-rules=MAP *.gov.cn 127.0.0.1` reaches it; ETag and
 * Last-Modified answered with 304; every request logged); `siteFetch(server)` is a fetch for Node
 * that sends gov.cn URLs to it. Reusable: the resume test (h19b) runs on the same site.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderHtml, type Body, type SoundFigures } from '../support/render';
import { seriesFigures } from './figures';

export const SITE_DIR_SOURCE = dirname(fileURLToPath(import.meta.url));
/** The 2022 环翠区 report as a PDF, printed from its page by scripts/make-test-site-pdf.ts. */
export const SITE_PDF = join(SITE_DIR_SOURCE, 'huancui-2022.pdf');

export const YEARS = [2021, 2022, 2023, 2024, 2025] as const;

export interface SiteBody {
  /** the body key the checker groups its reports by (model/body.ts bodyKey) */
  key: string;
  host: string;
  /** the listing's first page */
  listing: string;
  /** the body's name per year, as each report's title gives it */
  names: Record<number, string>;
  /** years published (a missing one is left out) */
  years: number[];
  /** pages in GBK */
  gbk: boolean;
  /** reports per listing page */
  perPage: number;
  /** the year published with the previous year's figures */
  repeat?: number;
  seed: number;
  scale: number;
}

export const BODIES: readonly SiteBody[] = [
  {
    key: '环翠区',
    host: 'www.huancui.gov.cn',
    listing: '/col/col1001/index.html',
    names: { 2021: '威海市环翠区人民政府', 2022: '威海市环翠区人民政府', 2023: '环翠区人民政府', 2024: '威海市环翠区政府', 2025: '环翠区人民政府' },
    years: [...YEARS],
    gbk: false,
    perPage: 2,
    seed: 1001,
    scale: 40,
  },
  {
    key: '二十里店镇',
    host: 'www.hyesld.gov.cn',
    listing: '/xxgk/nb/index.html',
    names: Object.fromEntries(YEARS.map((y) => [y, '海阳市二十里店镇人民政府'])),
    years: [2021, 2022, 2024, 2025],
    gbk: true,
    perPage: 2,
    seed: 2002,
    scale: 8,
  },
  {
    key: '某某市生态环境局',
    host: 'www.mmsthj.gov.cn',
    listing: '/col/col2035/index.html',
    names: Object.fromEntries(YEARS.map((y) => [y, '某某市生态环境局'])),
    years: [...YEARS],
    gbk: false,
    perPage: 3,
    repeat: 2024,
    seed: 3003,
    scale: 25,
  },
];

/** The other site a copy of 环翠区's 2023 report is on (left out unless allowed). */
export const MIRROR_HOST = 'www.weihai.gov.cn';
export const MIRROR_PATH = '/art/2024/2/1/art_9_2023.html';

export interface SiteReport {
  body: SiteBody;
  year: number;
  /** the name on the report */
  name: string;
  /** where the listing links (a page, or the article attaching the PDF) */
  path: string;
  /** the report itself: the page, or the PDF */
  reportPath: string;
  kind: 'page' | 'pdf';
  figures: SoundFigures;
}

const PDF_YEAR = { key: '环翠区', year: 2022 };
const PDF_PATH = '/module/download/attach/hc2022nb.pdf';

/** Every report of the site, body by body, oldest first. */
export function siteReports(): SiteReport[] {
  const out: SiteReport[] = [];
  for (const b of BODIES) {
    const body: Body = { name: b.names[YEARS[0]] ?? b.key, makesRegulations: false };
    const figures = seriesFigures(body, YEARS, { seed: b.seed, scale: b.scale, repeat: b.repeat });
    for (const f of figures) {
      if (!b.years.includes(f.year)) continue;
      const name = b.names[f.year] ?? body.name;
      const path = b.gbk ? `/xxgk/nb/${f.year + 1}01/t${f.year + 1}0120_${f.year}.html` : `/art/${f.year + 1}/1/20/art_${b.seed}_${f.year}.html`;
      const pdf = b.key === PDF_YEAR.key && f.year === PDF_YEAR.year;
      out.push({ body: b, year: f.year, name, path, reportPath: pdf ? PDF_PATH : path, kind: pdf ? 'pdf' : 'page', figures: { ...f, body: { ...f.body, name } } });
    }
  }
  return out;
}

/** The report page of one year, as the site serves it. */
export function reportHtml(r: SiteReport): string {
  const html = renderHtml(r.figures);
  return r.body.gbk ? html.replace('charset=utf-8', 'charset=gbk') : html;
}

const esc = (s: string): string => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
const title = (r: SiteReport): string => `${r.name}${r.year}年政府信息公开工作年度报告`;

function shell(b: SiteBody, pageTitle: string, content: string): string {
  const charset = b.gbk ? 'gbk' : 'utf-8';
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="${charset}">
<title>${esc(pageTitle)}</title>
</head>
<body>
<div class="header"><a href="/">${esc(b.names[2025] ?? b.key)}</a></div>
<div class="nav"><a href="/">首页</a> <a href="/col/zwgk/index.html">政务公开</a> <a href="${b.listing}">政府信息公开年报</a> <a href="/col/hdjl/index.html">互动交流</a></div>
<div class="main">
${content}
</div>
<div class="footer">主办单位：${esc(b.names[2025] ?? b.key)}　网站标识码：3710000000</div>
</body>
</html>
`;
}

/** The listing's pages: newest report first, `perPage` a page, the next page linked as its CMS does. */
function listingPages(b: SiteBody, reports: SiteReport[]): { path: string; html: string }[] {
  const newest = [...reports].sort((x, y) => y.year - x.year);
  const pages = Math.ceil(newest.length / b.perPage);
  const dir = b.listing.replace(/[^/]*$/, '');
  const name = (n: number): string => (n === 0 ? 'index.html' : `index_${n}.html`);
  const out: { path: string; html: string }[] = [];
  for (let n = 0; n < pages; n++) {
    const items = newest.slice(n * b.perPage, (n + 1) * b.perPage).map((r) => {
      const t = title(r);
      // the list cuts long titles short and keeps the whole one in the title attribute
      const shown = t.length > 24 ? `${t.slice(0, 22)}...` : t;
      return `<li><a href="${r.path}" title="${esc(t)}" target="_blank">${esc(shown)}</a><span class="date">${r.year + 1}-01-20</span></li>`;
    });
    if (n === 0) {
      items.push(`<li><a href="/art/2025/3/2/art_100_1.html">关于召开2025年政务公开工作会议的通知</a><span class="date">2025-03-02</span></li>`);
      if (b.key === '环翠区') items.push(`<li><a href="http://${MIRROR_HOST}${MIRROR_PATH}" title="转载：环翠区人民政府2023年政府信息公开工作年度报告">转载：环翠区人民政府2023年政府信息公开工作年度报告</a><span class="date">2024-02-01</span></li>`);
    }
    let nav: string;
    if (b.gbk) {
      // TRS: the page links are written by a script
      nav = `<div class="page"><script>createPageHTML(${pages}, ${n}, "index", "html");</script></div>`;
    } else {
      const parts = [`<a href="${dir}index.html">首页</a>`];
      if (n > 0) parts.push(`<a href="${dir}${name(n - 1)}">上一页</a>`);
      if (n < pages - 1) parts.push(`<a href="${dir}${name(n + 1)}">下一页</a>`);
      parts.push(`<a href="${dir}${name(pages - 1)}">尾页</a>`, `<span>共${pages}页</span>`);
      nav = `<div class="page">${parts.join(' ')}</div>`;
    }
    out.push({ path: `${dir}${name(n)}`, html: shell(b, `政府信息公开年报_${b.names[2025] ?? b.key}`, `<h2>政府信息公开年报</h2>\n<ul class="list">\n${items.join('\n')}\n</ul>\n${nav}`) });
  }
  return out;
}

/** UTF-8 text → GBK bytes, by iconv (what a GBK gov.cn page holds). */
export function toGbk(text: string): Buffer {
  const r = spawnSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: text, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`iconv: ${r.stderr.toString()}`);
  return r.stdout;
}

export interface WrittenSite {
  dir: string;
  /** the listings' first pages, as path on a host: `www.huancui.gov.cn/col/col1001/index.html` */
  listings: { host: string; path: string }[];
  reports: SiteReport[];
  /** hosts whose pages are GBK */
  gbkHosts: string[];
}

/** Write the site under `dir/<host>/<path>`. */
export function writeTestSite(dir: string): WrittenSite {
  const reports = siteReports();
  const put = (host: string, path: string, body: string | Buffer, gbk = false): void => {
    const file = join(dir, host, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, typeof body === 'string' ? (gbk ? toGbk(body) : body) : body);
  };
  for (const b of BODIES) {
    const mine = reports.filter((r) => r.body === b);
    for (const p of listingPages(b, mine)) put(b.host, p.path, p.html, b.gbk);
    put(b.host, '/index.html', shell(b, b.names[2025] ?? b.key, `<a href="${b.listing}">政府信息公开年报</a>`), b.gbk);
    for (const r of mine) {
      if (r.kind === 'pdf') {
        put(b.host, r.reportPath, readFileSync(SITE_PDF));
        const page = `<h1>${esc(title(r))}</h1>\n<p>发布日期：${r.year + 1}-01-20</p>\n<p>附件：<a href="${r.reportPath}">${esc(title(r))}.pdf</a></p>`;
        put(b.host, r.path, shell(b, title(r), page), b.gbk);
      } else {
        put(b.host, r.path, reportHtml(r), b.gbk);
      }
      if (b.key === '环翠区' && r.year === 2023) put(MIRROR_HOST, MIRROR_PATH, reportHtml(r));
    }
  }
  return { dir, listings: BODIES.map((b) => ({ host: b.host, path: b.listing })), reports, gbkHosts: BODIES.filter((b) => b.gbk).map((b) => b.host) };
}

export interface SiteRequest {
  host: string;
  path: string;
  status: number;
}

export interface SiteServer {
  port: number;
  /** `url('www.huancui.gov.cn', '/col/col1001/index.html')` → `http://www.huancui.gov.cn:PORT/col/col1001/index.html` */
  url(host: string, path: string): string;
  /** every request answered, in order */
  requests: SiteRequest[];
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { html: 'text/html', pdf: 'application/pdf', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' };
/** The time every file was last modified, as Last-Modified says it. */
const MODIFIED = 'Tue, 20 Jan 2026 08:00:00 GMT';

/**
 * Serve `dir/<host>/<path>`, the host taken from the `x-site-host` header (siteFetch) or Host. A
 * file's ETag is its content's hash: a request with that If-None-Match (or If-Modified-Since at or
 * after MODIFIED) gets a 304.
 */
export function startSiteServer(site: Pick<WrittenSite, 'dir' | 'gbkHosts'>): Promise<SiteServer> {
  const requests: SiteRequest[] = [];
  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const host = String(req.headers['x-site-host'] ?? req.headers.host ?? '').toLowerCase().replace(/:\d+$/, '');
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      path = '/';
    }
    const done = (status: number, headers: Record<string, string>, body?: Buffer): void => {
      requests.push({ host, path, status });
      res.writeHead(status, headers);
      res.end(body);
    };
    const rel = normalize(join(host, path.endsWith('/') ? `${path}index.html` : path));
    if (host === '' || rel.startsWith('..') || rel.split(sep).includes('..')) return done(404, { 'content-type': 'text/plain' });
    let body: Buffer;
    try {
      body = await readFile(join(site.dir, rel));
    } catch {
      return done(404, { 'content-type': 'text/html; charset=utf-8' }, Buffer.from('<!DOCTYPE html><title>404</title><h1>404 页面不存在</h1>'));
    }
    const ext = /\.(\w+)$/.exec(path)?.[1]?.toLowerCase() ?? 'html';
    const type = TYPES[ext] ?? 'application/octet-stream';
    const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
    const headers: Record<string, string> = {
      'content-type': type === 'text/html' ? `text/html; charset=${site.gbkHosts.includes(host) ? 'gbk' : 'utf-8'}` : type,
      etag,
      'last-modified': MODIFIED,
    };
    const since = Date.parse(String(req.headers['if-modified-since'] ?? ''));
    if (req.headers['if-none-match'] === etag || (!req.headers['if-none-match'] && since >= Date.parse(MODIFIED))) return done(304, headers);
    done(200, { ...headers, 'content-length': String(body.length) }, req.method === 'HEAD' ? undefined : body);
  };
  const server = createServer((req, res) => {
    answer(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        port,
        url: (host, path) => `http://${host}:${port}${path}`,
        requests,
        close: () =>
          new Promise<void>((ok, fail) => {
            server.close((e) => (e ? fail(e) : ok()));
            server.closeAllConnections();
          }),
      });
    });
  });
}

/**
 * A fetch for Node that sends every gov.cn URL to the site server (the host in a header), and
 * answers as if from the URL asked for (the response's url left empty: the caller keeps its own).
 */
export function siteFetch(server: Pick<SiteServer, 'port'>): typeof fetch {
  return async (input, init) => {
    const u = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    if (!/(^|\.)gov\.cn$/i.test(u.hostname)) throw new TypeError(`fetch failed: ${u.hostname} is not on the test site`);
    const headers = new Headers(init?.headers);
    headers.set('x-site-host', u.host);
    const got = await fetch(`http://127.0.0.1:${server.port}${u.pathname}${u.search}`, { ...init, headers, redirect: 'manual' });
    return new Response(got.status === 304 ? null : got.body, { status: got.status, statusText: got.statusText, headers: got.headers });
  };
}

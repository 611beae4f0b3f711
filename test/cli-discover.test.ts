import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main';

// Discovery (issue 19): a 年报 column's listing URL given to the CLI, no flag. The site is served
// from 127.0.0.1; "localhost" on the same port stands for another site.

const FIX = new URL('./fixtures/', import.meta.url).pathname;

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  // the polite pause between requests to one site (default 0.5 s) is not what these tests are about
  const code = await main(['--delay', '0', ...args], (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

let server: Server;
let port = 0;
const requests: string[] = [];

const page = (body: string): string => `<!doctype html><html><head><meta charset="utf-8"><title>政府信息公开年报</title></head><body><div class="nav"><a href="/">首页</a><a href="/nb/index.html">年报</a></div>${body}</body></html>`;

function site(path: string): { type: string; body: string | Buffer } | null {
  switch (path) {
    case '/nb/index.html':
      return {
        type: 'text/html; charset=utf-8',
        body: page(`<ul>
          <li><a href="/nb/2023.html" title="威海市环翠区人民政府2023年政府信息公开工作年度报告">威海市环翠区人民政府2023年政府信息公开工作年度...</a></li>
          <li><a href="2024.html">威海市某某区人民政府2024年政府信息公开工作年度报告</a></li>
          <li><a href="/news/1.html">关于召开2024年政务公开工作会议的通知</a></li>
          <li><a href="http://localhost:${port}/nb/2023.html">镜像：2023年政府信息公开工作年度报告</a></li>
        </ul><div class="page"><a href="index_1.html">下一页</a> <a href="index_2.html">尾页</a></div>`),
      };
    case '/nb/index_1.html':
      return {
        type: 'text/html; charset=utf-8',
        body: page(`<ul>
          <li><a href="/upload/2022%E5%B9%B4%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80%E5%B7%A5%E4%BD%9C%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A.pdf">2022年年度报告（PDF）</a></li>
          <li><a href="art-2021.html">2021年政府信息公开工作年度报告</a></li>
          <li><a href="2024.html">威海市某某区人民政府2024年政府信息公开工作年度报告</a></li>
        </ul><a href="index.html">上一页</a><a href="index_2.html">下一页</a>`),
      };
    case '/nb/index_2.html':
      return { type: 'text/html; charset=utf-8', body: page(`<a href="2019.html">2019年政府信息公开工作年度报告</a><a href="index_1.html">上一页</a>`) };
    case '/nb/art-2021.html':
      return { type: 'text/html; charset=utf-8', body: page(`<h1>2021年政府信息公开工作年度报告</h1><p>附件：<a href="/upload/nb-2021.pdf">2021年政府信息公开工作年度报告.pdf</a></p>`) };
    case '/nb/2023.html':
      return { type: 'text/html; charset=utf-8', body: readFileSync(join(FIX, 'html/huancui-2023.html')) };
    case '/nb/2024.html':
      return { type: 'text/html; charset=utf-8', body: readFileSync(join(FIX, 'html/errors.html')) };
    case '/nb/2019.html':
      return { type: 'text/html; charset=utf-8', body: readFileSync(join(FIX, 'html/huancui-2023.html')) };
    case '/upload/2022年政府信息公开工作年度报告.pdf':
    case '/upload/nb-2021.pdf':
      return { type: 'application/pdf', body: readFileSync(join(FIX, 'pdf/errors.pdf')) };
    default:
      return null;
  }
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(`${req.headers.host?.split(':')[0] ?? ''}${path}`);
    const got = site(path);
    if (!got) {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<h1>404</h1>');
      return;
    }
    res.writeHead(200, { 'content-type': got.type });
    res.end(got.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const url = (path: string, host = '127.0.0.1'): string => `http://${host}:${port}${path}`;

describe('CLI: a listing URL is followed to its reports', () => {
  it('finds every report across the pages (a PDF link, an article that attaches a PDF) and checks each', async () => {
    requests.length = 0;
    const r = await run(['--json', url('/nb/index.html')]);
    const results = JSON.parse(r.out) as { source: { location: string }; report: { year: number } }[];
    expect(results.map((x) => x.source.location)).toEqual([
      url('/nb/2023.html'),
      url('/nb/2024.html'),
      url('/upload/2022%E5%B9%B4%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80%E5%B7%A5%E4%BD%9C%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A.pdf'),
      url('/upload/nb-2021.pdf'),
      url('/nb/2019.html'),
    ]);
    expect(r.err).toContain(`列表页 ${url('/nb/index.html')}：读了 3 页，找到 5 份年报（1 份在其他网站，未查（--allow-host 可加入））`);
    expect(r.code).toBe(1); // errors.html and the PDFs have errors; nothing failed
    // each listing page read once; the other site never asked; the news page never fetched
    const pages = requests.filter((p) => p.startsWith('127.0.0.1/nb/index'));
    expect(pages.sort()).toEqual(['127.0.0.1/nb/index.html', '127.0.0.1/nb/index_1.html', '127.0.0.1/nb/index_2.html']);
    expect(requests.some((p) => p.startsWith('localhost'))).toBe(false);
    expect(requests).not.toContain('127.0.0.1/news/1.html');
  });

  it('stops at --max-pages; --allow-host adds another site', async () => {
    requests.length = 0;
    const r = await run(['--json', '--max-pages', '1', '--allow-host', 'localhost', url('/nb/index.html')]);
    const results = JSON.parse(r.out) as { source: { location: string } }[];
    expect(results.map((x) => x.source.location)).toEqual([url('/nb/2023.html'), url('/nb/2024.html'), url('/nb/2023.html', 'localhost')]);
    expect(r.err).toContain('读了 1 页，找到 3 份年报（已达翻页上限 1 页（--max-pages））');
    expect(requests.filter((p) => p.includes('index_'))).toEqual([]);
  });

  it('a page that is neither a report nor a listing still fails with its reason', async () => {
    const r = await run([url('/nb/index_9.html')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('404');
  });
});

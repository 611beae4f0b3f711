// End-to-end harness: a local static server for the fixture pages and a headless Chromium with the
// built extension (.output/chrome-mv3) loaded. gov.cn host names are mapped to 127.0.0.1 so the
// production match patterns are what is tested. See /work/shared/TOOLCHAIN.md, "Browser tests".
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { derivedPage, encodedPage } from './derived-pages';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const EXTENSION_DIR = join(REPO_ROOT, '.output', 'chrome-mv3');
export const RESULTS_DIR = join(REPO_ROOT, 'test-results');
export const CHROMIUM = '/usr/bin/chromium';

/** Served in this order: a name found in an earlier folder wins. */
const PAGE_DIRS = [
  join(REPO_ROOT, 'test', 'e2e', 'pages'),
  join(REPO_ROOT, 'test', 'fixtures', 'html'),
  join(REPO_ROOT, 'test', 'fixtures', 'pdf'),
  // the real-world corpus: /<case id>/source.html
  join(REPO_ROOT, 'test', 'corpus', 'cases'),
];

const SLOW_DELAY_MS = 1500;
/** An empty page, for the harness's own use (see readClipboard). */
const BLANK_PATH = '/__harness/blank.html';

// ---------------------------------------------------------------------------------------------
// Static server
// ---------------------------------------------------------------------------------------------

export interface TestServer {
  port: number;
  close(): Promise<void>;
  /** `url('www.weihai.gov.cn', '/seed-004.html')` → `http://www.weihai.gov.cn:PORT/seed-004.html` */
  url(host: string, path: string): string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.pdf': 'application/pdf',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
};

function contentType(name: string): string {
  const ext = extname(name).toLowerCase();
  if ((ext === '.html' || ext === '.htm') && name.toLowerCase().includes('gbk')) return 'text/html; charset=gbk';
  return TYPES[ext] ?? 'application/octet-stream';
}

/** Maps a URL path to a file in one of the page folders, or null (never escapes them). */
async function findFile(urlPath: string): Promise<{ name: string; body: Buffer } | null> {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath).replace(/^\/+/, '');
  } catch {
    return null;
  }
  if (rel === '' || rel.includes('\0')) return null;
  const clean = normalize(rel);
  if (clean.startsWith('..') || clean.split(sep).includes('..')) return null;
  for (const dir of PAGE_DIRS) {
    const full = join(dir, clean);
    if (!full.startsWith(dir + sep)) continue;
    try {
      return { name: clean, body: await readFile(full) };
    } catch {
      // not in this folder (or a directory): try the next
    }
  }
  return null;
}

function send(res: ServerResponse, status: number, type: string, body: Buffer | string): void {
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': buf.length, 'Cache-Control': 'no-store' });
  res.end(buf);
}

function notFound(res: ServerResponse): void {
  send(res, 404, 'text/html; charset=utf-8', '<!DOCTYPE html><html><head><title>404</title></head><body><h1>404 Not Found</h1></body></html>');
}

let bigNewsCache: Buffer | null = null;

export function startServer(): Promise<TestServer> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', String(err));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'text/plain; charset=utf-8', 'method not allowed');
      return;
    }
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === BLANK_PATH) {
      send(res, 200, 'text/html; charset=utf-8', '<!DOCTYPE html><html><head><title>blank</title></head><body></body></html>');
      return;
    }
    if (path === '/big-news.html') {
      bigNewsCache ??= Buffer.from(bigNewsPage(), 'utf8');
      send(res, 200, 'text/html; charset=utf-8', bigNewsCache);
      return;
    }
    const encoded = encodedPage(path);
    if (encoded !== null) {
      send(res, 200, 'text/html; charset=gbk', encoded);
      return;
    }
    const derived = derivedPage(path.startsWith('/slow/') ? path.slice('/slow'.length) : path);
    if (derived !== null) {
      if (path.startsWith('/slow/')) await new Promise((r) => setTimeout(r, SLOW_DELAY_MS));
      send(res, 200, 'text/html; charset=utf-8', derived);
      return;
    }
    if (path.startsWith('/redirect/')) {
      res.writeHead(302, { Location: path.slice('/redirect'.length) });
      res.end();
      return;
    }
    if (path.startsWith('/status/500/')) {
      send(res, 500, 'text/plain; charset=utf-8', 'server error');
      return;
    }
    let filePath = path;
    if (path.startsWith('/slow/')) {
      filePath = path.slice('/slow'.length);
      await new Promise((r) => setTimeout(r, SLOW_DELAY_MS));
    }
    const file = await findFile(filePath);
    if (!file) {
      notFound(res);
      return;
    }
    send(res, 200, contentType(file.name), file.body);
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        port,
        url: (host: string, path: string) => `http://${host}:${port}${path.startsWith('/') ? path : `/${path}`}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((err) => (err ? fail(err) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// /big-news.html: a large ordinary gov.cn news page (~2 MB), not a report
// ---------------------------------------------------------------------------------------------

/** Deterministic pseudo-random numbers (mulberry32), so the page is the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NEWS_SENTENCES = [
  '近日，区委常委会召开会议，传达学习上级有关会议精神，研究部署下一阶段重点工作。',
  '会议强调，要坚持以人民为中心的发展思想，扎实做好民生保障各项工作，切实增强群众获得感、幸福感、安全感。',
  '各镇街、各部门要进一步压实责任，细化工作举措，确保各项任务按时间节点高质量完成。',
  '今年以来，我区持续优化营商环境，深化“放管服”改革，推动更多政务服务事项实现“一网通办”。',
  '截至目前，全区已累计新增市场主体一千余户，同比增长百分之十二点五。',
  '活动现场，工作人员向过往群众发放宣传资料，耐心解答群众关心关注的热点问题。',
  '下一步，将继续加大督导检查力度，对发现的问题建立台账，明确整改时限，实行销号管理。',
  '据了解，该项目总投资约三点二亿元，建成后将有效缓解周边区域交通压力。',
  '区领导一行先后来到社区服务中心、企业生产车间和重点项目建设现场，实地察看工作进展情况。',
  '会上，各参会单位围绕安全生产、森林防火、防汛减灾等工作进行了交流发言。',
  '为进一步提升基层治理水平，我区深入开展网格化服务管理，推动资源力量向基层一线下沉。',
  '本次培训采取专题授课、案例分析、现场教学相结合的方式，参训人员纷纷表示收获颇丰。',
  '此次招聘工作坚持公开、平等、竞争、择优的原则，严格按照规定程序组织实施。',
  '春耕时节，田间地头处处是农民忙碌的身影，农技人员深入一线开展技术指导服务。',
  '文化惠民演出走进村居，精彩的节目赢得现场观众阵阵掌声，营造了浓厚的节日氛围。',
  '我区将以此次检查为契机，举一反三，全面排查整治各类风险隐患，坚决守牢安全底线。',
  '该负责人表示，将持续加强与高校、科研院所的合作，推动更多科技成果就地转化。',
  '志愿者们在路口引导交通、劝导不文明行为，用实际行动为城市文明建设添砖加瓦。',
  '海水浴场开放在即，相关部门提前对沙滩、救生设施和周边环境进行了全面清理检修。',
  '据统计，一季度全区规模以上工业增加值同比增长百分之八点三，经济运行总体平稳、稳中有进。',
];

const NEWS_TITLES = [
  '区政府召开常务会议研究部署近期重点工作',
  '我区开展安全生产大检查活动',
  '区领导调研重点项目建设情况',
  '全区优化营商环境工作推进会召开',
  '我区举办基层干部能力提升培训班',
  '“文化惠民”演出走进村居',
  '我区启动春季植树造林活动',
  '2025年区属事业单位公开招聘面试安排公告',
];

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** An ordinary, very long 政务动态 page on a gov.cn shell: nav, ~2 MB of paragraphs, a few unrelated tables. */
export function bigNewsPage(targetBytes = 2_000_000): string {
  const rand = rng(20250121);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const parts: string[] = [];
  const site = '威海市某某区人民政府';
  parts.push(`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="SiteName" content="${site}">
<meta name="SiteIDCode" content="3710990001">
<meta name="ColumnName" content="政务动态">
<meta name="ArticleTitle" content="全区重点工作情况汇编">
<meta name="PubDate" content="2025-03-18 10:05">
<title>全区重点工作情况汇编_政务动态_${site}</title>
<link rel="stylesheet" type="text/css" href="/r/cms/www/default/css/common.css">
<style type="text/css">
.article-content p { margin: 0 0 12px; text-indent: 2em; line-height: 2; }
.article-content table { margin: 12px auto; border-collapse: collapse; }
.article-content td { border: 1px solid #999; padding: 4px 8px; }
.nav li, .subnav li { float: left; list-style: none; margin-right: 16px; }
</style>
<script type="text/javascript">function doZoom(size) { document.getElementById("zoom").style.fontSize = size + "px"; }</script>
</head>
<body>
<div class="topbar"><div class="w1200"><span class="fl">欢迎访问${site}网站！</span><span class="fr"><a href="javascript:void(0)">无障碍浏览</a> | <a href="javascript:void(0)">长者模式</a></span></div></div>
<div class="header"><div class="w1200"><div class="logo"><img src="/images/logo.png" alt="${site}"></div>
<div class="search"><form action="/jsearchfront/search.do" method="get"><input type="text" name="q" placeholder="请输入关键字"><button type="submit">搜索</button></form></div></div></div>
<div class="nav"><ul class="w1200"><li><a href="/">首页</a></li><li><a href="/col/col4100/index.html">政务公开</a></li><li><a href="/col/col4101/index.html">政府信息公开</a></li><li><a href="/col/col4601/index.html">政府信息公开年报</a></li><li><a href="/col/col4200/index.html">政务服务</a></li><li><a href="/col/col4300/index.html">互动交流</a></li><li><a href="/col/col4400/index.html">走进某某区</a></li></ul></div>
<div class="subnav"><ul class="w1200">`);
  for (let i = 0; i < 40; i++) parts.push(`<li><a href="/col/col${5000 + i}/index.html">${escapeHtml(pick(NEWS_TITLES).slice(0, 8))}</a></li>`);
  parts.push(`</ul></div>
<div class="container w1200">
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/col/col4100/index.html">政务公开</a> &gt; <a href="/col/col4102/index.html">政务动态</a></div>
<div class="article">
<h1 class="article-title">全区重点工作情况汇编</h1>
<div class="article-info"><span>发布日期：2025-03-18</span><span>来源：${site}办公室</span><span class="zoom">字号：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a></span></div>
<div class="article-content" id="zoom">
`);
  const tail = `</div>
<div class="article-tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="related"><h3>相关链接</h3><ul>${NEWS_TITLES.map((t, i) => `<li><a href="/art/2025/3/${i + 1}/art_4102_${90000 + i}.html">${escapeHtml(t)}</a></li>`).join('')}</ul></div>
</div>
<div class="footer"><div class="w1200">
<p><a href="/col/col4500/index.html">网站地图</a> | <a href="/col/col4501/index.html">联系我们</a> | <a href="/col/col4502/index.html">隐私声明</a></p>
<p>主办单位：${site}办公室　　网站标识码：3710990001</p>
<p><a href="https://beian.miit.gov.cn/" target="_blank">鲁ICP备05099999号-1</a>　　鲁公网安备 37109902000001号</p>
</div></div>
</body>
</html>
`;
  let size = parts.reduce((n, p) => n + Buffer.byteLength(p, 'utf8'), 0) + Buffer.byteLength(tail, 'utf8');
  let section = 0;
  let tables = 0;
  while (size < targetBytes) {
    section += 1;
    const chunk: string[] = [];
    chunk.push(`<p class="MsoNormal" style="text-indent:0"><strong>${section}. ${escapeHtml(pick(NEWS_TITLES))}</strong></p>\n`);
    const paragraphs = 4 + Math.floor(rand() * 6);
    for (let p = 0; p < paragraphs; p++) {
      const n = 3 + Math.floor(rand() * 5);
      let text = '';
      for (let s = 0; s < n; s++) text += pick(NEWS_SENTENCES);
      chunk.push(`<p class="MsoNormal"><span style="font-family:仿宋_GB2312;font-size:16pt">${escapeHtml(text)}</span></p>\n`);
    }
    // every so often, an unrelated table (interview schedule, weather, project list): never a report table
    if (section % 150 === 40 && tables < 4) {
      tables += 1;
      chunk.push(unrelatedTable(tables, rand));
    }
    for (const c of chunk) size += Buffer.byteLength(c, 'utf8');
    parts.push(...chunk);
  }
  parts.push(tail);
  return parts.join('');
}

function unrelatedTable(which: number, rand: () => number): string {
  const rows: string[][] = [];
  let head: string[];
  if (which % 3 === 1) {
    head = ['序号', '岗位名称', '面试时间', '面试地点', '进入面试人数'];
    for (let i = 1; i <= 12; i++) rows.push([String(i), `综合管理岗${i}`, `2025年4月${10 + (i % 5)}日上午`, '区政务服务中心三楼', String(3 + Math.floor(rand() * 3))]);
  } else if (which % 3 === 2) {
    head = ['日期', '天气', '最高气温（℃）', '最低气温（℃）', '风力'];
    for (let i = 1; i <= 10; i++) rows.push([`3月${i}日`, rand() < 0.5 ? '晴' : '多云', String(8 + Math.floor(rand() * 6)), String(Math.floor(rand() * 5)), '北风3-4级']);
  } else {
    head = ['项目名称', '建设单位', '总投资（万元）', '建设内容', '计划完工时间'];
    for (let i = 1; i <= 8; i++) rows.push([`某某路改造工程${i}期`, '区住房和城乡建设局', String(1000 + Math.floor(rand() * 9000)), '道路、管网及配套设施建设', `2025年${6 + (i % 6)}月`]);
  }
  const tr = (cells: string[], tag: 'td' | 'th') => `<tr>${cells.map((c) => `<${tag}>${escapeHtml(c)}</${tag}>`).join('')}</tr>`;
  return `<table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0">\n${tr(head, 'td')}\n${rows.map((r) => tr(r, 'td')).join('\n')}\n</table>\n`;
}

// ---------------------------------------------------------------------------------------------
// Browser
// ---------------------------------------------------------------------------------------------

export interface LaunchedBrowser {
  context: BrowserContext;
  extensionId: string;
  close(): Promise<void>;
}

/** Host names the browser resolves to the local test server (everything else: no network). */
export const HOST_RESOLVER_RULES = 'MAP *.gov.cn 127.0.0.1, MAP gov-mirror.test 127.0.0.1';

export function chromiumArgs(lang: string): string[] {
  return [
    `--disable-extensions-except=${EXTENSION_DIR}`,
    `--load-extension=${EXTENSION_DIR}`,
    `--host-resolver-rules=${HOST_RESOLVER_RULES}`,
    `--lang=${lang}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    // lets the tests press the toolbar button (Extensions.triggerAction, see clickToolbarButton);
    // Playwright drives Chromium over --remote-debugging-pipe, which that command also needs
    '--enable-unsafe-extension-debugging',
    // E2E_CHROMIUM_LOG=1 (with DEBUG=pw:browser) prints Chromium's log, e.g. why it refused the extension
    ...(process.env.E2E_CHROMIUM_LOG ? ['--enable-logging=stderr', '--v=0'] : []),
  ];
}

const SERVICE_WORKER_TIMEOUT_MS = 20_000;

/**
 * Presses the extension's toolbar button for `page`'s tab, as a user would: Chromium opens the
 * popup and grants activeTab for that tab (CDP Extensions.triggerAction, which wants the page's
 * *tab* target, found here by its URL: give the page a URL no other tab has).
 */
export async function clickToolbarButton(context: BrowserContext, extensionId: string, page: Page): Promise<void> {
  const owner = context.browser();
  if (!owner) throw new Error('clickToolbarButton: this context has no browser to send browser-level CDP commands to');
  const cdp = await owner.newBrowserCDPSession();
  try {
    // the default filter leaves tab targets out: [{}] is "every target"
    const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{}] });
    const tabs = targetInfos.filter((t) => t.type === 'tab' && t.url === page.url());
    if (tabs.length !== 1) throw new Error(`clickToolbarButton: ${tabs.length} tabs show ${page.url()} (want exactly one)`);
    await cdp.send('Extensions.triggerAction', { id: extensionId, targetId: (tabs[0] as { targetId: string }).targetId });
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** Cheap checks for the ways a build makes Chromium drop the extension without a word. */
function checkBuild(): void {
  const text = readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8');
  let manifest: { background?: { service_worker?: string }; default_locale?: string };
  try {
    manifest = JSON.parse(text) as typeof manifest;
  } catch (err) {
    throw new Error(`${EXTENSION_DIR}/manifest.json is not JSON (${String(err)}): run npx wxt build first`);
  }
  const sw = manifest.background?.service_worker;
  if (!sw || !existsSync(join(EXTENSION_DIR, sw))) {
    throw new Error(`${EXTENSION_DIR}/manifest.json names no existing background service worker: run npx wxt build first`);
  }
  const hasLocales = existsSync(join(EXTENSION_DIR, '_locales'));
  if (hasLocales !== Boolean(manifest.default_locale)) {
    throw new Error(
      hasLocales
        ? `${EXTENSION_DIR} has _locales/ but manifest.json has no default_locale: Chromium will refuse it`
        : `manifest.json sets default_locale but ${EXTENSION_DIR}/_locales/ is missing: Chromium will refuse it`,
    );
  }
}

export async function launchBrowser(opts: { lang?: string } = {}): Promise<LaunchedBrowser> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension at ${EXTENSION_DIR}/manifest.json: run npx wxt build first`);
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get update && apt-get install -y chromium fonts-noto-cjk`);
  }
  checkBuild();
  const lang = opts.lang ?? 'zh-CN';
  const profile = mkdtempSync(join(tmpdir(), 'gov-report-e2e-profile-'));
  let context: BrowserContext | null = null;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      ignoreDefaultArgs: ['--disable-extensions'],
      args: chromiumArgs(lang),
      // navigator.language / Accept-Language of pages
      locale: lang,
      // On Linux, Chromium ignores --lang for its UI language (chrome.i18n.getUILanguage(), the
      // extension's _locales choice): it reads LANGUAGE, and only has locales other than en-US
      // when Debian's chromium-l10n is installed.
      env: { ...process.env, LANGUAGE: lang.replace('-', '_') },
      viewport: { width: 1366, height: 900 },
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const worker =
      context.serviceWorkers()[0] ??
      (await context.waitForEvent('serviceworker', { timeout: SERVICE_WORKER_TIMEOUT_MS }).catch((err: unknown) => {
        throw new Error(
          `The extension's service worker did not start within ${SERVICE_WORKER_TIMEOUT_MS / 1000} s. ` +
            'Chromium rejects a broken build silently: rerun with E2E_CHROMIUM_LOG=1 DEBUG=pw:browser to see its ' +
            `"Extension error" line. Was ${EXTENSION_DIR} being rebuilt meanwhile? (${String(err)})`,
        );
      }));
    const match = /^chrome-extension:\/\/([a-p]{32})\//.exec(worker.url());
    if (!match?.[1]) throw new Error(`Unexpected extension service worker URL: ${worker.url()}`);
    const ctx = context;
    return {
      context: ctx,
      extensionId: match[1],
      close: async () => {
        await ctx.close().catch(() => undefined);
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await context?.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Reads the browser's clipboard. The gov.cn test pages are plain http, not a secure context, so
 * `navigator.clipboard` does not exist there (as on many real gov.cn sites: the extension's copy
 * must fall back to `execCommand('copy')`). This reads it from a blank page on http://127.0.0.1,
 * which is a secure context, where clipboard-read has been granted.
 */
export async function readClipboard(context: BrowserContext, server: TestServer): Promise<string> {
  const page = await context.newPage();
  try {
    await page.goto(server.url('127.0.0.1', BLANK_PATH));
    await page.bringToFront();
    return await page.evaluate(() => navigator.clipboard.readText());
  } finally {
    await page.close();
  }
}

/** Saves `test-results/<name>.png` (viewport, or the full page with `{ fullPage: true }`); returns its path. */
export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: opts.fullPage ?? false });
  return path;
}

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main';
import { CheckResultSchema } from '../src/model/result';
import { parseCsv } from '../src/output/csv';
import { FIXTURES } from './fixtures/html/specs';
import { makeDocx, oleBytes } from './support/make-docx';
import { SEED_DIR as SEEDS } from './support/seeds';

const FIX = new URL('./fixtures/html/', import.meta.url).pathname;

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('CLI', () => {
  it('prints a Chinese summary and exits 0 for a sound report', async () => {
    const r = await run([join(FIX, 'huancui-2023.html')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('威海市环翠区人民政府');
    expect(r.out).toContain('✓ 全部通过');
    expect(r.out).toContain('表二各列：一 + 二 = （七）总计 + 四');
  });

  it('exits 0 for warnings only, and lists them', async () => {
    const r = await run([join(SEEDS, '004_383c93ca4b8bd76d.txt')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('! 无错误 · 1 个警告');
    expect(r.out).toMatch(/\d\. 正文称“结转下年度继续办理7件”[^\n]*\n {5}规则 prose-figures(\n|$)/);
  });

  it('exits 1 with the findings listed when a report has errors', async () => {
    const r = await run([join(FIX, 'errors.html')]);
    expect(r.code).toBe(1);
    // the relation first (its formula in brackets), the verdict, the figures added; the rule id after, on its own line
    expect(r.out).toContain('表二「自然人」列「一+二 = （七）总计+四」不成立：一 152 + 二 7 = 159；（七）总计 150 + 四 7 = 157；差 -2。\n');
    expect(r.out).toMatch(/\n {2}\d+\. 表二「自然人」列「一\+二 = （七）总计\+四」不成立[^\n]*\n {5}规则 balance\n/);
    expect(r.out).not.toContain('[balance]');
  });

  it('speaks English with --lang en', async () => {
    const r = await run(['--lang', 'en', join(FIX, 'errors.html')]);
    expect(r.out).toContain('Table 2, column "natural persons": "I + II = (7) total + IV" does not hold: I 152 + II 7 = 159; (7) Total 150 + IV 7 = 157; off by -2.');
  });

  it('--json prints the schema-valid result; an array for several files', async () => {
    const one = await run(['--json', join(SEEDS, '000_09810aafb975b6d8.txt')]);
    expect(CheckResultSchema.safeParse(JSON.parse(one.out)).success).toBe(true);
    const many = await run(['--json', join(SEEDS, '001_e9b0b4183da4b0c6.txt'), join(FIX, 'errors.html')]);
    const parsed: unknown = JSON.parse(many.out);
    expect(Array.isArray(parsed)).toBe(true);
    expect((parsed as unknown[]).map((x) => CheckResultSchema.safeParse(x).success)).toEqual([true, true]);
    expect(many.code).toBe(1);
  });

  it('exits 2 with a one-line reason for unreadable input or a page without a report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'));
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    for (const [file, reason] of [
      [join(dir, 'nope.txt'), '文件不存在'],
      [dir, '目录'],
      [empty, '文件为空（0 字节）'], // said as it is (issue 16), not "no report"
      [join(FIX, 'no-report.html'), '未发现政府信息公开工作年度报告'],
      [join(dir, 'old.doc'), '文件不存在'],
    ] as const) {
      const r = await run([file]);
      expect(r.code, file).toBe(2);
      expect(r.err, file).toContain(reason);
      expect(r.err.split('\n')).toHaveLength(1);
      expect(r.err).not.toMatch(/\bat .*\(.*:\d+:\d+\)/); // no stack trace
    }
    writeFileSync(join(dir, 'old.doc'), 'x');
    expect((await run([join(dir, 'old.doc')])).err).toContain('暂不支持 .doc');
  });

  it('reads a GBK-encoded page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'));
    const utf8 = spawnSync('cat', [join(FIX, 'seed-004.html')]).stdout.toString('utf8').replace('charset="utf-8"', 'charset="gbk"').replace(/charset=utf-8/i, 'charset=gbk');
    const iconv = spawnSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: utf8 });
    expect(iconv.status).toBe(0);
    const file = join(dir, 'gbk.html');
    writeFileSync(file, iconv.stdout);
    const r = await run([file]);
    expect(r.out).toContain('威海市环翠区人民政府');
    expect(r.code).toBe(0);
  });

  it('compares the same body across years given in one run (consistent and inconsistent pairs)', async () => {
    const good = await run(['--json', join(FIX, 'huancui-2023.html'), join(FIX, 'seed-004.html')]);
    const [g2023, g2024] = JSON.parse(good.out) as { lastYear?: { year: number }; findings: { rule: string }[] }[];
    expect(g2023?.lastYear).toBeUndefined();
    expect(g2024?.lastYear?.year).toBe(2023);
    expect(g2024?.findings.map((f) => f.rule)).toEqual(['prose-figures']); // seed 004's own prose; nothing cross-year
    expect(good.code).toBe(0);
    const bad = await run([join(FIX, 'seed-004.html'), join(FIX, 'huancui-2023-bad.html')]);
    expect(bad.out).toContain('已与2023年度报告比较');
    expect(bad.out).toContain('. 表二「二、上年结转」「自然人」列为 7，但2023年度报告');
    expect(bad.out).toContain('. 表一「行政规范性文件」现行有效件数为 16');
    expect(bad.out).toContain('规则 carry-over');
    expect(bad.code).toBe(0); // cross-year findings are warnings
  });

  it('two years of one body: the same figures again is copied-from-last-year (warning); a fivefold change is year-on-year (info)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'grc-copied-'));
    const seed = readFileSync(join(SEEDS, '004_383c93ca4b8bd76d.txt'), 'utf8');
    // 环翠区's 2024 report, and the same text a year earlier (every 2024 → 2023, 2025 → 2024): the same figures
    const earlier = join(dir, 'huancui-2023.txt');
    writeFileSync(earlier, seed.replace(/202[45]/g, (y) => String(Number(y) - 1)));
    const now = join(dir, 'huancui-2024.txt');
    writeFileSync(now, seed);
    const copied = await run(['--json', earlier, now]);
    const [, r2024] = JSON.parse(copied.out) as { lastYear?: { year: number }; findings: { rule: string; severity: string; message: { zh: string } }[] }[];
    expect(r2024?.lastYear?.year).toBe(2023);
    expect(r2024?.findings.filter((f) => f.rule === 'copied-from-last-year')).toEqual([
      expect.objectContaining({ severity: 'warning', message: expect.objectContaining({ zh: expect.stringMatching(/^三张表的数字与上年（2023年度）报告（.*huancui-2023\.txt）完全相同（\d+ 个数字，其中 \d+ 个不为 0），可能照抄了上年数据。$/) }) }),
    ]);
    expect(copied.code).toBe(0); // a warning
    // 平潭综合实验区 2022 and 2023 (real reports, test/corpus): 行政强制 0 → 54
    const cases = new URL('./corpus/cases/', import.meta.url).pathname;
    const jump = await run([join(cases, 'full-004', 'source.txt'), join(cases, 'full-001', 'source.txt')]);
    expect(jump.out).toContain('已与2022年度报告比较');
    expect(jump.out).toContain('1 个数字变化超过五倍：表一「行政强制」行「本年处理决定数量」列：上年 0，今年 54。');
    expect(jump.out).not.toContain('可能照抄了上年数据');
  });

  it('usage on no arguments (exit 2) and on --help (exit 0); unknown options are refused', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['--help'])).code).toBe(0);
    expect((await run(['--frobnicate', 'x'])).err).toContain('unknown option');
  });

  it('runs as a real process through npm run check, with its exit code', async () => {
    const r = spawnSync('npx', ['tsx', 'src/cli/main.ts', join(SEEDS, '002_9f0a1b4247e150cc.txt')], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('以图片形式发布');
  });
});

// ---------------------------------------------------------------------------------------
// URLs, Word files, CSV and concurrency

/** Fixture pages over http on 127.0.0.1; `/slow/<name>` answers after 150 ms and counts requests in flight. */
let server: Server;
let base = '';
let inFlight = 0;
let maxInFlight = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const slow = path.startsWith('/slow/');
    const name = path.replace(/^\/(slow\/)?/, '');
    let body: Buffer;
    try {
      if (!/^(pdf\/)?[\w.-]+\.(html|pdf)$/.test(name)) throw new Error('no');
      body = readFileSync(join(FIX, '..', name.endsWith('.pdf') ? '' : 'html', name));
    } catch {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<h1>404</h1>');
      return;
    }
    const send = (): void => {
      res.writeHead(200, { 'content-type': name.endsWith('.pdf') ? 'application/octet-stream' : 'text/html; charset=utf-8' });
      res.end(body);
    };
    if (!slow) return send();
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    setTimeout(() => {
      inFlight -= 1;
      send();
    }, 150);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function spec(name: string): (typeof FIXTURES)[number] {
  const s = FIXTURES.find((x) => x.name === name);
  if (!s) throw new Error(name);
  return s;
}

describe('CLI: URLs, .docx, --csv, --concurrency', () => {
  it('checks a URL served locally (summary, JSON source, exit code)', async () => {
    const r = await run([`${base}/errors.html`]);
    expect(r.code).toBe(1);
    // the relation first (its formula in brackets), the verdict, the figures added; the rule id after, on its own line
    expect(r.out).toContain('表二「自然人」列「一+二 = （七）总计+四」不成立：一 152 + 二 7 = 159；（七）总计 150 + 四 7 = 157；差 -2。\n');
    expect(r.out).toMatch(/\n {2}\d+\. 表二「自然人」列「一\+二 = （七）总计\+四」不成立[^\n]*\n {5}规则 balance\n/);
    expect(r.out).not.toContain('[balance]');
    expect(r.err).toBe('');
    const j = await run(['--json', `${base}/seed-004.html`]);
    expect(j.code).toBe(0);
    const parsed: unknown = JSON.parse(j.out);
    expect(CheckResultSchema.safeParse(parsed).success).toBe(true);
    expect((parsed as { source: unknown }).source).toEqual({ kind: 'url', location: `${base}/seed-004.html`, format: 'html' });
  });

  it('a URL that fails: exit 2 and one line naming the URL and the status', async () => {
    const r = await run([`${base}/nope.html`, join(FIX, 'seed-004.html')]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`${base}/nope.html: 服务器返回 404（页面不存在）`);
    expect(r.out).toContain('威海市环翠区人民政府');
  });

  it('checks a .docx with the same findings as its web page; refuses an old .doc by its bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'));
    const docx = join(dir, 'errors.docx');
    writeFileSync(docx, await makeDocx(spec('errors')));
    const r = await run(['--json', docx]);
    expect(r.code).toBe(1);
    const result = JSON.parse(r.out) as { findings: { id: string }[]; source: unknown };
    const html = JSON.parse((await run(['--json', join(FIX, 'errors.html')])).out) as { findings: { id: string }[] };
    expect(result.findings.map((f) => f.id).sort()).toEqual(html.findings.map((f) => f.id).sort());
    expect(result.source).toEqual({ kind: 'file', location: docx, format: 'html' });
    // an OLE2 file, whatever its name says
    for (const name of ['old.doc', 'old.wps', 'renamed.docx']) {
      const file = join(dir, name);
      writeFileSync(file, oleBytes());
      const old = await run([file]);
      expect(old.code, name).toBe(2);
      expect(old.err, name).toBe(`${file}: 暂不支持 .doc/.wps 文件：该文件是旧版 Word 97-2003 或 WPS 格式，请用 Word 或 WPS 另存为 .docx、网页或文本后再检查`);
    }
    // a .doc that is really a .docx (renamed) is read as one
    const renamed = join(dir, 'real.doc');
    writeFileSync(renamed, await makeDocx(spec('seed-004')));
    expect((await run([renamed])).code).toBe(0);
  });

  it('--csv: BOM, header, one row per finding, RFC 4180 quoting, a row for a clean report and for a failure', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'));
    const odd = join(dir, 'a,b "c".html'); // a comma and quotes in the file name must be quoted
    writeFileSync(odd, readFileSync(join(FIX, 'errors.html')));
    const r = await run(['--csv', odd, join(FIX, 'template-2019.html'), `${base}/gone.html`]);
    expect(r.code).toBe(2);
    expect(r.out.startsWith('\uFEFF文件或网址,机关,年度,结论,模板,严重程度,表,行,列,应为,实为,很可能填错,说明,规则\r\n')).toBe(true);
    expect(r.out).toContain(`"${odd.replaceAll('"', '""')}",威海市某某区人民政府,2024,有 5 处数字不一致 · 1 处正文与表格不符,2021年版,错误,表二,（七）总计；四、结转下年度继续办理,自然人,159,157,,`);
    const lines = r.out.split('\r\n');
    expect(lines.every((l) => !l.includes('\n'))).toBe(true);
    const rows = parseCsv(r.out);
    expect(rows.every((x) => x.length === 14)).toBe(true);
    expect(rows.filter((x) => x[0] === odd)).toHaveLength(6); // the errors fixture's six findings
    expect(rows.filter((x) => x[0] === odd).map((x) => x[13]).sort()).toEqual(['balance', 'balance', 'prose-figures', 'results-total', 'review-litigation-total', 'row-total']);
    expect(rows.find((x) => x[0] === join(FIX, 'template-2019.html'))).toEqual([join(FIX, 'template-2019.html'), '某某县住房和城乡建设局', '2020', '三张表的数字全部自洽', '2019年版', '', '', '', '', '', '', '', '未发现问题', '']);
    expect(rows.at(-1)).toEqual([`${base}/gone.html`, '', '', '', '', '', '', '', '', '', '', '', '无法检查：服务器返回 404（页面不存在）', '']);
    expect(r.err).toBe(`${base}/gone.html: 服务器返回 404（页面不存在）`);
    expect((await run(['--csv', '--json', odd])).err).toContain('cannot be used together');
  });

  it('--concurrency N bounds the requests in flight (default 4), and --per-host those to one site (default 2); results keep the input order', async () => {
    const names = ['seed-004', 'errors', 'blanks', 'template-2019', 'seed-000', 'seed-001'];
    const urls = names.map((n) => `${base}/slow/${n}.html`);
    const free = ['--per-host', '8', '--delay', '0'];
    const cases = [[['--concurrency', '2', ...free], 2], [['--concurrency=1', ...free], 1], [free, 4], [['--delay', '0'], 2], [['--per-host=3', '--delay=0'], 3]] as const;
    for (const [flag, limit] of cases) {
      maxInFlight = 0;
      const r = await run(['--json', ...flag, ...urls]);
      expect(maxInFlight, flag.join(' ')).toBe(limit);
      const results = JSON.parse(r.out) as { source: { location: string } }[];
      expect(results.map((x) => x.source.location)).toEqual(urls);
      expect(r.code).toBe(1); // errors fixture
    }
    expect((await run(['--concurrency', '0', 'x'])).err).toContain('--concurrency takes a whole number');
    expect((await run(['--per-host', '0', 'x'])).err).toContain('--per-host takes a whole number');
    expect((await run(['--delay', '-1', 'x'])).err).toContain('--delay takes a number of seconds');
  }, 20_000);

  it('PDFs, from a file or a URL served as octet-stream; a scan is said to be one (exit 2)', async () => {
    const scan = join(FIX, '..', 'pdf', 'scanned.pdf');
    const r = await run([scan]);
    expect(r.code).toBe(2);
    expect(r.err.startsWith(`${scan}: PDF 为扫描件`)).toBe(true);
    const j = await run(['--json', `${base}/pdf/seed-004.pdf`]);
    expect(j.code).not.toBe(2);
    const parsed = JSON.parse(j.out) as { source: unknown; report: { body: string | null; year: number | null } };
    expect(parsed.source).toEqual({ kind: 'url', location: `${base}/pdf/seed-004.pdf`, format: 'text' });
    expect(parsed.report.year).toBe(2024);
  });

  it('progress on stderr only with --progress (plain lines), or as a bar on a terminal', async () => {
    const files = [join(FIX, 'seed-004.html'), join(FIX, 'errors.html'), join(FIX, 'nope.html')];
    const quiet = await run(files);
    expect(quiet.err).toBe(`${join(FIX, 'nope.html')}: 文件不存在`);
    const loud = await run(['--progress', '--concurrency', '1', ...files]);
    expect(loud.err.split('\n')).toEqual([
      `[1/3] ${files[0]} … ok · 1 个警告`,
      `[2/3] ${files[1]} … 5 个错误`,
      `[3/3] ${files[2]} … 失败：文件不存在`,
      `${join(FIX, 'nope.html')}: 文件不存在`,
    ]);
    // a terminal: a bar (cli-progress) with the count, the rate and the time left, no plain lines
    const out: string[] = [];
    const err: string[] = [];
    const drawn: string[] = [];
    const tty = Object.assign(new Writable({ write: (chunk: Buffer, _e, cb) => (drawn.push(chunk.toString()), cb()) }), { isTTY: true, columns: 120 });
    await main([files[0] ?? '', files[1] ?? ''], (s) => out.push(s), (s) => err.push(s), { progressStream: tty });
    expect(err).toEqual([]);
    const bar = drawn.join('');
    expect(bar).toContain('2/2 份');
    expect(bar).toMatch(/\d+\.\d 份\/秒/);
    expect(bar).toContain('剩余');
    expect(bar).toContain('█');
  });
});

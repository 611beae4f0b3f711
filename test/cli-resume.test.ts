import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type CliEnv } from '../src/cli/main';
import { loadJournal, type InputEntry } from '../src/batch/store';

// Issue 19, item 4: a run kept in a journal (--store) is killed after a few reports, resumed
// (--resume) without fetching anything it finished, and run again later with conditional requests
// (ETag / If-None-Match) that get 304s; a changed page is checked again, an unchanged body served
// without validators is not. The site is served from 127.0.0.1 and counts every request.

const ROOT = new URL('..', import.meta.url).pathname;
const FIX = new URL('./fixtures/html/', import.meta.url).pathname;
const REPORTS = ['huancui-2023', 'errors', 'blanks', 'template-2019', 'seed-000', 'seed-001', 'seed-002', 'seed-003'];

let server: Server;
let base = '';
/** every request: path, whether it carried If-None-Match, the status sent */
const log: { path: string; conditional: boolean; status: number }[] = [];
/** r2 serves another report from now on */
let changed = false;
/** r3 ignores validators and never sends an ETag (its body stays the same) */
let noValidators = false;

const listing = (items: number[], more: string): string =>
  `<!doctype html><html><head><meta charset="utf-8"><title>政府信息公开年报</title></head><body><ul>${items
    .map((i) => `<li><a href="r${i}.html">某某镇人民政府20${16 + i}年政府信息公开工作年度报告</a></li>`)
    .join('')}</ul>${more}</body></html>`;

function body(path: string): string | null {
  if (path === '/nb/index.html') return listing([1, 2, 3, 4], '<a href="index_1.html">下一页</a>');
  if (path === '/nb/index_1.html') return listing([5, 6, 7, 8], '<a href="index.html">上一页</a>');
  const m = /^\/nb\/r(\d)\.html$/.exec(path);
  const name = m ? REPORTS[Number(m[1]) - 1] : undefined;
  if (!name) return null;
  return readFileSync(join(FIX, `${changed && name === 'errors' ? 'seed-004' : name}.html`), 'utf8');
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const text = body(path);
    const conditional = req.headers['if-none-match'] !== undefined;
    const answer = (status: number, headers: Record<string, string>, payload?: string): void => {
      log.push({ path, conditional, status });
      // reports take a while, so the run can be stopped in the middle
      setTimeout(() => {
        res.writeHead(status, headers);
        res.end(payload);
      }, path.includes('/r') ? 250 : 0);
    };
    if (text === null) return answer(404, { 'content-type': 'text/html' }, 'no');
    if (noValidators && path === '/nb/r3.html') return answer(200, { 'content-type': 'text/html; charset=utf-8' }, text);
    const etag = `"${createHash('sha1').update(text).digest('hex')}"`;
    if (req.headers['if-none-match'] === etag) return answer(304, { etag });
    answer(200, { 'content-type': 'text/html; charset=utf-8', etag, 'last-modified': 'Mon, 01 Jan 2024 00:00:00 GMT' }, text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function runWith(args: string[], env: CliEnv = {}): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, (s) => out.push(s), (s) => err.push(s), env);
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const run = (args: string[]): Promise<{ code: number; out: string; err: string }> => runWith(args);

/** input lines in the journal so far (a torn last one not counted) */
function inputLines(path: string): number {
  try {
    return readFileSync(path, 'utf8').split('\n').slice(0, -1).filter((l) => l.includes('"t":"input"')).length;
  } catch {
    return 0;
  }
}

type Entry = { source: { location: string }; summary: { errors: number } };

/**
 * The real CLI in its own process, killed (SIGKILL: no chance to tidy up) once the journal holds
 * `lines` input lines; it must not finish first.
 */
async function runKilled(args: string[], store: string, lines: number): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const poll = setInterval(() => {
      if (inputLines(store) >= lines) {
        clearInterval(poll);
        child.kill('SIGKILL');
        resolve();
      }
    }, 5);
    child.on('exit', () => {
      clearInterval(poll);
      reject(new Error('the CLI finished before it could be killed'));
    });
  });
  await exited;
}

describe('CLI: --store, --resume, conditional requests', () => {
  it('killed after 3 reports, resumed without refetching what it finished; a later run gets 304s; a changed page is checked again', async () => {
    const store = join(mkdtempSync(join(tmpdir(), 'cli-resume-')), 'run.jsonl');
    const url = `${base}/nb/index.html`;
    const args = ['--store', store, '--delay', '0', '--concurrency', '1', '--json', url];

    // 1. the real CLI in its own process, killed (SIGKILL: no chance to tidy up) once the journal
    //    holds the listing and 3 reports
    await runKilled(args, store, 4);
    const killedAt = log.length;
    const { state } = await loadJournal(store);
    expect(state.lastRun?.ended).toBe(false);
    const finished = state.finishedIn(state.lastRun?.id ?? '');
    const finishedReports = [...finished].filter((u) => /\/r\d\.html$/.test(u));
    expect(finishedReports.length).toBeGreaterThanOrEqual(3);
    expect(finishedReports.length).toBeLessThan(8);
    expect(finished.has(url)).toBe(true);

    // 2. resumed: nothing finished is asked for again (not the listing, not its second page if read, not a report)
    const resumed = await run(['--resume', ...args]);
    expect(resumed.err).toContain(`接着上次中断的运行，已完成的 ${finished.size} 个不再取回（本地文件改动过的除外）`);
    const second = log.slice(killedAt);
    const finishedPaths = new Set([...finished].map((u) => new URL(u).pathname));
    if (state.pages.has(`${base}/nb/index_1.html`)) finishedPaths.add('/nb/index_1.html');
    expect(second.filter((r) => finishedPaths.has(r.path))).toEqual([]);
    expect(second.length).toBeGreaterThan(0);
    const results = JSON.parse(resumed.out) as Entry[];
    expect(results.map((r) => r.source.location)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((i) => `${base}/nb/r${i}.html`));
    expect(results.find((r) => r.source.location.endsWith('/r2.html'))?.summary.errors).toBeGreaterThan(0); // the errors fixture
    expect((await loadJournal(store)).state.lastRun?.ended).toBe(true);

    // 3. a new run over the same store: every page asked with its ETag, every answer 304, the same results
    const at3 = log.length;
    const again = await run(args);
    const third = log.slice(at3);
    expect(third).toHaveLength(10); // the listing, its second page, 8 reports
    expect(third.every((r) => r.conditional && r.status === 304)).toBe(true);
    expect(again.err).toContain('10 个网页未变化（304）');
    expect(JSON.parse(again.out)).toEqual(results);

    // 4. one page changed (checked again, its new result), one served without validators but the
    //    same bytes (its hash matches: not checked again)
    changed = true;
    noValidators = true;
    const at4 = log.length;
    const fourth = await run(args);
    expect(log.slice(at4).filter((r) => r.status === 200).map((r) => r.path).sort()).toEqual(['/nb/r2.html', '/nb/r3.html']);
    expect(fourth.err).toContain('8 个网页未变化（304），1 个内容相同未重新核对');
    const now = JSON.parse(fourth.out) as Entry[];
    expect(now.find((r) => r.source.location.endsWith('/r2.html'))?.summary.errors).toBe(0); // seed-004 now
    expect(now.filter((r) => !r.source.location.endsWith('/r2.html'))).toEqual(results.filter((r) => !r.source.location.endsWith('/r2.html')));
  }, 60_000);

  it('--resume without --store is refused; a store that cannot be opened is a clear reason', async () => {
    expect((await run(['--resume', 'x.html'])).err).toContain('--resume needs --store FILE');
    const r = await run(['--store', ROOT, `${base}/nb/r1.html`]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`无法打开记录文件 ${ROOT}：EISDIR`);
  });
});

// The same for local files: a run over saved pages is killed after a few, resumed (in English,
// through worker threads) without checking again a file it finished, unless the file changed; a
// file only touched is hashed and kept. Every check writes one input line; a line taken over from
// an earlier one says `kept` — so the lines without it are the checks, which the test counts.

/** the journal's input lines from byte `from` on */
function inputEntries(path: string, from = 0): InputEntry[] {
  return readFileSync(path).subarray(from).toString('utf8').split('\n').filter((l) => l.includes('"t":"input"')).map((l) => JSON.parse(l) as InputEntry);
}
const checkedIn = (lines: InputEntry[]): string[] => lines.filter((e) => e.kept !== true).map((e) => e.input).sort();

type Output = { source: { location: string }; summary: { errors: number; warnings: number } } | { source: { location: string }; error: string };

describe('CLI: --store, --resume over local files', () => {
  it('killed after a few files, resumed: finished files not checked again, changed ones checked, reasons in the language asked for', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-resume-files-'));
    const store = join(dir, 'run.jsonl');
    const names = [...REPORTS, 'huancui-2023-bad', 'one-table', 'split-table', 'seed-004'];
    // a page with no report first (its reason is kept), 72 reports, another page with no report last
    const files = [join(dir, 'nr-first.html')];
    copyFileSync(join(FIX, 'no-report.html'), files[0] ?? '');
    for (let i = 0; i < 72; i++) {
      const f = join(dir, `r${String(i).padStart(3, '0')}.html`);
      copyFileSync(join(FIX, `${names[i % names.length]}.html`), f);
      files.push(f);
    }
    files.push(join(dir, 'nr-last.html'));
    copyFileSync(join(FIX, 'no-report.html'), files[files.length - 1] ?? '');
    const args = ['--store', store, '--json', ...files];

    // 1. the CLI in its own process (one file at a time, on its main thread), killed once 6 files are in the journal
    await runKilled(['--concurrency', '1', ...args], store, 6);
    const { state } = await loadJournal(store);
    expect(state.lastRun?.ended).toBe(false);
    const finished = state.finishedIn(state.lastRun?.id ?? '');
    expect(finished.size).toBeGreaterThanOrEqual(6);
    expect(finished.size).toBeLessThan(files.length);
    expect(finished.has(files[0] ?? '')).toBe(true);
    // kept in both languages, with what the file was
    expect(state.inputs.get(files[0] ?? '')).toMatchObject({ file: { size: statSync(files[0] ?? '').size }, outcome: { ok: false, status: 'no-report', reasons: { en: expect.stringContaining('No government-information-disclosure annual report found') } } });

    // between the runs: one finished file becomes another report, one is changed without changing
    // its size, one is only touched (a new time, the same bytes)
    const [changed, sameSize, touched] = [files[2] ?? '', files[3] ?? '', files[4] ?? ''];
    for (const f of [changed, sameSize, touched]) expect(finished.has(f)).toBe(true);
    copyFileSync(join(FIX, 'seed-004.html'), changed); // was blanks.html
    const before = readFileSync(sameSize, 'utf8'); // template-2019.html
    writeFileSync(sameSize, before.replace('<html', '<HTML'));
    expect(statSync(sameSize).size).toBe(Buffer.byteLength(before));
    const later = new Date(Date.now() + 60_000);
    utimesSync(touched, later, later);

    // 2. resumed in English, the files checked in two worker threads: only the unfinished and the changed are checked
    const offset = statSync(store).size;
    const resumed = await runWith(['--resume', '--lang', 'en', '--concurrency', '4', ...args], { threads: 2, poolMinFiles: 1 });
    expect(resumed.err).toContain(`resuming the interrupted run; ${finished.size} finished input(s)`);
    const second = inputEntries(store, offset);
    expect(checkedIn(second)).toEqual([...files.filter((f) => !finished.has(f)), changed, sameSize].sort());
    expect(second.filter((e) => e.kept === true).map((e) => e.input)).toEqual([touched]); // hashed, the new time kept
    expect(second.find((e) => e.input === touched)?.file?.mtimeMs).toBe(statSync(touched).mtimeMs);
    expect(resumed.err).toContain(`${finished.size - 2} finished result(s) taken as they were`);
    // the first file's reason, written by a Chinese run, now in English; the last one's from a worker
    const out = JSON.parse(resumed.out) as Output[];
    expect(out.map((o) => o.source.location)).toEqual(files);
    expect(out[0]).toMatchObject({ error: expect.stringContaining('No government-information-disclosure annual report found') });
    expect(out[out.length - 1]).toMatchObject({ error: expect.stringContaining('No government-information-disclosure annual report found') });
    expect(resumed.err).not.toContain('未发现政府信息公开工作年度报告'); // the Chinese reason nowhere on stderr
    // the same output as a fresh English run over the files as they are now (the changed file's new result)
    const fresh = await runWith(['--lang', 'en', '--json', ...files]);
    // (but the time of the cross-year comparison, redone in every run)
    const untimed = (json: string): unknown => JSON.parse(json, (k, v: unknown) => (k === 'checkedAt' ? undefined : v));
    expect(untimed(resumed.out)).toEqual(untimed(fresh.out));
    expect(out.find((o) => o.source.location === changed)).toMatchObject({ summary: { errors: 0 } }); // seed-004 now, not blanks
    expect((await loadJournal(store)).state.lastRun?.ended).toBe(true);

    // 3. a new run in Chinese: nothing changed, nothing checked — not even the file a worker checked
    //    in English: a worker sends a failure's reason in both languages, and the journal keeps both
    const at3 = statSync(store).size;
    const third = await runWith(args, { threads: 2, poolMinFiles: 1 });
    expect(second.find((e) => e.input === files[files.length - 1])?.outcome).toMatchObject({ reasons: { zh: expect.stringContaining('未发现政府信息公开工作年度报告'), en: expect.stringContaining('No government-information-disclosure') } });
    expect(checkedIn(inputEntries(store, at3))).toEqual([]);
    expect(third.err).toContain(`${files.length} 个内容相同未重新核对`);
    const zh = JSON.parse(third.out) as Output[];
    expect(zh[0]).toMatchObject({ error: expect.stringContaining('未发现政府信息公开工作年度报告') });
    expect(zh[zh.length - 1]).toMatchObject({ error: expect.stringContaining('未发现政府信息公开工作年度报告') });
    expect(zh.filter((o) => 'summary' in o).map((o) => [o.source.location, o.summary])).toEqual(out.filter((o) => 'summary' in o).map((o) => [o.source.location, o.summary]));
  }, 120_000);
});

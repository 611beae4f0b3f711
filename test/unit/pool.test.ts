/**
 * Many local files through worker processes (src/cli/pool.ts): the same outcome per file as the
 * main thread gives, in input order, and a file that cannot be read costs only itself.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkInput, main } from '../../src/cli/main';
import { fileWorkers, MIN_FILES, readWorkerMessage } from '../../src/cli/pool';
import { workerBundle } from '../../src/cli/pool-bundle';
import { checkFileTask } from '../../src/cli/pool-task';
import { SEED_DIR } from '../support/seeds';

const FIX = new URL('../fixtures/html/', import.meta.url).pathname;
const PAGES = readdirSync(FIX).filter((f) => f.endsWith('.html')).sort().map((f) => join(FIX, f));
const SEEDS = readdirSync(SEED_DIR).filter((f) => f.endsWith('.txt')).sort().slice(0, 3).map((f) => join(SEED_DIR, f));

/** Files no report comes from: missing, empty, binary junk, a directory. */
function badFiles(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'pool-'));
  writeFileSync(join(dir, 'empty.html'), '');
  writeFileSync(join(dir, 'junk.html'), new Uint8Array([0, 1, 2, 255, 254, 0, 7]));
  return [join(dir, 'missing.html'), join(dir, 'empty.html'), join(dir, 'junk.html'), dir];
}

describe('file workers', () => {
  it('give every file the main thread’s outcome, in input order; a bad file costs only itself', async () => {
    const bad = badFiles();
    const inputs = [bad[0] ?? '', ...PAGES.slice(0, 5), bad[1] ?? '', ...SEEDS, bad[2] ?? '', ...PAGES.slice(5), bad[3] ?? ''];
    const args = { lang: 'zh', timeoutMs: 5_000 } as const;
    // a failure's reason comes in both languages too (the run store keeps both)
    const main = await Promise.all(inputs.map((i) => checkInput(i, args)));
    const workers = fileWorkers(inputs, { ...args, concurrency: 4, threads: 2, minFiles: 1 }, () => Promise.reject(new Error('not a file')));
    try {
      expect(workers.threads).toBe(2);
      const pooled = await Promise.all(inputs.map((i) => workers.check(i)));
      expect(pooled.map((o) => o.input)).toEqual(inputs);
      expect(pooled).toEqual(main);
      // the reports are there, and each bad file has its own reason
      expect(pooled.filter((o) => o.ok).length).toBeGreaterThanOrEqual(PAGES.length - 2);
      for (const b of bad) expect(pooled.find((o) => o.input === b)).toMatchObject({ ok: false, reason: expect.stringMatching(/\S/) });
    } finally {
      await workers.close();
    }
  }, 60_000);

  it('fall back to the TypeScript source through tsx when no bundle can be written, with the same outcomes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pool-nobundle-'));
    const blocker = join(dir, 'file');
    writeFileSync(blocker, 'a file where the bundle directory would be');
    expect(await workerBundle(join(blocker, 'cache'))).toBeNull();
    const inputs = [...PAGES.slice(0, 3), join(dir, 'missing.html')];
    const args = { lang: 'en', timeoutMs: 5_000 } as const;
    const main = await Promise.all(inputs.map((i) => checkInput(i, args)));
    const workers = fileWorkers(inputs, { ...args, concurrency: 4, threads: 2, minFiles: 1, bundleDir: join(blocker, 'cache') }, () => Promise.reject(new Error('not a file')));
    try {
      expect(await Promise.all(inputs.map((i) => workers.check(i)))).toEqual(main);
    } finally {
      await workers.close();
    }
  }, 60_000);

  it('take a worker’s message only when it is the outcome of the file asked for', async () => {
    const page = PAGES[0] ?? '';
    const sent = await checkFileTask({ input: page, lang: 'zh', timeoutMs: 5_000 });
    expect(typeof sent).toBe('string');
    expect(readWorkerMessage(sent, page)).toEqual(JSON.parse(sent));
    expect(readWorkerMessage(sent, `${page}.other`)).toBeNull();
    expect(readWorkerMessage(JSON.parse(sent), page)).toBeNull(); // an object, not the string sent
    expect(readWorkerMessage(sent.slice(0, sent.length / 2), page)).toBeNull(); // cut off
    const o = JSON.parse(sent) as { result: { summary: unknown; schemaVersion: unknown } };
    expect(readWorkerMessage(JSON.stringify({ ...o, result: { ...o.result, summary: null } }), page)).toBeNull();
    expect(readWorkerMessage(JSON.stringify({ ...o, result: { ...o.result, schemaVersion: 'x' } }), page)).toBeNull();
    expect(readWorkerMessage(JSON.stringify({ input: page, ok: false, reason: 'r', reasons: { zh: '理由' } }), page)).toBeNull();
    expect(readWorkerMessage(JSON.stringify({ input: page, ok: false, reason: 'r', reasons: { zh: '理由', en: 'r' } }), page)).toMatchObject({ ok: false });
  });

  it('start only for enough local files, and leave URLs to the main thread', async () => {
    expect(PAGES.length).toBeLessThan(MIN_FILES);
    const few = fileWorkers(PAGES, { lang: 'zh', timeoutMs: 1_000, concurrency: 4, threads: 2 }, async () => 'main');
    expect(few.threads).toBe(0);
    expect(await few.check(PAGES[0] ?? '')).toBe('main');
    const one = fileWorkers(PAGES, { lang: 'zh', timeoutMs: 1_000, concurrency: 1, threads: 2, minFiles: 1 }, async () => 'main');
    expect(one.threads).toBe(0);
    const urls = fileWorkers(['http://a.gov.cn/1.html', PAGES[0] ?? '', PAGES[1] ?? ''], { lang: 'zh', timeoutMs: 1_000, concurrency: 4, threads: 2, minFiles: 1 }, async (i) => `main ${i}`);
    try {
      expect(urls.threads).toBe(2);
      expect(await urls.check('http://a.gov.cn/1.html')).toBe('main http://a.gov.cn/1.html');
    } finally {
      await urls.close();
    }
  });

  it('the CLI over many files prints what it prints on one thread', async () => {
    const inputs = Array.from({ length: 40 }, (_, i) => PAGES[i % PAGES.length] ?? '');
    const run = async (threads: number): Promise<{ code: number; out: string; err: string }> => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await main(['--csv', ...inputs], (s) => out.push(s), (s) => err.push(s), { threads, poolMinFiles: 10 });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const single = await run(1);
    const pooled = await run(2);
    expect(pooled).toEqual(single);
    // a file given twice is reported once (the listing expansion keeps the first of repeats)
    expect(single.out.split('\n').length).toBeGreaterThan(new Set(inputs).size);
  }, 120_000);
});

import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentHash, JournalWriter, loadJournal, parseJournal, RunStore, type StoredOutcome } from '../../src/batch/store';
import { checkDocument } from '../../src/pipeline';
import { parseHTML } from 'linkedom';

// The run store (issue 19, item 4): an append-only JSON Lines journal, each line validated when
// read back, a torn last line cut off, and the resume set of a run.

const dir = mkdtempSync(join(tmpdir(), 'store-test-'));
let n = 0;
const fresh = (): string => join(dir, `run-${++n}.jsonl`);

const FIX = new URL('../fixtures/html/', import.meta.url).pathname;
function realResult(file: string): StoredOutcome {
  const doc = parseHTML(readFileSync(join(FIX, file), 'utf8')).document as unknown as Document;
  const o = checkDocument(doc, { kind: 'url', location: `http://x.gov.cn/${file}`, format: 'html' });
  if (!o.ok) throw new Error(file);
  return { ok: true, result: o.result };
}

const http = (hash: string) => ({ finalUrl: 'http://x.gov.cn/a.html', etag: '"e1"', lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT', hash });

describe('the journal', () => {
  it('writes one line per entry and reads every one back, validated (a real result survives intact)', async () => {
    const path = fresh();
    const store = await RunStore.open(path, { resume: false });
    const result = realResult('errors.html');
    await store.recordInput('http://x.gov.cn/a.html', result, http('aa'));
    await store.recordInput('http://x.gov.cn/b.html', { ok: false, reason: '服务器返回 404（页面不存在）', status: 'failed' });
    await store.recordPage('http://x.gov.cn/nb/index_1.html', http('pp'), { reports: [{ url: 'http://x.gov.cn/c.html', title: '2023年政府信息公开工作年度报告', year: 2023, kind: 'page' }], pages: [] });
    await store.end();
    const text = readFileSync(path, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    expect(text.trim().split('\n').map((l) => (JSON.parse(l) as { t: string }).t)).toEqual(['run', 'input', 'input', 'page', 'end']);
    const { state, torn } = await loadJournal(path);
    expect(torn).toBe(false);
    expect(state.skipped).toBe(0);
    expect(state.lastRun).toEqual({ id: store.run, ended: true });
    expect(state.inputs.get('http://x.gov.cn/a.html')?.outcome).toEqual(result);
    expect(state.pages.get('http://x.gov.cn/nb/index_1.html')?.links.reports[0]?.year).toBe(2023);
  });

  it('a torn last line is left out and cut off the file, so the next line starts clean', async () => {
    const path = fresh();
    const w = await JournalWriter.open(path);
    await w.append({ t: 'run', v: 1, run: 'r1', at: '2024-01-01T00:00:00Z' });
    await w.append({ t: 'input', run: 'r1', at: '2024-01-01T00:00:01Z', input: 'http://x.gov.cn/a.html', http: http('aa'), outcome: { ok: false, reason: '页面没有年报表格', status: 'no-report' } });
    await w.close();
    const whole = readFileSync(path, 'utf8');
    appendFileSync(path, '{"t":"input","run":"r1","at":"2024-01-01T00:00:02Z","input":"http://x.gov.cn/b.ht');
    expect(parseJournal(readFileSync(path, 'utf8')).torn).toBe(true);
    const { state, torn } = await loadJournal(path);
    expect(torn).toBe(true);
    expect([...state.inputs.keys()]).toEqual(['http://x.gov.cn/a.html']);
    expect(readFileSync(path, 'utf8')).toBe(whole);
    // resumed: the run goes on under the same id, and what it appends reads back
    const store = await RunStore.open(path, { resume: true });
    expect(store.run).toBe('r1');
    await store.recordInput('http://x.gov.cn/b.html', { ok: false, reason: '页面没有年报表格', status: 'no-report' }, http('bb'));
    await store.end();
    const again = await loadJournal(path);
    expect(again.torn).toBe(false);
    expect(again.state.skipped).toBe(0);
    expect(again.state.finishedIn('r1')).toEqual(new Set(['http://x.gov.cn/a.html', 'http://x.gov.cn/b.html']));
  });

  it('a line that is not JSON, or not a valid entry, is skipped and counted; the others stand', async () => {
    const path = fresh();
    const good = (input: string) => JSON.stringify({ t: 'input', run: 'r1', at: 'x', input, outcome: { ok: false, reason: 'r', status: 'pictures' } });
    writeFileSync(
      path,
      [
        JSON.stringify({ t: 'run', v: 1, run: 'r1', at: 'x' }),
        good('a'),
        'not json at all',
        JSON.stringify({ t: 'input', run: 'r1', at: 'x', input: 'b', outcome: { ok: true, result: { nope: 1 } } }), // result fails its schema
        JSON.stringify({ t: 'run', v: 99, run: 'r2', at: 'x' }), // a later journal version
        good('c'),
        '',
      ].join('\n'),
    );
    const { state } = await loadJournal(path);
    expect(state.skipped).toBe(3);
    expect([...state.inputs.keys()]).toEqual(['a', 'c']);
    expect(state.lastRun).toEqual({ id: 'r1', ended: false });
    const store = await RunStore.open(path, { resume: false });
    expect(store.notes.map((x) => x.zh)).toEqual([`${path}：3 行无法读取，已跳过`, `${path}：上次运行未完成（加 --resume 可接着运行）；本次重新核对，未变化的网页不再下载`]);
    await store.close();
  });

  it('the resume set: what the last run finished — not its failures, not an earlier run’s results', async () => {
    const path = fresh();
    const first = await RunStore.open(path, { resume: false });
    await first.recordInput('old', { ok: false, reason: 'r', status: 'no-report' }, http('o'));
    await first.end();
    const second = await RunStore.open(path, { resume: false });
    expect(second.run).not.toBe(first.run);
    // a new run finishes nothing yet: everything is fetched again, with what to revalidate it by
    expect(second.finished('old')).toBeNull();
    expect(second.previous('old')?.http.hash).toBe('o');
    await second.recordInput('done', realResult('seed-004.html'), http('d'));
    await second.recordInput('failed', { ok: false, reason: '无法连接', status: 'failed' });
    await second.recordInput('listing', { ok: false, reason: '页面没有年报表格', status: 'no-report', listing: { url: 'http://x.gov.cn/nb/', links: { reports: [], pages: [] } } }, http('l'));
    await second.close(); // killed: no end line

    const resumed = await RunStore.open(path, { resume: true });
    expect(resumed.run).toBe(second.run);
    expect(resumed.notes.map((x) => x.zh)).toEqual([`${path}：接着上次中断的运行，已完成的 2 个不再取回`]);
    expect(resumed.finished('done')?.ok).toBe(true);
    expect(resumed.finished('listing')).toMatchObject({ ok: false, listing: { url: 'http://x.gov.cn/nb/' } });
    expect(resumed.finished('failed')).toBeNull(); // tried again
    expect(resumed.finished('old')).toBeNull(); // another run's
    expect(resumed.previous('failed')).toBeNull(); // nothing to revalidate: a failure kept no version
    await resumed.end();

    const none = await RunStore.open(fresh(), { resume: true });
    expect(none.notes.map((x) => x.en)).toEqual([expect.stringContaining('no run to resume')]);
    await none.close();
  });

  it('content hashes: SHA-256 hex, equal for equal bytes', () => {
    expect(contentHash(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(contentHash(new Uint8Array([1, 2]))).toBe(contentHash(new Uint8Array([1, 2])));
  });
});

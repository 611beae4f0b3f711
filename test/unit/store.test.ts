import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentHash, JournalWriter, loadJournal, parseJournal, reasonIn, RunStore, speaks, type StoredOutcome } from '../../src/batch/store';
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
    const store = await RunStore.open(path, { resume: false, ruleset: 'r1' });
    const result = realResult('errors.html');
    await store.recordInput('http://x.gov.cn/a.html', result, { http: http('aa') });
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
    const store = await RunStore.open(path, { resume: true, ruleset: 'r1' });
    expect(store.run).toBe('r1');
    await store.recordInput('http://x.gov.cn/b.html', { ok: false, reason: '页面没有年报表格', status: 'no-report' }, { http: http('bb') });
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
    const store = await RunStore.open(path, { resume: false, ruleset: 'r1' });
    expect(store.notes.map((x) => x.zh)).toEqual([`${path}：3 行无法读取，已跳过`, `${path}：上次运行未完成（加 --resume 可接着运行）；本次重新核对，未变化的网页不再下载`]);
    await store.close();
  });

  it('the resume set: what the last run finished — not its failures, not an earlier run’s results', async () => {
    const path = fresh();
    const first = await RunStore.open(path, { resume: false, ruleset: 'r1' });
    await first.recordInput('old', { ok: false, reason: 'r', status: 'no-report' }, { http: http('o') });
    await first.end();
    const second = await RunStore.open(path, { resume: false, ruleset: 'r1' });
    expect(second.run).not.toBe(first.run);
    // a new run finishes nothing yet: everything is fetched again, with what to revalidate it by
    expect(second.finished('old')).toBeNull();
    expect(second.previous('old')?.http.hash).toBe('o');
    await second.recordInput('done', realResult('seed-004.html'), { http: http('d') });
    await second.recordInput('failed', { ok: false, reason: '无法连接', status: 'failed' });
    await second.recordInput('listing', { ok: false, reason: '页面没有年报表格', status: 'no-report', listing: { url: 'http://x.gov.cn/nb/', links: { reports: [], pages: [] } } }, { http: http('l') });
    await second.close(); // killed: no end line

    const resumed = await RunStore.open(path, { resume: true, ruleset: 'r1' });
    expect(resumed.run).toBe(second.run);
    expect(resumed.notes.map((x) => x.zh)).toEqual([`${path}：接着上次中断的运行，已完成的 2 个不再取回（本地文件改动过的除外）`]);
    expect(resumed.finished('done')?.ok).toBe(true);
    expect(resumed.finished('listing')).toMatchObject({ ok: false, listing: { url: 'http://x.gov.cn/nb/' } });
    expect(resumed.finished('failed')).toBeNull(); // tried again
    expect(resumed.finished('old')).toBeNull(); // another run's
    expect(resumed.previous('failed')).toBeNull(); // nothing to revalidate: a failure kept no version
    await resumed.end();

    const none = await RunStore.open(fresh(), { resume: true, ruleset: 'r1' });
    expect(none.notes.map((x) => x.en)).toEqual([expect.stringContaining('no run to resume')]);
    await none.close();
  });

  it('reasons in both languages; a line from before that field is read as it was; a one-language reason says which', async () => {
    const path = fresh();
    writeFileSync(
      path,
      [
        JSON.stringify({ t: 'run', v: 1, run: 'r1', at: 'x' }),
        // written before reasons, lang, file, ruleset and kept existed
        JSON.stringify({ t: 'input', run: 'r1', at: 'x', input: 'http://x.gov.cn/old.html', http: http('o'), outcome: { ok: false, reason: '页面没有年报表格', status: 'no-report' } }),
        '',
      ].join('\n'),
    );
    const store = await RunStore.open(path, { resume: true, ruleset: 'r1' });
    const old = store.finished('http://x.gov.cn/old.html');
    if (!old || old.ok) throw new Error('the old line is not read');
    expect(reasonIn(old, 'en')).toBe('页面没有年报表格'); // the one line there is
    expect(speaks(old, 'en')).toBe(true); // its language unknown: said as kept
    const both: StoredOutcome = { ok: false, reason: '页面没有年报表格', reasons: { zh: '页面没有年报表格', en: 'no report tables on the page' }, status: 'no-report' };
    const zhOnly: StoredOutcome = { ok: false, reason: '没有找到年报表格', lang: 'zh', status: 'no-report' };
    await store.recordInput('/d/both.html', both, { file: { size: 3, mtimeMs: 1, hash: 'h' } });
    await store.recordInput('/d/zh.html', zhOnly, { file: { size: 3, mtimeMs: 1, hash: 'h' } });
    await store.end();
    const { state } = await loadJournal(path);
    expect(state.skipped).toBe(0);
    const back = state.inputs.get('/d/both.html')?.outcome;
    if (!back || back.ok) throw new Error('not read back');
    expect([reasonIn(back, 'zh'), reasonIn(back, 'en')]).toEqual(['页面没有年报表格', 'no report tables on the page']);
    expect(speaks(back, 'en')).toBe(true);
    expect(speaks(zhOnly, 'zh')).toBe(true);
    expect(speaks(zhOnly, 'en')).toBe(false); // a file with it is checked again in English
    expect(state.inputs.get('/d/zh.html')).toMatchObject({ ruleset: 'r1', file: { size: 3, mtimeMs: 1, hash: 'h' } });
  });

  it('local files: the last finished outcome with what the file was; not one checked under another rule set', async () => {
    const path = fresh();
    const first = await RunStore.open(path, { resume: false, ruleset: 'r1' });
    const result = realResult('errors.html');
    await first.recordInput('/d/a.html', result, { file: { size: 10, mtimeMs: 5, hash: 'ha' } });
    await first.recordInput('/d/gone.html', { ok: false, reason: '文件不存在', reasons: { zh: '文件不存在', en: 'no such file' }, status: 'failed' });
    await first.recordInput('http://x.gov.cn/a.html', result, { http: http('aa') });
    await first.close(); // killed
    const resumed = await RunStore.open(path, { resume: true, ruleset: 'r1' });
    expect(resumed.previousFile('/d/a.html')).toEqual({ outcome: result, file: { size: 10, mtimeMs: 5, hash: 'ha' }, sameRun: true });
    expect(resumed.previousFile('/d/gone.html')).toBeNull(); // a failure is tried again
    expect(resumed.previousFile('http://x.gov.cn/a.html')).toBeNull(); // no file kept for a URL
    await resumed.end();
    const later = await RunStore.open(path, { resume: false, ruleset: 'r1' });
    expect(later.previousFile('/d/a.html')?.sameRun).toBe(false); // an earlier run's, still taken when the file is the same
    await later.end();
    const newRules = await RunStore.open(path, { resume: true, ruleset: 'r2' });
    expect(newRules.notes.map((x) => x.zh)).toContain(`${path}：2 个结果是按另一版规则核对的，将重新核对`);
    expect(newRules.previousFile('/d/a.html')).toBeNull();
    expect(newRules.previous('http://x.gov.cn/a.html')).toBeNull();
    await newRules.close();
  });

  it('content hashes: SHA-256 hex, equal for equal bytes', () => {
    expect(contentHash(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(contentHash(new Uint8Array([1, 2]))).toBe(contentHash(new Uint8Array([1, 2])));
  });
});

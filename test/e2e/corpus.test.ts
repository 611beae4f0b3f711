// The real-world corpus (test/corpus) judged through the extension in real Chromium, as an
// auditor or an inspector would get it: every file through the batch page (its exported JSON),
// and every saved web page opened under a gov.cn host name (the sidebar's copied JSON). Both are
// held to the same hand-made expectations as the CLI (test/golden/corpus.test.ts).
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCases, loadKnownGaps } from '../corpus/expected';
import { judgeOutcome, type Outcome, type Verdict } from '../corpus/judge';
import { CheckResultSchema } from '../../src/model/result';
import { readClipboard, screenshot } from './harness';
import { useBrowser } from './use-browser';

const PANEL = 'gov-report-check .panel';
const cases = loadCases();
const gaps = loadKnownGaps();

const env = useBrowser();
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'corpus-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * What is wrong with a verdict, in one line per problem; empty when the case was judged exactly
 * (or, for a known gap of test/corpus/known-gaps.json, exactly as the gap stands).
 */
function problems(v: Verdict): string[] {
  const gap = gaps[v.id];
  if (gap) {
    const got = { misread: v.misread.length, falseErrors: v.falseErrors.length, missed: v.missed.length };
    const same = got.misread === gap.misread && got.falseErrors === gap.falseErrors && got.missed === gap.missed && !v.wrongRefusal;
    return same ? [] : [`${v.id}: known gap no longer as it stands: ${JSON.stringify(got)}`];
  }
  return [
    ...(v.wrongRefusal ? [`${v.id}: ${v.wrongRefusal}`] : []),
    ...v.misread.map((m) => `${v.id}: 读错 ${m}`),
    ...v.falseErrors.map((m) => `${v.id}: 误报 ${m}`),
    ...v.missed.map((m) => `${v.id}: 漏报 ${m}`),
  ];
}

/** A batch export entry → the outcome the judge takes. */
function outcomeOf(entry: unknown): Outcome {
  const parsed = CheckResultSchema.safeParse(entry);
  if (parsed.success) return { ok: true, result: parsed.data };
  const reason = typeof entry === 'object' && entry !== null && 'reason' in entry ? String((entry as { reason: unknown }).reason) : 'no result';
  return { ok: false, reason };
}

describe('the corpus in the extension (Chromium)', () => {
  it('the batch page judges every corpus file exactly (exported JSON)', async () => {
    const files = cases.map((c) => {
      const file = join(dir, `${c.id}${extname(c.source)}`);
      copyFileSync(c.source, file);
      return file;
    });
    const page: Page = await env.browser.context.newPage();
    await page.goto(`chrome-extension://${env.browser.extensionId}/batch.html`);
    await page.locator('input[type=file]').setInputFiles(files);
    await page.locator('label', { hasText: '同时检查' }).locator('input').fill('6');
    await page.locator('button', { hasText: '开始检查' }).click();
    await expect
      .poll(() => page.locator('.progress .label').textContent(), { timeout: 180_000, interval: 500 })
      .toContain(`${cases.length} / ${cases.length}（100%）`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('button', { hasText: '导出 JSON' }).click()]);
    const path = await download.path();
    const entries = JSON.parse(readFileSync(path, 'utf8')) as unknown[];
    expect(entries).toHaveLength(cases.length);
    const byName = new Map<string, unknown>();
    for (const entry of entries) {
      const e = entry as { source?: { location?: string | null }; target?: string };
      const name = (e.source?.location ?? e.target ?? '').split('/').pop() ?? '';
      byName.set(name, entry);
    }
    const wrong: string[] = [];
    for (const c of cases) {
      const entry = byName.get(`${c.id}${extname(c.source)}`);
      if (entry === undefined) wrong.push(`${c.id}: not in the export`);
      else wrong.push(...problems(judgeOutcome(c, outcomeOf(entry))));
    }
    expect(wrong).toEqual([]);
    await page.close();
  });

  it('the real 2019 report with 135 blank cells (web-001) shows few findings, blanks said once (issue 17: ≤ 6)', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(env.server.url('www.corpus.gov.cn', '/web-001/source.html'));
    await page.locator(PANEL).waitFor({ timeout: 15_000 });
    const cards = page.locator(`${PANEL} button.finding`);
    await expect.poll(() => cards.count()).toBeGreaterThan(0);
    // cells-filled for table 2 and table 3, one blank-total for table 2's eleven blank 总计, the two prose figures
    const texts = await cards.allTextContents();
    expect(texts.length, texts.join('\n')).toBeLessThanOrEqual(6);
    expect(texts.some((t) => t.includes('表二有 126 个单元格没有填数字'))).toBe(true);
    expect(texts.some((t) => t.includes('表二有 11 个总计留空'))).toBe(true);
    expect((await page.locator(`${PANEL} .verdict`).textContent()) ?? '').toContain('135 个单元格未填数字 · 11 个总计留空而分项不为0');
    await screenshot(page, 'corpus-web-001-blanks');
    await page.close();
  });

  const pages = cases.filter((c) => c.source.endsWith('.html'));
  it.each(pages.map((c) => [c.id, c] as const))('%s opened as a gov.cn page: the sidebar copies a JSON judged exactly', async (_id, c) => {
    const page = await env.browser.context.newPage();
    await page.goto(env.server.url('www.corpus.gov.cn', `/${c.id}/source.html`));
    if (c.expect.kind === 'not-report') {
      await page.waitForTimeout(1500);
      expect(await page.locator(PANEL).count()).toBe(0);
      await page.close();
      return;
    }
    await page.locator(PANEL).waitFor({ timeout: 15_000 });
    await screenshot(page, `corpus-${c.id}`);
    await page.locator(`${PANEL} button.action`, { hasText: '复制 JSON' }).click();
    await expect.poll(() => page.locator(`${PANEL} .status`).textContent()).toContain('已复制');
    const text = await readClipboard(env.browser.context, env.server);
    const parsed = CheckResultSchema.safeParse(JSON.parse(text));
    expect(parsed.success).toBe(true);
    if (parsed.success) expect(problems(judgeOutcome(c, { ok: true, result: parsed.data }))).toEqual([]);
    await page.close();
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main';
import { CheckResultSchema } from '../src/model/result';

const SEEDS = new URL('../../shared/seeds/', import.meta.url).pathname;
const FIX = new URL('./fixtures/html/', import.meta.url).pathname;

function run(args: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(args, (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('CLI', () => {
  it('prints a Chinese summary and exits 0 for a sound report', () => {
    const r = run([join(FIX, 'huancui-2023.html')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('威海市环翠区人民政府');
    expect(r.out).toContain('✓ 全部通过');
    expect(r.out).toContain('表二各列：一 + 二 = （七）总计 + 四');
  });

  it('exits 0 for warnings only, and lists them', () => {
    const r = run([join(SEEDS, '004_383c93ca4b8bd76d.txt')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('! 无错误 · 1 个警告');
    expect(r.out).toContain('[prose-figures] 正文称“结转下年度继续办理7件”');
  });

  it('exits 1 with the findings listed when a report has errors', () => {
    const r = run([join(FIX, 'errors.html')]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('[balance] 表二「自然人」列 一+二 = （七）总计+四不成立：应为 159，实为 157');
  });

  it('speaks English with --lang en', () => {
    const r = run(['--lang', 'en', join(FIX, 'errors.html')]);
    expect(r.out).toContain('does not hold: expected 159, found 157');
  });

  it('--json prints the schema-valid result; an array for several files', () => {
    const one = run(['--json', join(SEEDS, '000_09810aafb975b6d8.txt')]);
    expect(CheckResultSchema.safeParse(JSON.parse(one.out)).success).toBe(true);
    const many = run(['--json', join(SEEDS, '001_e9b0b4183da4b0c6.txt'), join(FIX, 'errors.html')]);
    const parsed: unknown = JSON.parse(many.out);
    expect(Array.isArray(parsed)).toBe(true);
    expect((parsed as unknown[]).map((x) => CheckResultSchema.safeParse(x).success)).toEqual([true, true]);
    expect(many.code).toBe(1);
  });

  it('exits 2 with a one-line reason for unreadable input or a page without a report', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'));
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    for (const [file, reason] of [
      [join(dir, 'nope.txt'), '文件不存在'],
      [dir, '目录'],
      [empty, '未发现政府信息公开工作年度报告'],
      [join(FIX, 'no-report.html'), '未发现政府信息公开工作年度报告'],
      [join(dir, 'old.doc'), '文件不存在'],
    ] as const) {
      const r = run([file]);
      expect(r.code, file).toBe(2);
      expect(r.err, file).toContain(reason);
      expect(r.err.split('\n')).toHaveLength(1);
      expect(r.err).not.toMatch(/\bat .*\(.*:\d+:\d+\)/); // no stack trace
    }
    writeFileSync(join(dir, 'old.doc'), 'x');
    expect(run([join(dir, 'old.doc')]).err).toContain('暂不支持 .doc');
  });

  it('reads a GBK-encoded page', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'));
    const utf8 = spawnSync('cat', [join(FIX, 'seed-004.html')]).stdout.toString('utf8').replace('charset="utf-8"', 'charset="gbk"').replace(/charset=utf-8/i, 'charset=gbk');
    const iconv = spawnSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: utf8 });
    expect(iconv.status).toBe(0);
    const file = join(dir, 'gbk.html');
    writeFileSync(file, iconv.stdout);
    const r = run([file]);
    expect(r.out).toContain('威海市环翠区人民政府');
    expect(r.code).toBe(0);
  });

  it('compares the same body across years given in one run (consistent and inconsistent pairs)', () => {
    const good = run(['--json', join(FIX, 'huancui-2023.html'), join(FIX, 'seed-004.html')]);
    const [g2023, g2024] = JSON.parse(good.out) as { lastYear?: { year: number }; findings: { rule: string }[] }[];
    expect(g2023?.lastYear).toBeUndefined();
    expect(g2024?.lastYear?.year).toBe(2023);
    expect(g2024?.findings.map((f) => f.rule)).toEqual(['prose-figures']); // seed 004's own prose; nothing cross-year
    expect(good.code).toBe(0);
    const bad = run([join(FIX, 'seed-004.html'), join(FIX, 'huancui-2023-bad.html')]);
    expect(bad.out).toContain('已与2023年度报告比较');
    expect(bad.out).toContain('[carry-over] 表二「二、上年结转」「自然人」列为 7，但2023年度报告');
    expect(bad.out).toContain('[in-force] 表一「行政规范性文件」现行有效件数为 16');
    expect(bad.code).toBe(0); // cross-year findings are warnings
  });

  it('usage on no arguments (exit 2) and on --help (exit 0); unknown options are refused', () => {
    expect(run([]).code).toBe(2);
    expect(run(['--help']).code).toBe(0);
    expect(run(['--frobnicate', 'x']).err).toContain('unknown option');
  });

  it('runs as a real process through npm run check, with its exit code', () => {
    const r = spawnSync('npx', ['tsx', 'src/cli/main.ts', join(SEEDS, '002_9f0a1b4247e150cc.txt')], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('以图片形式发布');
  });
});

import type { CheckResultJson } from '../model/result';
import type { Finding } from '../model/finding';
import { TEMPLATES } from '../recognise/templates';
import { verdictLine } from './verdict';

export type Lang = 'zh' | 'en';

const W = {
  zh: {
    head: '政府信息公开年报核对',
    source: '来源',
    body: '机关',
    year: '年度',
    template: '模板',
    unknown: '未识别',
    table: ['表一', '表二', '表三'],
    parsed: (n: number, cells = false) => (cells ? `已读取 ${n} 个数` : `已读取 ${n} 行`),
    image: '为图片，无法读取',
    missing: '未找到',
    verdictOk: (n: number) => `✓ 全部通过：已核对 ${n} 项，未发现错误`,
    verdict: (e: number, w: number, n: number) => `✗ ${e} 个错误 · ${w} 个警告 · 已核对 ${n} 项`,
    verdictWarn: (w: number, n: number) => `! 无错误 · ${w} 个警告 · 已核对 ${n} 项`,
    sev: { error: '错误', warning: '警告', info: '提示' },
    checked: '已核对的规则',
  },
  en: {
    head: 'Disclosure annual report check',
    source: 'Source',
    body: 'Body',
    year: 'Year',
    template: 'Template',
    unknown: 'not recognised',
    table: ['Table 1', 'Table 2', 'Table 3'],
    parsed: (n: number, cells = false) => (cells ? `${n} numbers read` : `${n} rows read`),
    image: 'is a picture, cannot be read',
    missing: 'not found',
    verdictOk: (n: number) => `✓ All passed: ${n} items checked, no error`,
    verdict: (e: number, w: number, n: number) => `✗ ${e} error(s) · ${w} warning(s) · ${n} items checked`,
    verdictWarn: (w: number, n: number) => `! No error · ${w} warning(s) · ${n} items checked`,
    sev: { error: 'Errors', warning: 'Warnings', info: 'Notes' },
    checked: 'Rules checked',
  },
} as const;

export interface SummaryOptions {
  /** how a muted line is shown (a terminal dims it; plain text leaves it as it is) */
  mute?: (line: string) => string;
}

/**
 * A readable summary for the terminal: what was read, the verdict, then the findings by severity,
 * numbered, each with its rule id on a muted line below (never first).
 */
export function renderSummary(result: CheckResultJson, lang: Lang = 'zh', options: SummaryOptions = {}): string {
  const mute = options.mute ?? ((line: string) => line);
  const w = W[lang];
  const r = result.report;
  const lines: string[] = [];
  lines.push(`${w.head} · ${r.title ?? result.source.location ?? ''}`);
  lines.push(`【${verdictLine(result, lang)}】`);
  if (result.source.location) lines.push(`${w.source}：${result.source.location}`.replace('：', lang === 'zh' ? '：' : ': '));
  const tpl = r.template ? TEMPLATES[r.template].name[lang] : w.unknown;
  lines.push(
    lang === 'zh'
      ? `${w.body}：${r.body ?? w.unknown}　${w.year}：${r.year ?? w.unknown}　${w.template}：${tpl}`
      : `${w.body}: ${r.body ?? w.unknown}   ${w.year}: ${r.year ?? w.unknown}   ${w.template}: ${tpl}`,
  );
  const tables = (['t1', 't2', 't3'] as const).map((id, i) => {
    const t = r.tables[id];
    const state = t.status === 'parsed' ? w.parsed(id === 't3' ? (t.rows[0]?.cells.length ?? 0) : t.rows.length, id === 't3') : t.status === 'image' ? w.image : w.missing;
    return `${w.table[i]} ${state}`;
  });
  lines.push(tables.join(lang === 'zh' ? '；' : '; '));
  if (result.lastYear) {
    const ly = result.lastYear;
    lines.push(lang === 'zh' ? `已与${ly.year}年度报告比较：${ly.source ?? ly.body}` : `Compared with the ${ly.year} report: ${ly.source ?? ly.body}`);
    const site = ly.origin ?? (lang === 'zh' ? '本地文件' : 'a local file');
    if (ly.sameOrigin === false) lines.push(lang === 'zh' ? `注意：上年记录来自另一来源（${site}）` : `Note: last year's record comes from another source (${site})`);
  }
  const s = result.summary;
  lines.push(s.errors > 0 ? w.verdict(s.errors, s.warnings, s.checked) : s.warnings > 0 ? w.verdictWarn(s.warnings, s.checked) : w.verdictOk(s.checked));
  for (const sev of ['error', 'warning', 'info'] as const) {
    const fs = result.findings.filter((f: Finding) => f.severity === sev);
    if (fs.length === 0) continue;
    lines.push('', `${w.sev[sev]}（${fs.length}）`.replace('（', lang === 'zh' ? '（' : ' (').replace('）', lang === 'zh' ? '）' : ')'));
    fs.forEach((f, i) => {
      const n = `${i + 1}. `;
      lines.push(`  ${n}${f.message[lang]}`);
      lines.push(mute(`  ${' '.repeat(n.length)}${lang === 'zh' ? '规则' : 'rule'} ${f.rule}`));
    });
  }
  if (result.findings.length === 0) {
    lines.push('', w.checked);
    for (const run of result.checks) if (run.checked > 0) lines.push(`  ✓ ${run.title[lang]}（${run.checked}）`);
  }
  return lines.join('\n');
}

import type { Finding } from '../model/finding';
import type { CellKey, Report } from '../model/report';
import { figuresOf, type YearRecord } from '../model/history';
import { wholeReportWarning, type LastYearRule } from './last-year-rule';
import { copiedFromLastYear } from './copied-from-last-year';
import { yearOnYear } from './year-on-year';
import { TEMPLATES } from '../recognise/templates';
import type { CheckResultJson } from '../model/result';
import { summarise } from '../pipeline';
import { findingFingerprint } from '../model/review';

/**
 * This year's report against the same body's report for last year (strong heuristics, warnings):
 *  - carry-over: this year's row 二 = last year's row 四, column by column;
 *  - in-force: 现行有效 = last year's 现行有效 + 本年制发 − 本年废止 (table 1, 2021 layout).
 * A blank on either side makes a column unverifiable and it is skipped (the single-year checks
 * already report blanks).
 */
export function compareYears(report: Report, last: YearRecord, origin: string | null = last.origin): Finding[] {
  const findings: Finding[] = [];
  const from = lastYearFrom(last, origin);
  const t2 = TEMPLATES['2021'].tables.t2;
  const cell = (row: string, col: string): number | null => {
    const v = report.tables.t2.rows.find((r) => r.key === row)?.cells.find((c) => c.col === col)?.value;
    return v?.kind === 'number' ? v.value : null;
  };

  for (const col of t2.columns) {
    const now = cell('carried-over', col.key);
    const before = last.carriedForward[col.key];
    if (now === null || before === null || before === undefined || now === before) continue;
    const key: CellKey = { table: 't2', row: 'carried-over', col: col.key };
    findings.push({
      id: `carry-over/t2:${col.key}`,
      rule: 'carry-over',
      severity: 'warning',
      outcome: 'fail',
      table: 't2',
      cells: [key],
      primary: [key],
      blocking: [],
      expected: before,
      found: now,
      message: {
        zh: `表二「二、上年结转」「${col.name.zh}」列为 ${now}，但${last.year}年度报告${from.zh}的「四、结转下年度继续办理」为 ${before}。`,
        en: `Table 2 row II "carried over", column "${col.name.en}" is ${now}, but the ${last.year} report${from.en} carried ${before} forward.`,
      },
    });
  }
  if (report.template === '2021') {
    for (const [row, name] of [
      ['regulations', { zh: '规章', en: 'regulations' }],
      ['normative', { zh: '行政规范性文件', en: 'normative documents' }],
    ] as const) {
      const prev = last.documents[row];
      const get = (col: string): number | null => {
        const v = report.tables.t1.rows.find((r) => r.key === row)?.cells.find((c) => c.col === col)?.value;
        return v?.kind === 'number' ? v.value : null;
      };
      const issued = get('issued');
      const repealed = get('repealed');
      const inForce = get('in-force');
      if (!prev || prev.inForce === null || issued === null || repealed === null || inForce === null) continue;
      const expected = prev.inForce + issued - repealed;
      if (expected === inForce) continue;
      const key: CellKey = { table: 't1', row, col: 'in-force' };
      findings.push({
        id: `in-force/t1:${row}`,
        rule: 'in-force',
        severity: 'warning',
        outcome: 'fail',
        table: 't1',
        cells: [key, { table: 't1', row, col: 'issued' }, { table: 't1', row, col: 'repealed' }],
        primary: [key],
        blocking: [],
        expected,
        found: inForce,
        message: {
          zh: `表一「${name.zh}」现行有效件数为 ${inForce}，按${last.year}年度报告${from.zh}的 ${prev.inForce} 件 + 本年制发 ${issued} − 本年废止 ${repealed} 应为 ${expected}。`,
          en: `Table 1 "${name.en}": ${inForce} in force, but last year's ${prev.inForce}${from.en} + ${issued} issued − ${repealed} repealed gives ${expected}.`,
        },
      });
    }
  }
  return findings;
}

/**
 * The checks against last year that read every figure of both years (one file
 * each), after carry-over and in-force. Adding one = one file + one line here.
 */
export const LAST_YEAR_RULES: readonly LastYearRule[] = [copiedFromLastYear, yearOnYear];

/** The ids of every check against last year: their findings and runs are replaced on each comparison. */
const CROSS_YEAR_IDS = new Set(['carry-over', 'in-force', 'last-year-conflict', ...LAST_YEAR_RULES.map((r) => r.id)]);

/**
 * Where last year's record came from, as the findings say it: its source, and when it was read
 * from another site than this report (or one is a local file and the other a page), that it was
 * (issue 16, item 6: a record from another site never changes a comparison silently).
 */
function lastYearFrom(last: YearRecord, origin: string | null): { zh: string; en: string } {
  const src = last.source ?? '';
  if (last.origin === origin) return src ? { zh: `（${src}）`, en: ` (${src})` } : { zh: '', en: '' };
  const site = last.origin ?? '本地文件';
  const siteEn = last.origin ?? 'a local file';
  return {
    zh: `（记录来自另一来源：${site}${src ? `，${src}` : ''}；本报告来自${origin ?? '本地文件'}）`,
    en: ` (recorded from another source: ${siteEn}${src ? `, ${src}` : ''}; this report is from ${origin ?? 'a local file'})`,
  };
}

/**
 * Last year has two or more reports of this body with different figures: the comparison is made
 * with one of them, and says so and names the others (never a silent pick).
 */
function rivalsNamed(last: YearRecord, rivals: readonly YearRecord[]): Finding[] {
  if (rivals.length === 0) return [];
  const name = (r: YearRecord, lang: 'zh' | 'en'): string => r.source ?? (lang === 'zh' ? '本地文件' : 'a local file');
  const others = (lang: 'zh' | 'en'): string => rivals.map((r) => name(r, lang)).join(lang === 'zh' ? '；' : '; ');
  return [
    wholeReportWarning('last-year-conflict', 'unverifiable', {
      zh: `${last.year}年度该机关有 ${rivals.length + 1} 份数字不同的年报，与上年的比较以 ${name(last, 'zh')} 为准；另有：${others('zh')}。须确认哪一份是正式发布的。`,
      en: `This body has ${rivals.length + 1} reports with different figures for ${last.year}; last year's comparison uses ${name(last, 'en')}; the other(s): ${others('en')}. Which one was published?`,
    }),
  ];
}

/**
 * A result with last year's comparison added: its findings, what was checked, the link. `origin`
 * is this report's site (history.ts originOf): when last year's record was read elsewhere, the
 * findings and `lastYear.sameOrigin` say so.
 */
export function withLastYear(result: CheckResultJson, last: YearRecord, origin: string | null = last.origin, rivals: readonly YearRecord[] = []): CheckResultJson {
  const from = lastYearFrom(last, origin);
  const now = figuresOf(result.report);
  const more = LAST_YEAR_RULES.map((rule) => ({ rule, ...rule.run(result.report, now, last, from) }));
  const extra = [...rivalsNamed(last, rivals), ...compareYears(result.report, last, origin), ...more.flatMap((m) => m.findings)].map((f) => ({ ...f, fingerprint: findingFingerprint(f, result.report) }));
  const findings = [...result.findings.filter((f) => !CROSS_YEAR_IDS.has(f.rule)), ...extra];
  const runs = [
    ...result.checks.filter((r) => !CROSS_YEAR_IDS.has(r.rule)),
    {
      rule: 'carry-over',
      title: { zh: `上年结转 = ${last.year}年度的结转下年度`, en: `Carried over = what ${last.year} carried forward` },
      checked: 7,
      failed: extra.filter((f) => f.rule === 'carry-over').length,
      unverifiable: 0,
    },
    {
      rule: 'in-force',
      title: { zh: `现行有效 = ${last.year}年度现行有效 + 制发 − 废止`, en: `In force = ${last.year}'s in force + issued − repealed` },
      checked: result.report.template === '2021' ? Object.keys(last.documents).length : 0,
      failed: extra.filter((f) => f.rule === 'in-force').length,
      unverifiable: 0,
    },
    ...more.map((m) => ({ rule: m.rule.id, title: m.rule.title(last.year), checked: m.checked, failed: m.findings.length, unverifiable: 0 })),
  ];
  return {
    ...result,
    findings,
    checks: runs,
    summary: summarise(findings, runs),
    lastYear: { year: last.year, body: last.body, source: last.source, checkedAt: last.checkedAt, origin: last.origin, sameOrigin: last.origin === origin },
  };
}

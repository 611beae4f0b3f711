import { extractHtml } from './extract/html';
import { extractText } from './extract/text';
import type { ExtractedDoc } from './extract/types';
import { recognise } from './recognise/recognise';
import { runChecks } from './check/index';
import { SCHEMA_VERSION, type CheckResultJson, type Source } from './model/result';
import type { Report } from './model/report';
import type { Finding, RuleRun } from './model/finding';

/** Either a checked report, or the one-line reason there is none. */
export type PipelineOutcome = { ok: true; result: CheckResultJson } | { ok: false; reason: { zh: string; en: string } };

/**
 * One engine for the sidebar, the batch page, the CLI and the tests:
 * extract → recognise → check, each stage pure.
 */
export function checkExtracted(doc: ExtractedDoc, source: Source): PipelineOutcome {
  const report = recognise(doc);
  if (!looksLikeReport(report)) {
    return {
      ok: false,
      reason: {
        zh: '未发现政府信息公开工作年度报告（没有找到标准统计表，也没有年报标题和章节）。',
        en: 'No government-information-disclosure annual report found (no standard table, no report title or sections).',
      },
    };
  }
  const { findings, runs } = runChecks(report);
  return { ok: true, result: { schemaVersion: SCHEMA_VERSION, source, report, findings, checks: runs, summary: summarise(findings, runs) } };
}

export function summarise(findings: Finding[], runs: RuleRun[]): CheckResultJson['summary'] {
  const count = (s: string): number => findings.filter((f) => f.severity === s).length;
  return { errors: count('error'), warnings: count('warning'), infos: count('info'), checked: runs.reduce((n, r) => n + r.checked, 0) };
}

export function checkText(text: string, source: Source): PipelineOutcome {
  return checkExtracted(extractText(text), source);
}

export function checkDocument(root: Document | Element, source: Source): PipelineOutcome {
  return checkExtracted(extractHtml(root), source);
}

/**
 * A report: at least one standard table, or pictures of the tables under a report's section
 * headings, or a report title with its sections. Pictures alone with a report's title are not
 * enough: a 年报 column's listing page links each year's report by its title and shows the site's
 * logos, and that is no report whose tables are pictures.
 */
export function looksLikeReport(report: Report): boolean {
  const tables = Object.values(report.tables).filter((t) => t.status !== 'missing').length;
  const t2rows = report.tables.t2.rows.filter((r) => r.placed === 'label').length;
  const sections = report.sections.filter((s) => s.heading !== null).length;
  const titled = report.title !== null && /年度报告|年度報告/.test(report.title);
  if (report.tables.t2.status === 'parsed' && t2rows >= 3) return true;
  if (tables > 0 && report.tables.t2.status !== 'parsed' && (sections >= 3 || (titled && sections >= 1))) return true;
  if (report.tables.t1.status === 'parsed' && report.tables.t1.rows.filter((r) => r.placed === 'label').length >= 3) return true;
  return titled && sections >= 4;
}

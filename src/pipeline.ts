import { extractHtml } from './extract/html';
import type { DomDocument, DomElement } from './extract/dom';
import { extractText } from './extract/text';
import type { ExtractedDoc } from './extract/types';
import { isLimitNote, LIMIT_MARK } from './extract/limits';
import { recognise } from './recognise/recognise';
import { stripPinyin, toSimplified } from './text/normalize';
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
  const refusal = whyNotReport(report, doc);
  if (refusal) return { ok: false, reason: withLimits(refusal, doc.notes) };
  const { findings, runs } = runChecks(report);
  return { ok: true, result: { schemaVersion: SCHEMA_VERSION, source, report, findings, checks: runs, summary: summarise(findings, runs) } };
}

/**
 * When extraction stopped at a bound (a table too large, nesting too deep: src/extract/limits.ts),
 * the reason there is no report says so first: what was not read may have been the report.
 */
function withLimits(reason: { zh: string; en: string }, notes: readonly string[]): { zh: string; en: string } {
  const limits = notes.filter(isLimitNote).slice(0, 3);
  if (limits.length === 0) return reason;
  const zh = limits.map((n) => n.slice(LIMIT_MARK.length).split(' / ')[0] ?? '').join('；');
  const en = limits.map((n) => n.split(' / ').slice(1).join(' / ')).join('; ');
  return { zh: `${LIMIT_MARK}${zh}。${reason.zh}`, en: `too large or too deep to read in full: ${en}. ${reason.en}` };
}

export function summarise(findings: Finding[], runs: RuleRun[]): CheckResultJson['summary'] {
  const count = (s: string): number => findings.filter((f) => f.severity === s).length;
  return { errors: count('error'), warnings: count('warning'), infos: count('info'), checked: runs.reduce((n, r) => n + r.checked, 0) };
}

export function checkText(text: string, source: Source): PipelineOutcome {
  return checkExtracted(extractText(text), source);
}

export function checkDocument(root: DomDocument | DomElement, source: Source): PipelineOutcome {
  return checkExtracted(extractHtml(root), source);
}

/** A report's own title: a year, then 政府信息公开（工作）年度报告 / 年报 at its end — not a notice about reports. */
const REPORT_TITLE = /(?:19|20)\d{2}\s*年.{0,4}政府信息公开.{0,6}(?:年度报告|年报)(?:[（(][^）)]*[）)])?\s*$/;

export function isReportTitle(title: string | null): boolean {
  return title !== null && REPORT_TITLE.test(title) && !/关于|通知|调研|评估|比较|对比|解读|图解/.test(title);
}

/**
 * A report: a standard table, or pictures of the tables under a report's section headings, or
 * at least two of its section headings in order, or its own title (a text cut off after its
 * first paragraphs is still a report, read as far as it goes). Pictures alone with a report's
 * title are not enough: a 年报 column's listing page links each year's report by its title and
 * shows the site's logos. A page that only talks about reports (a notice on compiling them, a
 * news item, a column page) has none of these.
 */
export function looksLikeReport(report: Report, doc?: ExtractedDoc): boolean {
  const labelled = (t: 't1' | 't2'): number => report.tables[t].rows.filter((r) => r.placed === 'label').length;
  const sections = report.sections.filter((s) => s.heading !== null).length;
  const titled = isReportTitle(report.title);
  if (report.tables.t2.status === 'parsed' && labelled('t2') >= 3) return true;
  if (report.tables.t1.status === 'parsed' && labelled('t1') >= 3) return true;
  const tables = Object.values(report.tables).filter((t) => t.status !== 'missing').length;
  if (tables > 0 && report.tables.t2.status !== 'parsed' && (sections >= 3 || (titled && sections >= 1))) return true;
  // A 年报 column's listing: report titles as links, the site's logos, no section of a report.
  if (titled && sections === 0 && report.images.length > 0) return false;
  return sections >= 2 || titled || (doc !== undefined && introSaysReport(doc));
}

/**
 * The opening words of a report that has lost its title line or runs it into the text:
 * `本年度报告根据《条例》…编制`, `现公布××县人民政府2023年政府信息公开工作年度报告`,
 * `特编制2020年度拖市镇政府信息公开年度报告`, `××2019年 政府信息公开工作年度报告 一、总体情况 …`.
 * A notice on compiling reports (`关于做好2025年政府信息公开工作年度报告编制和发布工作的通知`)
 * or news about them says none of these.
 */
export function introSaysReport(doc: ExtractedDoc): boolean {
  let text = '';
  for (const item of doc.items) {
    if (item.kind !== 'para') continue;
    text += stripPinyin(toSimplified(item.text)) + '\n';
    if (text.length > 800) break;
  }
  // A notice on compiling reports is titled so (an intro that cites such a notice is not one).
  const first = text.split('\n').find((l) => l.trim() !== '') ?? '';
  if (first.length <= 80 && /关于.{0,40}(年度报告|年报).{0,20}通知/.test(first)) return false;
  // An explainer published beside the report (文字解读, 图解) quotes its title and its sections.
  if (/解读|图解/.test(text.slice(0, 80))) return false;
  return (
    /本(年度)?报告(是)?(根据|依据|按照)/.test(text) ||
    /本(年度)?报告由.{0,60}(编制|制作)|(编制|制作)(了)?本(年度)?报告|本(年度)?报告(中)?所列数据/.test(text) ||
    /现(予以?)?公布.{0,40}(年度报告|年报)/.test(text) ||
    /特?编制(了|本)?.{0,40}政府信息公开.{0,6}(年度报告|年报)/.test(text) ||
    /^.{0,40}(19|20)\d{2}\s*年度?\s*政府信息公开\s*(工作)?\s*年度报告\s*一\s*[、.]\s*总体情况/.test(text)
  );
}

/** Why a document is not taken for a report, saying what was looked for and what was found; null for a report. */
export function whyNotReport(report: Report, doc: ExtractedDoc): { zh: string; en: string } | null {
  if (looksLikeReport(report, doc)) return null;
  const found = report.sections.filter((s) => s.heading !== null);
  const runTogether = cellsRunTogether(doc);
  const zh: string[] = ['未发现政府信息公开工作年度报告：'];
  const en: string[] = ['No government-information-disclosure annual report found:'];
  const head = doc.items.find((i) => i.kind === 'para');
  if (/解读|图解/.test(`${report.title ?? ''}${head?.kind === 'para' ? head.text.slice(0, 80) : ''}`)) {
    return {
      zh: '这是对年报的解读（文字解读或图解），不是年报本身：请检查年报原文。',
      en: 'This is an explainer of the annual report (文字解读 / 图解), not the report itself: check the report.',
    };
  }
  if (runTogether) {
    zh.push(`表格的单元格连在了一起，无法分开（如“${runTogether}”）；请从网页或原文件重新复制，或直接检查网页、Word、PDF 文件。`);
    en.push(`the table's cells run together and cannot be told apart (e.g. "${runTogether}"); copy the text again from the page or file, or check the page, Word or PDF file itself.`);
    return { zh: zh.join(''), en: en.join(' ') };
  }
  zh.push('没有找到三张标准统计表');
  en.push('none of the three standard tables');
  if (report.title) {
    zh.push(`；标题“${report.title.slice(0, 60)}”不是年报标题`);
    en.push(`; the title "${report.title.slice(0, 60)}" is not a report's title`);
  } else {
    zh.push('；没有年报标题（如“××2023年政府信息公开工作年度报告”）');
    en.push('; no report title (such as "…2023年政府信息公开工作年度报告")');
  }
  if (found.length > 0) {
    zh.push(`；只找到 ${found.length} 个章节标题（${found.map((s) => `“${s.heading}”`).join('、')}）`);
    en.push(`; only ${found.length} section heading(s) (${found.map((s) => s.heading).join(', ')})`);
  } else {
    zh.push('；没有“一、总体情况”等章节标题');
    en.push('; no section headings such as 一、总体情况');
  }
  return { zh: zh.join('') + '。', en: en.join('') + '.' };
}

/** A paragraph where a table-2 row's label runs straight into its figures: `本年新收政府信息公开申请数量230 000023`. */
function cellsRunTogether(doc: ExtractedDoc): string | null {
  for (const item of doc.items) {
    if (item.kind !== 'para') continue;
    const m = /(本年新收政府信息公开申请数量|上年结转政府信息公开申请数量|本年制发件数|结转下年度继续办理)\s*\d[\d\s]{3,}/.exec(item.text);
    if (m) return m[0].slice(0, 40);
  }
  return null;
}

import type { Report } from '../model/report';
import type { Finding, RuleRun, Suspect } from '../model/finding';
import { CheckContext, RuleOutput, type Draft, type SumRecord } from './context';
import { keyText } from '../model/keys';
import type { Words } from '../recognise/templates';
import { findSuspects } from './suspect';
import { cellName } from './messages';
import { alsoStopped, foldedRelations, relationPhrase } from './wording';
import type { CellKey } from '../model/report';
import type { Rule } from './rule';
import { findingFingerprint, hash } from '../model/review';
import { balance } from './rules/balance';
import { resultsTotal } from './rules/results-total';
import { rowTotal } from './rules/row-total';
import { reviewLitigationTotal } from './rules/review-litigation-total';
import { valueFormat } from './rules/value-format';
import { cellsFilled } from './rules/cells-filled';
import { blankTotal } from './rules/blank-total';
import { tablesPresent } from './rules/tables-present';
import { sectionsPresent } from './rules/sections-present';
import { tableStructure } from './rules/table-structure';
import { templateVersion } from './rules/template-version';
import { yearConsistency } from './rules/year-consistency';
import { publishedLate } from './rules/published-late';
import { regulationsLevel } from './rules/regulations-level';
import { feeMagnitude } from './rules/fee-magnitude';
import { sectionContent } from './rules/section-content';
import { proseFigures } from './rules/prose-figures';
import { proseTotal } from './rules/prose-total';

/** Every rule, in the order findings are listed. Adding a rule = one file + one line here. */
export const RULES: readonly Rule[] = [
  tablesPresent,
  sectionsPresent,
  tableStructure,
  cellsFilled,
  valueFormat,
  balance,
  resultsTotal,
  rowTotal,
  reviewLitigationTotal,
  blankTotal,
  templateVersion,
  yearConsistency,
  publishedLate,
  sectionContent,
  regulationsLevel,
  feeMagnitude,
  proseFigures,
  proseTotal,
];

/**
 * The rule set's version, for audit records: changes when a rule is added, removed or renumbered.
 * (The wording of findings may improve without changing it.)
 */
export const RULESET_VERSION = `r${RULES.length}-${hash(RULES.map((r) => `${r.id}:${r.hard ?? ''}`).join(',')).slice(0, 6)}`;

export interface CheckResult {
  findings: Finding[];
  runs: RuleRun[];
}

/**
 * Run every rule. A rule that throws becomes one `internal` finding naming it; the others still
 * run (one check's failure never stops the rest).
 */
export function runChecks(report: Report, rules: readonly Rule[] = RULES): CheckResult {
  const ctx = new CheckContext(report);
  const findings: Finding[] = [];
  const runs: RuleRun[] = [];
  const made = new Map<Draft, Finding>();
  const holdIfZero = new Set<Finding>();
  for (const rule of rules) {
    const out = new RuleOutput();
    try {
      rule.run(ctx, out);
    } catch (e) {
      out.add({
        anchor: 'internal',
        severity: 'warning',
        outcome: 'internal',
        table: null,
        cells: [],
        message: {
          zh: `检查“${rule.title.zh}”时出错，未能完成：${String(e).slice(0, 200)}`,
          en: `The check "${rule.title.en}" failed to run: ${String(e).slice(0, 200)}`,
        },
      });
    }
    for (const d of out.drafts) {
      const f: Finding = {
        id: `${rule.id}/${d.anchor}`,
        rule: rule.id,
        severity: d.severity,
        outcome: d.outcome,
        table: d.table,
        cells: d.cells,
        primary: d.primary ?? d.cells,
        blocking: d.blocking ?? [],
        expected: d.expected ?? null,
        found: d.found ?? null,
        message: d.message,
        ...(d.relation ? { relation: d.relation } : {}),
        ...(d.evidence ? { evidence: d.evidence } : {}),
      };
      f.fingerprint = findingFingerprint(f, report);
      findings.push(f);
      made.set(d, f);
      if (d.holdsIfZero) holdIfZero.add(f);
    }
    runs.push({ rule: rule.id, title: rule.title, checked: out.checked, failed: out.failed, unverifiable: out.unverifiable });
  }
  try {
    nameSuspect(ctx, made);
  } catch {
    // the search for the probable wrong cell is a help: its failure leaves the findings as they are
  }
  const sums = new Map<Finding, SumRecord>();
  for (const r of ctx.relations) {
    const f = r.draft ? made.get(r.draft) : undefined;
    if (f) sums.set(f, r);
  }
  return { findings: fixFirst(foldBlanks(ctx, findings, holdIfZero, sums)), runs };
}

/**
 * Blanks are said once. A relation stopped only by cells without a figure (blank, “—”, “/”, 无) is
 * not listed on its own: it is folded into its table's cells-filled finding, which names every
 * such cell and now says how many of the stopped relations hold with them as 0 and names those
 * that fail even then — or, when it is stopped by a 总计 left blank over parts above zero, into
 * that table's blank-total finding. Relations stopped by text stay listed: they say something the
 * blanks do not.
 */
function foldBlanks(ctx: CheckContext, findings: Finding[], holdIfZero: Set<Finding>, sums: Map<Finding, SumRecord>): Finding[] {
  const into = new Map<Finding, Finding[]>();
  const keep = findings.filter((f) => {
    if (f.outcome !== 'unverifiable' || !f.table) return true;
    const table = f.table;
    if (!f.blocking.every((k) => k.table === table && ctx.cell(k)?.value.kind === 'missing')) return true;
    const totals = findings.find((x) => x.rule === 'blank-total' && x.table === table);
    const byTotal = !holdIfZero.has(f) && totals !== undefined && f.blocking.some((k) => totals.cells.some((t) => keyText(t) === keyText(k)));
    const host = byTotal ? totals : findings.find((x) => x.rule === 'cells-filled' && x.table === table);
    if (!host) return true;
    into.set(host, [...(into.get(host) ?? []), f]);
    return false;
  });
  const add = (keys: CellKey[]): number => Math.round(keys.reduce((s, k) => s + (ctx.number(k) ?? 0), 0) * 1e6) / 1e6;
  const phrase = (g: Finding): Words => (g.relation ? { zh: relationPhrase(g.relation, 'zh'), en: relationPhrase(g.relation, 'en') } : g.message);
  // the host's own words (its blank cells, its blank totals) stay; what the folded sums come to is added
  const append = (host: Finding, w: Words): void => {
    host.message = { zh: `${host.message.zh}${w.zh}`, en: `${host.message.en}${w.en.startsWith(' ') ? '' : ' '}${w.en}` };
  };
  for (const host of keep) {
    const gone = into.get(host);
    if (!gone) continue;
    host.folded = gone.map((g) => g.id);
    if (host.rule === 'blank-total') {
      // a sum whose stated total is one of the blank cells is the finding itself; the others it stops are named
      const totals = new Set(host.cells.map(keyText));
      const others = gone.filter((g) => {
        const r = sums.get(g);
        return !(r && r.found.length === 1 && r.found.every((k) => totals.has(keyText(k))));
      });
      if (others.length > 0) append(host, alsoStopped(others.map(phrase)));
      continue;
    }
    const raws = host.cells.map((k) => ctx.cell(k)?.value.raw ?? '');
    const failing = gone
      .filter((g) => !holdIfZero.has(g))
      .map((g) => {
        const r = sums.get(g);
        return { what: phrase(g), expected: r ? add(r.expected) : 0, found: r ? add(r.found) : 0 };
      });
    append(host, foldedRelations(gone.length, gone.length - failing.length, failing, raws.every((r) => r.trim() === '')));
  }
  return keep;
}

/**
 * Findings in the order an auditor fixes them: the sums a suspect cell explains, other sums that
 * do not add up, structure, cells without figures, the prose, then heuristics and notes. Stable:
 * within a rank the rules' order holds.
 */
function fixFirst(findings: Finding[]): Finding[] {
  const rank = (f: Finding): number => {
    if (f.outcome === 'internal') return 7;
    if (f.outcome === 'fail' && f.severity === 'error' && !f.evidence) return f.suspect ? 0 : 1;
    if (f.rule === 'cells-filled' || f.rule === 'blank-total') return 3;
    if (f.outcome === 'structure' && f.severity === 'error') return 2;
    if (f.rule.startsWith('prose-') || f.evidence) return 4;
    if (f.outcome === 'unverifiable') return 5;
    return f.severity === 'info' ? 6 : 5;
  };
  return findings.map((f, i) => ({ f, i, r: rank(f) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.f);
}

const SLIP: Record<NonNullable<Suspect['slip']>, { zh: string; en: string }> = {
  'swapped-digits': { zh: '，像是两位数字颠倒', en: ', as if two digits were swapped' },
  'digit-dropped': { zh: '，像是漏写了一位数字', en: ', as if a digit were dropped' },
  'digit-doubled': { zh: '，像是多写了一位数字', en: ', as if a digit were written twice' },
  'total-in-part': { zh: '，像是把本行总计填进了分项', en: ", as if the row's total were typed into a part" },
  'neighbour-value': { zh: '，像是填成了相邻一列的数', en: ', as if the next column’s figure were typed' },
  'copied-from-above': { zh: '，像是照抄了上一行', en: ', as if copied from the row above' },
};

/** Every failing sum explained by one cell (check/suspect.ts) names it, in its data and its words. */
function nameSuspect(ctx: CheckContext, made: Map<Draft, Finding>): void {
  const suspect = findSuspects(ctx, ctx.relations);
  if (!suspect) return;
  const name = (k: CellKey, lang: 'zh' | 'en'): string => cellName(ctx.template, k, lang);
  const only = suspect.unique && suspect.cells.length === 1 ? suspect.cells[0] : undefined;
  const pair = suspect.unique && suspect.cells.length === 2 ? suspect.cells : undefined;
  const words = pair
    ? {
        zh: `很可能是${pair.map((c) => name(c.cell, 'zh')).join('和')}两处填错：${pair.map((c) => `填 ${c.proposed}（现为 ${c.now}）`).join('、')}则各处都成立。`,
        en: `Probably ${pair.map((c) => name(c.cell, 'en')).join(' and ')} are wrong: with ${pair.map((c) => `${c.proposed} (now ${c.now})`).join(' and ')} everything adds up.`,
      }
    : only
    ? {
        zh: `很可能是${name(only.cell, 'zh')}填错：填 ${only.proposed} 则各处都成立（现为 ${only.now}${suspect.slip ? SLIP[suspect.slip].zh : ''}）。`,
        en: `Probably ${name(only.cell, 'en')} is wrong: with ${only.proposed} everything adds up (it holds ${only.now}${suspect.slip ? SLIP[suspect.slip].en : ''}).`,
      }
    : {
        zh: `可能填错的单元格：${suspect.cells.map((c) => `${name(c.cell, 'zh')}（填 ${c.proposed} 则各处都成立，现为 ${c.now}）`).join('，或')}。`,
        en: `The cell that is wrong may be ${suspect.cells.map((c) => `${name(c.cell, 'en')} (with ${c.proposed} everything adds up; it holds ${c.now})`).join(', or ')}.`,
      };
  for (const r of ctx.relations) {
    const f = r.draft && !r.blocked ? made.get(r.draft) : undefined;
    if (!f) continue;
    f.suspect = suspect;
    f.message = { zh: `${f.message.zh}${words.zh}`, en: `${f.message.en} ${words.en}` };
  }
}

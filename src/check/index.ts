import type { Report } from '../model/report';
import type { Finding, RuleRun, Suspect } from '../model/finding';
import { CheckContext, RuleOutput, type Draft } from './context';
import { findSuspects } from './suspect';
import { cellName } from './messages';
import type { CellKey } from '../model/report';
import type { Rule } from './rule';
import { findingFingerprint, hash } from '../model/review';
import { balance } from './rules/balance';
import { resultsTotal } from './rules/results-total';
import { rowTotal } from './rules/row-total';
import { reviewLitigationTotal } from './rules/review-litigation-total';
import { valueFormat } from './rules/value-format';
import { cellsFilled } from './rules/cells-filled';
import { tablesPresent } from './rules/tables-present';
import { sectionsPresent } from './rules/sections-present';
import { tableStructure } from './rules/table-structure';
import { templateVersion } from './rules/template-version';
import { yearConsistency } from './rules/year-consistency';
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
  templateVersion,
  yearConsistency,
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
  return { findings: foldBlanks(ctx, findings, holdIfZero), runs };
}

/**
 * Blanks are said once: a relation stopped only by blank cells (or “—”, “/”, 无) that would hold
 * with them as 0 is not listed on its own but counted in its table's cells-filled finding, which
 * already names every blank cell. Relations that fail even with the blanks as 0, and those
 * stopped by text, stay listed: they say something the blanks do not.
 */
function foldBlanks(ctx: CheckContext, findings: Finding[], holdIfZero: Set<Finding>): Finding[] {
  const folded = new Map<string, Finding[]>();
  const keep = findings.filter((f) => {
    if (f.outcome !== 'unverifiable' || !f.table || !holdIfZero.has(f)) return true;
    const table = f.table;
    const filled = findings.find((x) => x.rule === 'cells-filled' && x.table === table);
    if (!filled || !f.blocking.every((k) => k.table === table && ctx.cell(k)?.value.kind === 'missing')) return true;
    folded.set(filled.id, [...(folded.get(filled.id) ?? []), f]);
    return false;
  });
  for (const f of keep) {
    const gone = folded.get(f.id);
    if (!gone) continue;
    f.folded = gone.map((g) => g.id);
    f.message = {
      zh: `${f.message.zh}这些单元格使 ${gone.length} 处勾稽关系无法核对，若按0计都成立。`,
      en: `${f.message.en} They stop ${gone.length} relation(s) from being verified; all would hold with them as 0.`,
    };
  }
  return keep;
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
    const f = r.draft ? made.get(r.draft) : undefined;
    if (!f) continue;
    f.suspect = suspect;
    f.message = { zh: `${f.message.zh}${words.zh}`, en: `${f.message.en} ${words.en}` };
  }
}

import type { Report } from '../model/report';
import type { Finding, RuleRun } from '../model/finding';
import { CheckContext, RuleOutput } from './context';
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
    }
    runs.push({ rule: rule.id, title: rule.title, checked: out.checked, failed: out.failed, unverifiable: out.unverifiable });
  }
  return { findings, runs };
}

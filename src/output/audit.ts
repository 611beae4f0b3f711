import type { CheckResultJson } from '../model/result';
import type { ReviewJson, DecisionState } from '../model/review';
import { TEMPLATES } from '../recognise/templates';
import { verdictLine } from './verdict';

const SEV = { error: '错误', warning: '警告', info: '提示' } as const;
const STATE: Record<DecisionState, string> = { pending: '待核', confirmed: '确认', rejected: '驳回' };

export interface AuditMeta {
  /** the extension's version */
  version: string;
  /** the rule set's version (check/index.ts RULESET_VERSION) */
  rules: string;
  /** when the check ran */
  at: Date;
}

/** Local time as YYYY-MM-DD HH:mm (the record and the print page). */
export function stamp(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/**
 * The audit record for a working paper, in plain Chinese: the report, where and when it was
 * checked and with what, the counts, then one line per finding with its decision and note.
 */
export function auditRecord(result: CheckResultJson, review: ReviewJson | undefined, meta: AuditMeta): string {
  const r = result.report;
  const s = result.summary;
  const lines = [
    '政府信息公开工作年度报告核查记录',
    `结论：${verdictLine(result, 'zh')}`,
    `报告：${r.title ?? '（未识别标题）'}`,
    `机关：${r.body ?? '未识别'}　年度：${r.year ?? '未识别'}　模板：${r.template ? TEMPLATES[r.template].name.zh : '未识别'}`,
    `网址：${result.source.location ?? '（粘贴的文字）'}`,
    `核查时间：${stamp(meta.at)}`,
    `核查工具：政府信息公开年报核对 ${meta.version}，规则集 ${meta.rules}`,
    `结果：错误 ${s.errors} 项，警告 ${s.warnings} 项，提示 ${s.infos} 项；共核对 ${s.checked} 项`,
  ];
  if (result.lastYear) lines.push(`已与 ${result.lastYear.year} 年度报告比较：${result.lastYear.source ?? result.lastYear.body}`);
  if (result.lastYear?.sameOrigin === false) lines.push(`注意：上年记录来自另一来源（${result.lastYear.origin ?? '本地文件'}），不是本报告的网站`);
  lines.push('');
  if (result.findings.length === 0) lines.push('未发现问题。');
  const byId = new Map((review?.decisions ?? []).map((d) => [d.findingId, d]));
  result.findings.forEach((f, i) => {
    const d = byId.get(f.id);
    const note = d?.note ? `　备注：${d.note}` : '';
    lines.push(`${i + 1}. 【${SEV[f.severity]}】【${STATE[d?.state ?? 'pending']}】${f.message.zh}（规则 ${f.rule}）${note}`);
  });
  if (review && review.stale.length > 0) {
    lines.push('', '以下核查意见所针对的问题已不存在（页面数字已变化），仅供参考：');
    review.stale.forEach((d, i) => lines.push(`${i + 1}. 【${STATE[d.state]}】${d.message.zh}（规则 ${d.rule}）${d.note ? `　备注：${d.note}` : ''}`));
  }
  return lines.join('\n') + '\n';
}

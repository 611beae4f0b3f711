import type { CheckResultJson } from '../../model/result';
import { TEMPLATES } from '../../recognise/templates';
import { RULESET_VERSION } from '../../check/index';
import { verdictLine } from '../verdict';
import { stamp } from '../audit';

/**
 * A4 working paper. The findings table has fixed column widths (table-layout: fixed, widths in
 * mm) and its short columns never wrap, so 级别, 应为, 实为 and 核查意见 are not broken one character
 * per line (issue 18, item 3); only the finding's own sentence and the note take the free width.
 */
const CSS = `
@page { size: A4; margin: 14mm 15mm; }
body { margin: 0; font: 11pt/1.5 "SimSun", "Songti SC", "Noto Serif CJK SC", serif; color: #000; background: #fff; }
main { width: 180mm; margin: 0 auto; padding: 10mm 0; }
h1 { font-size: 15pt; text-align: center; margin: 0 0 4mm; letter-spacing: 1pt; }
table { width: 100%; border-collapse: collapse; margin: 3mm 0; table-layout: fixed; }
th, td { border: 0.75pt solid #000; padding: 1.2mm 1.6mm; vertical-align: top; text-align: left; font-size: 9.5pt; line-height: 1.45; overflow-wrap: anywhere; }
th { background: #eee; white-space: nowrap; font-weight: bold; }
.meta th { width: 24mm; background: #f4f4f4; }
.meta .url { word-break: break-all; font-family: "Noto Sans Mono", Consolas, monospace; font-size: 8.5pt; }
.verdict { font-weight: bold; }
.findings td.n, .findings td.sev, .findings td.num, .findings td.state { white-space: nowrap; text-align: center; }
.findings td.num { font-family: "Noto Sans Mono", Consolas, monospace; }
.findings .rule { display: block; color: #444; font-size: 8pt; font-family: "Noto Sans Mono", Consolas, monospace; }
.findings tr.sev-error td.sev { font-weight: bold; }
h2 { font-size: 11pt; margin: 5mm 0 1mm; }
.sign { display: flex; justify-content: space-between; margin-top: 8mm; font-size: 10.5pt; }
.sign span { flex: 1; }
.foot { margin-top: 4mm; font-size: 8pt; color: #444; }
.toolbar { text-align: right; margin-bottom: 4mm; }
@media print { .toolbar { display: none; } main { width: auto; padding: 0; } tr { break-inside: avoid; } thead { display: table-header-group; } }
`;

const SEV = { error: '错误', warning: '警告', info: '提示' } as const;
const STATE = { pending: '待核', confirmed: '确认', rejected: '驳回' } as const;

export interface PrintProps {
  /** the result, when and with which rule set it was checked (null: unknown, an older build's job) */
  job: { result: CheckResultJson; checkedAt: string | null; ruleset: string | null } | null;
  version: string;
}

/** The printable working paper: prints to one A4 page for a short report, from the browser's print dialog. */
export function PrintPage(props: PrintProps) {
  if (!props.job) return <main>没有可打印的核查结果：请先在年报页面上运行核对。</main>;
  const { result: r, checkedAt, ruleset } = props.job;
  const rep = r.report;
  const at = checkedAt ? new Date(checkedAt) : null;
  const decision = (id: string): { state: keyof typeof STATE; note: string } | undefined => r.review?.decisions.find((d) => d.findingId === id);
  const stale = r.review?.stale ?? [];
  return (
    <main>
      <style>{CSS}</style>
      <p class="toolbar">
        <button onClick={() => window.print()}>打印 / 存为 PDF</button>
      </p>
      <h1>政府信息公开工作年度报告核查工作底稿</h1>
      <table class="meta">
        <tbody>
          <tr>
            <th scope="row">报告</th>
            <td>{rep.title ?? '（未识别标题）'}</td>
          </tr>
          <tr>
            <th scope="row">机关</th>
            <td>{rep.body ?? '未识别'}</td>
          </tr>
          <tr>
            <th scope="row">年度 · 模板</th>
            <td>
              {rep.year ?? '未识别'} · {rep.template ? TEMPLATES[rep.template].name.zh : '未识别'}
            </td>
          </tr>
          <tr>
            <th scope="row">网址</th>
            <td class="url">{r.source.location ?? '（粘贴的文字）'}</td>
          </tr>
          <tr>
            <th scope="row">核查时间</th>
            <td>{at && !Number.isNaN(at.getTime()) ? stamp(at) : '未记录'}</td>
          </tr>
          <tr>
            <th scope="row">核查工具</th>
            <td>
              政府信息公开年报核对 {props.version} · 规则集 {ruleset ?? RULESET_VERSION}
            </td>
          </tr>
          <tr>
            <th scope="row">结论</th>
            <td class="verdict">{verdictLine(r, 'zh')}</td>
          </tr>
          <tr>
            <th scope="row">结果</th>
            <td>
              错误 {r.summary.errors} 项，警告 {r.summary.warnings} 项，提示 {r.summary.infos} 项；共核对 {r.summary.checked} 项
            </td>
          </tr>
          {r.lastYear && (
            <tr>
              <th scope="row">上年比较</th>
              <td>
                已与 {r.lastYear.year} 年度报告比较
                {r.lastYear.sameOrigin === false ? `（上年记录来自另一来源：${r.lastYear.origin ?? '本地文件'}）` : ''}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {r.findings.length === 0 ? (
        <p>未发现问题。</p>
      ) : (
        <table class="findings">
          <colgroup>
            <col style={{ width: '9mm' }} />
            <col style={{ width: '12mm' }} />
            <col />
            <col style={{ width: '15mm' }} />
            <col style={{ width: '15mm' }} />
            <col style={{ width: '19mm' }} />
            <col style={{ width: '32mm' }} />
          </colgroup>
          <thead>
            <tr>
              <th>序号</th>
              <th>级别</th>
              <th>问题</th>
              <th>应为</th>
              <th>实为</th>
              <th>核查意见</th>
              <th>备注</th>
            </tr>
          </thead>
          <tbody>
            {r.findings.map((f, i) => {
              const d = decision(f.id);
              return (
                <tr key={f.id} class={`sev-${f.severity}`}>
                  <td class="n">{i + 1}</td>
                  <td class="sev">{SEV[f.severity]}</td>
                  <td>
                    {f.message.zh}
                    <span class="rule">规则 {f.rule}</span>
                  </td>
                  <td class="num">{f.expected ?? ''}</td>
                  <td class="num">{f.found ?? ''}</td>
                  <td class="state">{STATE[d?.state ?? 'pending']}</td>
                  <td class="note">{d?.note ?? ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {stale.length > 0 && (
        <>
          <h2>已过期的核查意见（页面数字已变化，所针对的问题已不存在）</h2>
          <ul>
            {stale.map((d) => (
              <li key={d.fingerprint}>
                【{STATE[d.state]}】{d.message.zh}
                {d.note ? `　备注：${d.note}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      <p class="sign">
        <span>核查人：</span>
        <span>复核人：</span>
        <span>日期：</span>
      </p>
      <p class="foot">本底稿由政府信息公开年报核对扩展生成；“应为”“实为”按核对规则计算，请对照原报告复核。</p>
    </main>
  );
}

import type { CheckResultJson } from '../../model/result';
import { TEMPLATES } from '../../recognise/templates';
import { RULESET_VERSION } from '../../check/index';
import { verdictLine } from '../verdict';

const CSS = `
body { margin: 0; font: 12pt/1.5 "SimSun", "Songti SC", "Noto Serif CJK SC", serif; color: #000; background: #fff; }
main { max-width: 190mm; margin: 0 auto; padding: 12mm 0; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 6mm; }
table { width: 100%; border-collapse: collapse; margin: 4mm 0; }
th, td { border: 1px solid #000; padding: 2mm; vertical-align: top; text-align: left; font-size: 10.5pt; }
th { background: #eee; }
.meta td:first-child { width: 28mm; background: #f6f6f6; }
.toolbar { text-align: right; margin-bottom: 4mm; }
.sev-error { font-weight: bold; }
@media print { .toolbar { display: none; } main { padding: 0; } @page { size: A4; margin: 15mm; } tr { break-inside: avoid; } }
`;

const SEV = { error: '错误', warning: '警告', info: '提示' } as const;
const STATE = { pending: '待核', confirmed: '确认', rejected: '驳回' } as const;

/** The printable findings page: prints cleanly to PDF from the browser's print dialog. */
export function PrintPage(props: { result: CheckResultJson | null; version: string }) {
  const r = props.result;
  if (!r) return <main>没有可打印的核查结果：请先在年报页面上运行核对。</main>;
  const rep = r.report;
  const decision = (id: string): { state: keyof typeof STATE; note: string } | undefined => r.review?.decisions.find((d) => d.findingId === id);
  return (
    <main>
      <style>{CSS}</style>
      <p class="toolbar">
        <button onClick={() => window.print()}>打印 / 存为 PDF</button>
      </p>
      <h1>政府信息公开工作年度报告核查结果</h1>
      <table class="meta">
        <tbody>
          <tr><td>报告</td><td>{rep.title ?? '（未识别标题）'}</td></tr>
          <tr><td>机关</td><td>{rep.body ?? '未识别'}</td></tr>
          <tr><td>年度 · 模板</td><td>{rep.year ?? '未识别'} · {rep.template ? TEMPLATES[rep.template].name.zh : '未识别'}</td></tr>
          <tr><td>网址</td><td>{r.source.location ?? '—'}</td></tr>
          <tr><td>结论</td><td><b>{verdictLine(r, 'zh')}</b></td></tr>
          <tr><td>结果</td><td>错误 {r.summary.errors} 项，警告 {r.summary.warnings} 项，提示 {r.summary.infos} 项；共核对 {r.summary.checked} 项</td></tr>
          <tr><td>核查工具</td><td>政府信息公开年报核对 {props.version}，规则集 {RULESET_VERSION}</td></tr>
        </tbody>
      </table>
      {r.findings.length === 0 ? (
        <p>未发现问题。</p>
      ) : (
        <table class="findings">
          <thead>
            <tr><th>#</th><th>级别</th><th>问题</th><th>应为</th><th>实为</th><th>核查意见</th></tr>
          </thead>
          <tbody>
            {r.findings.map((f, i) => {
              const d = decision(f.id);
              return (
                <tr key={f.id} class={`sev-${f.severity}`}>
                  <td>{i + 1}</td>
                  <td>{SEV[f.severity]}</td>
                  <td>
                    {f.message.zh}
                    <br />
                    <small>规则 {f.rule}</small>
                  </td>
                  <td>{f.expected ?? ''}</td>
                  <td>{f.found ?? ''}</td>
                  <td>
                    {STATE[d?.state ?? 'pending']}
                    {d?.note ? `：${d.note}` : ''}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </main>
  );
}

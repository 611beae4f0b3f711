import type { CheckResultJson } from '../../model/result';
import { TEMPLATES } from '../../recognise/templates';
import { RULESET_VERSION } from '../../check/index';
import { verdictLine } from '../../output/verdict';
import { stamp } from '../../output/audit';
import type { Lang } from '../i18n';

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

const ZH = {
  sev: { error: '错误', warning: '警告', info: '提示' },
  state: { pending: '待核', confirmed: '确认', rejected: '驳回' },
  nothing: '没有可打印的核查结果：请先在年报页面上运行核对。',
  print: '打印 / 存为 PDF',
  heading: '政府信息公开工作年度报告核查工作底稿',
  report: '报告',
  noTitle: '（未识别标题）',
  unknown: '未识别',
  body: '机关',
  yearTemplate: '年度 · 模板',
  url: '网址',
  pasted: '（粘贴的文字）',
  time: '核查时间',
  notRecorded: '未记录',
  tool: '核查工具',
  toolLine: (v: string, rules: string) => `政府信息公开年报核对 ${v} · 规则集 ${rules}`,
  verdict: '结论',
  result: '结果',
  counts: (e: number, w: number, i: number, c: number) => `错误 ${e} 项，警告 ${w} 项，提示 ${i} 项；共核对 ${c} 项`,
  lastYear: '上年比较',
  lastYearLine: (y: number, other: string | null) => `已与 ${y} 年度报告比较${other === null ? '' : `（上年记录来自另一来源：${other}）`}`,
  localFile: '本地文件',
  none: '未发现问题。',
  cols: ['序号', '级别', '问题', '应为', '实为', '核查意见', '备注'],
  rule: '规则',
  stale: '已过期的核查意见（页面数字已变化，所针对的问题已不存在）',
  noteSep: '　备注：',
  sign: ['核查人：', '复核人：', '日期：'],
  foot: '本底稿由政府信息公开年报核对扩展生成；“应为”“实为”按核对规则计算，请对照原报告复核。',
};
type PrintWords = typeof ZH;
const EN: PrintWords = {
  sev: { error: 'Error', warning: 'Warning', info: 'Note' },
  state: { pending: 'To check', confirmed: 'Confirmed', rejected: 'Dismissed' },
  nothing: 'Nothing to print: run the check on a report page first.',
  print: 'Print / save as PDF',
  heading: 'Working paper: check of a government information disclosure annual report',
  report: 'Report',
  noTitle: '(title not recognised)',
  unknown: 'not recognised',
  body: 'Body',
  yearTemplate: 'Year · template',
  url: 'URL',
  pasted: '(pasted text)',
  time: 'Checked',
  notRecorded: 'not recorded',
  tool: 'Tool',
  toolLine: (v: string, rules: string) => `Disclosure annual report checker ${v} · rule set ${rules}`,
  verdict: 'Verdict',
  result: 'Result',
  counts: (e: number, w: number, i: number, c: number) => `${e} errors, ${w} warnings, ${i} notes; ${c} checks made`,
  lastYear: 'Last year',
  lastYearLine: (y: number, other: string | null) => `Compared with the ${y} report${other === null ? '' : ` (last year's record comes from another source: ${other})`}`,
  localFile: 'a local file',
  none: 'No findings.',
  cols: ['No.', 'Level', 'Finding', 'Expected', 'Found', 'Decision', 'Note'],
  rule: 'rule',
  stale: 'Stale decisions (the figures on the page changed; their findings are gone)',
  noteSep: ' — note: ',
  sign: ['Checked by:', 'Reviewed by:', 'Date:'],
  foot: 'Made by the disclosure annual report checker; "expected" and "found" are worked out by its rules: compare with the report itself.',
};

export interface PrintProps {
  /** the result, when and with which rule set it was checked (null: unknown, an older build's job) */
  job: { result: CheckResultJson; checkedAt: string | null; ruleset: string | null } | null;
  version: string;
  /** the language chosen in the settings (Chinese when not given: a working paper's usual language) */
  lang?: Lang;
}

/** The printable working paper: prints to one A4 page for a short report, from the browser's print dialog. */
export function PrintPage(props: PrintProps) {
  const lang: Lang = props.lang ?? 'zh';
  const w = lang === 'en' ? EN : ZH;
  const SEV = w.sev;
  const STATE = w.state;
  if (!props.job) return <main>{w.nothing}</main>;
  const { result: r, checkedAt, ruleset } = props.job;
  const rep = r.report;
  const at = checkedAt ? new Date(checkedAt) : null;
  const decision = (id: string): { state: keyof typeof STATE; note: string } | undefined => r.review?.decisions.find((d) => d.findingId === id);
  const stale = r.review?.stale ?? [];
  return (
    <main>
      <style>{CSS}</style>
      <p class="toolbar">
        <button onClick={() => window.print()}>{w.print}</button>
      </p>
      <h1>{w.heading}</h1>
      <table class="meta">
        <tbody>
          <tr>
            <th scope="row">{w.report}</th>
            <td>{rep.title ?? w.noTitle}</td>
          </tr>
          <tr>
            <th scope="row">{w.body}</th>
            <td>{rep.body ?? w.unknown}</td>
          </tr>
          <tr>
            <th scope="row">{w.yearTemplate}</th>
            <td>
              {rep.year ?? w.unknown} · {rep.template ? TEMPLATES[rep.template].name[lang] : w.unknown}
            </td>
          </tr>
          <tr>
            <th scope="row">{w.url}</th>
            <td class="url">{r.source.location ?? w.pasted}</td>
          </tr>
          <tr>
            <th scope="row">{w.time}</th>
            <td>{at && !Number.isNaN(at.getTime()) ? stamp(at) : w.notRecorded}</td>
          </tr>
          <tr>
            <th scope="row">{w.tool}</th>
            <td>{w.toolLine(props.version, ruleset ?? RULESET_VERSION)}</td>
          </tr>
          <tr>
            <th scope="row">{w.verdict}</th>
            <td class="verdict">{verdictLine(r, lang)}</td>
          </tr>
          <tr>
            <th scope="row">{w.result}</th>
            <td>{w.counts(r.summary.errors, r.summary.warnings, r.summary.infos, r.summary.checked)}</td>
          </tr>
          {r.lastYear && (
            <tr>
              <th scope="row">{w.lastYear}</th>
              <td>{w.lastYearLine(r.lastYear.year, r.lastYear.sameOrigin === false ? (r.lastYear.origin ?? w.localFile) : null)}</td>
            </tr>
          )}
        </tbody>
      </table>
      {r.findings.length === 0 ? (
        <p>{w.none}</p>
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
              {w.cols.map((c) => (
                <th key={c}>{c}</th>
              ))}
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
                    {f.message[lang]}
                    <span class="rule">
                      {w.rule} {f.rule}
                    </span>
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
          <h2>{w.stale}</h2>
          <ul>
            {stale.map((d) => (
              <li key={d.fingerprint}>
                【{STATE[d.state]}】{d.message[lang]}
                {d.note ? `${w.noteSep}${d.note}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      <p class="sign">
        {w.sign.map((x) => (
          <span key={x}>{x}</span>
        ))}
      </p>
      <p class="foot">{w.foot}</p>
    </main>
  );
}

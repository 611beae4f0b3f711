import { useEffect, useState } from 'preact/hooks';
import { recordGroups, reportKey, type History, type YearRecord } from '../../model/history';
import { clearHistory, exportHistory, importHistory, loadHistory } from '../../store/history-store';
import type { Lang } from '../i18n';
import { browser } from 'wxt/browser';
import { sitePattern, type Settings } from '../../store/settings';
import { loadSettings } from '../../background/sites';
import { updateSettings } from '../../store/settings-store';
import { loadReviews } from '../../store/review-store';
import { clearReviewsInBackground, importReviewsInBackground } from '../../messaging/review-requests';
import type { Reviews } from '../../model/review';
import { GLOSSARY } from '../../check/glossary';
import { LangSwitch } from '../lang-switch';
import type { LangChoice } from '../../store/settings';
import { OPTIONS_CSS } from './styles';

const S = {
  zh: {
    settings: '设置',
    autoCheck: '自动检查 gov.cn 网页上的年报',
    extraSites: '另外自动检查这些网站（如 IP 地址、省级平台的镜像站）',
    add: '添加',
    remove: '移除',
    badSite: '不是有效的网站地址',
    denied: '未获得访问该网站的权限',
    show: '侧栏中显示：',
    sev: { error: '错误', warning: '警告', info: '提示' },
    decisions: (n: number) => `核查意见：${n} 份报告`,
    exportDecisions: '导出核查意见',
    importDecisions: '导入核查意见',
    imported: (n: number) => `已导入 ${n} 条核查意见。`,
    importFailed: (e: string) => `导入失败：${e}`,
    clearDecisions: '清空核查意见',
    confirmClearDecisions: '确定清空全部核查意见？',
    clearFailed: '未能清空核查意见（扩展后台没有回应）。',
  },
  en: {
    settings: 'Settings',
    autoCheck: 'Check reports on gov.cn pages by themselves',
    extraSites: 'Also check these sites by themselves (IP addresses, provincial mirrors)',
    add: 'Add',
    remove: 'Remove',
    badSite: 'not a valid site',
    denied: 'access to that site was not granted',
    show: 'Show in the sidebar:',
    sev: { error: 'errors', warning: 'warnings', info: 'notes' },
    decisions: (n: number) => `Decisions: ${n} reports`,
    exportDecisions: 'Export decisions',
    importDecisions: 'Import decisions',
    imported: (n: number) => `Imported ${n} decisions.`,
    importFailed: (e: string) => `Import failed: ${e}`,
    clearDecisions: 'Clear decisions',
    confirmClearDecisions: 'Clear all decisions?',
    clearFailed: 'The decisions were not cleared (the extension did not answer).',
  },
};

/** 规则说明: what each rule checks, in the auditor's words (check/glossary.ts). */
function Glossary(props: { lang: Lang }) {
  return (
    <section class="card glossary">
      <h2>{props.lang === 'zh' ? '规则说明' : 'The rules'}</h2>
      <dl>
        {GLOSSARY.map((g) => (
          <div key={g.id}>
            <dt>
              {g.name[props.lang]} <code>{g.id}</code>
            </dt>
            <dd>{g.text[props.lang]}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** The settings: saved at once; adding a site asks for access to it from the click. */
function SettingsPanel(props: { lang: Lang; choice: LangChoice; onReviews(r: Reviews | null): void }) {
  const w = S[props.lang];
  const [settings, setSettings] = useState<Settings | null>(null);
  const [site, setSite] = useState('');
  const [status, setStatus] = useState('');
  const [reviews, setReviews] = useState<Reviews | null>(null);
  useEffect(() => {
    void loadSettings().then(setSettings);
    void loadReviews().then(setReviews);
  }, []);
  useEffect(() => props.onReviews(reviews), [reviews]);
  if (!settings) return null;
  // each control saves its own change to what is stored now (store/settings-store.ts)
  const save = (change: (s: Settings) => Settings): void => {
    setSettings(change(settings));
    void updateSettings(change).then((stored) => stored && setSettings(stored), () => undefined);
  };
  const add = (): void => {
    const pattern = sitePattern(site);
    if (!pattern) return setStatus(w.badSite);
    // the permission request must come straight from the click
    void browser.permissions.request({ origins: [pattern] }).then((ok) => {
      if (!ok) return setStatus(w.denied);
      setStatus('');
      setSite('');
      save((s) => ({ ...s, extraSites: [...new Set([...s.extraSites, pattern])] }));
    }, () => setStatus(w.denied));
  };
  const reportCount = reviews ? Object.keys(reviews.reports).length : 0;
  return (
    <>
      <section class="card settings">
        <h2>{w.settings}</h2>
        <LangSwitch lang={props.lang} choice={props.choice} />
        <label class="row">
          <input type="checkbox" name="autoCheck" checked={settings.autoCheck} onChange={(e) => {
            const on = (e.currentTarget as HTMLInputElement).checked;
            save((s) => ({ ...s, autoCheck: on }));
          }} /> {w.autoCheck}
        </label>
        <p class="muted" style={{ margin: '8px 0 0' }}>{w.extraSites}</p>
        <ul class="sites">
          {settings.extraSites.map((p) => (
            <li key={p}>
              <code>{p}</code>{' '}
              <button onClick={() => save((s) => ({ ...s, extraSites: s.extraSites.filter((x) => x !== p) }))}>{w.remove}</button>
            </li>
          ))}
        </ul>
        <p class="row">
          <input type="text" name="site" aria-label={w.extraSites} placeholder="218.57.139.24" value={site} onInput={(e) => setSite((e.currentTarget as HTMLInputElement).value)} />
          <button onClick={add}>{w.add}</button>
          <span role="status" class="status">
            {status}
          </span>
        </p>
        <p class="row">
          {w.show}
          {(['error', 'warning', 'info'] as const).map((k) => (
            <label key={k}>
              <input type="checkbox" name={`show-${k}`} checked={settings.show[k]} onChange={(e) => {
                const on = (e.currentTarget as HTMLInputElement).checked;
                save((s) => ({ ...s, show: { ...s.show, [k]: on } }));
              }} /> {w.sev[k]}
            </label>
          ))}
        </p>
      </section>
      <section class="card review">
        <h2 class="decisions">{w.decisions(reportCount)}</h2>
        <p class="row">
          <button
            onClick={() => {
              const a = document.createElement('a');
              a.href = URL.createObjectURL(new Blob([JSON.stringify(reviews ?? {}, null, 2)], { type: 'application/json' }));
              a.download = `gov-report-decisions-${new Date().toISOString().slice(0, 10)}.json`;
              a.click();
            }}
          >
            {w.exportDecisions}
          </button>
          <label class="file-button">
            {w.importDecisions}
            <input
              type="file"
              name="import-decisions"
              accept="application/json,.json"
              onChange={(e) => {
                const file = (e.currentTarget as HTMLInputElement).files?.[0];
                if (!file) return;
                void file
                  .text()
                  .then(importReviewsInBackground)
                  .then((r) => {
                    setStatus(r.ok ? w.imported(r.count) : w.importFailed(r.error[props.lang]));
                    return loadReviews().then(setReviews);
                  });
              }}
            />
          </label>
          <button
            class="danger"
            onClick={() => {
              if (!confirm(w.confirmClearDecisions)) return;
              // made by the background, in the queue the sidebar's decisions go through (review-requests.ts)
              void clearReviewsInBackground().then((ok) => {
                if (!ok) setStatus(w.clearFailed);
                return loadReviews().then(setReviews);
              });
            }}
          >
            {w.clearDecisions}
          </button>
        </p>
      </section>
    </>
  );
}

const W = {
  zh: {
    page: '年报核对 · 设置与记录',
    title: '已核对的年报记录',
    intro: '扩展在本机记录每份核对过的年报的要点（机关、年度、上年结转与结转下年度、规范性文件件数），用于与下一年度的报告比较。记录只保存在本浏览器中。',
    empty: '还没有记录。',
    unreadable: '已保存的记录无法读取（可能来自更新版本的扩展），未作改动。',
    body: '机关',
    year: '年度',
    template: '模板',
    carried: '结转下年度（总计）',
    source: '来源',
    checkedAt: '核对时间',
    export: '导出 JSON',
    import: '导入 JSON',
    clear: '清空记录',
    confirmClear: '确定清空全部记录？',
    imported: (n: number) => `已导入 ${n} 条记录。`,
    importFailed: (e: string) => `导入失败：${e}`,
    cleared: '已清空。',
    decided: '核查意见',
    decidedCount: (confirmed: number, rejected: number, pending: number) => `确认 ${confirmed} · 驳回 ${rejected} · 待核 ${pending}`,
    conflict: (body: string, year: number, n: number) => `同一机关同一年度有两份不同的年报：${body} ${year} 年度，${n} 个网址的数字不同，请核实哪一份是正式发布的`,
    sameReport: (n: number) => `同一份年报的 ${n} 个网址（数字相同）`,
    conflicts: (n: number) => `${n} 处冲突：同一机关同一年度有两份不同的年报`,
  },
  en: {
    page: 'Report check · settings and records',
    title: 'Reports checked so far',
    intro: 'For each report it checks, the extension keeps a few figures (body, year, carried over and carried forward, normative documents) on this computer, to compare the next year against. Nothing leaves the browser.',
    empty: 'No records yet.',
    unreadable: 'The stored records cannot be read (perhaps written by a newer version); they were left untouched.',
    body: 'Body',
    year: 'Year',
    template: 'Template',
    carried: 'Carried forward (total)',
    source: 'Source',
    checkedAt: 'Checked',
    export: 'Export JSON',
    import: 'Import JSON',
    clear: 'Clear records',
    confirmClear: 'Clear all records?',
    imported: (n: number) => `Imported ${n} records.`,
    importFailed: (e: string) => `Import failed: ${e}`,
    cleared: 'Cleared.',
    decided: 'Decisions',
    decidedCount: (confirmed: number, rejected: number, pending: number) => `${confirmed} confirmed · ${rejected} dismissed · ${pending} to check`,
    conflict: (body: string, year: number, n: number) => `Two different reports of one body and year: ${body}, ${year}: ${n} addresses hold different figures; find out which one was published`,
    sameReport: (n: number) => `One report at ${n} addresses (same figures)`,
    conflicts: (n: number) => `${n} conflicts: two different reports of one body and year`,
  },
};

/** The options page: the settings, the decisions, the stored history (grouped by body and year, conflicts shown), the rules. */
export function Options(props: { lang: Lang; choice?: LangChoice }) {
  const w = W[props.lang];
  const [history, setHistory] = useState<History | null | undefined>(undefined);
  const [reviews, setReviews] = useState<Reviews | null>(null);
  const [status, setStatus] = useState('');
  const reload = (): void => void loadHistory().then(setHistory, () => setHistory(null));
  useEffect(reload, []);
  useEffect(() => {
    document.title = w.page;
  }, [props.lang]);

  const onExport = async (): Promise<void> => {
    const blob = new Blob([await exportHistory()], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `gov-report-history-${new Date().toISOString().slice(0, 10)}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };
  const onImport = async (ev: Event): Promise<void> => {
    const file = (ev.currentTarget as HTMLInputElement).files?.[0];
    if (!file) return;
    const r = await importHistory(await file.text());
    setStatus(r.ok ? w.imported(r.count) : w.importFailed(r.error));
    reload();
  };
  const onClear = async (): Promise<void> => {
    if (!confirm(w.confirmClear)) return;
    await clearHistory();
    setStatus(w.cleared);
    reload();
  };
  const groups = history ? recordGroups(history) : [];
  const conflicts = groups.filter((g) => g.conflict).length;
  const decided = (r: YearRecord): string => {
    const list = r.source ? (reviews?.reports[reportKey(r.source)]?.decisions ?? []) : [];
    if (list.length === 0) return '—';
    const n = (s: string): number => list.filter((d) => d.state === s).length;
    return w.decidedCount(n('confirmed'), n('rejected'), n('pending'));
  };

  return (
    <main class="options" lang={props.lang === 'zh' ? 'zh-CN' : 'en'}>
      <style>{OPTIONS_CSS}</style>
      <h1>{w.page}</h1>
      <SettingsPanel lang={props.lang} choice={props.choice ?? 'auto'} onReviews={setReviews} />
      <section class="card history">
        <h2>{w.title}</h2>
        <p class="muted">{w.intro}</p>
        <p class="row">
          <button onClick={() => void onExport()}>{w.export}</button>
          <label class="file-button">
            {w.import}
            <input type="file" name="import-history" accept="application/json,.json" onChange={(e) => void onImport(e)} />
          </label>
          <button class="danger" onClick={() => void onClear()}>
            {w.clear}
          </button>
          <span role="status" class="status">
            {status}
          </span>
        </p>
        {conflicts > 0 && <p class="conflicts">⚠ {w.conflicts(conflicts)}</p>}
        {history === null && <p class="unreadable status bad">{w.unreadable}</p>}
        {history && history.records.length === 0 && <p class="empty muted">{w.empty}</p>}
        {history && history.records.length > 0 && (
          <table class="records">
            <thead>
              <tr>
                {[w.body, w.year, w.template, w.carried, w.source, w.checkedAt, w.decided].map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => {
                const several = g.records.length > 1;
                const cls = g.conflict ? 'record conflict' : 'record';
                return [
                  several && (
                    <tr key={`${g.bodyKey}|${g.year}|head`} class={g.conflict ? 'conflict-head' : 'same-head'}>
                      <td colSpan={7}>{g.conflict ? `⚠ ${w.conflict(g.records[0]?.body ?? g.bodyKey, g.year, g.records.length)}` : w.sameReport(g.records.length)}</td>
                    </tr>
                  ),
                  ...g.records.map((r) => (
                    <tr key={`${r.bodyKey}|${r.year}|${reportKey(r.source)}`} class={cls}>
                      <td>{r.body}</td>
                      <td class="num">{r.year}</td>
                      <td class="num">{r.template ?? '—'}</td>
                      <td class="num">{r.carriedForward.total ?? '—'}</td>
                      <td class="source">
                        {r.source && /^https?:\/\//.test(r.source) ? (
                          <a href={r.source} target="_blank" rel="noopener noreferrer">
                            {r.source}
                          </a>
                        ) : (
                          (r.source ?? '—')
                        )}
                      </td>
                      <td class="when">{r.checkedAt.replace('T', ' ').slice(0, 16)}</td>
                      <td class="decided">{decided(r)}</td>
                    </tr>
                  )),
                ];
              })}
            </tbody>
          </table>
        )}
      </section>
      <Glossary lang={props.lang} />
    </main>
  );
}

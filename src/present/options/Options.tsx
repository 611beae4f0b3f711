import { useEffect, useState } from 'preact/hooks';
import type { History } from '../../model/history';
import { clearHistory, exportHistory, importHistory, loadHistory } from '../history-store';
import type { Lang } from '../i18n';

const W = {
  zh: {
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
  },
  en: {
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
  },
};

/** The options page: the stored history, with export, import and clear. */
export function Options(props: { lang: Lang }) {
  const w = W[props.lang];
  const [history, setHistory] = useState<History | null | undefined>(undefined);
  const [status, setStatus] = useState('');
  const reload = (): void => void loadHistory().then(setHistory, () => setHistory(null));
  useEffect(reload, []);

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

  return (
    <main style={{ font: '14px/1.6 system-ui, "Noto Sans CJK SC", sans-serif', maxWidth: '960px', margin: '24px auto', padding: '0 16px' }}>
      <h1 style={{ fontSize: '20px' }}>{w.title}</h1>
      <p style={{ color: '#555' }}>{w.intro}</p>
      <p style={{ display: 'flex', gap: '8px', alignItems: 'center' }}>
        <button onClick={() => void onExport()}>{w.export}</button>
        <label>
          {w.import} <input type="file" accept="application/json,.json" onChange={(e) => void onImport(e)} />
        </label>
        <button onClick={() => void onClear()}>{w.clear}</button>
        <span role="status" class="status">
          {status}
        </span>
      </p>
      {history === null && <p class="unreadable">{w.unreadable}</p>}
      {history && history.records.length === 0 && <p class="empty">{w.empty}</p>}
      {history && history.records.length > 0 && (
        <table class="records" style={{ borderCollapse: 'collapse', width: '100%' }}>
          <thead>
            <tr>
              {[w.body, w.year, w.template, w.carried, w.source, w.checkedAt].map((h) => (
                <th key={h} style={{ textAlign: 'left', borderBottom: '1px solid #ccc', padding: '4px' }}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {history.records.map((r) => (
              <tr key={`${r.bodyKey}-${r.year}`}>
                <td style={{ padding: '4px' }}>{r.body}</td>
                <td style={{ padding: '4px' }}>{r.year}</td>
                <td style={{ padding: '4px' }}>{r.template ?? '—'}</td>
                <td style={{ padding: '4px' }}>{r.carriedForward.total ?? '—'}</td>
                <td style={{ padding: '4px', wordBreak: 'break-all' }}>
                  {r.source && /^https?:\/\//.test(r.source) ? (
                    <a href={r.source} target="_blank" rel="noopener noreferrer">
                      {r.source}
                    </a>
                  ) : (
                    (r.source ?? '—')
                  )}
                </td>
                <td style={{ padding: '4px' }}>{r.checkedAt.replace('T', ' ').slice(0, 16)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}

import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { BatchItem, BatchStatus } from '../../batch/run';
import { parseUrlList } from '../../batch/run';
import type { Lang } from '../i18n';
import { STATUS_WORDS } from '../../output/status-words';
import { buildSeries, type BodySeries, type PairState } from '../../batch/series';
import type { YearRecord } from '../../model/history';
import { DEFAULT_MAX_PAGES } from '../../discover/crawl';
import { keptInput } from '../kept-input';

/** The batch page's fields whose text is kept as it is typed (the host keeps them: store/drafts.ts). */
export type BatchDraft = 'batch-urls' | 'batch-text' | 'batch-hosts';

/** How a batch runs: at once, timeout, and how far a listing URL among the inputs is followed. */
export interface RunOptions {
  concurrency: number;
  timeoutMs: number;
  /** a listing's pages read at most, the first included */
  maxPages: number;
  /** other sites a listing's reports may be on (the listing's own is always allowed) */
  allowHosts: string[];
}

/** What the page needs from its host (the extension page wires browser APIs in). */
export interface BatchHost {
  load(): Promise<BatchItem[]>;
  save(items: BatchItem[]): Promise<void>;
  /** ask for host access to non-gov.cn origins, from the click (a user gesture) */
  requestOrigins(urls: string[]): Promise<boolean>;
  /**
   * Check the targets; a listing URL among them stands for the reports it links (its pages followed,
   * same site unless allowed): `onNote` gets one line per listing, saying what it gave. The reports
   * come back compared along each body's series.
   */
  run(targets: { url?: string; file?: File; text?: string }[], opts: RunOptions, onUpdate: (items: BatchItem[]) => void, onNote?: (text: string) => void, signal?: AbortSignal): Promise<BatchItem[]>;
  /**
   * Go on with a batch that was stopped or cut off (the tab closed): its pending items (and one cut
   * off mid-check) are checked, the rest kept as they are.
   */
  resume(items: BatchItem[], opts: RunOptions, onUpdate: (items: BatchItem[]) => void, onNote?: (text: string) => void, signal?: AbortSignal): Promise<BatchItem[]>;
  download(name: string, data: string | Uint8Array, type: string): void;
  csv(items: BatchItem[]): string;
  /** the Excel workbook (概览, 发现, 系列, 数据, 统计); its writer is loaded on the first call */
  xlsx(items: BatchItem[]): Promise<Uint8Array>;
  /** the records kept from earlier checks (the extension's history): last year where a batch lacks it */
  history(): Promise<readonly YearRecord[]>;
  /** what was typed in a field before the page last closed ('' for nothing) */
  loadDraft(field: BatchDraft): Promise<string>;
  /** keep what is typed in a field, as it is typed: a closed tab loses none of it */
  keepDraft(field: BatchDraft, value: string): void;
}

const STATUS = STATUS_WORDS;

const W = {
  zh: {
    title: '批量检查年报',
    intro: '粘贴年报网址（每行一个；年报栏目的列表页网址也可以，会逐页找出其中的每份年报），或选择、拖入 Word（.docx）、PDF、网页、文本文件，或粘贴年报文字。gov.cn 以外的网站会先请求访问权限。',
    allowHosts: '列表页可链接的其他网站',
    allowHostsHint: '如 www.example.gov.cn，多个用空格分隔；默认只查列表页所在网站',
    maxPages: '列表页最多翻页',
    series: '系列核对',
    seriesCols: ['机关', '年度', '逐年衔接'],
    seriesSound: '逐年衔接无问题',
    pair: { first: '首年', gap: '上年缺失，未比', unread: '上年未读出', consistent: '与上年衔接', inconsistent: '与上年不衔接' } as Record<PairState, string>,
    missing: '缺',
    keptYear: (year: number) => `${year}（已存记录）`,
    keptTitle: (year: number, source: string) => `${year}年度：本批未含，与此前检查时存下的记录比较${source ? `（${source}）` : ''}`,
    keptNote: '每次检查的结果都记入本机的历年记录（选项页可查看、导出、清除）；本批缺少某机关上一年度的报告时，用已存的记录核对上年结转和现行有效件数。',
    pasteTitle: '粘贴年报文字（从 Word 或 PDF 复制）',
    pastePlaceholder: '一、总体情况……',
    urls: '网址列表',
    files: '选择文件',
    concurrency: '同时检查',
    timeout: '超时（秒）',
    start: '开始检查',
    stop: '停止',
    stopping: '正在停止（检查中的几项做完即停）……',
    resume: (n: number) => `继续检查未完成的 ${n} 项`,
    clear: '清空结果',
    exportCsv: '导出 CSV',
    exportXlsx: '导出 Excel',
    exporting: '正在生成 Excel……',
    xlsxFailed: '生成 Excel 失败：',
    saveFailed: '本批结果未能存入浏览器（关闭本页后将不再显示），请先导出 Excel 或 JSON。原因：',
    exportJson: '导出 JSON',
    filter: '筛选',
    all: '全部',
    search: '搜索机关或网址',
    cols: ['#', '网址 / 文件', '机关', '年度', '状态', '错误', '警告', '说明'],
    none: '尚无结果。',
    denied: '未获得访问这些网站的权限，已跳过：',
  },
  en: {
    title: 'Check many reports',
    intro: 'Paste report URLs (one per line; a 年报 column\'s listing URL too: every report it lists is found, page by page), choose or drop Word (.docx), PDF, web page or text files, or paste a report\'s text. Sites outside gov.cn are asked for access first.',
    allowHosts: 'Other sites a listing may link',
    allowHostsHint: 'e.g. www.example.gov.cn, separated by spaces; by default only the listing\'s own site',
    maxPages: 'Listing pages at most',
    series: 'Series',
    seriesCols: ['Body', 'Years', 'Year to year'],
    seriesSound: 'every year follows on',
    pair: { first: 'first year', gap: 'year before missing', unread: 'year before not read', consistent: 'follows on', inconsistent: 'does not follow on' } as Record<PairState, string>,
    missing: 'missing',
    keptYear: (year: number) => `${year} (kept record)`,
    keptTitle: (year: number, source: string) => `${year}: not in this batch; compared with the record kept from an earlier check${source ? ` (${source})` : ''}`,
    keptNote: 'Every check is kept in this browser\'s history (see, export or clear it on the options page); where a batch lacks a body\'s year before, the kept record is used to check carry-over and documents in force.',
    pasteTitle: 'Paste a report\'s text (copied from Word or PDF)',
    pastePlaceholder: '一、总体情况……',
    urls: 'URLs',
    files: 'Choose files',
    concurrency: 'At once',
    timeout: 'Timeout (s)',
    start: 'Start',
    stop: 'Stop',
    stopping: 'Stopping (the reports being checked finish first)…',
    resume: (n: number) => `Go on with the ${n} not yet checked`,
    clear: 'Clear results',
    exportCsv: 'Export CSV',
    exportXlsx: 'Export Excel',
    exporting: 'Building the workbook…',
    xlsxFailed: 'Could not build the workbook: ',
    saveFailed: 'This batch\'s results could not be kept in the browser (they will be gone once this page is closed): export Excel or JSON first. Reason: ',
    exportJson: 'Export JSON',
    filter: 'Filter',
    all: 'All',
    search: 'Search body or URL',
    cols: ['#', 'URL / file', 'Body', 'Year', 'Status', 'Errors', 'Warnings', 'Note'],
    none: 'No results yet.',
    denied: 'No access to these sites; skipped:',
  },
};

/** The other sites a listing may link, as typed: host names (a scheme or a path typed with one is dropped). */
function hostsOf(typed: string): string[] {
  return typed
    .split(/[\s,，、;；]+/)
    .map((h) => h.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, ''))
    .filter((h) => /^[a-z0-9.-]+(:\d+)?$/.test(h));
}

/** While a batch runs, what is done is kept this often (ms): a closed tab or a crash loses at most this much. */
const SAVE_EVERY_MS = 5_000;

type SortKey = 'index' | 'target' | 'body' | 'year' | 'status' | 'errors' | 'warnings';

export function Batch(props: { lang: Lang; host: BatchHost; /** URLs to check at once (the sidebar's attachments) */ initialUrls?: string[] }) {
  const { lang, host } = props;
  const w = W[lang];
  const [text, setText] = useState((props.initialUrls ?? []).join('\n'));
  const [pasted, setPasted] = useState('');
  const [dragging, setDragging] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const [items, setItems] = useState<BatchItem[]>([]);
  const [running, setRunning] = useState(false);
  const [concurrency, setConcurrency] = useState(4);
  const [timeout, setTimeoutS] = useState(30);
  const [filter, setFilter] = useState<BatchStatus | 'all'>('all');
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'index', desc: false });
  const [open, setOpen] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const [listingNotes, setListingNotes] = useState<string[]>([]);
  const [allowHosts, setAllowHosts] = useState('');
  const [maxPages, setMaxPages] = useState(DEFAULT_MAX_PAGES);
  const [exporting, setExporting] = useState(false);
  const [stopping, setStopping] = useState(false);
  const stopRef = useRef<AbortController | null>(null);
  // records kept from earlier checks: last year where the batch lacks it (read again after each run, which adds its own)
  const [kept, setKept] = useState<readonly YearRecord[]>([]);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (props.initialUrls && props.initialUrls.length > 0) void start();
    // a batch cut off (the tab closed mid-run) comes back with what it had done; what was mid-check is pending again
    else void host.load().then((stored) => setItems(stored.map((i) => (i.status === 'running' ? { ...i, status: 'pending' } : i))));
    // the drafts typed before the page last closed (never over what is typed meanwhile, nor the sidebar's URLs)
    const back = (field: BatchDraft, set: (f: (now: string) => string) => void): void =>
      void host.loadDraft(field).then((kept) => kept && set((now) => (now === '' ? kept : now)));
    if (!props.initialUrls || props.initialUrls.length === 0) back('batch-urls', setText);
    back('batch-text', setPasted);
    back('batch-hosts', setAllowHosts);
  }, []);
  useEffect(() => {
    if (!running) void host.history().then(setKept, () => setKept([]));
  }, [running]);

  const done = items.filter((i) => i.status !== 'pending' && i.status !== 'running').length;
  const pendingCount = items.filter((i) => i.status === 'pending' || i.status === 'running').length;
  const pct = items.length === 0 ? 0 : Math.round((done / items.length) * 100);

  const start = async (): Promise<void> => {
    const urls = parseUrlList(text);
    const hosts = hostsOf(allowHosts);
    // the other sites a listing may link are asked for with the inputs' (from the click: one user gesture)
    const allowed = await host.requestOrigins([...urls, ...hosts.flatMap((h) => [`http://${h}/`, `https://${h}/`])]);
    const skipped = allowed ? [] : urls.filter((u) => !/^https?:\/\/([^/]+\.)?gov\.cn(:\d+)?\//i.test(u));
    setNote(skipped.length ? `${w.denied} ${skipped.join(' ')}` : '');
    const targets = [
      ...urls.filter((u) => !skipped.includes(u)).map((url) => ({ url })),
      ...files.map((file) => ({ file })),
      ...(pasted.trim() ? [{ text: pasted }] : []),
    ];
    if (targets.length === 0) return;
    setListingNotes([]);
    await go((opts, onUpdate, onNote, signal) => host.run(targets, { ...opts, allowHosts: allowed ? hosts : [] }, onUpdate, onNote, signal));
  };

  /** Go on with what a stopped or cut-off batch left pending. */
  const resume = async (): Promise<void> => {
    const hosts = hostsOf(allowHosts);
    await go((opts, onUpdate, onNote, signal) => host.resume(items, { ...opts, allowHosts: hosts }, onUpdate, onNote, signal));
  };

  /**
   * One run: the stop button's signal; what is done kept every SAVE_EVERY_MS while it runs (a tab
   * closed or a browser crash mid-run loses at most that much), and once more at the end.
   */
  const go = async (
    run: (opts: RunOptions, onUpdate: (items: BatchItem[]) => void, onNote: (text: string) => void, signal: AbortSignal) => Promise<BatchItem[]>,
  ): Promise<void> => {
    const stopper = new AbortController();
    stopRef.current = stopper;
    setRunning(true);
    setStopping(false);
    setOpen(null);
    let latest: BatchItem[] | null = null;
    let saving = false;
    const keepNow = (): void => {
      if (!latest || saving) return;
      const list = latest;
      latest = null;
      saving = true;
      void host.save(list).catch(() => undefined).finally(() => (saving = false));
    };
    const timer = setInterval(keepNow, SAVE_EVERY_MS);
    try {
      const final = await run(
        { concurrency, timeoutMs: timeout * 1000, maxPages, allowHosts: [] },
        (list) => {
          latest = list;
          setItems(list);
        },
        (line) => setListingNotes((before) => [...before, line]),
        stopper.signal,
      );
      setItems(final);
      // results on screen stay whatever happens to the copy kept for later: a failed save is said, with what to do
      await host.save(final).catch((e: unknown) => setNote(w.saveFailed + String(e).slice(0, 200)));
    } finally {
      clearInterval(timer);
      stopRef.current = null;
      setRunning(false);
      setStopping(false);
    }
  };

  const rows = useMemo(() => {
    const q = query.trim();
    const withIndex = items.map((item, index) => ({ item, index }));
    const kept = withIndex.filter(({ item }) => (filter === 'all' || item.status === filter) && (q === '' || item.target.includes(q) || (item.result?.report.body ?? '').includes(q)));
    const val = (r: { item: BatchItem; index: number }): string | number => {
      const rep = r.item.result;
      switch (sort.key) {
        case 'index':
          return r.index;
        case 'target':
          return r.item.target;
        case 'body':
          return rep?.report.body ?? '';
        case 'year':
          return rep?.report.year ?? 0;
        case 'status':
          return r.item.status;
        case 'errors':
          return rep?.summary.errors ?? -1;
        case 'warnings':
          return rep?.summary.warnings ?? -1;
      }
    };
    return kept.sort((a, b) => {
      const x = val(a);
      const y = val(b);
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'zh');
      return sort.desc ? -c : c;
    });
  }, [items, filter, query, sort]);

  const keys: SortKey[] = ['index', 'target', 'body', 'year', 'status', 'errors', 'warnings'];
  // each body's reports year after year, once the batch is done (the series of a stored batch too)
  // (a body whose only year was compared with a kept record is shown too)
  const series = useMemo(
    () =>
      running
        ? []
        : buildSeries(
            items.map((i) => ({ source: i.target, result: i.result })),
            { earlier: kept },
          ).series.filter((s) => s.years.length > 1 || s.notes.length > 0 || s.years.some((y) => y.reports.some((r) => r.keptFrom !== undefined))),
    [items, running, kept],
  );

  return (
    <main
      class={`batch ${dragging ? 'dragging' : ''}`}
      lang={lang === 'zh' ? 'zh-CN' : 'en'}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        const dropped = Array.from(e.dataTransfer?.files ?? []);
        if (dropped.length > 0) setFiles([...files, ...dropped]);
      }}
    >
      <h1>{w.title}</h1>
      <p class="muted">{w.intro}</p>
      <label class="block">
        {w.urls}
        <textarea
          rows={6}
          value={text}
          onInput={keptInput(setText, (v) => host.keepDraft('batch-urls', v))}
          placeholder="http://www.example.gov.cn/…"
        />
      </label>
      <details class="paste" open={pasted !== ''}>
        <summary>{w.pasteTitle}</summary>
        <textarea
          rows={5}
          value={pasted}
          onInput={keptInput(setPasted, (v) => host.keepDraft('batch-text', v))}
          placeholder={w.pastePlaceholder}
        />
      </details>
      {files.length > 0 && <p class="muted files">{files.map((f) => f.name).join('、')}</p>}
      <div class="controls">
        <label>
          {w.files}{' '}
          <input ref={fileInput} type="file" multiple accept=".html,.htm,.txt,.docx,.pdf,.doc,.wps" onChange={(e) => setFiles(Array.from((e.currentTarget as HTMLInputElement).files ?? []))} />
        </label>
        <label>
          {w.concurrency} <input type="number" min={1} max={16} value={concurrency} onInput={(e) => setConcurrency(Number((e.currentTarget as HTMLInputElement).value) || 4)} />
        </label>
        <label>
          {w.maxPages} <input class="max-pages" type="number" min={1} max={500} value={maxPages} onInput={(e) => setMaxPages(Math.min(500, Math.max(1, Number((e.currentTarget as HTMLInputElement).value) || DEFAULT_MAX_PAGES)))} />
        </label>
        <label>
          {w.timeout} <input type="number" min={1} max={300} step="any" value={timeout} onInput={(e) => setTimeoutS(Number((e.currentTarget as HTMLInputElement).value) || 30)} />
        </label>
        <button class="primary" disabled={running} onClick={() => void start()}>
          {w.start}
        </button>
        {running && (
          <button
            class="stop"
            disabled={stopping}
            onClick={() => {
              setStopping(true);
              stopRef.current?.abort();
            }}
          >
            {stopping ? w.stopping : w.stop}
          </button>
        )}
        {!running && pendingCount > 0 && (
          <button class="resume" onClick={() => void resume()}>
            {w.resume(pendingCount)}
          </button>
        )}
        <button disabled={running || items.length === 0} onClick={() => host.download(`年报批量检查-${stamp()}.csv`, host.csv(items), 'text/csv;charset=utf-8')}>
          {w.exportCsv}
        </button>
        <button
          class="export-xlsx"
          disabled={running || exporting || items.length === 0}
          aria-busy={exporting}
          onClick={() => {
            setExporting(true);
            host
              .xlsx(items)
              .then((bytes) => host.download(`年报批量检查-${stamp()}.xlsx`, bytes, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'))
              .catch((e: unknown) => setNote(w.xlsxFailed + String(e).slice(0, 200)))
              .finally(() => setExporting(false));
          }}
        >
          {exporting ? w.exporting : w.exportXlsx}
        </button>
        <button disabled={running || items.length === 0} onClick={() => host.download(`年报批量检查-${stamp()}.json`, JSON.stringify(items.map((i) => i.result ?? { target: i.target, status: i.status, reason: i.reason }), null, 2), 'application/json')}>
          {w.exportJson}
        </button>
        <button
          disabled={running}
          onClick={() => {
            setItems([]);
            void host.save([]);
          }}
        >
          {w.clear}
        </button>
      </div>
      <label class="block allow-hosts">
        {w.allowHosts}
        <input
          type="text"
          value={allowHosts}
          placeholder={w.allowHostsHint}
          onInput={keptInput(setAllowHosts, (v) => host.keepDraft('batch-hosts', v))}
        />
      </label>
      {note && <p class="note">{note}</p>}
      {listingNotes.length > 0 && (
        <ul class="listing-notes muted">
          {listingNotes.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      )}
      <div class="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
        <div class="bar" style={{ width: `${pct}%` }} />
        <span class="label">
          {done} / {items.length}（{pct}%）
        </span>
      </div>
      <div class="controls">
        <label>
          {w.filter}{' '}
          <select value={filter} onChange={(e) => setFilter((e.currentTarget as HTMLSelectElement).value as BatchStatus | 'all')}>
            <option value="all">{w.all}</option>
            {(Object.keys(STATUS[lang]) as BatchStatus[]).map((s) => (
              <option key={s} value={s}>
                {STATUS[lang][s]}（{items.filter((i) => i.status === s).length}）
              </option>
            ))}
          </select>
        </label>
        <input type="search" placeholder={w.search} value={query} onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)} />
      </div>
      {series.length > 0 && <SeriesTable series={series} lang={lang} />}
      {items.length === 0 ? (
        <p class="muted">{w.none}</p>
      ) : (
        <table class="results">
          <thead>
            <tr>
              {w.cols.map((c, k) => {
                const key = keys[k];
                return (
                  <th key={c} onClick={() => key && setSort({ key, desc: sort.key === key ? !sort.desc : false })} class={key ? 'sortable' : ''}>
                    {c}
                    {key && sort.key === key ? (sort.desc ? ' ▼' : ' ▲') : ''}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ item, index }) => (
              <>
                <tr key={index} class={`row ${item.status}`} data-status={item.status} onClick={() => setOpen(open === index ? null : index)}>
                  <td>{index + 1}</td>
                  <td class="target">{item.target}</td>
                  <td>{item.result?.report.body ?? ''}</td>
                  <td>{item.result?.report.year ?? ''}</td>
                  <td class="status">{STATUS[lang][item.status]}</td>
                  <td>{item.result?.summary.errors ?? ''}</td>
                  <td>{item.result?.summary.warnings ?? ''}</td>
                  <td class="reason">{item.reason?.[lang] ?? ''}</td>
                </tr>
                {open === index && item.result && (
                  <tr class="detail" key={`d${index}`}>
                    <td colSpan={8}>
                      {item.result.findings.length === 0 ? (
                        <p>✓</p>
                      ) : (
                        <ul>
                          {item.result.findings.map((f) => (
                            <li key={f.id} class={f.severity}>
                              {f.message[lang]} <small class="muted rule">{f.rule}</small>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                )}
              </>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}

/** Each body's years in a row — a missing year marked, a year that does not follow on red — and the series' notes. */
function SeriesTable(props: { series: BodySeries[]; lang: Lang }) {
  const w = W[props.lang];
  return (
    <section class="series">
      <h2>
        {w.series}（{props.series.length}）
      </h2>
      {props.series.some((s) => s.years.some((y) => y.reports.some((r) => r.keptFrom !== undefined))) && <p class="muted kept-note">{w.keptNote}</p>}
      <table class="series-table">
        <thead>
          <tr>
            {w.seriesCols.map((c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.series.map((s) => (
            <tr key={s.key} class={s.notes.some((n) => n.severity === 'warning') ? 'series-row warn' : 'series-row'}>
              <td>
                {s.key}
                {s.names.length > 0 && <div class="muted names">{s.names.join(' / ')}</div>}
              </td>
              <td class="years">
                {s.years[0]?.reports.find((r) => r.keptFrom !== undefined) && (
                  <span class="year kept" title={w.keptTitle(s.from - 1, s.years[0]?.reports.find((r) => r.keptFrom !== undefined)?.keptFrom ?? '')}>
                    {w.keptYear(s.from - 1)}
                  </span>
                )}
                {s.years.map((y) => {
                  const state: PairState | 'missing' = y.reports.length === 0 ? 'missing' : y.reports.some((r) => r.pair === 'inconsistent') ? 'inconsistent' : (y.reports[0]?.pair ?? 'first');
                  const keptFrom = y.reports.find((r) => r.keptFrom !== undefined)?.keptFrom;
                  const label = (state === 'missing' ? w.missing : w.pair[state]) + (keptFrom !== undefined ? `；${w.keptTitle(y.year - 1, keptFrom)}` : '');
                  return (
                    <span key={y.year} class={`year ${state}`} title={`${y.year}：${label}`}>
                      {y.year}
                      {state === 'missing' ? `（${w.missing}）` : y.reports.length > 1 ? ` ×${y.reports.length}` : ''}
                    </span>
                  );
                })}
              </td>
              <td>
                {s.notes.length === 0 ? (
                  <span class="sound">{w.seriesSound}</span>
                ) : (
                  <ul>
                    {s.notes.map((n, k) => (
                      <li key={k} class={n.severity}>
                        {n.message[props.lang]}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function stamp(): string {
  return new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-');
}

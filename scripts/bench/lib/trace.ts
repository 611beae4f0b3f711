/** Chrome tracing of one load, and the split of our script time before and after the first mark (analyseTrace). */
import type { TestServer } from '../../../test/e2e/harness';
import { GOTO_TIMEOUT_MS, HOST, MARKS_TIMEOUT_MS, type PagePath, type Setup, TRACE_CATEGORIES, TRACE_END_TIMEOUT_MS } from './chromium';
import { BenchError, within } from './format';
import { MARK_PROBE, settle } from './page-load';

/** One Chrome trace event as Tracing.dataCollected gives it (times in µs). */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** thread time (CPU of this thread) of a complete event, when the trace has it */
  tdur?: number;
  tts?: number;
  args?: { data?: Record<string, unknown>; [key: string]: unknown };
}

/**
 * Script events on the renderer main thread, as Chromium 156 writes them (seen in traces of
 * /errors.html): EvaluateScript (a classic script compiled, v8.compile, and run, v8.run),
 * FunctionCall inside v8.callFunction (a callback called by Blink: listener, timer, rAF,
 * MutationObserver), the dispatchers TimerFire, FireAnimationFrame, FireIdleCallback,
 * EventDispatch, HandlePostMessage, XHR*, and RunMicrotasks (a microtask checkpoint: promise
 * jobs, which have no event of their own, plus MutationObserver callbacks, which do). GC
 * (MinorGC), lazy compiling and forced style/layout nested in them count with them.
 */
export const SCRIPT_EVENTS = new Set([
  'EvaluateScript',
  'FunctionCall',
  'TimerFire',
  'FireAnimationFrame',
  'FireIdleCallback',
  'EventDispatch',
  'HandlePostMessage',
  'XHRReadyStateChange',
  'XHRLoad',
  'v8.compile',
  'v8.compileModule',
  'v8.evaluateModule',
  'v8.run',
  'v8.callFunction',
  'V8.Execute',
  'RunMicrotasks',
]);
/**
 * What ScriptDuration adds up (its probes ExecuteScript and CallFunction, outermost only): the
 * run of a script, not its compile, and callbacks. Checked on every traced load (allScriptRun).
 */
export const SCRIPT_DURATION_EVENTS = new Set(['v8.run', 'v8.evaluateModule', 'FunctionCall']);
export const COMPILE_EVENTS = new Set(['v8.compile', 'v8.compileModule']);
/** Events that do not say whose they are but belong to what they call, when that is one owner. */
export const DISPATCH_EVENTS = new Set(['EvaluateScript', 'TimerFire', 'FireAnimationFrame', 'FireIdleCallback', 'EventDispatch', 'HandlePostMessage', 'XHRReadyStateChange', 'XHRLoad', 'V8.Execute']);

export type Owner = 'ours' | 'other';

export interface ScriptNode {
  e: TraceEvent;
  start: number;
  end: number;
  children: ScriptNode[];
  /** an instant event with a JS stack from our files / from others in this node's own time */
  ourStack: boolean;
  otherStack: boolean;
}

/** One traced load, ms. before + after = total; run + compile + microtasks + rest = total. */
export interface TraceSplit {
  before: number;
  after: number;
  total: number;
  /** of `after`: from the first mark until the grc-panel TimeStamp */
  markToPanel: number;
  /** of `total`: inside our outermost v8.run / FunctionCall (what ScriptDuration counts) */
  run: number;
  /** of `total`: compiling our scripts (v8.compile; ScriptDuration leaves it out) */
  compile: number;
  /** of `total`: URL-less microtask checkpoints attributed to us (ScriptDuration leaves them out) */
  microtasks: number;
  /** of `total`: the rest (EvaluateScript and dispatch around run and compile) */
  rest: number;
  /** all worlds: Σ outermost v8.run / FunctionCall, against this load's own ScriptDuration */
  allScriptRun: number;
  /** script on the thread that says nothing and is not inferred to be ours (page promise jobs) */
  unattributed: number;
  /** `total` counted in thread time (as beforeCpu) */
  totalCpu: number;
  /** `before` counted in thread time: the stretches when the main thread was on a CPU (trace events' tdur / dur) */
  beforeCpu: number;
  /** `before` cut the same way as `total` (run, compile, microtasks, rest) */
  beforeBy: Record<'run' | 'compile' | 'microtasks' | 'rest', number>;
  /** `rest` by the name of the trace event whose own time it is (where the rest goes) */
  restBy: Record<string, number>;
  /** the TimeStamps, ms after navigationStart (NaN when missing) */
  markAt: number;
  panelAt: number;
}

export const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);

/**
 * Our extension's (`origin` = `chrome-extension://ID/`) script time on the main thread of the tab
 * that loaded `pageUrl`, split at the probe's TimeStamps. See the header comment for the rules.
 */
export function analyseTrace(events: readonly TraceEvent[], pageUrl: string, origin: string): TraceSplit {
  // the tab's renderer: the process the browser committed the navigation in
  let pid: number | undefined;
  for (const e of events) {
    const d = e.args?.data;
    if (e.name === 'FrameCommittedInBrowser' && d?.['url'] === pageUrl && d['isOutermostMainFrame'] !== false && typeof d['processId'] === 'number') {
      pid = d['processId'];
    }
  }
  pid ??= events.find((e) => e.name === 'CommitLoad' && e.args?.data?.['url'] === pageUrl && e.args.data['isOutermostMainFrame'] !== false)?.pid;
  if (pid === undefined) throw new BenchError(`trace: no commit of ${pageUrl} (FrameCommittedInBrowser or CommitLoad)`);
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === pid && e.args?.['name'] === 'CrRendererMain');
  if (mains.length !== 1) throw new BenchError(`trace: ${mains.length} CrRendererMain threads in renderer ${pid} of ${pageUrl}`);
  const tid = (mains[0] as TraceEvent).tid;
  const onMain = events.filter((e) => e.pid === pid && e.tid === tid);

  // our isolated worlds: those that compiled or ran a file of ours
  const worlds = new Set<number>();
  for (const e of onMain) {
    const w = e.args?.['worldId'];
    const file = str(e.args?.['fileName']) ?? str(e.args?.data?.['url']);
    if (typeof w === 'number' && w !== 0 && file?.startsWith(origin)) worlds.add(w);
  }
  if (worlds.size === 0) throw new BenchError(`trace: none of our scripts (${origin}) ran on the main thread of ${pageUrl}`);

  const stamp = (message: string): number => onMain.find((e) => e.name === 'TimeStamp' && e.args?.data?.['message'] === message)?.ts ?? Number.NaN;
  const markTs = stamp('grc-first-mark');
  const panelTs = stamp('grc-panel');
  const navStart = onMain.find((e) => e.name === 'navigationStart' && e.args?.data?.['documentLoaderURL'] === pageUrl)?.ts ?? Number.NaN;
  const navStartTs = (): number => navStart;

  // the nesting of script events (complete ones, and B/E pairs made complete); the task
  // (RunTask) each top-level one ran in
  const complete: TraceEvent[] = [];
  const begun: TraceEvent[] = [];
  for (const e of [...onMain].sort((a, b) => a.ts - b.ts)) {
    if (e.ph === 'X' && typeof e.dur === 'number') complete.push(e);
    else if (e.ph === 'B') begun.push(e);
    else if (e.ph === 'E') {
      const b = begun.pop();
      if (b) complete.push({ ...b, ph: 'X', dur: e.ts - b.ts, args: { ...b.args, ...e.args } });
    }
  }
  complete.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const roots: ScriptNode[] = [];
  const taskOf = new Map<ScriptNode, TraceEvent>();
  const extensionIpc: number[] = [];
  const open: ScriptNode[] = [];
  let task: TraceEvent | null = null;
  for (const e of complete) {
    const end = e.ts + (e.dur ?? 0);
    if (e.name === 'RunTask' && (task === null || e.ts >= task.ts + (task.dur ?? 0))) task = e;
    const tag = (e.args?.['chrome_mojo_event_info'] as { mojo_interface_tag?: unknown } | undefined)?.mojo_interface_tag;
    if ((e.name === 'Receive mojo message' || e.name === 'Receive mojo reply') && str(tag)?.startsWith('extensions.mojom.')) extensionIpc.push(e.ts);
    if (!SCRIPT_EVENTS.has(e.name)) continue;
    while (open.length > 0 && (open[open.length - 1] as ScriptNode).end <= e.ts) open.pop();
    const node: ScriptNode = { e, start: e.ts, end, children: [], ourStack: false, otherStack: false };
    const parent = open[open.length - 1];
    if (parent) parent.children.push(node);
    else {
      roots.push(node);
      if (task && e.ts < task.ts + (task.dur ?? 0)) taskOf.set(node, task);
    }
    open.push(node);
  }
  // instant events with a JS stack (TimerInstall, ScheduleStyleRecalculation, RequestAnimationFrame…)
  // tell whose code was running then, even inside a microtask checkpoint
  const innermost = (nodes: readonly ScriptNode[], ts: number): ScriptNode | null => {
    for (const n of nodes) if (n.start <= ts && ts < n.end) return innermost(n.children, ts) ?? n;
    return null;
  };
  for (const e of onMain) {
    if (e.ph !== 'I' && e.ph !== 'i' && e.ph !== 'n') continue;
    const stack = e.args?.data?.['stackTrace'];
    const top = Array.isArray(stack) ? str((stack[0] as { url?: unknown } | undefined)?.url) : undefined;
    const n = top ? innermost(roots, e.ts) : null;
    if (n && top?.startsWith(origin)) n.ourStack = true;
    else if (n) n.otherStack = true;
  }

  /** What an event says about itself: its world (v8.*) or its script's URL; null: nothing. */
  const says = (e: TraceEvent): Owner | null => {
    const w = e.args?.['worldId'];
    if (typeof w === 'number') return worlds.has(w) ? 'ours' : 'other';
    // v8.callFunction names its world only when it is an isolated one
    if (e.name === 'v8.callFunction') return 'other';
    const url = str(e.args?.data?.['url']) || str(e.args?.data?.['scriptName']) || str(e.args?.['fileName']);
    return url ? (url.startsWith(origin) ? 'ours' : 'other') : null;
  };

  type Bucket = 'run' | 'compile' | 'microtasks' | 'rest';
  /** cpu: the share of each stretch the thread was on the CPU (its event's tdur / dur) */
  const ours: { from: number; to: number; bucket: Bucket; name: string; cpu: number }[] = [];
  let allScriptRun = 0;
  let unattributed = 0;
  const resolved = new Map<ScriptNode, Owner | null>();
  const walk = (n: ScriptNode, inherited: Owner | null, inferred: boolean, top: boolean, inRun: boolean, inCompile: boolean): void => {
    let owner = says(n.e);
    let byInference = false;
    if (owner === null && n.ourStack !== n.otherStack) {
      owner = n.ourStack ? 'ours' : 'other';
      byInference = true;
    }
    if (owner === null && DISPATCH_EVENTS.has(n.e.name)) {
      const owners = new Set(n.children.map((c) => says(c.e)).filter((o): o is Owner => o !== null));
      if (owners.size === 1) owner = [...owners][0] as Owner;
    }
    if (owner === null && inherited !== null) {
      owner = inherited;
      byInference = inferred;
    }
    if (owner === null && top) {
      // a URL-less checkpoint in a task that began with an extension IPC message, or that ran
      // our script before it: promise jobs of ours
      const t = taskOf.get(n);
      if (t) {
        const end = t.ts + (t.dur ?? 0);
        const ipc = extensionIpc.some((ts) => ts >= t.ts && ts < n.start && ts < end);
        const afterOurs = roots.some((r) => r.end <= n.start && taskOf.get(r) === t && resolved.get(r) === 'ours');
        if (ipc || afterOurs) {
          owner = 'ours';
          byInference = true;
        }
      }
    }
    resolved.set(n, owner);
    const run = !inRun && SCRIPT_DURATION_EVENTS.has(n.e.name);
    if (run) allScriptRun += n.end - n.start;
    const compile = inCompile || COMPILE_EVENTS.has(n.e.name);
    // this node's own time: its span less its children's
    let at = n.start;
    const own = (from: number, to: number): void => {
      if (to <= from) return;
      const cpu = n.e.tdur !== undefined && n.e.dur ? Math.min(1, n.e.tdur / n.e.dur) : 1;
      if (owner === 'ours') ours.push({ from, to, bucket: inRun || run ? 'run' : compile ? 'compile' : byInference ? 'microtasks' : 'rest', name: n.e.name, cpu });
      else if (owner === null) unattributed += to - from;
    };
    for (const c of n.children) {
      own(at, c.start);
      at = Math.max(at, c.end);
    }
    own(at, n.end);
    for (const c of n.children) walk(c, owner, byInference, false, inRun || run, compile);
  };
  for (const r of roots) walk(r, null, false, true, false, false);
  if (process.env.BENCH_DUMP) {
    // BENCH_DUMP=1: our time before the first mark, per top-level event (for finding where it goes)
    const label = (e: TraceEvent): string => {
      const d = e.args?.data;
      const where = str(d?.['url']) ?? str(d?.['scriptName']) ?? str(e.args?.['fileName']) ?? str(d?.['functionName']) ?? '';
      return `${e.name} ${where.replace(/^.*\//, '')} ${str(d?.['functionName']) ?? ''}`.trim();
    };
    const lines: string[] = [];
    for (const r of roots) {
      if (r.start >= markTs) break;
      const mine = ours.filter((o) => o.from >= r.start && o.to <= r.end).reduce((t, o) => t + (o.to - o.from), 0) / 1000;
      if (mine < 0.05) continue;
      const tree = (n: ScriptNode, depth: number): string =>
        n.children
          .filter((c) => c.end - c.start >= 100)
          .map((c) => `${c.e.name}:${((c.end - c.start) / 1000).toFixed(2)}${depth > 0 && c.children.length ? `{${tree(c, depth - 1)}}` : ''}`)
          .slice(0, 8)
          .join(' ');
      const kids = tree(r, 3);
      lines.push(`    ${((r.start - navStartTs()) / 1000).toFixed(1).padStart(7)} ms  ${mine.toFixed(2).padStart(6)} (cpu ${r.e.tdur !== undefined ? (r.e.tdur / 1000).toFixed(2) : '?'})  ${label(r.e)}  [${kids}]`);
      // every trace event inside it (any kind), by name: where the time goes below the script events
      const inside = new Map<string, number>();
      for (const e of complete) {
        if (e === r.e || e.ts < r.start || e.ts + (e.dur ?? 0) > r.end || (e.dur ?? 0) < 20) continue;
        inside.set(e.name, (inside.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
      }
      const top = [...inside].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([k, v]) => `${k}:${v.toFixed(2)}`);
      lines.push(`        ${top.join('  ')}`);
    }
    console.log(`  before-mark events of ours:\n${lines.join('\n')}`);
  }

  const sum = (from: number, to: number, bucket?: Bucket): number =>
    ours.reduce((s, o) => s + (bucket && o.bucket !== bucket ? 0 : Math.max(0, Math.min(o.to, to) - Math.max(o.from, from))), 0) / 1000;
  const total = sum(-Infinity, Infinity);
  const before = Number.isFinite(markTs) ? sum(-Infinity, markTs) : Number.NaN;
  const totalCpu = ours.reduce((t, o) => t + (o.to - o.from) * o.cpu, 0) / 1000;
  const beforeCpu = Number.isFinite(markTs)
    ? ours.reduce((t, o) => t + Math.max(0, Math.min(o.to, markTs) - o.from) * o.cpu, 0) / 1000
    : Number.NaN;
  const upToMark = Number.isFinite(markTs) ? markTs : Number.NEGATIVE_INFINITY;
  const restBy: Record<string, number> = {};
  for (const o of ours) if (o.bucket === 'rest') restBy[o.name] = (restBy[o.name] ?? 0) + (o.to - o.from) / 1000;
  return {
    totalCpu,
    beforeCpu,
    beforeBy: {
      run: sum(-Infinity, upToMark, 'run'),
      compile: sum(-Infinity, upToMark, 'compile'),
      microtasks: sum(-Infinity, upToMark, 'microtasks'),
      rest: sum(-Infinity, upToMark, 'rest'),
    },
    restBy,
    before,
    after: total - before,
    total,
    markToPanel: Number.isFinite(markTs) && Number.isFinite(panelTs) ? sum(markTs, panelTs) : Number.NaN,
    run: sum(-Infinity, Infinity, 'run'),
    compile: sum(-Infinity, Infinity, 'compile'),
    microtasks: sum(-Infinity, Infinity, 'microtasks'),
    rest: sum(-Infinity, Infinity, 'rest'),
    allScriptRun: allScriptRun / 1000,
    unattributed: unattributed / 1000,
    markAt: (markTs - navStart) / 1000,
    panelAt: (panelTs - navStart) / 1000,
  };
}

export interface TracedLoad {
  split: TraceSplit;
  /** this load's own Performance.getMetrics ScriptDuration, all worlds */
  scriptMs: number;
  settled: boolean;
  dataLoss: boolean;
}

/**
 * One load of `path` with our extension and MARK_PROBE, traced from before navigation until the
 * probe's two TimeStamps came (as Performance.metrics events, so nothing polls the page) and
 * ScriptDuration settled.
 */
export async function traceOnce(setup: Setup, server: TestServer, path: PagePath, report = true): Promise<TracedLoad> {
  const origin = setup.origin;
  if (!origin) throw new BenchError(`tracing needs our extension's origin (setup ${setup.key})`);
  const page = await setup.context.newPage();
  const cdp = await setup.context.newCDPSession(page);
  let tracing = false;
  try {
    await page.addInitScript({ content: MARK_PROBE });
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e) => {
      for (const v of e.value as unknown as TraceEvent[]) events.push(v);
    });
    const complete = new Promise<{ dataLossOccurred: boolean }>((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    const stamps = new Set<string>();
    const bothStamps = new Promise<void>((resolve) => {
      cdp.on('Performance.metrics', (e) => {
        stamps.add(e.title);
        if (stamps.has('grc-first-mark') && stamps.has('grc-panel')) resolve();
      });
    });
    await cdp.send('Performance.enable');
    await cdp.send('Tracing.start', {
      traceConfig: { includedCategories: TRACE_CATEGORIES, recordMode: 'recordAsMuchAsPossible' },
      transferMode: 'ReportEvents',
    });
    tracing = true;
    const url = server.url(HOST, path);
    await page.goto(url, { waitUntil: 'load', timeout: GOTO_TIMEOUT_MS });
    if (report) await within(bothStamps, MARKS_TIMEOUT_MS);
    const { value, settled } = await settle(cdp);
    await cdp.send('Tracing.end');
    tracing = false;
    const done = await within(complete, TRACE_END_TIMEOUT_MS);
    if (!done) throw new BenchError(`trace: Tracing.tracingComplete did not come within ${TRACE_END_TIMEOUT_MS / 1000} s`);
    return { split: analyseTrace(events, url, origin), scriptMs: value, settled, dataLoss: done.dataLossOccurred };
  } finally {
    if (tracing) await cdp.send('Tracing.end').catch(() => undefined);
    await cdp.detach().catch(() => undefined);
    await page.close().catch(() => undefined);
  }
}


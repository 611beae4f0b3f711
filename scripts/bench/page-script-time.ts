/**
 * `npx tsx scripts/bench/page-script-time.ts`: what the extension's scripts cost a page in a real
 * browser (headless Chromium), untraced and traced. Sections 2 and 3 of the browser figures
 * (section 1, the content scripts' sizes, is scripts/bench/content-scripts.ts).
 *
 * 2. Main-thread script time (CDP Performance.getMetrics → ScriptDuration) of a large ordinary
 *    page (/big-news.html) and a report page with errors (/errors.html), each loaded 7 times on
 *    www.weihai.gov.cn in four setups: no extension; an extension whose one content script on
 *    *://*.gov.cn/* at document_idle is an empty file (the issue's "empty content script": Chrome
 *    does not even run an empty file, so it costs what no extension costs); the same with
 *    `void document.title;` (the real floor: an isolated world created and one DOM read); and
 *    ours (.output/chrome-mv3). A load counts once the `load` event fired and ScriptDuration has
 *    not changed for 500 ms (or 3 s have passed). ScriptDuration is what Blink's
 *    InspectorPerformanceAgent adds up: the outermost script runs (trace event v8.run inside
 *    EvaluateScript) and callbacks (FunctionCall), in all worlds of the page. Checked against
 *    traces (see 3): it leaves out compiling (v8.compile) and promise jobs run at microtask
 *    checkpoints (RunMicrotasks), so it undercounts script that compiles much or awaits much.
 *    The non-report page is also traced as in 3., ours and the no-op script in turn, once a round:
 *    traced, a content script's time includes compiling it and starting its isolated world, which
 *    the no-op script pays too, so the detector's extra is ours − no-op there as well.
 * 3. On the report page with our extension:
 *    - time from navigation start until the first [data-grc] mark and the sidebar's .panel exist
 *      (MARK_PROBE, a MutationObserver added with addInitScript; these loads are separate, since
 *      the observer is page script and would count in 2.);
 *    - our extension's main-thread script time before the first mark and after it, from Chrome
 *      tracing (CDP Tracing.start … Tracing.end, events via Tracing.dataCollected;
 *      TRACE_CATEGORIES) in 7 more loads of their own (tracing slows the page), one at the end of
 *      each round of 2. on the report page, so that drift in the machine's speed falls on both
 *      alike. MARK_PROBE calls console.timeStamp('grc-first-mark') when the first data-grc
 *      attribute appears and console.timeStamp('grc-panel') for the panel (TimeStamp trace events;
 *      with Performance enabled also Performance.metrics events, which end the wait without polling
 *      the page); the trace ends once both came and ScriptDuration settled as in 2.
 *      In the trace (analyseTrace): the tab's renderer is the process the navigation committed in
 *      (FrameCommittedInBrowser), its CrRendererMain thread the one measured. Script events there
 *      (SCRIPT_EVENTS: EvaluateScript, v8.compile, v8.run, FunctionCall, v8.callFunction,
 *      RunMicrotasks, TimerFire, FireAnimationFrame, EventDispatch, …; GC, lazy compiling and
 *      forced style/layout nested in them count with them) are ours when they say so: a
 *      chrome-extension://<our id>/ URL (detector.js, checker.js, content-scripts/sidebar.js) or our isolated
 *      world (the worldId that v8.compile / v8.run / v8.callFunction carry, learnt from the events
 *      that ran our files; the URL-less `func` of scripting.executeScript is known by it). A nested
 *      event that says otherwise is taken out: the probe's MutationObserver callback runs inside
 *      checkpoints we cause, as a main-world v8.callFunction (no worldId) + FunctionCall with no
 *      URL, and is the page's. Events that say nothing take the owner of the event around them. A
 *      top-level microtask checkpoint (RunMicrotasks) says nothing: promise jobs have no event of
 *      their own. It is ours when an instant event inside it (TimerInstall,
 *      ScheduleStyleRecalculation, RequestAnimationFrame, …) carries a JS stack from our files, or
 *      when its task began with an extensions.mojom IPC message (LocalFrameHost replies to storage
 *      / scripting calls, MessagePort for runtime.sendMessage: the reply that resolved an extension
 *      API promise, which only extension worlds receive) or ran our script before it. In real
 *      traces these checkpoints are the checker's code after each `await` of storage or messaging,
 *      ~15–20 ms; a one-off check with the V8 sampling profiler
 *      (disabled-by-default-v8.cpu_profiler) put ~97% of their samples in checker.js and found no
 *      sample of our files outside what is counted here. What says nothing and is not inferred ours
 *      is printed as "unattributed" (the page's own promise jobs, ~1 ms). Not counted: creating the
 *      isolated world (not script; any content script pays it), the background service worker
 *      (another process), style, layout and paint after our DOM changes (rendering, outside
 *      script). Our time is split at the grc-first-mark TimeStamp; the probe's observer records it
 *      at the microtask checkpoint after the first mark was set, so the rest of the work that set
 *      it counts before the mark (no frame shows the mark before that ends). The time before the
 *      mark is also given in thread time: each stretch weighted by its event's tdur / dur, the share
 *      of it the main thread spent on a CPU (on a 2-core machine other Chromium processes, the
 *      service worker among them, take the CPU in the middle of our script, and wall time counts
 *      that). Besides before / after
 *      / total, the total is cut into what ScriptDuration counts (inside our outermost v8.run or
 *      FunctionCall) and what it leaves out (compiling, the checkpoints, the rest), and set against
 *      ours − empty and ours − no-op of 2.; per traced load, Σ outermost v8.run + FunctionCall of
 *      all worlds is set against the same load's ScriptDuration, which checks what ScriptDuration
 *      counts.
 *
 * Figures for reading, never asserted. Run after `npx wxt build`; see ../shared/TOOLCHAIN.md,
 * "Browser tests". The build is copied to a temp dir first, so a rebuild during the run cannot mix
 * two builds. The setups are loaded in turn (one load each, rotating the order), so drift in the
 * machine's speed falls on all of them alike; everything runs in one fresh temp dir, removed at
 * the end. About a minute and a half. The pieces: lib/build.ts (the build and the floors),
 * lib/chromium.ts (the setups), lib/page-load.ts (one load), lib/trace.ts (tracing and its analysis).
 */
import { CHROMIUM, EXTENSION_DIR, startServer } from '../../test/e2e/harness';
import { snapshotBuild, sourcesNewerThan, writeFloorExtension } from './lib/build';
import { HOST, LOADS, PAGES, type PagePath, QUIET_MS, SETTLE_MAX_MS, SETUP_KEYS, SETUP_LABELS, type Setup, type SetupKey, TRACE_ONLY, chromiumVersion, launch } from './lib/chromium';
import { BenchError, median, ms, range, ratio, signed, table } from './lib/format';
import { type Load, type MarkTimes, loadOnce } from './lib/page-load';
import { type TraceSplit, type TracedLoad, traceOnce } from './lib/trace';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const AIM_PAGE_EXTRA_MS = 1;
const AIM_REPORT_MS = 10;

async function main(): Promise<void> {
  const t0 = Date.now();
  console.log('Browser benchmark: the extension in headless Chromium (figures for reading; nothing is asserted)\n');
  if (!existsSync(CHROMIUM)) throw new BenchError(`${CHROMIUM} is missing: apt-get update && apt-get install -y chromium`);
  const tmp = mkdtempSync(join(tmpdir(), 'gov-report-bench-'));
  try {
    await run(tmp, t0);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function run(tmp: string, t0: number): Promise<void> {
  const build = snapshotBuild(tmp);
  console.log(`Build: ${EXTENSION_DIR} of ${build.builtAt.toISOString()} (copied for this run)`);
  if (sourcesNewerThan(build.builtAt)) console.log('  note: some sources are newer than this build: the figures are for the build on disk (npx wxt build to refresh)');
  console.log('');

  const emptyDir = join(tmp, 'empty-extension');
  writeFloorExtension(emptyDir, 'empty');
  const noopDir = join(tmp, 'noop-extension');
  writeFloorExtension(noopDir, 'noop');
  const server = await startServer();
  const setups: Setup[] = [];
  try {
    setups.push(await launch('none', null, tmp));
    setups.push(await launch('empty', emptyDir, tmp));
    setups.push(await launch('noop', noopDir, tmp));
    setups.push(await launch('ours', build.dir, tmp));
    const by = (k: SetupKey): Setup => setups.find((s) => s.key === k) as Setup;
    console.log(`Chromium: ${await chromiumVersion(by('none').context)}`);
    console.log(`Pages on http://${HOST}:${server.port} (127.0.0.1); ${LOADS} loads per page and setup, fresh tab each; settled = load + ${QUIET_MS} ms without new script (≤ ${SETTLE_MAX_MS / 1000} s)\n`);

    // warm-up: one load per page and setup (not counted), also checks that the content scripts run
    const warnings: string[] = [];
    for (const p of PAGES) {
      for (const s of setups) {
        const w = await loadOnce(s, server, p.path, { watchWorlds: true });
        if (s.key !== 'none' && w.extensionWorlds.length === 0) {
          warnings.push(`warm-up ${p.path}, ${SETUP_LABELS[s.key]}: no extension content-script world seen (did the content script run?)`);
        }
        if (s.key === 'ours' && p.report && w.marks === 0) {
          warnings.push(`warm-up ${p.path}, ${SETUP_LABELS[s.key]}: no [data-grc] marks: the checker did not run`);
        }
      }
    }

    // 2. ScriptDuration, setups in turn with a rotating order; on the report page each round ends
    // with a traced load of ours for 3. (a load of its own, but in the same stretch of time, so
    // the cross-check between the two sees the same machine)
    const results = new Map<string, Load[]>();
    const traced: TracedLoad[] = [];
    /** the non-report page, traced the same way: the detector's time in wall and thread time */
    const tracedPlain: TracedLoad[] = [];
    /** the no-op content script on the same page, traced alike: the floor under the detector's traced time */
    const tracedNoop: TracedLoad[] = [];
    const keyOf = (p: PagePath, s: SetupKey): string => `${p} ${s}`;
    for (const p of PAGES) {
      for (let i = 0; i < LOADS; i++) {
        for (let j = 0; j < (TRACE_ONLY > 0 ? 0 : setups.length); j++) {
          const s = setups[(i + j) % setups.length] as Setup;
          const load = await loadOnce(s, server, p.path);
          const k = keyOf(p.path, s.key);
          results.set(k, [...(results.get(k) ?? []), load]);
        }
        if (p.report) traced.push(await traceOnce(by('ours'), server, p.path));
        else if (TRACE_ONLY === 0 || process.env.BENCH_PLAIN) {
          tracedPlain.push(await traceOnce(by('ours'), server, p.path, false));
          // the floor traced the same way: the no-op script is the only extension in its browser,
          // so any chrome-extension:// script is its own
          tracedNoop.push(await traceOnce({ ...by('noop'), origin: 'chrome-extension://' }, server, p.path, false));
        }
      }
    }

    // 3. time to marks, our extension only, with the probe
    const probed: Load[] = [];
    for (let i = 0; i < (TRACE_ONLY > 0 ? 0 : LOADS); i++) probed.push(await loadOnce(by('ours'), server, '/errors.html', { probe: true }));

    // ---- report
    const loadsOf = (p: PagePath, s: SetupKey): Load[] => results.get(keyOf(p, s)) ?? [];
    const med = (p: PagePath, s: SetupKey): number => median(loadsOf(p, s).map((l) => l.scriptMs));
    console.log(`2. Main-thread script time (ScriptDuration), median of ${LOADS} loads [min–max]\n`);
    console.log(
      table(
        ['page', ...SETUP_KEYS.map((k) => SETUP_LABELS[k])],
        PAGES.map((p) => [p.label, ...SETUP_KEYS.map((k) => `${ms(med(p.path, k))} [${range(loadsOf(p.path, k).map((l) => l.scriptMs))}]`)]),
      ),
    );
    console.log('');
    console.log(
      table(
        ['page', 'empty − none', 'no-op − none', 'ours − empty', 'ours − no-op', 'ours / empty', 'aim'],
        PAGES.map((p) => [
          p.label,
          signed(med(p.path, 'empty') - med(p.path, 'none')),
          signed(med(p.path, 'noop') - med(p.path, 'none')),
          signed(med(p.path, 'ours') - med(p.path, 'empty')),
          signed(med(p.path, 'ours') - med(p.path, 'noop')),
          ratio(med(p.path, 'ours'), med(p.path, 'empty')),
          p.report ? `≤ ${AIM_REPORT_MS} ms to marks (see 3)` : `≤ ${AIM_PAGE_EXTRA_MS} ms extra`,
        ]),
      ),
    );
    console.log('');
    console.log('  ours − empty / ours − no-op: what our content scripts add beyond a floor (differences of medians). Chrome');
    console.log('  does not run an empty file, so "empty" costs what no extension costs; the no-op one runs one statement.');
    console.log('  On /errors.html it is detector + checker + sidebar; on /big-news.html the detector alone.');
    console.log('  ScriptDuration counts script runs and callbacks, not compiling nor promise jobs (see the cross-check in 3).');
    if (tracedPlain.length > 0) {
      const wall = tracedPlain.map((t) => t.split.total);
      const cpu = tracedPlain.map((t) => t.split.totalCpu);
      const floorWall = tracedNoop.map((t) => t.split.total);
      const floorCpu = tracedNoop.map((t) => t.split.totalCpu);
      const extraWall = median(wall) - median(floorWall);
      const extraCpu = median(cpu) - median(floorCpu);
      console.log('');
      console.log(
        `  The detector on /big-news.html from Chrome tracing as in 3. (${tracedPlain.length} loads each of ours and of the no-op script, in turn; compiling included):`,
      );
      console.log(
        table(
          ['script on the non-report page', 'ours', 'min–max', 'no-op script', 'min–max', 'ours − no-op', 'aim'],
          [
            ['wall time', ms(median(wall)), range(wall), ms(median(floorWall)), range(floorWall), signed(extraWall), `≤ ${AIM_PAGE_EXTRA_MS} ms extra (${ratio(extraWall, AIM_PAGE_EXTRA_MS)} of aim)`],
            ['thread time (on a CPU)', ms(median(cpu)), range(cpu), ms(median(floorCpu)), range(floorCpu), signed(extraCpu), `≤ ${AIM_PAGE_EXTRA_MS} ms extra (${ratio(extraCpu, AIM_PAGE_EXTRA_MS)} of aim)`],
          ],
        ),
      );
      console.log('  Traced, a content script\'s time includes compiling it and the start of its isolated world, which');
      console.log('  ScriptDuration leaves out: the no-op script pays those too, so the extra is ours − no-op.');
    }
    for (const p of PAGES) {
      for (const s of setups) {
        const ls = loadsOf(p.path, s.key);
        const unsettled = ls.filter((l) => !l.settled).length;
        if (unsettled > 0) warnings.push(`${p.path}, ${SETUP_LABELS[s.key]}: ${unsettled} of ${ls.length} loads still running script after ${SETTLE_MAX_MS / 1000} s (figure taken then)`);
        if (s.key === 'ours' && p.report) {
          const unmarked = ls.filter((l) => l.marks === 0).length;
          if (unmarked > 0) warnings.push(`${p.path}, ${SETUP_LABELS[s.key]}: ${unmarked} of ${ls.length} loads had no marks when measured`);
        }
        if (!p.report && ls.some((l) => l.marks > 0)) warnings.push(`${p.path}, ${SETUP_LABELS[s.key]}: marks on the non-report page`);
      }
    }
    console.log('');

    console.log(`3. Report page /errors.html with our extension: time from navigation start, median of ${LOADS} loads [min–max]\n`);
    const times = probed.map((l) => l.times).filter((t): t is MarkTimes => t !== null);
    const col = (f: (t: MarkTimes) => number | null): number[] => times.map(f).filter((x): x is number => x !== null && Number.isFinite(x));
    const dcl = col((t) => t.dcl);
    const loadEnd = col((t) => t.load);
    const mark = col((t) => t.mark);
    const panel = col((t) => t.panel);
    const afterLoad = col((t) => (t.mark !== null && Number.isFinite(t.load) ? t.mark - t.load : null));
    const panelAfterMark = col((t) => (t.mark !== null && t.panel !== null ? t.panel - t.mark : null));
    console.log(
      table(
        ['moment', 'median', 'min–max', 'note'],
        [
          ['DOMContentLoaded end', ms(median(dcl), 1), range(dcl), 'the page itself'],
          ['load event end', ms(median(loadEnd), 1), range(loadEnd), 'document_idle is by here'],
          ['first [data-grc] mark', ms(median(mark), 1), range(mark), `${mark.length}/${LOADS} loads marked`],
          ['sidebar .panel', ms(median(panel), 1), range(panel), `${panel.length}/${LOADS} loads with a panel`],
          ['  mark − load end', ms(median(afterLoad), 1), range(afterLoad), 'detector → background → checker injected and run'],
          ['  panel − mark', ms(median(panelAfterMark), 1), range(panelAfterMark), 'storage read + sidebar render'],
        ],
      ),
    );
    console.log('');

    // our script time, traced
    const splits = traced.map((t) => t.split);
    const tcol = (f: (s: TraceSplit) => number): number[] => splits.map(f).filter((x) => Number.isFinite(x));
    const before = tcol((s) => s.before);
    const after = tcol((s) => s.after);
    const markToPanel = tcol((s) => s.markToPanel);
    const total = tcol((s) => s.total);
    const row = (label: string, xs: number[], aim: string): string[] => [label, ms(median(xs)), range(xs), aim];
    console.log(`   Our extension's main-thread script time, from Chrome tracing (${traced.length} loads of their own), median [min–max]\n`);
    console.log(
      table(
        ['our script time', 'median', 'min–max', 'aim'],
        [
          row('before first mark', before, `≤ ${AIM_REPORT_MS} ms (${ratio(median(before), AIM_REPORT_MS)} of aim)`),
          row('  of which the thread was on a CPU', tcol((s) => s.beforeCpu), 'thread time: less what other processes took'),
          row('  run (v8.run / FunctionCall)', tcol((s) => s.beforeBy.run), ''),
          row('  compile (v8.compile)', tcol((s) => s.beforeBy.compile), ''),
          row('  microtasks (promise jobs)', tcol((s) => s.beforeBy.microtasks), ''),
          row('  rest (EvaluateScript, dispatch)', tcol((s) => s.beforeBy.rest), ''),
          row('after first mark until settled', after, ''),
          row('  of which first mark → sidebar .panel', markToPanel, ''),
          row('total', total, ''),
        ],
      ),
    );
    console.log('');
    console.log(`  In the traced loads the first mark came at ${ms(median(tcol((s) => s.markAt)), 1)} and the panel at ${ms(median(tcol((s) => s.panelAt)), 1)}`);
    console.log('  after navigation start (medians; tracing slows the page, compare the table above). Counted: events on the');
    console.log("  tab's main thread with our chrome-extension:// URL or our isolated world, less the page's (the probe's) callbacks");
    console.log('  nested in them, plus URL-less microtask checkpoints inferred to be ours; see the header comment.\n');

    const run = tcol((s) => s.run);
    const emptyDiff = med('/errors.html', 'ours') - med('/errors.html', 'empty');
    const noopDiff = med('/errors.html', 'ours') - med('/errors.html', 'noop');
    const sameLoad = traced.map((t) => t.split.allScriptRun - t.scriptMs);
    console.log('   Cross-check with ScriptDuration (traced medians; ScriptDuration from the untraced loads of 2., taken in the same rounds)\n');
    console.log(
      table(
        ['figure', 'median', 'min–max', 'note'],
        [
          row('traced total, ours', total, '= run + compile + microtasks + rest'),
          row('  run: in our outermost v8.run / FunctionCall', run, 'what ScriptDuration counts'),
          row('  compile: our v8.compile', tcol((s) => s.compile), 'not in ScriptDuration'),
          row('  microtasks: URL-less checkpoints inferred ours', tcol((s) => s.microtasks), 'not in ScriptDuration (promise jobs)'),
          row('  rest: EvaluateScript / dispatch around them', tcol((s) => s.rest), 'not in ScriptDuration'),
          ...[...new Set(splits.flatMap((s) => Object.keys(s.restBy)))]
            .map((name) => ({ name, xs: splits.map((s) => s.restBy[name] ?? 0) }))
            .sort((a, b) => median(b.xs) - median(a.xs))
            .slice(0, 4)
            .map(({ name, xs }) => row(`    own time of ${name}`, xs, '')),
          ['ScriptDuration ours − empty (2.)', ms(emptyDiff), '', `traced run ${signed(median(run) - emptyDiff)}, traced total ${signed(median(total) - emptyDiff)}`],
          ['ScriptDuration ours − no-op (2.)', ms(noopDiff), '', `traced run ${signed(median(run) - noopDiff)}, traced total ${signed(median(total) - noopDiff)}`],
          [
            'same traced load: Σ run, all worlds − its ScriptDuration',
            signed(median(sameLoad)),
            range(sameLoad),
            `checks what ScriptDuration counts (its median ${ms(median(traced.map((t) => t.scriptMs)))})`,
          ],
          row('unattributed script on the main thread', tcol((s) => s.unattributed), "URL-less, not inferred ours: the page's own promise jobs"),
        ],
      ),
    );
    console.log('');
    console.log('  Traced run ≈ ScriptDuration ours − floor, up to the tracing overhead and the spread between loads (the two come');
    console.log('  from different loads; on a busy machine their medians drift apart by more than that). The same-load row is');
    console.log('  the exact check: there Σ run of all worlds equals that load\'s own ScriptDuration within ~0.3 ms when the');
    console.log('  machine is quiet. Traced total − ScriptDuration ours − floor ≈ compile + microtasks: what ScriptDuration misses.');
    console.log('');
    console.log(
      table(
        ['checker CPU on the report page', 'value', 'aim'],
        [
          ['traced: our script before first mark', ms(median(before)), `≤ ${AIM_REPORT_MS} ms (${ratio(median(before), AIM_REPORT_MS)} of aim)`],
          ['ScriptDuration ours − empty (detector + checker + sidebar)', ms(emptyDiff), `≤ ${AIM_REPORT_MS} ms (${ratio(emptyDiff, AIM_REPORT_MS)} of aim)`],
          ['ScriptDuration ours − no-op (detector + checker + sidebar)', ms(noopDiff), `≤ ${AIM_REPORT_MS} ms (${ratio(noopDiff, AIM_REPORT_MS)} of aim)`],
        ],
      ),
    );
    console.log('');
    const noMark = splits.filter((s) => !Number.isFinite(s.before)).length;
    if (noMark > 0) warnings.push(`traced loads: ${noMark} of ${traced.length} without a grc-first-mark TimeStamp (no split for them)`);
    const noPanel = splits.filter((s) => !Number.isFinite(s.markToPanel)).length;
    if (noPanel > 0) warnings.push(`traced loads: ${noPanel} of ${traced.length} without a grc-panel TimeStamp`);
    const lossy = traced.filter((t) => t.dataLoss).length;
    if (lossy > 0) warnings.push(`traced loads: ${lossy} of ${traced.length} lost trace data (buffer full): their figures are too low`);
    const unsettledTraces = traced.filter((t) => !t.settled).length;
    if (unsettledTraces > 0) warnings.push(`traced loads: ${unsettledTraces} of ${traced.length} still running script after ${SETTLE_MAX_MS / 1000} s (trace ended then)`);
    if (warnings.length) {
      console.log('Notes:');
      for (const w of warnings) console.log(`  - ${w}`);
      console.log('');
    }
    console.log(`Total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    for (const s of setups) await s.close();
    await server.close().catch(() => undefined);
  }
}

main().catch((err: unknown) => {
  if (err instanceof BenchError) console.error(`bench-browser: ${err.message}`);
  else console.error(err);
  process.exitCode = 1;
});

